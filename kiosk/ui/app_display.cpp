// Sections: [setup] settings and the clock; [frame] the state each frame and
//           its changes; [wait] how long the loop may sleep; [dump].
#include "ui/app_display.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "ui/idle.h"
#include "ui/staff.h"

namespace gongkai::ui {
namespace {

double systemSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

// Idle timing starts again from `now` (the count of resets is kept).
void restartIdle(IdleState& idle, double now) {
    int resets = idle.resets;
    idle = IdleState{};
    idle.lastInput = now;
    idle.resets = resets;
}

}  // namespace

// [setup] ------------------------------------------------------------------------

DisplayPower::DisplayPower(const Options& o, const KioskConfig& c, AppState& s)
    : m_s(s),
      m_schedule(c.displaySchedule),
      m_offCommand(c.displayOffCommand),
      m_onCommand(c.displayOnCommand),
      m_wakeSeconds(c.displayWakeSeconds > 0 ? c.displayWakeSeconds : kDefaultWakeSeconds),
      m_neverDark(o.desk) {
    std::time_t fake = 0;
    if (!o.fakeNow.empty() && parseLocalTimeIso(o.fakeNow, fake))
        m_clockOffset = double(fake) - systemSeconds();
    if (!m_schedule.always)
        std::fprintf(stderr, "gongkai-kiosk: display on during \"%s\" (local time now %s)\n",
                     m_schedule.text.c_str(), localTimeIso(wallNow()).c_str());
}

std::time_t DisplayPower::wallNow() const {
    return std::time_t(std::floor(systemSeconds() + m_clockOffset));
}

// [frame] ------------------------------------------------------------------------

DisplayState DisplayPower::wanted(double now, bool touched) const {
    if (m_neverDark || m_s.setup.needed || isOpen(m_schedule, weekTimeOf(wallNow()))) return DisplayState::On;
    if (m_state == DisplayState::Off) return touched ? DisplayState::Woken : DisplayState::Off;
    // Lit outside the hours (woken, or just closed): until untouched for the wake time.
    return now - m_lastTouch < m_wakeSeconds ? DisplayState::Woken : DisplayState::Off;
}

void DisplayPower::beforeFrame(double now, bool pressed) {
    for (const auto& line : m_runner.poll(now)) std::fprintf(stderr, "gongkai-kiosk: %s\n", line.c_str());
    const FrameGestures& in = m_s.input;
    bool touched = in.tap || in.press || in.dragging || pressed || !m_s.keys.empty();
    if (touched) m_lastTouch = now;
    DisplayState next = wanted(now, touched);
    if (!m_started) {  // the state the kiosk starts in: the screen may have been left off
        m_started = true;
        m_state = next == DisplayState::Off ? DisplayState::On : next;
        if (next == DisplayState::On) runCommand("display_on_command", m_onCommand, now);
    }
    if (next != m_state) {
        if (m_state == DisplayState::Off) m_swallow = true;  // the waking touch does nothing else
        enter(next, now);
    }
    if (m_swallow && !touched) m_swallow = false;
    if (dark() || m_swallow) {
        m_s.input = {};
        m_s.keys.clear();
    }
}

void DisplayPower::enter(DisplayState next, double now) {
    DisplayState was = m_state;
    m_state = next;
    std::time_t change = nextChange(m_schedule, wallNow());
    std::string until = change < 0 ? std::string("-") : localTimeIso(change);
    if (next == DisplayState::Off) {
        // Nobody is there: nothing typed may wait for the next morning.
        closeStaff(m_s.staff);
        resetSession(m_s);
        restartIdle(m_s.idle, now);
        std::fprintf(stderr, "gongkai-kiosk: display off: outside opening hours (on again at %s)\n",
                     until.c_str());
        runCommand("display_off_command", m_offCommand, now);
    } else if (was == DisplayState::Off) {
        restartIdle(m_s.idle, now);  // no attract screen or countdown from the dark hours
        std::fprintf(stderr, "gongkai-kiosk: display on: %s\n",
                     next == DisplayState::On ? "opening hours" : "woken by a touch");
        runCommand("display_on_command", m_onCommand, now);
    } else if (next == DisplayState::Woken) {
        std::fprintf(stderr, "gongkai-kiosk: closing time: staying on while in use\n");
    }
}

void DisplayPower::runCommand(const char* label, const std::vector<std::string>& argv, double now) {
    if (argv.empty()) return;
    if (auto st = m_runner.start(label, argv, now); !st)
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
}

// [wait] -------------------------------------------------------------------------

double DisplayPower::secondsToNextChange(double now) const {
    double next = 60;
    if (m_state == DisplayState::Woken) next = std::min(next, m_lastTouch + m_wakeSeconds - now);
    long schedule = gongkai::secondsToNextChange(m_schedule, weekTimeOf(wallNow()));
    if (schedule >= 0) {
        // The next whole second of the wall clock after the change.
        double fraction = systemSeconds() + m_clockOffset;
        fraction -= std::floor(fraction);
        next = std::min(next, double(schedule) - fraction + 0.01);
    }
    if (m_runner.running() > 0) next = std::min(next, 1.0);  // reap it soon
    return std::max(0.05, next);
}

// [dump] -------------------------------------------------------------------------

const char* DisplayPower::stateName() const {
    return m_state == DisplayState::On ? "on" : m_state == DisplayState::Off ? "off" : "woken";
}

nlohmann::json DisplayPower::dumpJson(double now) const {
    std::time_t change = nextChange(m_schedule, wallNow());
    return {{"now", localTimeIso(wallNow())},
            {"next_change", change < 0 ? std::string() : localTimeIso(change)},
            {"wake_seconds_left",
             m_state == DisplayState::Woken ? std::max(0.0, m_lastTouch + m_wakeSeconds - now) : 0.0},
            {"commands_started", m_runner.started()}};
}

}  // namespace gongkai::ui
