// The writing pad (手写) in the real kiosk under Xvfb on the demo county's
// mirror, reached by the keyboard's 手写 mode key: a recorded character
// (tests/data/strokes) written into the box with scripted drags, one drag a
// stroke, comes back among the candidates ("hw:cand:<character>" targets);
// tapping it types it into the search field; undo takes the last stroke
// back and clear empties the pad; the pad at the three screen shapes and
// in elder mode. Only characters whose strokes are straight lines are
// written here: a script drag is a straight line from its first point to
// its last.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/handwriting.h"
#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/options.h"
#include "ui/png_probe.h"
#include "ui/state_dump.h"

using namespace gongkai::test;
using nlohmann::json;

namespace {

using Dump = StateDump;

Dump run(const TempDir& dir, int w, int h, const std::string& script, const std::string& extra = "") {
    return runAndDump(dir, w, h, script, extra);
}

bool offers(const Dump& d, const std::string& c) {
    auto v = d.inReadingOrder("hw:cand:");
    return std::find(v.begin(), v.end(), c) != v.end();
}

void keep(const std::string& png) { keepScreenshot(png); }

// The taps from home to the search screen with the keyboard in 手写 mode,
// and the state there.
struct Opened {
    std::string script;
    Dump pad;
};

Opened openPad(const TempDir& dir, int w, int h, const std::string& extra = "") {
    Dump home = run(dir, w, h, "", extra);
    std::string open = home.tap("home:search");
    Dump search = run(dir, w, h, open, extra);
    open += search.tap("key:mode_handwriting");
    return {open, run(dir, w, h, open, extra)};
}

// One drag a stroke, from its first point to its last, the recorded
// character's 0..size square laid over the writing box.
std::string drags(const std::string& codePoint, const Box& box, std::size_t strokes = 99) {
    auto sample = gongkai::readInkSample((sourceDir() / "tests/data/strokes" / (codePoint + ".json")).string());
    REQUIRE(sample);
    auto at = [&](const gongkai::InkPoint& p) {
        return std::to_string(int(box.x0 + p.x / sample->size * box.width())) + " " +
               std::to_string(int(box.y0 + p.y / sample->size * box.height()));
    };
    std::string out;
    for (std::size_t i = 0; i < sample->strokes.size() && i < strokes; ++i)
        out += "drag " + at(sample->strokes[i].front()) + " " + at(sample->strokes[i].back()) + "\n";
    return out;
}

// Ink: pixels much darker than the box's white, away from its border, in
// the box's upper 60% (the empty pad's hint is written below that).
double ink(const Picture& p, const Box& b) {
    Box inner{b.x0 + 8, b.y0 + 8, b.x1 - 8, b.y0 + b.height() * 6 / 10};
    return p.darkFraction(inner, 0.2);
}

}  // namespace

TEST_CASE("handwriting pad: 王 written stroke by stroke is offered, and a tap types it into the search", "[ui][handwriting]") {
    TempDir dir;
    Opened o = openPad(dir, 1080, 1920);
    const Box box = o.pad.box("hw:box");
    CHECK(box.width() >= 300);
    CHECK(o.pad.inReadingOrder("hw:cand:").empty());
    const std::string empty = dir.file("hw-empty.png"), written = dir.file("hw-written.png");
    run(dir, 1080, 1920, o.script + "screenshot " + empty + "\n");
    keep(empty);

    const std::string wang = o.script + drags("U+738B", box);
    Dump d = run(dir, 1080, 1920, wang + "screenshot " + written + "\n");
    keep(written);
    auto cands = d.inReadingOrder("hw:cand:");
    INFO("candidates: " << cands.size());
    REQUIRE(offers(d, "王"));
    CHECK(std::find(cands.begin(), cands.end(), "王") - cands.begin() < 5);
    CHECK(d.searchText().empty());  // nothing typed until a candidate is tapped
    // The ink is drawn: thick dark strokes in the box, none before.
    CHECK(ink(Picture::load(empty), box) < 0.01);
    CHECK(ink(Picture::load(written), box) > 0.04);
    const Box first = d.box("hw:cand:" + cands.front());
    CHECK(first.height() >= 60);
    CHECK(first.width() >= 60);

    Dump typed = run(dir, 1080, 1920, wang + d.tap("hw:cand:王") + "wait 300\n");
    CHECK(typed.searchText() == "王");
    CHECK(typed.inReadingOrder("hw:cand:").empty());  // the pad is empty for the next character
    CHECK(typed.target("hw:box"));
}

