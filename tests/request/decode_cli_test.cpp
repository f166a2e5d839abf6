// `gongkai request decode` run as a real process, scanner lines on stdin:
// verification shown, tampering flagged loudly, exit status, scanner quirks
// (case, line endings), duplicates (also across runs with --seen), --json.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "core/request_json.h"
#include "request/request_fixture.h"
#include "support/fixtures.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const std::string kBase45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

// A mirror with kiosks a and b registered (through the real import path).
struct Setup {
    TempDir keys;
    TestKiosk a = makeTestKiosk(keys, "kiosk-a");
    TestKiosk b = makeTestKiosk(keys, "kiosk-b");
    TestKiosk c = makeTestKiosk(keys, "kiosk-c");
    SampleMirror mirror{kioskRecords({a, b})};
    std::string db() const { return mirror.dir.file("m.db"); }
};

std::string slipOf(const DisclosureRequest& r, const TestKiosk& signer) {
    auto s = encodeSlip(r, signer.secret);
    REQUIRE(s);
    return s.value();
}

std::vector<nlohmann::json> jsonLines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

DisclosureRequest withId(DisclosureRequest r, const std::string& id) {
    r.id = id;
    return r;
}

}  // namespace

TEST_CASE("request decode: a good slip is shown in Chinese, verified against the mirror, exit status 0",
          "[request][cli]") {
    Setup s;
    auto r = typicalRequest(s.a.id);
    auto res = runGongkai(s.keys, {"request", "decode", "--db", s.db()}, slipOf(r, s.a) + "\n");
    INFO(res.out << res.err);
    CHECK(res.exit.code == 0);
    for (const char* expected :
         {"申请编号", "01JDQ7V7Y3K9ZC4R6M2N8P5T0W", "受理机关", "县民政局", "所需信息", "民发〔2025〕12号",
          "描述", "获取形式", "电子", "获取方式", "窗口领取", "2026-11-28 17:30:00", "kiosk-a", "已核验"})
        CHECK(res.out.find(expected) != std::string::npos);
    CHECK(res.out.find("！！！") == std::string::npos);
}

TEST_CASE("request decode: every single changed character is caught, never shown as verified",
          "[request][cli]") {
    Setup s;
    auto r = typicalRequest(s.a.id);
    const std::string slip = slipOf(r, s.a);
    std::string input;
    std::size_t lines = 0;
    for (std::size_t pos = 4; pos < slip.size(); pos += 3) {
        std::string bad = slip;
        bad[pos] = kBase45[(kBase45.find(bad[pos]) + 1 + pos % 44) % 45];
        input += bad + "\n";
        ++lines;
    }
    auto res = runGongkai(s.keys, {"request", "decode", "--db", s.db(), "--json"}, input);
    CHECK(res.exit.code == 1);
    auto out = jsonLines(res.out);
    REQUIRE(out.size() == lines);
    std::size_t errors = 0, flagged = 0, unchanged = 0;
    for (const auto& j : out) {
        if (j.contains("error")) {
            CHECK_FALSE(j["error"].get<std::string>().empty());
            ++errors;
        } else if (j["verification"] != "verified") {
            ++flagged;
        } else {
            // Only possible when the change fell on deflate's unused padding
            // bits: the signed request is then exactly the original.
            nlohmann::json fields = j;
            for (const char* k : {"verification", "duplicate", "line"}) fields.erase(k);
            CHECK(requestFromJson(fields).value() == r);
            ++unchanged;
        }
    }
    CHECK(unchanged <= 1);
    CHECK(errors + flagged + unchanged == lines);
    std::printf("one changed character at %zu positions: %zu unreadable, %zu flagged, %zu harmless\n", lines,
                errors, flagged, unchanged);
}

