// The display's opening hours ([kiosk] display_schedule): when the service
// hall is open the kiosk shows its screens; outside them it goes dark.
//
// Syntax: entries separated by ";", each "DAYS HOURS[,HOURS]...":
//   DAYS   a day (mon tue wed thu fri sat sun), a range of days (mon-fri;
//          fri-mon wraps round the week), several of those joined by ","
//          (mon-wed,fri), or "daily"
//   HOURS  HH:MM-HH:MM in 24-hour local time (8:30 and 08:30 both read);
//          the end is after the start, 24:00 is the end of the day, so a
//          range that would cross midnight is written as two
//   e.g.   "mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00"
// Ranges may overlap (they add up). "always" (or no key at all) means always
// on. Names are case-insensitive; spaces around the separators are free.
//
// Pure: no clock, no files; the caller turns a time_t into a WeekTime
// (weekTimeOf, local time). Any thread.
#pragma once

#include <bitset>
#include <ctime>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongkai {

inline constexpr int kMinutesPerWeek = 7 * 24 * 60;

struct WeekTime {
    int weekday = 0;  // 0 Monday .. 6 Sunday
    int second = 0;   // of the day, 0 .. 86399
};

struct DisplaySchedule {
    bool always = true;                 // no schedule: always on
    std::bitset<kMinutesPerWeek> open;  // minute m of the week (Monday 00:00 = 0) is open
    std::string text;                   // as configured ("" when always)
};

// A parse problem: `position` is the 1-based character (byte) of `text`
// where it was found; `message` names the problem and what was expected.
struct ScheduleError {
    std::size_t position = 0;
    std::string message;
};

// Parses the syntax above. On error the Error's message reads
// "character N: <message>" (ScheduleError's fields, joined); use
// parseDisplayScheduleDetailed for them apart.
Result<DisplaySchedule> parseDisplaySchedule(std::string_view text);
// The same, with the error's parts apart (config check, tests).
bool parseDisplaySchedule(std::string_view text, DisplaySchedule& out, ScheduleError& error);

// Local time of `t` (localtime_r) as a WeekTime.
WeekTime weekTimeOf(std::time_t t);

bool isOpen(const DisplaySchedule& schedule, WeekTime at);

// Seconds from `at` until isOpen changes; -1 when it never does (always on,
// open all week, or closed all week).
long secondsToNextChange(const DisplaySchedule& schedule, WeekTime at);

// The next change after `now` as a time_t (-1: never). Local time, so across
// a daylight-saving change it may be off by the shift: callers look again.
std::time_t nextChange(const DisplaySchedule& schedule, std::time_t now);

// "2026-11-30T08:30:00" (local time), for logs and the state dump.
std::string localTimeIso(std::time_t t);
// Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (local time); false when malformed.
bool parseLocalTimeIso(const std::string& text, std::time_t& out);

}  // namespace gongkai
