// The disclosure request form (申请政府信息公开) of the real kiosk under Xvfb,
// on the demo county with the demo kiosk key: a resident's walk from the
// apply page to the slip, whose QR is read off the screen with zbar and
// verified; the outbox row written before the slip showed; a request
// started from a document; the live count and the limit; the idle reset;
// a kiosk without a key; and SIGKILL right after the slip appears, after
// which gongkai-sync still delivers the request, once, to a real test
// portal on 127.0.0.1. And the staff desk (--desk): a scanned slip's
// verification shown in colour, a duplicate, a forgery.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "core/slip.h"
#include "feed/keys.h"
#include "support/temp_dir.h"
#include "sync/process_runner.h"
#include "sync/test_portal.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/request_walk.h"
#include "ui/xvfb_session.h"

namespace fs = std::filesystem;
using namespace gongkai::test;
using nlohmann::json;

TEST_CASE("request: a resident's walk from the apply page ends in a slip whose on-screen QR decodes and verifies", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    auto r = runKiosk(dir, db, 1080, 1920, walkToSlip(dir, "2023年本村低保户名单和补助标准"), keyArgs(dir));
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("slip.json"));
    const json& req = dump.at("request");
    REQUIRE(req.at("step") == 5);
    std::string slip = req.at("slip");
    REQUIRE(slip.rfind("GK1:", 0) == 0);

    auto codes = decodeQrCodes(Picture::load(dir.file("slip.png")));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == slip);
    auto decoded = gongkai::decodeSlip(codes[0], demoLookup());
    REQUIRE(decoded.ok());
    CHECK(decoded->verification == gongkai::SlipVerification::Verified);
    CHECK(decoded->request.description == "2023年本村低保户名单和补助标准");
    CHECK(decoded->request.agencyId == "ag05");
    CHECK(decoded->request.delivery == "post");
    CHECK(decoded->request.form == "paper");
    CHECK(decoded->request.kioskId == kKioskId);
    CHECK(req.at("qr_version").get<int>() <= 20);

    auto rows = outboxRows(dir.file("outbox.db"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].id == decoded->request.id);
    CHECK(rows[0].state == "pending");
    CHECK(rows[0].slip == slip);
    CHECK(json::parse(rows[0].body).at("channel") == "kiosk");
}

TEST_CASE("request: apply for a document fills in its title, 文号 and issuing office", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    std::string script = "wait 300\ntap-on quick:latest\nwait 400\ntap-on doc:*\nwait 400\ndump " + dir.file("doc.json") +
                         "\ntap-on apply:document:*\nwait 300\ndump " + dir.file("what.json") +
                         "\ntap-on request:next\nwait 300\ndump " + dir.file("agency.json") + "\n";
    auto r = runKiosk(dir, db, 1080, 1920, script, keyArgs(dir));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json what = readJson(dir.file("what.json")).at("request");
    CHECK(what.at("from") == "document");
    CHECK(what.at("step") == 1);
    CHECK_FALSE(what.at("draft").at("title").get<std::string>().empty());
    // Nothing to type: the record says what is wanted, so next goes on.
    json agency = readJson(dir.file("agency.json")).at("request");
    CHECK(agency.at("step") == 2);
    CHECK(agency.at("draft").at("title") == what.at("draft").at("title"));
    CHECK_FALSE(agency.at("draft").at("agency_name").get<std::string>().empty());
}

