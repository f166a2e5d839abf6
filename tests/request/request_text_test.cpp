// The request in words for staff (core/request_text.h).
#include <catch2/catch.hpp>

#include "core/request_text.h"
#include "request/request_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

std::string valueOf(const std::vector<RequestTextLine>& lines, const std::string& label) {
    for (const auto& l : lines)
        if (l.label == label) return l.value;
    return "<none>";
}

}  // namespace

TEST_CASE("request text: the fields in Chinese, time in Beijing time, verified in green", "[request]") {
    DecodedSlip d{typicalRequest("kiosk-a"), SlipVerification::Verified};
    d.request.createdAt = "2026-12-31T20:15:09Z";  // the next day in Beijing
    d.request.form = "paper";
    d.request.delivery = "post";
    auto lines = describeRequest(d, false);
    CHECK(valueOf(lines, "申请编号") == d.request.id);
    CHECK(valueOf(lines, "受理机关") == "县民政局（county-civil-affairs）");
    CHECK(valueOf(lines, "所需信息") == d.request.title);
    CHECK(valueOf(lines, "文号") == "民发〔2025〕12号");
    CHECK(valueOf(lines, "目录事项") == "cat-0042");
    CHECK(valueOf(lines, "获取形式") == "纸质");
    CHECK(valueOf(lines, "获取方式") == "邮寄");
    CHECK(valueOf(lines, "申请时间") == "2027-01-01 04:15:09（北京时间）");
    CHECK(valueOf(lines, "终端") == "kiosk-a");
    CHECK(valueOf(lines, "核验") == "已核验");
    CHECK(lines.back().emphasis == Emphasis::Good);
    CHECK(lines.front().label == "申请编号");  // no banner
}

TEST_CASE("request text: tampered, unknown kiosk and duplicate get banners first", "[request]") {
    DecodedSlip bad{typicalRequest("kiosk-a"), SlipVerification::BadSignature};
    auto lines = describeRequest(bad, true);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0].label.empty());
    CHECK(lines[0].emphasis == Emphasis::Alarm);
    CHECK(lines[0].value.find("！！！") != std::string::npos);
    CHECK(lines[0].value.find("签名无效") != std::string::npos);
    CHECK(lines[1].emphasis == Emphasis::Warning);
    CHECK(lines[1].value.find("重复扫描") != std::string::npos);
    DecodedSlip unknown{typicalRequest("kiosk-z"), SlipVerification::UnknownKiosk};
    auto en = describeRequest(unknown, false, TextLanguage::English);
    CHECK(en[0].value.find("UNREGISTERED KIOSK") != std::string::npos);
    CHECK(valueOf(en, "Verification") == "unregistered kiosk");
    CHECK(valueOf(en, "Form") == "electronic");
}

TEST_CASE("request text: control characters and bidi overrides from a slip cannot reach the terminal",
          "[request]") {
    DecodedSlip d{typicalRequest("kiosk-a"), SlipVerification::Verified};
    d.request.description =
        "a\x1b[2Jb\nc\xe2\x80\xae"
        "d";
    std::string text = renderRequestText(describeRequest(d, false));
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("\xe2\x80\xae") == std::string::npos);
    CHECK(text.find("a?[2Jb c?d") != std::string::npos);
}

TEST_CASE("request text: labels line up in the terminal rendering", "[request]") {
    DecodedSlip d{typicalRequest("kiosk-a"), SlipVerification::Verified};
    std::string text = renderRequestText(describeRequest(d, false));
    CHECK(text.find("文号      民发") !=
          std::string::npos);  // 2 CJK padded to the 4-CJK width, then 2 spaces
    CHECK(text.find("申请编号  01JDQ") != std::string::npos);
}
