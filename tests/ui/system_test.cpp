// The kiosk's system behaviours, judged from screenshots and state dumps of
// the real binary under Xvfb: elder mode (text and targets measured in
// pixels, contrast of text pixels against their background), the language
// button, idle reset (nothing typed survives), out of service and recovery
// without a restart, staff mode (gesture + PIN), and that a window close
// request does not end the kiosk. Pure logic (idle timing, freshness, the
// staff gesture, PIN hashes) is tested without a window.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/idle.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "core/staff_pin.h"
#include "ui/staff.h"
#include "ui/sync_status.h"
#include "ui/x11_poke.h"

using namespace gongkai::test;
using nlohmann::json;

namespace {

json readJson(const std::string& path) {
    std::ifstream f(path);
    return json::parse(f, nullptr, false);
}

Box target(const json& dump, const std::string& name) {
    for (const auto& t : dump.at("targets"))
        if (t.at("name") == name) {
            int x = int(t.at("x").get<double>()), y = int(t.at("y").get<double>());
            return {x, y, x + int(t.at("w").get<double>()), y + int(t.at("h").get<double>())};
        }
    FAIL("no target " << name);
    return {};
}

std::string tapAt(const Box& b) {
    return "tap " + std::to_string((b.x0 + b.x1) / 2) + " " + std::to_string((b.y0 + b.y1) / 2) + "\n";
}

// The commonest colour in `box` (quantised to 4 bits a channel, returned as
// the mean of its members): the background text is drawn on.
Rgb background(const Picture& p, const Box& box) {
    std::map<int, std::pair<int, Rgb>> bins;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x) {
            Rgb c = p.at(x, y);
            auto& [n, sum] = bins[(c.r >> 4) << 8 | (c.g >> 4) << 4 | (c.b >> 4)];
            ++n, sum.r += c.r, sum.g += c.g, sum.b += c.b;
        }
    std::pair<int, Rgb> best{0, {}};
    for (auto& [k, v] : bins)
        if (v.first > best.first) best = v;
    int n = std::max(1, best.first);
    return {best.second.r / n, best.second.g / n, best.second.b / n};
}

// WCAG contrast of the text in `box`: its most contrasting pixel (a glyph's
// solid core) against the background.
double textContrast(const Picture& p, const Box& box) {
    Rgb bg = background(p, box);
    double best = 1;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x) best = std::max(best, contrastRatio(p.at(x, y), bg));
    return best;
}

// Rows of `box` holding text pixels (contrast >= 3 against the background):
// from the first to the last, the ink height of the line.
int inkHeight(const Picture& p, const Box& box) {
    Rgb bg = background(p, box);
    int first = -1, last = -1;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x)
            if (contrastRatio(p.at(x, y), bg) >= 3) {
                if (first < 0) first = y;
                last = y;
                break;
            }
    return first < 0 ? 0 : last - first + 1;
}

// The first run of `c` down the column x = 4 at least `minH` tall.
Box band(const Picture& p, Rgb c, int minH, int fromY = 0) {
    for (const Box& b : p.verticalRuns(4, fromY, p.height(), c, 3))
        if (b.height() >= minH) return {0, b.y0, p.width(), b.y1};
    return {};
}

struct Shot {
    Picture picture;
    json dump;
    std::string output;
};

// Runs the kiosk on the demo fixture with `script` (which must write
// dump.json and shot.png) and loads both.
Shot run(const TempDir& dir, const std::string& db, int w, int h, const std::string& script,
         const std::string& args = "") {
    std::filesystem::remove(dir.file("shot.png"));
    std::filesystem::remove(dir.file("dump.json"));
    auto r = runKiosk(dir, db, w, h, script, args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    return {Picture::load(dir.file("shot.png")), readJson(dir.file("dump.json")), r.output};
}

std::string shotAndDump(const TempDir& dir) {
    return "screenshot " + dir.file("shot.png") + "\ndump " + dir.file("dump.json") + "\n";
}

}  // namespace

