// Partial redraw in the real kiosk (kiosk/platform/renderer.h): the frames
// it shows after many partial redraws are the frames a full redraw gives.
// --verify-redraw draws every frame again in full off screen and compares
// every pixel; --full-redraw draws every frame in full, for the reference
// screenshot.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/state_dump.h"

using namespace gongkai::test;

namespace {

struct Check {
    long long frames = -1, partial = -1, full = -1, unchanged = -1, differed = -1, scrolled = -1, rounding = -1;
};

// The kiosk's "redraw check: ..." line (app.cpp).
Check readCheck(const std::string& output) {
    std::smatch m;
    static const std::regex line(
        "redraw check: (\\d+) frames compared with a full redraw \\((\\d+) partial, (\\d+) full, (\\d+) "
        "unchanged\\), "
        "(\\d+) differed; (\\d+) scrolled by a copy, (\\d+) pixels off by rounding");
    Check c;
    if (!std::regex_search(output, m, line)) return c;
    c.frames = std::stoll(m[1]), c.partial = std::stoll(m[2]), c.full = std::stoll(m[3]);
    c.unchanged = std::stoll(m[4]), c.differed = std::stoll(m[5]);
    c.scrolled = std::stoll(m[6]), c.rounding = std::stoll(m[7]);
    return c;
}

// Types a search, drags the result list up and down (with its inertia),
// goes home; ends with a screenshot of home.
std::string searchScrollHome(const TempDir& dir, const std::string& shot) {
    StateDump results = runAndDump(dir, 1920, 1080, "type shifan\nwait 300\n", "", "results");
    auto rows = results.names("hit:");
    REQUIRE(rows.size() >= 2);  // the list: at 1920x1080 three rows show
    Box row = results.box(rows[0]);
    std::string x = std::to_string(row.x0 + 100), y = std::to_string(row.y0 + 20);
    std::string y2 = std::to_string(row.y0 + 320);
    return "type shifan\nwait 300\n"
           "drag " +
           x + " " + y2 + " " + x + " " + y +
           "\nwait 700\n"
           "drag " +
           x + " " + y + " " + x + " " + y2 +
           "\nwait 700\n"
           "key backspace\nwait 300\n" +
           results.tap("bar:home") + "wait 500\nscreenshot " + shot + "\n";
}

// Opens the first result and drags the document up and down.
std::string readAndScroll(const TempDir& dir) {
    StateDump results = runAndDump(dir, 1920, 1080, "type shifan\nwait 300\n", "", "results");
    auto rows = results.names("hit:");
    REQUIRE_FALSE(rows.empty());
    return "type shifan\nwait 300\n" + results.tap(rows[0]) +
           "wait 800\n"
           "drag 900 900 900 500\nwait 100\ndrag 900 900 900 450\nwait 700\n"
           "drag 900 450 900 850\nwait 700\n";
}

// Runs the scene with --verify-redraw (and `flags`); every frame must match
// its full redraw, and most frames must not have been full redraws. The
// scene's drags move the scroll region by copies, whose pixels may be a
// level or two off in a few places (renderer.cpp), never more.
void checkEveryFrame(const std::string& flags, bool reader = false) {
    TempDir dir;
    std::string script = reader ? readAndScroll(dir) : searchScrollHome(dir, dir.file("home.png"));
    auto r = runKiosk(dir, sharedDemoMirror(), 1920, 1080, script,
                      "--verify-redraw " + flags + " --state-dir '" + dir.path().string() + "'");
    INFO(r.output);
    REQUIRE(r.status == 0);
    Check c = readCheck(r.output);
    REQUIRE(c.frames > 0);
    CHECK(c.differed == 0);
    CHECK(c.frames == c.partial + c.full + c.unchanged);
    // The proof means something only if most frames were not full redraws.
    CHECK(c.partial >= 10);
    CHECK(c.unchanged >= 10);
    CHECK(c.full < c.frames / 4);
    CHECK(c.scrolled >= 5);
    CHECK(c.rounding <= c.scrolled * 200);  // a few edge pixels a frame, not a misplaced row (~1800)
}

}  // namespace

TEST_CASE("redraw: typing, scrolling results and going home, every frame equals a full redraw",
          "[ui][redraw]") {
    checkEveryFrame("");
}

TEST_CASE("redraw: shown by swapping buffers, every frame also equals a full redraw", "[ui][redraw]") {
    checkEveryFrame("--swap-present");  // the offscreen frame: where GLX cannot copy rectangles
}

TEST_CASE("redraw: a document dragged up and down, every frame equals a full redraw", "[ui][redraw]") {
    checkEveryFrame("", true);
}

TEST_CASE("redraw: home after partial redraws is pixel for pixel home drawn in full", "[ui][redraw]") {
    TempDir partialDir, fullDir;
    auto run = [](const TempDir& dir, const std::string& flags) {
        std::string script = searchScrollHome(dir, dir.file("home.png"));
        auto r = runKiosk(dir, sharedDemoMirror(), 1920, 1080, script,
                          flags + " --state-dir '" + dir.path().string() + "'");
        INFO(r.output);
        REQUIRE(r.status == 0);
        return Picture::load(dir.file("home.png"));
    };
    Picture partial = run(partialDir, ""), full = run(fullDir, "--full-redraw");
    REQUIRE(!partial.empty());
    REQUIRE(partial.width() == full.width());
    REQUIRE(partial.height() == full.height());
    keepScreenshot(partialDir.file("home.png"));
    CHECK(partial.difference(full, {0, 0, partial.width(), partial.height()}) == 0.0);
    CHECK(partial.colourCount({0, 0, partial.width(), partial.height()}) >
          4);  // a real screen, not a blank one
}

// llvmpipe fills and blends a tile in one pass only when the framebuffer has
// no depth buffer (GLFW asks for one by default): with one, the same frames
// took about twice as long to draw.
TEST_CASE("redraw: the window has no depth or stencil buffer", "[ui][redraw]") {
    TempDir dir;
    StateDump d = runAndDump(dir, 1920, 1080, "wait 200\n");
    CHECK(d.j.at("framebuffer").at("depth_bits") == 0);
    CHECK(d.j.at("framebuffer").at("stencil_bits") == 0);
}
