// Updates from a USB stick on the kiosk (issue 10): gongkai-sync --announce
// usb writes sync-status.json's "update" object; every screen shows
// "updating from USB" in the banner while it runs, then the result for two
// minutes (applied green, nothing newer blue, rejected red), and the staff
// status page names the reason. The kiosk runs (portrait, 1080x1920) read a
// status file written here; the timing rules are checked without a window.
#include <catch2/catch.hpp>

#include <cstdio>
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/state_dump.h"
#include "ui/sync_status.h"

using namespace gongkai::test;
using nlohmann::json;

namespace {

constexpr int kW = 1080, kH = 1920;
const Rgb kWhite{255, 255, 255};
const Rgb kAppliedGreen{27, 107, 46};

std::string utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// A status file as gongkai-sync --announce usb leaves it.
void writeStatus(const TempDir& dir, const std::string& state, std::int64_t version, const std::string& error) {
    std::time_t now = std::time(nullptr);
    json update{{"source", "usb"}, {"state", state}, {"started", utc(now - 20)}};
    if (state != "running") update.update({{"finished", utc(now - 5)}, {"version", version}, {"error", error}});
    json j{{"last_attempt", utc(now - 20)}, {"last_success", error.empty() ? utc(now - 20) : ""},
           {"error", error}, {"update", update}};
    writeFile(dir.file("sync-status.json"), j.dump(2));
}

// The kiosk's PIN hash from its own --hash-pin (so no setup screen, and the
// staff page opens with 2468).
std::string pinConfig(const TempDir& dir) {
    std::string cmd = "echo 2468 | '" + std::string(GONGKAI_KIOSK_PATH) + "' --hash-pin";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    char line[512] = {};
    std::string out = std::fgets(line, sizeof line, p) ? line : "";
    REQUIRE(pclose(p) == 0);
    REQUIRE(out.rfind("staff_pin_hash", 0) == 0);
    writeFile(dir.file("kiosk.toml"), "[kiosk]\n" + out);
    return "--config '" + dir.file("kiosk.toml") + "' --sync-status '" + dir.file("sync-status.json") + "'";
}

Box bannerRow(const UiTheme& t) { return {0, t.headerHeight, kW, t.headerHeight + t.bannerHeight}; }

// The banner in a screenshot: mostly `colour`, with white text on it.
void checkBanner(const std::string& png, Rgb colour) {
    keepScreenshot(png);
    UiTheme t = loadUiTheme();
    Picture p = Picture::load(png);
    REQUIRE(p.width() == kW);
    Box row = bannerRow(t);
    CHECK(p.fraction(row, colour) > 0.6);
    CHECK(p.fraction(row, kWhite, 40) > 0.01);  // its words
    CHECK(p.fraction(row, t.bannerBg) < 0.01);  // not the demo notice it replaces
}

// The ink (dark pixels) on the staff page's panel: the largest white region.
double panelInk(const std::string& png) {
    Picture p = Picture::load(png);
    REQUIRE_FALSE(p.empty());
    auto regions = p.regions({0, 0, p.width(), p.height()}, loadUiTheme().tileBg, 100000);
    REQUIRE_FALSE(regions.empty());
    Box panel = regions.front();
    for (const Box& b : regions)
        if (b.width() * b.height() > panel.width() * panel.height()) panel = b;
    return p.darkFraction(panel, 0.1);
}

std::string gesture() {
    std::string g;
    for (int i = 0; i < 5; ++i) g += "tap 20 20\n";
    return g;
}

}  // namespace

TEST_CASE("usb update: running shows updating from USB on every screen", "[ui][usb]") {
    TempDir dir;
    std::string args = pinConfig(dir);
    writeStatus(dir, "running", 0, "");
    std::string home = dir.file("running.png"), domain = dir.file("running-domain.png");
    StateDump first = runAndDump(dir, kW, kH, "screenshot " + home + "\n", args, "home");
    const json& u = first.j.at("system").at("update");
    CHECK(u.at("banner") == "usb.running");
    CHECK(u.at("text") == "正在从U盘更新数据，请稍候");
    CHECK(u.at("state") == "running");
    UiTheme t = loadUiTheme();
    checkBanner(home, t.link);
    // Another screen: a domain page keeps the banner.
    REQUIRE_FALSE(first.names("domain:").empty());
    std::string tile = first.names("domain:").front();
    StateDump second = runAndDump(dir, kW, kH, first.tap(tile) + "screenshot " + domain + "\n", args, "domain");
    CHECK(second.j.at("system").at("update").at("banner") == "usb.running");
    CHECK(second.j.at("route") != first.j.at("route"));
    checkBanner(domain, t.link);
}