// The type sizes are font pixel sizes; Noto Sans CJK's ideographs fill
// about 0.9 of the em, so a line's ink is at least 0.85 x its font size.
TEST_CASE("system: elder mode, one tap, makes text and targets large, text keeps 4.5:1 contrast", "[ui][system]") {
    auto size = GENERATE(std::pair{1080, 1920}, std::pair{1366, 768});
    CAPTURE(size.first, size.second);
    TempDir dir;
    std::string db = fixtureMirror(dir);
    UiTheme t = loadUiTheme();
    Shot standard = run(dir, db, size.first, size.second, shotAndDump(dir));
    REQUIRE_FALSE(standard.picture.empty());
    Shot elder = run(dir, db, size.first, size.second, tapAt(target(standard.dump, "bar:elder")) + shotAndDump(dir));
    REQUIRE_FALSE(elder.picture.empty());
    CHECK(elder.dump.at("system").at("elder") == true);
    CHECK(standard.dump.at("system").at("elder") == false);

    for (const Shot* s : {&standard, &elder}) {
        bool big = s == &elder;
        CAPTURE(big);
        const Picture& p = s->picture;
        const json& m = s->dump.at("system").at("metrics");
        CHECK(m.at("line_spacing").get<double>() >= 1.3);
        // Heading: the county name in the header (title role).
        Box header = band(p, t.headerBg, 60);
        REQUIRE(header.height() > 0);
        Box name{8, header.y0 + 2, p.width() / 3, header.y1 - 2};
        CHECK(inkHeight(p, name) >= (big ? 48 : 24) * 0.85);
        CHECK(textContrast(p, name) >= 4.5);
        // Body: the title bar's text.
        Box title = band(p, t.sectionBg, 50, header.y1);
        REQUIRE(title.height() > 0);
        Box titleText{8, title.y0 + 2, p.width() / 2, title.y1 - 2};
        CHECK(inkHeight(p, titleText) >= (big ? 36 : 24) * 0.85);
        CHECK(textContrast(p, titleText) >= 4.5);
        // Targets: the buttons of the fixed bar, and their labels' contrast.
        Box nav = band(p, parseHex("#E4DDCC"), 60, title.y1 + 1);
        REQUIRE(nav.height() > 0);
        auto buttons = p.regions(nav, t.tileBg, 2000, 2);
        REQUIRE(buttons.size() >= 4);  // back, home, elder, language
        for (const Box& b : buttons) {
            CHECK(b.height() + 2 >= (big ? 80 : 60));
            CHECK(textContrast(p, b) >= 4.5);
        }
        // The elder bar is taller than the standard one.
        if (big) CHECK(nav.height() > standard.dump.at("system").at("metrics").at("nav_height").get<double>());
    }
}

TEST_CASE("system: the language button switches the screens to English", "[ui][system]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    Shot zh = run(dir, db, 1080, 1920, shotAndDump(dir));
    Shot en = run(dir, db, 1080, 1920, tapAt(target(zh.dump, "bar:language")) + shotAndDump(dir));
    CHECK(zh.dump.at("system").at("language") == "zh-CN");
    CHECK(en.dump.at("system").at("language") == "en");
    // The title bar's words changed: its pixels differ.
    UiTheme t = loadUiTheme();
    Box title = band(en.picture, t.sectionBg, 50, t.headerHeight);
    REQUIRE(title.height() > 0);
    CHECK(zh.picture.difference(en.picture, {0, title.y0, 1080, title.y1}) > 1.0);
}

TEST_CASE("system: idle reset clears what was typed, in AppState and in ImGui, and shows home", "[ui][system]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    Shot home = run(dir, db, 1080, 1920, shotAndDump(dir));
    std::string script = tapAt(target(home.dump, "home:search")) + "type dibao\n" +
                         "dump " + dir.file("typed.json") + "\n" +
                         "wait 2300\nscreenshot " + dir.file("countdown.png") + "\n" +
                         "dump " + dir.file("countdown.json") + "\nwait 6500\n" + shotAndDump(dir);
    // The countdown runs from 2 s to 8 s after the last key: the screenshot and
    // dump after `wait 2300` fall inside it even when settling takes a while,
    // and the last ones come 8.8 s after it at the earliest (not counting on
    // slow frames: with partial redraw the frames in between cost little).
    Shot after = run(dir, db, 1080, 1920, script, "--idle-reset 2 --idle-countdown 6");
    json typed = readJson(dir.file("typed.json")), countdown = readJson(dir.file("countdown.json"));
    CHECK(typed.at("search").at("text") == "dibao");
    CHECK(typed.at("route") == "search");
    INFO(countdown.at("system").dump());
    INFO(after.output);
    CHECK(countdown.at("system").at("idle").at("phase") == "countdown");
    Picture cd = Picture::load(dir.file("countdown.png"));
    REQUIRE_FALSE(cd.empty());
    CHECK(cd.at(4, 4).r < home.picture.at(4, 4).r);  // dimmed behind the question
    const json& sys = after.dump.at("system");
    CHECK(sys.at("idle").at("resets") == 1);
    CHECK(after.dump.at("route") == "home");
    CHECK(after.dump.at("depth") == 1);
    CHECK(after.dump.at("search").at("text") == "");
    CHECK(after.dump.at("search").at("hits").empty());
    CHECK(sys.at("imgui_text") == "");
    CHECK(sys.at("imgui_active_id") == 0);
    CHECK(after.picture.difference(home.picture, {0, 0, 1080, 1920}) < 1.0);  // home again, as at start
}