TEST_CASE(
    "request decode: truncated, another kiosk's key and an unknown kiosk are flagged loudly, exit status 1",
    "[request][cli]") {
    Setup s;
    auto r = typicalRequest(s.a.id);
    const std::string good = slipOf(r, s.a);
    struct Case {
        const char* what;
        std::string line;
        const char* shown;
    };
    const std::vector<Case> cases = {
        {"truncated", good.substr(0, good.size() - 10), "第 1 行"},
        {"signed with kiosk b's key", slipOf(r, s.b), "签名无效——可能被篡改"},
        {"unknown kiosk", slipOf(typicalRequest(s.c.id), s.c), "未登记的终端"},
        {"not a slip", "HELLO WORLD", "not a GK1 slip"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto res = runGongkai(s.keys, {"request", "decode", "--db", s.db()}, c.line + "\n");
        INFO(res.out << res.err);
        CHECK(res.exit.code == 1);
        CHECK((res.out + res.err).find(c.shown) != std::string::npos);
        CHECK((res.out + res.err).find("！！！") != std::string::npos);
        CHECK(res.out.find("已核验") == std::string::npos);
    }
}

TEST_CASE("request decode: lower-cased scans and CRLF, CR or LF line endings still decode",
          "[request][cli]") {
    Setup s;
    std::string input;
    const char* endings[] = {"\r\n", "\r", "\n", "\r\n\r\n"};
    for (int i = 0; i < 4; ++i) {
        auto r = withId(typicalRequest(s.a.id), "01JDQ7V7Y3K9ZC4R6M2N8P5T0" + std::string(1, char('A' + i)));
        std::string slip = slipOf(r, s.a);
        if (i % 2 == 0)
            for (char& ch : slip) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        input += slip + endings[i];
    }
    auto res = runGongkai(s.keys, {"request", "decode", "--db", s.db(), "--json"}, input);
    INFO(res.out << res.err);
    CHECK(res.exit.code == 0);
    auto out = jsonLines(res.out);
    REQUIRE(out.size() == 4);
    for (const auto& j : out) CHECK(j["verification"] == "verified");
    CHECK(out[3]["line"] == 4);
}

TEST_CASE("request decode: a slip scanned twice is marked duplicate, also in a later run through --seen",
          "[request][cli]") {
    Setup s;
    const std::string seen = s.keys.file("seen.txt");
    const std::string one = slipOf(typicalRequest(s.a.id), s.a);
    const std::string two = slipOf(withId(typicalRequest(s.b.id), "01JDQ7V7Y3K9ZC4R6M2N8P5T1X"), s.b);
    auto first = runGongkai(s.keys, {"request", "decode", "--db", s.db(), "--json", "--seen", seen},
                            one + "\n" + one + "\n");
    INFO(first.out << first.err);
    CHECK(first.exit.code == 0);
    auto out = jsonLines(first.out);
    REQUIRE(out.size() == 2);
    CHECK(out[0]["duplicate"] == false);
    CHECK(out[1]["duplicate"] == true);
    auto later =
        runGongkai(s.keys, {"request", "decode", "--db", s.db(), "--seen", seen}, two + "\n" + one + "\n");
    INFO(later.out << later.err);
    CHECK(later.exit.code == 0);
    auto dup = later.out.find("重复扫描");
    REQUIRE(dup != std::string::npos);
    CHECK(later.out.find("01JDQ7V7Y3K9ZC4R6M2N8P5T0W", dup) !=
          std::string::npos);  // the repeat is the second
    CHECK(later.out.find("重复扫描", dup + 1) == std::string::npos);
    CHECK(readFile(seen) == "01JDQ7V7Y3K9ZC4R6M2N8P5T0W\n01JDQ7V7Y3K9ZC4R6M2N8P5T1X\n");
}

TEST_CASE("request decode: --json prints each request's fields with its verification", "[request][cli]") {
    Setup s;
    auto r = typicalRequest(s.a.id);
    auto res = runGongkai(s.keys, {"request", "decode", "--db", s.db(), "--json"},
                          slipOf(r, s.a) + "\nGK1:%%%\n" + slipOf(r, s.b) + "\n");
    INFO(res.out << res.err);
    CHECK(res.exit.code == 1);
    auto out = jsonLines(res.out);
    REQUIRE(out.size() == 3);
    CHECK(out[0]["id"] == r.id);
    CHECK(out[0]["kiosk_id"] == "kiosk-a");
    CHECK(out[0]["agency_name"] == "县民政局");
    CHECK(out[0]["description"] == r.description);
    CHECK(out[0]["form"] == "electronic");
    CHECK(out[0]["delivery"] == "counter");
    CHECK(out[0]["created_at"] == "2026-11-28T09:30:00Z");
    CHECK(out[0]["verification"] == "verified");
    CHECK(out[1]["line"] == 2);
    CHECK_FALSE(out[1]["error"].get<std::string>().empty());
    CHECK(out[2]["verification"] == "bad_signature");
    CHECK(res.err.find("第 2 行") != std::string::npos);
}

TEST_CASE("request decode: --trust key files verify without a mirror", "[request][cli]") {
    Setup s;
    auto r = typicalRequest(s.a.id);
    auto byName = runGongkai(s.keys, {"request", "decode", "--trust", s.a.pubPath}, slipOf(r, s.a) + "\n");
    INFO(byName.out << byName.err);
    CHECK(byName.exit.code == 0);
    CHECK(byName.out.find("已核验") != std::string::npos);
    auto explicitId =
        runGongkai(s.keys, {"request", "decode", "--english", "--trust", "kiosk-a=" + s.b.pubPath},
                   slipOf(r, s.a) + "\n");
    INFO(explicitId.out << explicitId.err);
    CHECK(explicitId.exit.code == 1);
    CHECK(explicitId.out.find("SIGNATURE INVALID") != std::string::npos);
    auto missing = runGongkai(s.keys, {"request", "decode", "--trust", s.keys.file("nope.pub")}, "");
    CHECK(missing.exit.code == 1);
    CHECK(missing.err.find("nope.pub") != std::string::npos);
}
