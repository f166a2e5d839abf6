#include "core/request_json.h"

#include <array>
#include <string_view>
#include <utility>

namespace gongkai {

namespace {

using Member = std::string DisclosureRequest::*;

// The JSON name of every field, in body order.
const std::array<std::pair<std::string_view, Member>, 11> kFields = {{
    {"id", &DisclosureRequest::id},
    {"kiosk_id", &DisclosureRequest::kioskId},
    {"created_at", &DisclosureRequest::createdAt},
    {"agency_id", &DisclosureRequest::agencyId},
    {"agency_name", &DisclosureRequest::agencyName},
    {"title", &DisclosureRequest::title},
    {"doc_no", &DisclosureRequest::docNo},
    {"catalog_item_id", &DisclosureRequest::catalogItemId},
    {"description", &DisclosureRequest::description},
    {"form", &DisclosureRequest::form},
    {"delivery", &DisclosureRequest::delivery},
}};

Member memberNamed(const std::string& name) {
    for (const auto& [key, member] : kFields)
        if (key == name) return member;
    return nullptr;
}

}  // namespace

nlohmann::ordered_json requestToJson(const DisclosureRequest& request) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [key, member] : kFields) out[std::string(key)] = request.*member;
    return out;
}

Result<DisclosureRequest> requestFromJson(const nlohmann::json& json) {
    if (!json.is_object()) return Error{"a request must be a JSON object"};
    DisclosureRequest request;
    for (const auto& [name, value] : json.items()) {
        Member member = memberNamed(name);
        if (!member) return Error{"unknown field \"" + name + "\""};
        if (!value.is_string()) return Error{"field \"" + name + "\" must be a string"};
        request.*member = value.get<std::string>();
    }
    return request;
}

std::string uploadBody(const DisclosureRequest& request, const std::string& slipText,
                       UploadChannel channel) {
    nlohmann::ordered_json body = requestToJson(request);
    body["slip"] = slipText;
    body["channel"] = channel == UploadChannel::Kiosk ? "kiosk" : "counter";
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gongkai