TEST_CASE("handwriting pad: undo takes back the last stroke, clear empties the pad", "[ui][handwriting]") {
    TempDir dir;
    Opened o = openPad(dir, 1920, 1080);
    const Box box = o.pad.box("hw:box");
    const std::string shi = o.script + drags("U+5341", box);  // 十: 横, 竖
    Dump both = run(dir, 1920, 1080, shi);
    REQUIRE(offers(both, "十"));
    const std::string undone = dir.file("hw-undo.png"), cleared = dir.file("hw-clear.png");
    Dump one = run(dir, 1920, 1080, shi + both.tap("hw:undo") + "screenshot " + undone + "\n");
    CHECK_FALSE(offers(one, "十"));
    CHECK(offers(one, "一"));  // what the first stroke alone is
    Dump none = run(dir, 1920, 1080, shi + both.tap("hw:clear") + "screenshot " + cleared + "\n");
    CHECK(none.inReadingOrder("hw:cand:").empty());
    CHECK(ink(Picture::load(undone), box) > 0.005);  // the 横 is still there
    CHECK(ink(Picture::load(cleared), box) < 0.005);
    CHECK(none.searchText().empty());
}

TEST_CASE("handwriting pad: the idle reset empties the pad and leaves 手写 mode", "[ui][handwriting]") {
    TempDir dir;
    const std::string idle = "--idle-reset 1 --idle-countdown 1";
    Opened o = openPad(dir, 1080, 1920, idle);
    const std::string shi = o.script + drags("U+5341", o.pad.box("hw:box"));  // 十: 横, 竖
    Dump written = run(dir, 1080, 1920, shi, idle);
    REQUIRE(written.j.at("ime").at("strokes") == 2);
    REQUIRE(written.j.at("ime").at("mode") == "handwriting");
    CHECK(offers(written, "十"));
    // Nothing touched for 2 s: the countdown, the reset, home.
    Dump after = run(dir, 1080, 1920, shi + "wait 3500\n", idle);
    CHECK(after.j.at("system").at("idle").at("resets") == 1);
    CHECK(after.j.at("route") == "home");
    CHECK(after.j.at("ime").at("strokes") == 0);
    CHECK(after.j.at("ime").at("pad_candidates").empty());
    CHECK(after.j.at("ime").at("mode") == "letters");
    CHECK(after.inReadingOrder("hw:cand:").empty());
}

TEST_CASE("handwriting pad: box, candidates and buttons fit at 1080x1920, 1920x1080, 1366x768 and in elder mode", "[ui][handwriting]") {
    struct Size {
        int w, h;
        const char* name;
        bool elder;
    };
    auto size = GENERATE(Size{1080, 1920, "hw-portrait.png", false}, Size{1920, 1080, "hw-landscape.png", false},
                         Size{1366, 768, "hw-1366.png", false}, Size{1080, 1920, "hw-elder.png", true});
    CAPTURE(size.w, size.h, size.elder);
    TempDir dir;
    UiTheme t = loadUiTheme();
    const std::string extra = size.elder ? "--elder" : "";
    Opened o = openPad(dir, size.w, size.h, extra);
    const Box box = o.pad.box("hw:box");
    const std::string png = dir.file(size.name);
    Dump d = run(dir, size.w, size.h, o.script + drags("U+738B", box) + "screenshot " + png + "\n", extra);
    keep(png);
    CHECK(offers(d, "王"));
    const int min = size.elder ? 80 : 60;
    CHECK(box.width() >= 3 * min);
    CHECK(box.width() == box.height());
    std::vector<std::string> names = {"hw:undo", "hw:clear"};
    for (const auto& c : d.inReadingOrder("hw:cand:")) names.push_back("hw:cand:" + c);
    CHECK(names.size() >= 2 + 5);  // at least five candidates shown
    for (const auto& n : names) {
        INFO(n);
        Box b = d.box(n);
        CHECK(b.height() >= min);
        CHECK(b.width() >= min);
        CHECK(b.x1 <= size.w);
        CHECK(b.y1 <= size.h - t.navHeight);
        bool apart = b.x0 >= box.x1 || b.x1 <= box.x0 || b.y0 >= box.y1 || b.y1 <= box.y0;
        CHECK(apart);  // nothing covers the writing box
    }
    CHECK(ink(Picture::load(png), box) > 0.03);
}

TEST_CASE("handwriting pad: --handwriting-model names the model, empty by default", "[ui][handwriting]") {
    auto given = gongkai::ui::parseOptions({"--db", "m.db", "--handwriting-model", "/opt/zh.model"});
    REQUIRE(given);
    CHECK(given->handwritingModel == "/opt/zh.model");
    auto none = gongkai::ui::parseOptions({"--db", "m.db"});
    REQUIRE(none);
    CHECK(none->handwritingModel.empty());  // the config's, else kDefaultHandwritingModel
    CHECK_FALSE(gongkai::ui::parseOptions({"--db", "m.db", "--handwriting-model"}));
}
