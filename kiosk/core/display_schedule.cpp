// Sections: [parse] the schedule's syntax (display_schedule.h), one entry at
//           a time with a cursor; [query] open or not, the next change;
//           [time] local time helpers.
#include "core/display_schedule.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace gongkai {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kDayList = "mon tue wed thu fri sat sun, or daily";

// [parse] ------------------------------------------------------------------------

class Parser {
public:
    Parser(std::string_view text, DisplaySchedule& out, ScheduleError& error)
        : m_text(text), m_out(out), m_error(error) {}

    bool schedule() {
        bool any = false;
        while (true) {
            skipSpaces();
            if (!atEntryEnd()) {
                if (!entry()) return false;
                any = true;
            }
            if (m_pos >= m_text.size()) break;
            ++m_pos;  // the ';'
        }
        if (!any)
            return fail(1, "holds no opening hours (e.g. \"mon-fri 08:30-17:30\"; \"always\" for always on)");
        return true;
    }

private:
    bool fail(std::size_t position, std::string message) {
        m_error = {position, std::move(message)};
        return false;
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool atEntryEnd() const { return m_pos >= m_text.size() || m_text[m_pos] == ';'; }
    void skipSpaces() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) ++m_pos;
    }
    std::string quoteHere() const {  // the text from here to the next separator, for messages
        std::size_t end = m_pos;
        while (end < m_text.size() && m_text[end] != ' ' && m_text[end] != ';' && m_text[end] != ',') ++end;
        return "'" + std::string(m_text.substr(m_pos, end - m_pos)) + "'";
    }

    bool day(int& out) {
        std::size_t start = m_pos;
        std::string word;
        while (std::isalpha(static_cast<unsigned char>(peek()))) word += char(std::tolower(m_text[m_pos++]));
        for (int d = 0; d < 7; ++d)
            if (word == kDayNames[d]) return out = d, true;
        if (word == "daily") return out = -1, true;
        m_pos = start;
        if (word.empty())
            return fail(start + 1, "expected a day (" + std::string(kDayList) + "), got " + quoteHere());
        return fail(start + 1, "unknown day '" + std::string(m_text.substr(start, word.size())) + "' (" +
                                   kDayList + ")");
    }

    // DAYS: daily | DAY[-DAY] joined by ','.
    bool days(std::array<bool, 7>& on) {
        while (true) {
            int first = 0, last = 0;
            std::size_t at = m_pos;
            if (!day(first)) return false;
            if (first < 0) {
                on.fill(true);
            } else if (peek() == '-') {
                ++m_pos;
                if (!day(last)) return false;
                if (last < 0) return fail(at + 1, "\"daily\" cannot end a range of days");
                for (int d = first;; d = (d + 1) % 7) {  // fri-mon wraps round the week
                    on[d] = true;
                    if (d == last) break;
                }
            } else {
                on[first] = true;
            }
            if (peek() != ',') return true;
            ++m_pos;
        }
    }

    // H:MM or HH:MM, 00:00 to 24:00, as minutes of the day.
    bool time(int& minutes) {
        std::size_t start = m_pos;
        int hour = 0, digits = 0;
        while (std::isdigit(static_cast<unsigned char>(peek())) && digits < 3)
            hour = hour * 10 + (m_text[m_pos++] - '0'), ++digits;
        bool shape = digits >= 1 && digits <= 2 && peek() == ':';
        int minute = 0;
        if (shape) {
            ++m_pos;
            for (int i = 0; i < 2 && shape; ++i) {
                shape = std::isdigit(static_cast<unsigned char>(peek()));
                if (shape) minute = minute * 10 + (m_text[m_pos++] - '0');
            }
            shape = shape && !std::isdigit(static_cast<unsigned char>(peek()));
        }
        if (!shape) {
            m_pos = start;
            return fail(start + 1, "expected a time HH:MM (24-hour), got " + quoteHere());
        }
        if (hour > 24 || minute > 59 || (hour == 24 && minute != 0))
            return fail(start + 1, "no such time " + std::string(m_text.substr(start, m_pos - start)) +
                                       " (00:00 to 24:00)");
        minutes = hour * 60 + minute;
        return true;
    }

    // HH:MM-HH:MM, added to the days in `on`.
    bool hours(const std::array<bool, 7>& on) {
        std::size_t start = m_pos;
        int from = 0, to = 0;
        if (!time(from)) return false;
        if (peek() != '-') return fail(m_pos + 1, "expected '-' and the closing time after the opening time");
        ++m_pos;
        if (!time(to)) return false;
        if (to <= from) {
            std::string range(m_text.substr(start, m_pos - start));
            return fail(start + 1, range +
                                       " closes before it opens; a range cannot cross midnight: write two, "
                                       "e.g. 22:00-24:00 and 00:00-06:00 on the next day");
        }
        for (int d = 0; d < 7; ++d)
            if (on[d])
                for (int m = from; m < to; ++m)
                    m_out.open.set(static_cast<std::size_t>(d * kMinutesPerDay + m));
        return true;
    }

    // DAYS HOURS[,HOURS]... up to ';' or the end.
    bool entry() {
        std::array<bool, 7> on{};
        std::size_t daysAt = m_pos;
        if (!days(on)) return false;
        std::string dayText(m_text.substr(daysAt, m_pos - daysAt));
        if (atEntryEnd())
            return fail(daysAt + 1, "'" + dayText + "' needs opening hours after it, e.g. 08:30-17:30");
        if (peek() != ' ' && peek() != '\t')
            return fail(m_pos + 1, "unexpected " + quoteHere() + " after the days '" + dayText +
                                       "' (a space, then the hours)");
        while (true) {
            skipSpaces();
            if (!hours(on)) return false;
            skipSpaces();
            if (atEntryEnd()) return true;
            if (peek() == ',')
                ++m_pos;
            else if (!std::isdigit(static_cast<unsigned char>(peek())))
                return fail(m_pos + 1, "unexpected " + quoteHere() +
                                           ": expected ',' and more hours, ';' and "
                                           "the next days, or the end");
        }
    }

    std::string_view m_text;
    DisplaySchedule& m_out;
    ScheduleError& m_error;
    std::size_t m_pos = 0;
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool isAlways(std::string_view s) {
    s = trimmed(s);
    if (s.size() != 6) return false;
    for (std::size_t i = 0; i < 6; ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != "always"[i]) return false;
    return true;
}

}  // namespace

