// The display's opening hours ([kiosk] display_schedule, core/display_schedule.h):
// the syntax, what is open when, the next change, bad schedules named with
// their character; the operator's display commands split without a shell and
// run without waiting (core/display_command.h).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "core/display_command.h"
#include "core/display_schedule.h"

using namespace gongkai;

namespace {

WeekTime at(int weekday, int hour, int minute, int second = 0) {
    return {weekday, hour * 3600 + minute * 60 + second};
}

DisplaySchedule parsed(const std::string& text) {
    auto s = parseDisplaySchedule(text);
    INFO(text << ": " << (s ? "" : s.error().message));
    REQUIRE(s.ok());
    return s.value();
}

constexpr int kMon = 0, kTue = 1, kWed = 2, kFri = 4, kSat = 5, kSun = 6;

}  // namespace

TEST_CASE("display schedule: a working week with a lunch break and a Saturday morning", "[display]") {
    auto s = parsed("mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00");
    CHECK_FALSE(s.always);
    CHECK_FALSE(isOpen(s, at(kMon, 8, 29, 59)));
    CHECK(isOpen(s, at(kMon, 8, 30)));
    CHECK(isOpen(s, at(kWed, 11, 59, 59)));
    CHECK_FALSE(isOpen(s, at(kWed, 12, 0)));  // lunch
    CHECK(isOpen(s, at(kFri, 17, 29)));
    CHECK_FALSE(isOpen(s, at(kFri, 17, 30)));
    CHECK(isOpen(s, at(kSat, 9, 0)));
    CHECK_FALSE(isOpen(s, at(kSat, 12, 0)));
    CHECK_FALSE(isOpen(s, at(kSun, 10, 0)));
}

TEST_CASE("display schedule: day lists, wrapped ranges, daily, spaces, case and 24:00", "[display]") {
    auto s = parsed("  Mon,WED  9:00-10:00 ;fri-mon 20:00-24:00;; ");
    CHECK(isOpen(s, at(kMon, 9, 0)));
    CHECK_FALSE(isOpen(s, at(kTue, 9, 0)));
    CHECK(isOpen(s, at(kWed, 9, 59)));
    for (int d : {kFri, kSat, kSun, kMon}) CHECK(isOpen(s, at(d, 23, 59, 59)));
    CHECK_FALSE(isOpen(s, at(kTue, 23, 0)));
    auto d = parsed("daily 07:00-19:00 21:00-22:00");  // ranges separated by a space
    for (int day = 0; day < 7; ++day) CHECK(isOpen(d, at(day, 21, 30)));
    CHECK_FALSE(isOpen(d, at(kSun, 20, 0)));
}

TEST_CASE("display schedule: always (or no key) is always on and never changes", "[display]") {
    for (const char* text : {"always", " ALWAYS "}) {
        auto s = parsed(text);
        CHECK(s.always);
        CHECK(isOpen(s, at(kSun, 3, 0)));
        CHECK(secondsToNextChange(s, at(kSun, 3, 0)) == -1);
    }
    CHECK(DisplaySchedule{}.always);
    CHECK(secondsToNextChange(parsed("daily 00:00-24:00"), at(kTue, 5, 0)) == -1);  // open all week
}

TEST_CASE("display schedule: seconds to the next change, across days and midnight", "[display]") {
    auto s = parsed("mon-fri 08:30-17:30; sat 09:00-12:00");
    CHECK(secondsToNextChange(s, at(kMon, 8, 29, 50)) == 10);
    CHECK(secondsToNextChange(s, at(kMon, 8, 30)) == 9 * 3600);
    CHECK(secondsToNextChange(s, at(kFri, 17, 30)) == (24 - 17.5 + 9) * 3600);  // Saturday 09:00
    CHECK(secondsToNextChange(s, at(kSat, 12, 0)) == (12 + 24 + 8.5) * 3600);   // Monday 08:30
    auto late = parsed("fri 20:00-24:00; sat 00:00-02:00");                     // one stretch over midnight
    CHECK(secondsToNextChange(late, at(kFri, 23, 0)) == 3 * 3600);
    std::time_t now = std::time(nullptr);
    std::time_t next = nextChange(s, now);
    REQUIRE(next > now);
    CHECK(isOpen(s, weekTimeOf(next)) != isOpen(s, weekTimeOf(now)));
    CHECK(isOpen(s, weekTimeOf(next - 1)) == isOpen(s, weekTimeOf(now)));
}

