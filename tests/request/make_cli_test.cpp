// `gongkai request make` as a real process: the filled-in id and time, the
// PNG, and errors that name the field (and by how much a description is too long).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/request_json.h"
#include "request/request_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

ProcessResult make(const TempDir& dir, const TestKiosk& k, const std::string& json,
                   std::vector<std::string> extra = {}) {
    writeFile(dir.file("r.json"), json);
    std::vector<std::string> args = {"request",    "make", "--key",  k.keyPath,
                                     "--kiosk-id", k.id,   "--json", dir.file("r.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    return runGongkai(dir, args);
}

}  // namespace

TEST_CASE("request make: fills in the id and the time, prints a slip that verifies", "[request][cli]") {
    TempDir dir;
    TestKiosk k = makeTestKiosk(dir, "kiosk-a");
    auto r = typicalRequest(k.id);
    nlohmann::json j = nlohmann::json::parse(requestJsonText(r));
    j.erase("id");
    j.erase("created_at");
    j.erase("kiosk_id");
    auto res = make(dir, k, j.dump(), {"--now", "2026-11-28T10:00:00Z", "--png", dir.file("q.png")});
    INFO(res.err);
    REQUIRE(res.exit.code == 0);
    std::string text = res.out.substr(0, res.out.find('\n'));
    auto d = decodeSlip(text, lookupFor({k}));
    REQUIRE(d);
    CHECK(d->verification == SlipVerification::Verified);
    CHECK(d->request.createdAt == "2026-11-28T10:00:00Z");
    CHECK(d->request.id.size() == 26);
    CHECK(d->request.kioskId == "kiosk-a");
    CHECK(d->request.description == r.description);
    CHECK(res.err.find("QR version") != std::string::npos);
    CHECK(std::filesystem::file_size(dir.file("q.png")) > 100);
}

TEST_CASE("request make: errors name the field", "[request][cli]") {
    TempDir dir;
    TestKiosk k = makeTestKiosk(dir, "kiosk-a");
    auto base = nlohmann::json::parse(requestJsonText(typicalRequest(k.id)));
    struct Case {
        const char* what;
        std::string json;
        const char* shown;
    };
    auto without = [&base](const char* field) {
        auto j = base;
        j.erase(field);
        return j.dump();
    };
    auto with = [&base](const char* field, nlohmann::json v) {
        auto j = base;
        j[field] = v;
        return j.dump();
    };
    const std::vector<Case> cases = {
        {"missing agency", without("agency_id"), "missing field \"agency_id\""},
        {"missing form", without("form"), "missing field \"form\""},
        {"bad form", with("form", "papyrus"), "field \"form\": \"papyrus\""},
        {"bad delivery", with("delivery", "pigeon"), "field \"delivery\": \"pigeon\""},
        {"a typo", with("agncy", "x"), "unknown field \"agncy\""},
        {"not a string", with("title", 5), "field \"title\" must be a string"},
        {"another kiosk id", with("kiosk_id", "kiosk-z"), "--kiosk-id"},
        {"not JSON", "{", "not valid JSON"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto res = make(dir, k, c.json);
        INFO(res.err);
        CHECK(res.exit.code == 1);
        CHECK(res.err.find(c.shown) != std::string::npos);
        CHECK(res.out.empty());
    }
}

TEST_CASE("request make: a description too long for the QR says by how many characters", "[request][cli]") {
    TempDir dir;
    TestKiosk k = makeTestKiosk(dir, "kiosk-a");
    DisclosureRequest largest = largestRequest(k.id);
    const std::size_t fit = largest.description.size() / 3;
    DisclosureRequest tooLong = largest;
    tooLong.description = variedChinese(fit + 25);
    auto res = make(dir, k, requestJsonText(tooLong));
    INFO(res.err);
    CHECK(res.exit.code == 1);
    CHECK(res.err.find("field \"description\" is too long for the QR code by 25 characters") !=
          std::string::npos);
    auto ok = make(dir, k, requestJsonText(largest));
    INFO(ok.err);
    CHECK(ok.exit.code == 0);
}