bool parseDisplaySchedule(std::string_view text, DisplaySchedule& out, ScheduleError& error) {
    out = {};
    if (trimmed(text).empty()) {
        error = {1, "is empty (leave the key out, or write \"always\", for always on)"};
        return false;
    }
    if (isAlways(text)) return true;
    out.always = false;
    out.text = std::string(text);
    if (Parser(text, out, error).schedule()) return true;
    out = {};
    return false;
}

Result<DisplaySchedule> parseDisplaySchedule(std::string_view text) {
    DisplaySchedule s;
    ScheduleError e;
    if (!parseDisplaySchedule(text, s, e))
        return Error{"character " + std::to_string(e.position) + ": " + e.message};
    return s;
}

// [query] ------------------------------------------------------------------------

bool isOpen(const DisplaySchedule& s, WeekTime at) {
    if (s.always) return true;
    return s.open.test(static_cast<std::size_t>(at.weekday * kMinutesPerDay + at.second / 60));
}

long secondsToNextChange(const DisplaySchedule& s, WeekTime at) {
    if (s.always) return -1;
    const int now = at.weekday * kMinutesPerDay + at.second / 60;
    const bool state = s.open.test(static_cast<std::size_t>(now));
    for (int k = 1; k <= kMinutesPerWeek; ++k)
        if (s.open.test(static_cast<std::size_t>((now + k) % kMinutesPerWeek)) != state)
            return long(k) * 60 - at.second % 60;
    return -1;
}

std::time_t nextChange(const DisplaySchedule& s, std::time_t now) {
    long seconds = secondsToNextChange(s, weekTimeOf(now));
    return seconds < 0 ? std::time_t(-1) : now + seconds;
}

// [time] -------------------------------------------------------------------------

WeekTime weekTimeOf(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return {(tm.tm_wday + 6) % 7, tm.tm_hour * 3600 + tm.tm_min * 60 + std::min(tm.tm_sec, 59)};
}

std::string localTimeIso(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

bool parseLocalTimeIso(const std::string& text, std::time_t& out) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    bool withSeconds =
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) == 6;
    if (!withSeconds) {
        s = 0, used = 0;
        if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5)
            return false;
    }
    if (static_cast<std::size_t>(used) != text.size() || y < 1970 || h > 23 || mi > 59 || s > 59)
        return false;
    std::tm tm{};
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
    tm.tm_isdst = -1;
    std::time_t t = std::mktime(&tm);
    if (t == std::time_t(-1) || tm.tm_mon != mo - 1 || tm.tm_mday != d) return false;  // 2026-02-30
    out = t;
    return true;
}

}  // namespace gongkai
