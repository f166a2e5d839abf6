#include "sync/outbox_fixture.h"

#include <catch2/catch.hpp>

#include <chrono>

#include "core/request_json.h"
#include "feed/manifest.h"

namespace gongkai::test {

DisclosureRequest TestKiosk::request(int n, std::int64_t createdAt) const {
    DisclosureRequest r;
    r.id = makeRequestId(std::chrono::system_clock::time_point(std::chrono::seconds(createdAt)));
    r.kioskId = id;
    r.createdAt = feed::formatUtc(createdAt);
    r.agencyId = "agency-civil-affairs";
    r.agencyName = "县民政局";
    r.title = "2026年城乡低保资金发放明细 第" + std::to_string(n) + "项";
    r.docNo = "清民〔2026〕" + std::to_string(n) + "号";
    r.description = "请提供本年度各乡镇低保资金的发放明细。";
    r.form = n % 2 ? "paper" : "electronic";
    r.delivery = n % 3 == 0 ? "email" : "counter";
    return r;
}

std::string TestKiosk::slip(const DisclosureRequest& request) const {
    auto text = encodeSlip(request, keys.secret.bytes);
    REQUIRE(text.ok());
    return text.value();
}

OutboxEntry TestKiosk::entry(const DisclosureRequest& request) const {
    OutboxEntry e;
    e.id = request.id;
    e.createdAt = request.createdAt;
    e.slip = slip(request);
    e.body = uploadBody(request, e.slip, UploadChannel::Kiosk);
    e.signature = keys.pub.id() + ":" + feed::signDetached(keys.secret, e.body);
    return e;
}

}  // namespace gongkai::test