TEST_CASE("usb update: a rejected stick is shown in red and the staff page says why", "[ui][usb]") {
    TempDir dir;
    std::string args = pinConfig(dir);
    std::string why = "manifest: signed only by keys that are not trusted (k7Qx)";
    writeStatus(dir, "rejected", 3, why);
    std::string banner = dir.file("rejected.png"), staff = dir.file("rejected-staff.png");
    StateDump pad = runAndDump(dir, kW, kH, "screenshot " + banner + "\n" + gesture(), args, "pad");
    CHECK(pad.j.at("system").at("update").at("banner") == "usb.rejected");
    CHECK(pad.j.at("system").at("update").at("text") == "U盘中的数据未通过校验，未被使用");
    CHECK(pad.j.at("system").at("update").at("error") == why);
    REQUIRE(pad.j.at("system").at("staff") == "pin");
    checkBanner(banner, loadUiTheme().warning);
    std::string pin = pad.tap("staff:2") + pad.tap("staff:4") + pad.tap("staff:6") + pad.tap("staff:8") +
                      pad.tap("staff:ok");
    StateDump status = runAndDump(dir, kW, kH, gesture() + pin + "screenshot " + staff + "\n", args, "status");
    REQUIRE(status.j.at("system").at("staff") == "status");
    keepScreenshot(staff);
    // The status page's panel holds two more lines (what happened, the
    // reason) than for a kiosk that never saw a stick: more ink on it.
    writeFile(dir.file("sync-status.json"), R"({"last_attempt":"","last_success":"","error":""})");
    std::string plain = dir.file("plain-staff.png");
    runAndDump(dir, kW, kH, gesture() + pin + "screenshot " + plain + "\n", args, "plain");
    CHECK(panelInk(staff) > panelInk(plain) * 1.15);
}

TEST_CASE("usb update: an applied stick is shown in green with its version", "[ui][usb]") {
    TempDir dir;
    std::string args = pinConfig(dir);
    writeStatus(dir, "applied", 42, "");
    std::string png = dir.file("applied.png");
    StateDump d = runAndDump(dir, kW, kH, "screenshot " + png + "\n", args);
    CHECK(d.j.at("system").at("update").at("banner") == "usb.applied");
    CHECK(d.j.at("system").at("update").at("text") == "U盘数据已更新（第 42 版）");
    checkBanner(png, kAppliedGreen);
}

TEST_CASE("usb update: the banner's timing: running for at most 30 minutes, a result for 2", "[ui][usb]") {
    using namespace gongkai::ui;
    std::time_t now = parseUtc("2026-11-28T10:00:00Z");
    AnnouncedUpdate u{"usb", "running", "2026-11-28T09:50:00Z", "", "", 0};
    UpdateNotice n = assessUpdate(u, now);
    CHECK(n.key == "usb.running");
    CHECK(n.until == parseUtc("2026-11-28T10:20:00Z"));
    u.started = "2026-11-28T09:29:00Z";  // a run killed half an hour ago never wrote its end
    CHECK(assessUpdate(u, now).key.empty());
    CHECK(assessUpdate(u, now).last.state == "running");  // the staff page still sees it
    u = {"usb", "applied", "2026-11-28T09:58:00Z", "2026-11-28T09:59:00Z", "", 7};
    n = assessUpdate(u, now);
    CHECK(n.key == "usb.applied");
    CHECK(n.arg == "7");
    CHECK(n.tone == UpdateNotice::Tone::Good);
    CHECK(n.until == parseUtc("2026-11-28T10:01:00Z"));
    CHECK(assessUpdate(u, parseUtc("2026-11-28T10:01:00Z")).key.empty());
    u.state = "up_to_date";
    CHECK(assessUpdate(u, now).key == "usb.up_to_date");
    u.state = "rejected";
    CHECK(assessUpdate(u, now).tone == UpdateNotice::Tone::Bad);
    u.state = "failed";
    CHECK(assessUpdate(u, now).key == "usb.failed");
    u.state = "";
    CHECK(assessUpdate(u, now).key.empty());

    // The file: every field of "update" is read, and any change shows in the
    // key the kiosk's poll compares.
    TempDir dir;
    writeFile(dir.file("s.json"), R"({"last_attempt":"a","last_success":"a","error":"",)"
                                  R"("update":{"source":"usb","state":"rejected","started":"s","finished":"f",)"
                                  R"("version":3,"error":"bad signature"}})");
    SyncStatus s = readSyncStatus(dir.file("s.json"));
    CHECK(s.update.state == "rejected");
    CHECK(s.update.version == 3);
    CHECK(s.update.error == "bad signature");
    SyncStatus running = s;
    running.update.state = "running";
    CHECK(syncStatusKey(running) != syncStatusKey(s));
    // Freshness carries the notice along with its own warning.
    gongkai::DataInfo info;
    s.update.finished = "2026-11-28T09:59:30Z";
    CHECK(assessFreshness(info, {}, s, now, 30 * 86400.0).update.key == "usb.rejected");
}