TEST_CASE("system: a missing mirror shows out of service, a good one copied in brings home back", "[ui][system]") {
    TempDir dir;
    std::string good = fixtureMirror(dir);
    std::string db = dir.file("live/mirror.db");
    std::filesystem::create_directories(dir.file("live"));
    std::string oosDump = dir.file("oos.json");
    std::thread repair([&] {  // gongkai-sync's part: put a good mirror in place by rename
        for (int i = 0; i < 300 && !std::filesystem::exists(oosDump); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::filesystem::copy_file(good, db + ".tmp");
        std::filesystem::rename(db + ".tmp", db);
    });
    std::string script = "screenshot " + dir.file("oos.png") + "\ndump " + oosDump + "\nwait 2500\n" + shotAndDump(dir);
    auto r = runKiosk(dir, db, 1080, 1920, script, "--poll 0.3");
    repair.join();
    INFO(r.output);
    REQUIRE(r.status == 0);
    json oos = readJson(oosDump), back = readJson(dir.file("dump.json"));
    CHECK(oos.at("system").at("out_of_service") == true);
    CHECK(back.at("system").at("out_of_service") == false);
    UiTheme t = loadUiTheme();
    Picture before = Picture::load(dir.file("oos.png")), after = Picture::load(dir.file("shot.png"));
    REQUIRE_FALSE(before.empty());
    REQUIRE_FALSE(after.empty());
    Box content{0, t.headerHeight, 1080, 1920};
    CHECK(before.fraction(content, t.warning, 10) > 0.001);  // the warning rule and title
    CHECK(findTiles(before, t).empty());
    CHECK(findTiles(after, t).size() >= 2);  // home's domain tiles
}

TEST_CASE("system: staff mode opens with the gesture and the right PIN only, Exit ends the kiosk", "[ui][system]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    std::string hash = gongkai::hashStaffPin("2468");
    REQUIRE_FALSE(hash.empty());
    writeFile(dir.file("kiosk.toml"), "[kiosk]\nstaff_pin_hash = \"" + hash + "\"\n");
    std::string config = "--config '" + dir.file("kiosk.toml") + "'";
    std::string gesture;
    for (int i = 0; i < 5; ++i) gesture += "tap 20 20\n";
    Shot pad = run(dir, db, 1080, 1920, gesture + shotAndDump(dir), config);
    REQUIRE(pad.dump.at("system").at("staff") == "pin");
    auto key = [&](const std::string& k) { return tapAt(target(pad.dump, "staff:" + k)); };
    std::string script = gesture + key("1") + key("3") + key("5") + key("7") + key("ok") + "dump " +
                         dir.file("wrong.json") + "\n" + key("2") + key("4") + key("6") + key("8") + key("ok") +
                         shotAndDump(dir);
    Shot status = run(dir, db, 1080, 1920, script, config);
    json wrong = readJson(dir.file("wrong.json"));
    CHECK(wrong.at("system").at("staff") == "pin");
    CHECK(wrong.at("system").at("staff_pin_length") == 0);  // the wrong PIN was wiped
    CHECK(status.dump.at("system").at("staff") == "status");
    // Without the gesture no PIN pad; the same taps elsewhere do nothing.
    Shot noGesture = run(dir, db, 1080, 1920, "tap 20 20\ntap 20 20\n" + shotAndDump(dir), config);
    CHECK(noGesture.dump.at("system").at("staff") == "closed");
    // Exit: the kiosk ends at once (the screenshot after it is never taken).
    std::string after = dir.file("after.png");
    auto r = runKiosk(dir, db, 1080, 1920,
                      script + tapAt(target(status.dump, "staff:exit")) + "screenshot " + after + "\n", config);
    CHECK(r.status == 0);
    CHECK_FALSE(std::filesystem::exists(after));
}

TEST_CASE("system: Escape and a window close request do not end the kiosk", "[ui][system]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    std::string first = dir.file("first.png");
    std::string sent;
    std::thread poke([&] {
        for (int i = 0; i < 300 && !std::filesystem::exists(first); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        sent = pokeKioskWindow("Gongkai");  // Escape, Alt+F4, WM_DELETE_WINDOW
    });
    auto r = runKiosk(dir, db, 1080, 1920, "screenshot " + first + "\nwait 1500\n" + shotAndDump(dir));
    poke.join();
    INFO(r.output);
    REQUIRE(sent == "");  // the events were delivered
    CHECK(r.status == 0);
    CHECK(std::filesystem::exists(dir.file("shot.png")));  // still running after them
    CHECK(r.output.find("close request ignored") != std::string::npos);
}

// --- logic without a window --------------------------------------------------

TEST_CASE("system: idle timing: countdown, reset, attract, and a touch continues", "[ui][system]") {
    using namespace gongkai::ui;
    IdleSettings cfg{90, 15, 300};
    IdleState st;
    CHECK(updateIdle(st, cfg, 89, false, true) == IdleEvent::None);
    CHECK(updateIdle(st, cfg, 90, false, true) == IdleEvent::CountdownStarted);
    CHECK(countdownLeft(st, 91) == 14);
    CHECK(updateIdle(st, cfg, 95, true, true) == IdleEvent::Continued);
    CHECK(st.phase == IdlePhase::Active);
    CHECK(updateIdle(st, cfg, 185, false, true) == IdleEvent::CountdownStarted);
    CHECK(updateIdle(st, cfg, 200, false, true) == IdleEvent::Reset);
    CHECK(updateIdle(st, cfg, 250, false, false) == IdleEvent::None);  // reset once, home now
    CHECK(updateIdle(st, cfg, 395, false, false) == IdleEvent::AttractStarted);
    CHECK(updateIdle(st, cfg, 400, true, false) == IdleEvent::AttractLeft);
    CHECK(secondsToNextIdleChange(st, cfg, 400, true) == Approx(90));
}

TEST_CASE("system: freshness warns on a failed sync, an expired feed, or old data", "[ui][system]") {
    using namespace gongkai::ui;
    std::time_t now = parseUtc("2026-11-28 10:00");
    gongkai::DataInfo info;
    info.updatedAt = "2026-11-27 10:00";
    gongkai::SyncState sync;
    SyncStatus file;
    CHECK_FALSE(assessFreshness(info, sync, file, now, 30 * 86400.0).warn);
    info.updatedAt = "2026-09-01 10:00";
    CHECK(assessFreshness(info, sync, file, now, 30 * 86400.0).key == "fresh.old");
    sync.expires = "2026-12-01T00:00:00Z";
    CHECK_FALSE(assessFreshness(info, sync, file, now, 30 * 86400.0).warn);  // the feed's expiry rules
    sync.expires = "2026-11-20T00:00:00Z";
    CHECK(assessFreshness(info, sync, file, now, 30 * 86400.0).key == "fresh.expired");
    file.present = true;
    file.error = "connection refused";
    file.lastAttempt = "2026-11-28T09:00:00Z";
    CHECK(assessFreshness(info, sync, file, now, 30 * 86400.0).key == "fresh.sync_failed");

    TempDir dir;
    writeFile(dir.file("sync-status.json"),
              R"({"last_attempt":"2026-11-28T09:00:00Z","last_success":"2026-11-27T09:00:00Z","error":"timeout"})");
    SyncStatus read = readSyncStatus(dir.file("sync-status.json"));
    CHECK(read.present);
    CHECK(read.error == "timeout");
    CHECK(read.lastSuccess == "2026-11-27T09:00:00Z");
    CHECK(defaultSyncStatusPath("/var/lib/gongkai/mirror.db") == "/var/lib/gongkai/sync-status.json");
    writeFile(dir.file("bad.json"), "{");
    CHECK_FALSE(readSyncStatus(dir.file("bad.json")).readError.empty());
}

TEST_CASE("system: staff gesture needs five corner taps within five seconds, PIN hashes verify", "[ui][system]") {
    using namespace gongkai::ui;
    StaffState st;
    for (int i = 0; i < 4; ++i) CHECK_FALSE(staffGesture(st, 10, 10, i * 0.5, 96));
    CHECK(staffGesture(st, 10, 10, 2.0, 96));
    for (int i = 0; i < 4; ++i) CHECK_FALSE(staffGesture(st, 10, 10, 10 + i * 1.5, 96));
    CHECK_FALSE(staffGesture(st, 10, 10, 16.0, 96));  // the first tap is older than 5 s
    // Four more, over 5 s after the tap at 16.0 (which would otherwise make five).
    for (int i = 0; i < 4; ++i) CHECK_FALSE(staffGesture(st, 10, 10, 22 + i * 0.1, 96));
    CHECK_FALSE(staffGesture(st, 500, 10, 22.5, 96));  // a tap elsewhere starts again
    CHECK_FALSE(staffGesture(st, 10, 10, 22.6, 96));
    std::string h = gongkai::hashStaffPin("2468");
    CHECK(h.rfind("$argon2id$", 0) == 0);
    CHECK(gongkai::verifyStaffPin(h, "2468"));
    CHECK_FALSE(gongkai::verifyStaffPin(h, "2469"));
    CHECK_FALSE(gongkai::verifyStaffPin("", "2468"));
    CHECK(gongkai::hashStaffPin("2468") != h);  // salted
}
