// The display's opening hours on the kiosk (issue 10): outside the service
// hall's hours ([kiosk] display_schedule, core/display_schedule.h) the kiosk
// goes dark — a black screen, a few frames a second at most, every typed
// text cleared as the idle reset clears it — and a touch wakes it on the
// home screen for display_wake_seconds (default kDefaultWakeSeconds), each
// touch starting that time again. At closing time a kiosk touched within
// that time stays on until it has not been touched for it. The operator's
// display_off_command / display_on_command (core/display_command.h) run on
// each change to dark / lit, without a shell and without waiting, and once
// at start for the state the kiosk starts in.
//
// The setup screen (first boot) and the staff desk never go dark.
// The wall clock is the system's, or starts at --now (tests, demos) and runs
// on from there. UI thread only.
#pragma once

#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "core/display_command.h"
#include "core/display_schedule.h"
#include "ui/app_state.h"
#include "ui/kiosk_config.h"
#include "ui/options.h"

namespace gongkai::ui {

enum class DisplayState { On, Off, Woken };  // Woken: outside the hours, lit by a touch

class DisplayPower {
public:
    static constexpr double kDefaultWakeSeconds = 180;
    static constexpr double kDarkFrameSeconds = 0.25;  // dark: at most 4 frames a second

    // `o.fakeNow`, when set, has been checked by parseOptions.
    DisplayPower(const Options& o, const KioskConfig& c, AppState& s);

    // Each frame after input and data, before SystemBehaviour::beforeFrame
    // (`pressed`: the pointer is down). Changes state; while dark, and for
    // the touch that wakes the kiosk, takes the frame's input away.
    void beforeFrame(double now, bool pressed);

    bool dark() const { return m_state == DisplayState::Off; }
    DisplayState state() const { return m_state; }
    // Seconds the loop may sleep before the state could change (at most 60,
    // so a clock set by NTP after boot is noticed).
    double secondsToNextChange(double now) const;
    // "on" | "off" | "woken".
    const char* stateName() const;
    // The state dump's display_clock: now, next_change, wake_until, commands started.
    nlohmann::json dumpJson(double now) const;

private:
    std::time_t wallNow() const;
    DisplayState wanted(double now, bool touched) const;
    void enter(DisplayState next, double now);
    void runCommand(const char* label, const std::vector<std::string>& argv, double now);

    AppState& m_s;
    DisplaySchedule m_schedule;
    std::vector<std::string> m_offCommand, m_onCommand;
    double m_wakeSeconds = kDefaultWakeSeconds;
    bool m_neverDark = false;  // the staff desk
    double m_clockOffset = 0;  // --now minus the system clock at start, seconds
    DisplayState m_state = DisplayState::On;
    double m_lastTouch = -1e18;
    bool m_started = false, m_swallow = false;
    CommandRunner m_runner;
};

}  // namespace gongkai::ui
