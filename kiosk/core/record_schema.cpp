// Field checks for the record types of RECORDS.md. A field the spec does not
// list is never checked (forward compatibility); a listed field with the
// wrong JSON type, a malformed date or a malformed body block is a bad line.
// A null value counts as absent.
#include <span>
#include <string_view>

#include "record.h"

namespace gongkai {

namespace {

enum class Kind { Text, TextList, Int, Bool, Date, Blocks, Attachments, Sha256Hex };

struct FieldSpec {
    std::string_view name;
    Kind kind;
    bool required = false;
};

using J = nlohmann::json;

std::string fieldError(std::string_view path, std::string_view expected, const J& got) {
    return "field \"" + std::string(path) + "\" must be " + std::string(expected) + ", got " +
           (got.is_string() ? "\"" + got.get<std::string>().substr(0, 40) + "\"" : got.type_name());
}

bool isDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

bool isHex64(const J& v) {
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Status checkTextList(std::string_view path, const J& v) {
    if (!v.is_array()) return Error{fieldError(path, "a list of strings", v)};
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!v[i].is_string())
            return Error{fieldError(std::string(path) + "[" + std::to_string(i) + "]", "a string", v[i])};
    return okStatus();
}

Status checkBlock(const std::string& path, const J& b) {
    if (!b.is_object()) return Error{fieldError(path, "an object (a body block)", b)};
    if (auto it = b.find("h"); it != b.end() && !it->is_string())
        return Error{fieldError(path + ".h", "a string", *it)};
    if (auto it = b.find("p"); it != b.end() && !it->is_string())
        return Error{fieldError(path + ".p", "a string", *it)};
    if (auto it = b.find("caption"); it != b.end() && !it->is_string())
        return Error{fieldError(path + ".caption", "a string", *it)};
    if (auto it = b.find("img"); it != b.end() && !isHex64(*it))
        return Error{fieldError(path + ".img", "a SHA-256 in 64 lowercase hex digits", *it)};
    if (auto it = b.find("table"); it != b.end()) {
        if (!it->is_array()) return Error{fieldError(path + ".table", "a list of rows", *it)};
        for (std::size_t r = 0; r < it->size(); ++r)
            if (auto s = checkTextList(path + ".table[" + std::to_string(r) + "]", (*it)[r]); !s)
                return s;
    }
    return okStatus();
}

Status checkAttachment(const std::string& path, const J& a) {
    if (!a.is_object()) return Error{fieldError(path, "an object {name, sha256, bytes, mime}", a)};
    if (auto it = a.find("name"); it == a.end() || !it->is_string())
        return Error{"field \"" + path + ".name\" must be a string"};
    if (auto it = a.find("sha256"); it == a.end() || !isHex64(*it))
        return Error{"field \"" + path + ".sha256\" must be a SHA-256 in 64 lowercase hex digits"};
    if (auto it = a.find("bytes"); it != a.end() && !it->is_number_unsigned())
        return Error{fieldError(path + ".bytes", "a non-negative integer", *it)};
    if (auto it = a.find("mime"); it != a.end() && !it->is_string())
        return Error{fieldError(path + ".mime", "a string", *it)};
    return okStatus();
}

Status checkList(std::string_view name, const J& v, Status (*each)(const std::string&, const J&)) {
    if (!v.is_array()) return Error{fieldError(name, "a list", v)};
    for (std::size_t i = 0; i < v.size(); ++i)
        if (auto s = each(std::string(name) + "[" + std::to_string(i) + "]", v[i]); !s) return s;
    return okStatus();
}

Status checkField(const FieldSpec& f, const J& v) {
    switch (f.kind) {
    case Kind::Text:
        if (!v.is_string()) return Error{fieldError(f.name, "a string", v)};
        if (f.required && v.get_ref<const std::string&>().empty())
            return Error{"field \"" + std::string(f.name) + "\" must not be empty"};
        return okStatus();
    case Kind::TextList: return checkTextList(f.name, v);
    case Kind::Int:
        if (!v.is_number_integer()) return Error{fieldError(f.name, "an integer", v)};
        return okStatus();
    case Kind::Bool:
        if (!v.is_boolean()) return Error{fieldError(f.name, "true or false", v)};
        return okStatus();
    case Kind::Date:
        if (!v.is_string() || !isDate(v.get<std::string>()))
            return Error{fieldError(f.name, "a date YYYY-MM-DD", v)};
        return okStatus();
    case Kind::Blocks: return checkList(f.name, v, checkBlock);
    case Kind::Attachments: return checkList(f.name, v, checkAttachment);
    case Kind::Sha256Hex:
        if (!isHex64(v)) return Error{fieldError(f.name, "a SHA-256 in 64 lowercase hex digits", v)};
        return okStatus();
    }
    return okStatus();
}

constexpr FieldSpec kDomain[] = {{"seq", Kind::Int, true}, {"name", Kind::Text, true},
                                 {"lead_units", Kind::TextList}, {"partner_units", Kind::TextList}};
constexpr FieldSpec kAgency[] = {{"name", Kind::Text, true}, {"kind", Kind::Text},
                                 {"address", Kind::Text}, {"phone", Kind::Text},
                                 {"hours", Kind::Text}, {"accepts_requests", Kind::Bool}};
constexpr FieldSpec kCatalogItem[] = {
    {"domain", Kind::Text, true}, {"level1", Kind::Text, true}, {"level2", Kind::Text},
    {"content", Kind::Text}, {"basis", Kind::Text}, {"time_limit", Kind::Text},
    {"subject", Kind::Text}, {"channels", Kind::TextList}, {"audience", Kind::Text},
    {"mode", Kind::Text}, {"tiers", Kind::TextList}};
constexpr FieldSpec kDocument[] = {
    {"title", Kind::Text, true}, {"index_no", Kind::Text}, {"doc_no", Kind::Text},
    {"issuer", Kind::Text}, {"topic", Kind::Text}, {"written_on", Kind::Date},
    {"published_on", Kind::Date}, {"validity", Kind::Text}, {"disclosure", Kind::Text},
    {"domain", Kind::Text}, {"kind", Kind::Text}, {"summary", Kind::Text},
    {"body", Kind::Blocks}, {"url", Kind::Text}, {"attachments", Kind::Attachments},
    {"interprets", Kind::TextList}, {"catalog_items", Kind::TextList}};
constexpr FieldSpec kServiceGuide[] = {
    {"name", Kind::Text, true}, {"agency", Kind::Text}, {"domain", Kind::Text},
    {"basis", Kind::Text}, {"conditions", Kind::TextList}, {"materials", Kind::TextList},
    {"steps", Kind::TextList}, {"time_limit", Kind::Text}, {"fee", Kind::Text},
    {"place", Kind::Text}, {"hours", Kind::Text}, {"phone", Kind::Text}, {"url", Kind::Text}};
constexpr FieldSpec kConsultation[] = {
    {"title", Kind::Text, true}, {"agency", Kind::Text}, {"body", Kind::Blocks},
    {"opens_on", Kind::Date}, {"closes_on", Kind::Date}, {"respond", Kind::Text},
    {"url", Kind::Text}};
constexpr FieldSpec kKiosk[] = {{"site", Kind::Text, true}, {"pubkey", Kind::Text, true}};
// Our addition (data/SCHEMA.md): who publishes the feed, and whether it is demo data.
constexpr FieldSpec kPortal[] = {{"name", Kind::Text, true}, {"county", Kind::Text},
                                 {"url", Kind::Text}, {"notice", Kind::Text},
                                 {"demo", Kind::Bool}};

std::span<const FieldSpec> specFor(std::string_view type) {
    if (type == "domain") return kDomain;
    if (type == "agency") return kAgency;
    if (type == "catalog_item") return kCatalogItem;
    if (type == "document") return kDocument;
    if (type == "service_guide") return kServiceGuide;
    if (type == "consultation") return kConsultation;
    if (type == "kiosk") return kKiosk;
    if (type == "portal") return kPortal;
    return {};
}

}  // namespace

Status validateKnownFields(const std::string& type, const nlohmann::json& object) {
    for (const auto& f : specFor(type)) {
        auto it = object.find(f.name);
        if (it == object.end() || it->is_null()) {
            if (f.required) return Error{"missing required field \"" + std::string(f.name) + "\""};
            continue;
        }
        if (auto s = checkField(f, *it); !s) return s;
    }
    if (type == "domain") {
        auto seq = object["seq"].get<std::int64_t>();
        if (seq < 1 || seq > 26)
            return Error{"field \"seq\" must be 1..26, got " + std::to_string(seq)};
    }
    return okStatus();
}

}  // namespace gongkai
