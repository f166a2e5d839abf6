// The display's opening hours in the real kiosk under Xvfb (issue 10,
// [kiosk] display_schedule): outside them the screen is black and what was
// typed is gone, a tap wakes it on home for display_wake_seconds, and it
// lights by itself at opening time; the operator's on/off commands run at
// each change. While dark the kiosk draws a few frames a second at most and
// its CPU idles. The wall clock is the kiosk's --now.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/staff_pin.h"
#include "support/temp_dir.h"
#include "sync/process_runner.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/request_walk.h"
#include "ui/xvfb_session.h"

using namespace gongkai::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// A kiosk that is set up (staff PIN, state directory) and open Monday to
// Friday 08:30-17:30; its display commands append "off" / "on" to commands.log.
std::string writeConfig(const TempDir& dir, const std::string& db) {
    std::string hash = gongkai::hashStaffPin("2468");
    REQUIRE_FALSE(hash.empty());
    std::string log = dir.file("commands.log");
    writeFile(
        dir.file("gongkai.toml"),
        "[kiosk]\nstaff_pin_hash = \"" + hash + "\"\nstate_dir = \"" + dir.path().string() +
            "\"\ndisplay_schedule = \"mon-fri 08:30-17:30; sat 09:00-12:00\"\ndisplay_wake_seconds = 4\n"
            "display_off_command = \"sh -c 'echo off >> \\\"" +
            log +
            "\\\"'\"\n"
            "display_on_command = \"sh -c 'echo on >> \\\"" +
            log + "\\\"'\"\n[mirror]\ndb = \"" + db + "\"\n");
    return "--config '" + dir.file("gongkai.toml") + "'";
}

bool allBlack(const Picture& p) {
    return !p.empty() && p.fraction({0, 0, p.width(), p.height()}, Rgb{0, 0, 0}, 0) == 1.0;
}

}  // namespace

TEST_CASE("display: dark outside opening hours, a tap wakes home, typing is cleared, lit at opening",
          "[ui][display]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    std::string args = writeConfig(dir, db) + " --now 2026-11-30T08:29:48";  // a Monday, 12 s before opening
    auto step = [&](const std::string& name) {
        return "screenshot " + dir.file(name + ".png") + "\ndump " + dir.file(name + ".json") + "\n";
    };
    // Woken for 4 s after the last key; dark again before 08:30; lit after it
    // (the waits alone reach 12.2 s: not counting on slow frames to get there).
    std::string script = "wait 300\n" + step("dark") + "tap 540 960\nwait 300\n" + step("woken") +
                         "type dibao\n" + step("typed") + "wait 4600\n" + step("dark-again") + "wait 7000\n" +
                         step("open") + "wait 300\n";
    auto r = runKiosk(dir, db, 1080, 1920, script, args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    UiTheme t = loadUiTheme();
    json dark = readJson(dir.file("dark.json")), woken = readJson(dir.file("woken.json")),
         typed = readJson(dir.file("typed.json")), again = readJson(dir.file("dark-again.json")),
         open = readJson(dir.file("open.json"));

    INFO(dark.at("display_clock").dump());
    CHECK(dark.at("display") == "off");
    CHECK(dark.at("display_clock").at("next_change") == "2026-11-30T08:30:00");
    CHECK(allBlack(Picture::load(dir.file("dark.png"))));

    // The waking tap opens nothing: home, as a resident would expect.
    CHECK(woken.at("display") == "woken");
    CHECK(woken.at("route") == "home");
    Picture home = Picture::load(dir.file("woken.png"));
    CHECK(findTiles(home, t).size() >= 2);
    CHECK(typed.at("search").at("text") == "dibao");

    INFO(again.at("display_clock").dump());
    REQUIRE(again.at("display_clock").at("now").get<std::string>() <
            "2026-11-30T08:30:00");  // else too slow a machine
    CHECK(again.at("display") == "off");
    CHECK(allBlack(Picture::load(dir.file("dark-again.png"))));
    CHECK(again.at("route") == "home");
    CHECK(again.at("search").at("text") == "");
    CHECK(again.at("system").at("imgui_text") == "");

    INFO(open.at("display_clock").dump());
    CHECK(open.at("display_clock").at("now").get<std::string>() >= "2026-11-30T08:30:00");
    CHECK(open.at("display") == "on");
    CHECK(open.at("display_clock").at("next_change") == "2026-11-30T17:30:00");
    Picture lit = Picture::load(dir.file("open.png"));
    CHECK(findTiles(lit, t).size() >= 2);
    CHECK(lit.difference(home, {0, 0, 1080, 1920}) < 1.0);  // home, as the tap showed it

    // At start (closed) off, the tap on, the end of the wake off, the opening on.
    CHECK(readFile(dir.file("commands.log")) == "off\non\noff\non\n");
}

TEST_CASE("display: dark, the kiosk draws at most four frames a second and its CPU idles", "[ui][display]") {
    REQUIRE(ensureDisplay().empty());
    TempDir dir;
    std::string db = fixtureMirror(dir);
    std::string hash = gongkai::hashStaffPin("2468");
    writeFile(dir.file("gongkai.toml"), "[kiosk]\nstaff_pin_hash = \"" + hash + "\"\nstate_dir = \"" +
                                            dir.path().string() +
                                            "\"\ndisplay_schedule = \"mon-fri 08:30-17:30\"\n");
    Process kiosk(GONGKAI_KIOSK_PATH,
                  {"--db", db, "--config", dir.file("gongkai.toml"), "--windowed", "--size", "1080x1920",
                   "--now", "2026-11-30T20:00", "--report-timing", dir.file("timing.jsonl")});
    REQUIRE(kiosk.waitForLine("display off", 20s));
    REQUIRE(kiosk.waitForLine("font atlas 2", 60s));  // the full atlas, built off the UI thread
    auto frames = [&] {
        std::ifstream in(dir.file("timing.jsonl"));
        int n = 0;
        for (std::string line; std::getline(in, line);) n += line.find("\"frame_ms\"") != std::string::npos;
        return n;
    };
    auto cpuSeconds = [&] {  // utime + stime of /proc/PID/stat
        std::ifstream in("/proc/" + std::to_string(kiosk.pid()) + "/stat");
        std::string text((std::istreambuf_iterator<char>(in)), {});
        std::istringstream fields(text.substr(text.rfind(')') + 2));
        std::string f;
        long ticks = 0;
        for (int i = 3; i <= 15 && fields >> f; ++i)
            if (i >= 14) ticks += std::stol(f);
        return double(ticks) / double(sysconf(_SC_CLK_TCK));
    };
    std::this_thread::sleep_for(500ms);
    int frames0 = frames();
    double cpu0 = cpuSeconds();
    std::this_thread::sleep_for(3s);
    int drawn = frames() - frames0;
    double cpu = cpuSeconds() - cpu0;
    kiosk.signal(SIGTERM);
    kiosk.wait(5s);
    INFO(kiosk.stderrText());
    INFO("frames in 3 s: " << drawn << ", CPU: " << cpu << " s");
    CHECK(drawn <= 13);
    CHECK(cpu < 0.3);
}