TEST_CASE("request: next waits for a description, the count of characters left falls, the limit still fits the QR", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    // 180 different characters in no order deflate could shorten: more than fit.
    std::string longText;
    for (int i = 0; i < 180; ++i) {
        char32_t cp = 0x4E00 + char32_t((i * 7919) % 20000);
        longText += {char(0xE0 | (cp >> 12)), char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
    }
    std::string script = "wait 300\ntap-on quick:apply\nwait 300\ntap-on apply:new\nwait 200\ntype 低保\n"
                         "tap-on request:next\nwait 200\ndump " + dir.file("short.json") + "\ntype 名单公示\n"
                         "dump " + dir.file("more.json") + "\ntype " + longText + "\ndump " + dir.file("full.json") +
                         "\nkey enter\ntap-on request:next\nwait 300\ntap-on request:agency:ag05\ntap-on request:next\n"
                         "wait 200\ntap-on request:next\nwait 200\ntap-on request:next\nwait 300\ndump " +
                         dir.file("slip.json") + "\n";
    auto r = runKiosk(dir, db, 1080, 1920, script, keyArgs(dir));
    INFO(r.output);
    REQUIRE(r.status == 0);
    json shortDump = readJson(dir.file("short.json")).at("request");
    CHECK(shortDump.at("step") == 1);  // two characters are not enough to go on
    int leftShort = shortDump.at("chars_left"), leftMore = readJson(dir.file("more.json")).at("request").at("chars_left");
    CHECK(leftMore < leftShort);
    json full = readJson(dir.file("full.json")).at("request");
    CHECK(full.at("chars_left") == 0);
    std::string typed = full.at("draft").at("description");
    CHECK(typed.size() < (std::string("低保名单公示") + longText).size());  // the keyboard stopped at the limit
    json slip = readJson(dir.file("slip.json")).at("request");
    REQUIRE(slip.at("step") == 5);
    CHECK(slip.at("qr_version").get<int>() <= 20);
    auto decoded = gongkai::decodeSlip(slip.at("slip").get<std::string>(), demoLookup());
    REQUIRE(decoded.ok());
    CHECK(decoded->request.description == typed);
}

TEST_CASE("request: the idle reset clears a half-made request", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    std::string script = "wait 300\ntap-on quick:apply\nwait 300\ntap-on apply:new\nwait 200\ntype 我家的拆迁补偿\n"
                         "dump " + dir.file("typed.json") + "\nwait 4000\ndump " + dir.file("after.json") + "\n";
    auto r = runKiosk(dir, db, 1080, 1920, script, keyArgs(dir) + " --idle-reset 1 --idle-countdown 1");
    REQUIRE(r.status == 0);
    CHECK(readJson(dir.file("typed.json")).at("request").at("draft").at("description") == "我家的拆迁补偿");
    json after = readJson(dir.file("after.json"));
    CHECK(after.at("request").at("active") == false);
    CHECK(after.at("request").at("draft").at("description") == "");
    CHECK(after.at("route") == "home");
}

TEST_CASE("request: a kiosk without a key offers no form and says to apply at the counter", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    auto r = runKiosk(dir, db, 1080, 1920, "wait 300\ntap-on quick:apply\nwait 300\ndump " + dir.file("apply.json") + "\n");
    REQUIRE(r.status == 0);
    json dump = readJson(dir.file("apply.json"));
    CHECK(dump.at("request").at("available") == false);
    for (const auto& t : dump.at("targets")) CHECK(t.at("name") != "apply:new");
}

TEST_CASE("request: SIGKILL right after the slip appears loses nothing, and gongkai-sync delivers it once later", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    REQUIRE(ensureDisplay().empty());
    writeFile(dir.file("script.txt"), walkToSlip(dir, "村集体土地征收补偿方案") + "wait 600000\n");
    Process kiosk(GONGKAI_KIOSK_PATH, {"--db", db, "--windowed", "--size", "1080x1920", "--script", dir.file("script.txt"),
                                       "--kiosk-key", demoKey(".key"), "--kiosk-id", kKioskId, "--outbox", dir.file("outbox.db")});
    auto deadline = Clock::now() + std::chrono::seconds(60);
    while (!fs::exists(dir.file("slip.json")) && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(fs::exists(dir.file("slip.json")));
    kiosk.signal(SIGKILL);
    REQUIRE(kiosk.wait(std::chrono::seconds(10)).signal == SIGKILL);
    std::string shown = readJson(dir.file("slip.json")).at("request").at("slip");

    auto rows = outboxRows(dir.file("outbox.db"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].slip == shown);

    TestPortal portal;
    auto pub = gongkai::feed::readPublicKey(demoKey(".pub"));
    REQUIRE(pub.ok());
    portal.addKiosk(kKioskId, pub.value());
    for (int run = 0; run < 2; ++run) {  // a second run finds nothing left to send
        auto sync = runProcess(gongkaiSyncPath(), {"--once", "--db", db, "--outbox", dir.file("outbox.db"), "--portal", portal.url()},
                               std::chrono::seconds(60));
        CHECK(sync.exit.exited);
        CHECK(sync.exit.code == 0);
    }
    CHECK(portal.requestCount() == 1);
    CHECK(portal.postCount() == 1);
    auto held = portal.request(rows[0].id);
    REQUIRE(held.has_value());
    CHECK(json::parse(held->body).at("slip") == shown);
    CHECK(outboxRows(dir.file("outbox.db")).at(0).state == "delivered");
}

TEST_CASE("desk: a scanned slip shows verified in green, a second scan as a duplicate, a forged one in red", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    auto secret = gongkai::feed::readSecretKey(demoKey(".key"));
    REQUIRE(secret.ok());
    gongkai::DisclosureRequest req;
    req.id = gongkai::makeRequestId(std::chrono::system_clock::now());
    req.kioskId = kKioskId;
    req.createdAt = "2026-11-28T02:30:00Z";
    req.agencyId = "ag05";
    req.agencyName = "县民政局";
    req.description = "本村低保名单";
    req.form = "paper";
    req.delivery = "counter";
    auto genuine = gongkai::encodeSlip(req, secret->bytes);
    auto forged = gongkai::encodeSlip(req, gongkai::feed::generateKeyPair().secret.bytes);  // same kiosk id, another key
    REQUIRE(genuine.ok());
    REQUIRE(forged.ok());
    std::string lower = genuine.value();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::string script = "wait 300\ntype " + lower + "\nkey enter\nwait 200\nscreenshot " + dir.file("good.png") +
                         "\ntype " + genuine.value() + "\nkey enter\nwait 200\ntype " + forged.value() +
                         "\nkey enter\nwait 200\nscreenshot " + dir.file("forged.png") + "\ndump " + dir.file("desk.json") + "\n";
    auto r = runKiosk(dir, db, 1920, 1080, script, "--desk");
    INFO(r.output);
    REQUIRE(r.status == 0);
    json desk = readJson(dir.file("desk.json")).at("request").at("desk");
    REQUIRE(desk.at("scans").size() == 3);
    CHECK(desk.at("scans")[0].at("id") == req.id);
    CHECK(desk.at("scans")[0].at("emphasis") == 1);  // good: verified (scanned with Caps Lock on)
    CHECK(desk.at("scans")[1].at("emphasis") == 2);  // warning: duplicate
    CHECK(desk.at("scans")[2].at("emphasis") == 3);  // alarm: bad signature
    UiTheme theme = loadUiTheme();
    Box content{0, theme.contentTop(), 1920, 1080 - theme.navHeight};
    Rgb green{27, 107, 46};
    CHECK(Picture::load(dir.file("good.png")).regions(content, green, 100000).size() == 1);
    CHECK(Picture::load(dir.file("forged.png")).regions(content, theme.warning, 100000).size() == 1);
    CHECK(Picture::load(dir.file("forged.png")).regions(content, green, 1000).empty());
}

TEST_CASE("request: a key file that cannot be read turns the form off with a message naming it, and the kiosk runs on", "[ui][request]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    writeFile(dir.file("broken.key"), "this is not a key\n");
    auto r = runKiosk(dir, db, 1080, 1920, "wait 300\ntap-on quick:apply\nwait 300\ndump " + dir.file("apply.json") + "\n",
                      "--kiosk-key '" + dir.file("broken.key") + "' --kiosk-id " + kKioskId + " --outbox '" +
                          dir.file("outbox.db") + "'");
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("broken.key") != std::string::npos);
    CHECK(r.output.find("request form is off") != std::string::npos);
    CHECK(readJson(dir.file("apply.json")).at("request").at("available") == false);
    CHECK_FALSE(fs::exists(dir.file("outbox.db")));  // nothing written for a kiosk that cannot sign
}
