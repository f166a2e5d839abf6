// Gestures from pointer events (a drag never taps) and the --script language.
#include <catch2/catch.hpp>

#include "ui/gesture.h"
#include "ui/script.h"
#include "ui/script_player.h"

using gongkai::platform::PointerEvent;
using namespace gongkai::ui;

namespace {

void feed(GestureTracker& g, PointerEvent::Type type, float x, float y, double t) { g.feed({type, x, y}, t); }

}  // namespace

TEST_CASE("gestures: press and release in place is a tap at the press point", "[ui][input]") {
    GestureTracker g(18);
    feed(g, PointerEvent::Type::Down, 100, 200, 0.0);
    auto pressed = g.takeFrame();
    REQUIRE(pressed.press);
    CHECK_FALSE(pressed.tap);
    feed(g, PointerEvent::Type::Move, 105, 203, 0.05);  // within the slop
    feed(g, PointerEvent::Type::Up, 105, 203, 0.08);
    auto f = g.takeFrame();
    REQUIRE(f.tap);
    CHECK(f.tap->x == 100);
    CHECK(f.tap->y == 200);
    CHECK_FALSE(f.dragging);
}

TEST_CASE("gestures: a drag never fires a tap, even when it ends where it began", "[ui][input]") {
    GestureTracker g(18);
    feed(g, PointerEvent::Type::Down, 100, 500, 0.0);
    feed(g, PointerEvent::Type::Move, 100, 400, 0.1);
    auto moving = g.takeFrame();
    CHECK(moving.dragging);
    CHECK(moving.dragDy == Approx(-100));
    CHECK_FALSE(moving.press);
    feed(g, PointerEvent::Type::Move, 100, 500, 0.2);
    feed(g, PointerEvent::Type::Up, 100, 500, 0.5);
    auto end = g.takeFrame();
    CHECK_FALSE(end.tap);
    CHECK(end.dragEnded);
    CHECK(end.dragDy == Approx(100));
    CHECK(end.releaseVelocityY == 0);  // the finger rested before release
}

TEST_CASE("script: commands parse, comments and blank lines are skipped", "[ui][input]") {
    auto s = parseScript("# home\ntap 10 20\n\ndrag 1 2 3 4  # scroll\nwait 250\nscreenshot /tmp/a b.png\nquit\n");
    REQUIRE(s.ok());
    REQUIRE(s->size() == 5);
    CHECK(s.value()[0].kind == ScriptCommand::Kind::Tap);
    CHECK(s.value()[0].x1 == 10);
    CHECK(s.value()[1].kind == ScriptCommand::Kind::Drag);
    CHECK(s.value()[1].y2 == 4);
    CHECK(s.value()[2].waitMs == 250);
    CHECK(s.value()[3].path == "/tmp/a b.png");
    CHECK(s.value()[4].kind == ScriptCommand::Kind::Quit);
}

TEST_CASE("script: a bad line is an error naming the line", "[ui][input]") {
    auto bad = GENERATE(as<std::string>{}, "tap 1\n", "tap 1 2 3\n", "drag 1 2 3\n", "wait -5\n", "screenshot\n",
                        "click 1 2\n", "quit now\n", "tap-on\n");
    auto s = parseScript("wait 1\n" + bad);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("line 2") != std::string::npos);
}

TEST_CASE("script player: waits for the app to settle, then presses and releases", "[ui][input]") {
    ScriptPlayer p({ScriptCommand{ScriptCommand::Kind::Tap, 50, 60, 0, 0, 0, "", 1}});
    CHECK(p.advance(0.0, false).events.empty());  // not settled: nothing yet
    auto down = p.advance(0.1, true);
    REQUIRE(down.events.size() == 2);
    CHECK(down.events[1].type == PointerEvent::Type::Down);
    CHECK(p.advance(0.12, true).events.empty());  // held
    auto up = p.advance(0.3, true);
    REQUIRE(up.events.size() == 1);
    CHECK(up.events[0].type == PointerEvent::Type::Up);
    CHECK(p.advance(0.4, true).quit);  // the end of a script quits
}

TEST_CASE("script player: tap-on taps the middle of the named target, and stops the script when it is absent",
          "[ui][input]") {
    auto s = parseScript("tap-on domain:d08\ntap-on hit:missing\n");
    REQUIRE(s.ok());
    CHECK(s.value()[0].kind == ScriptCommand::Kind::TapOn);
    CHECK(s.value()[0].path == "domain:d08");
    ScriptPlayer p(s.value(), [](const std::string& name, float& x, float& y) {
        if (name != "domain:d08") return false;
        x = 300, y = 450;
        return true;
    });
    auto down = p.advance(0.0, true);
    REQUIRE(down.events.size() == 2);
    CHECK(down.events[1].type == PointerEvent::Type::Down);
    CHECK(down.events[1].x == 300);
    CHECK(down.events[1].y == 450);
    auto up = p.advance(0.2, true);
    REQUIRE(up.events.size() == 1);
    CHECK(up.events[0].type == PointerEvent::Type::Up);
    CHECK(up.events[0].x == 300);
    auto missing = p.advance(0.3, true);
    CHECK(missing.quit);
    CHECK(missing.events.empty());
    CHECK(missing.error.find("line 2") != std::string::npos);
    CHECK(missing.error.find("hit:missing") != std::string::npos);
}

TEST_CASE("gestures: a quick flick carries velocity, a rest at the same spot does not", "[ui][input]") {
    GestureTracker g(18);
    feed(g, PointerEvent::Type::Down, 100, 800, 0.0);
    for (int i = 1; i <= 5; ++i) feed(g, PointerEvent::Type::Move, 100, 800 - 60.0f * i, 0.016 * i);
    SECTION("flick") {
        feed(g, PointerEvent::Type::Up, 100, 500, 0.09);
        CHECK(g.takeFrame().releaseVelocityY < -1000);  // upwards, px/s
    }
    SECTION("rest, with repeated reports of the same position") {
        for (int i = 1; i <= 10; ++i) feed(g, PointerEvent::Type::Move, 100, 500, 0.08 + 0.016 * i);
        feed(g, PointerEvent::Type::Up, 100, 500, 0.26);
        CHECK(g.takeFrame().releaseVelocityY == 0);
    }
}