TEST_CASE("display schedule: bad schedules name the problem and its character", "[display]") {
    auto [text, position, words] = GENERATE(table<std::string, std::size_t, std::string>({
        {"", 1, "empty"},
        {" ; ;", 1, "no opening hours"},
        {"mon-fri", 1, "needs opening hours"},
        {"mon-fri 08:30-17:30; sat", 22, "needs opening hours"},
        {"mom-fri 08:30-17:30", 1, "unknown day 'mom'"},
        {"mon-fir 08:30-17:30", 5, "unknown day 'fir'"},
        {"mon-daily 08:30-17:30", 1, "cannot end a range"},
        {"mon-fri 8.30-17:30", 9, "expected a time HH:MM"},
        {"mon-fri 08:30 17:30", 14, "expected '-'"},
        {"mon-fri 08:30-25:00", 15, "no such time 25:00"},
        {"mon-fri 08:30-24:30", 15, "no such time 24:30"},
        {"mon-fri 08:61-17:00", 9, "no such time 08:61"},
        {"mon-fri 17:30-08:30", 9, "closes before it opens"},
        {"daily 22:00-06:00", 7, "cannot cross midnight"},
        {"mon-fri 08:30-17:30 sat 09:00-12:00", 21, "expected ',' and more hours, ';'"},
        {"mon-fri08:30-17:30", 8, "after the days 'mon-fri'"},
        {"08:30-17:30", 1, "expected a day"},
    }));
    DisplaySchedule s;
    ScheduleError e;
    INFO("\"" << text << "\" -> character " << e.position << ": " << e.message);
    CHECK_FALSE(parseDisplaySchedule(text, s, e));
    INFO("\"" << text << "\" -> character " << e.position << ": " << e.message);
    CHECK(e.position == position);
    CHECK_THAT(e.message, Catch::Contains(words));
    CHECK(s.always);  // nothing half parsed is kept
    auto r = parseDisplaySchedule(text);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::StartsWith("character " + std::to_string(position) + ": "));
}

TEST_CASE("display schedule: local times read and written as ISO text", "[display]") {
    std::time_t t = 0;
    REQUIRE(parseLocalTimeIso("2026-11-30T20:00", t));  // a Monday
    CHECK(localTimeIso(t) == "2026-11-30T20:00:00");
    CHECK(weekTimeOf(t).weekday == kMon);
    CHECK(weekTimeOf(t).second == 20 * 3600);
    REQUIRE(parseLocalTimeIso("2026-12-06T08:29:50", t));
    CHECK(weekTimeOf(t).weekday == kSun);
    for (const char* bad : {"2026-11-30", "2026-11-30T25:00", "2026-02-30T10:00", "2026-11-30T10:00x", "now"})
        CHECK_FALSE(parseLocalTimeIso(bad, t));
}

TEST_CASE("display command: split without a shell, quotes kept together", "[display]") {
    auto a = splitCommand("wlr-randr --output HDMI-A-1 --off");
    REQUIRE(a.ok());
    CHECK(a.value() == std::vector<std::string>{"wlr-randr", "--output", "HDMI-A-1", "--off"});
    auto b = splitCommand(R"(sh -c 'echo off >> "/tmp/a b"' "x\"y" z\ w)");
    REQUIRE(b.ok());
    CHECK(b.value() == std::vector<std::string>{"sh", "-c", R"(echo off >> "/tmp/a b")", "x\"y", "z w"});
    auto open = splitCommand("xset 'dpms force off");
    REQUIRE_FALSE(open.ok());
    CHECK_THAT(open.error().message, Catch::Contains("character 6") && Catch::Contains("not closed"));
    CHECK_FALSE(splitCommand("   ").ok());
}

TEST_CASE("display command: runs without waiting, reports a failure, kills an overdue one", "[display]") {
    CommandRunner runner(0.5);
    double t0 = 0;
    auto start = std::chrono::steady_clock::now();
    REQUIRE(runner.start("display_off_command", {"sh", "-c", "sleep 0.2; exit 3"}, t0).ok());
    REQUIRE(runner.start("display_on_command", {"sleep", "30"}, t0).ok());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(150));  // did not wait
    CHECK(runner.running() == 2);
    std::vector<std::string> lines;
    for (int i = 0; i < 100 && runner.running() > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        for (auto& l : runner.poll(t0 + (i + 1) * 0.02)) lines.push_back(l);
    }
    CHECK(runner.running() == 0);
    CHECK(runner.started() == 2);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "display_off_command (sh) exited with status 3");
    CHECK_THAT(lines[1], Catch::StartsWith("display_on_command (sleep) still running after 0.5 s: killed"));
    auto missing = runner.start("display_on_command", {"no-such-program-gongkai"}, t0);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().message, Catch::Contains("cannot run no-such-program-gongkai"));
}
