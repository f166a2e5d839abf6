// Idle handling: after `resetSeconds` without a touch a countdown overlay
// asks "还在使用吗？" (any touch continues); when the countdown runs out every
// typed text is cleared (resetSession) and home is shown; after
// `attractSeconds` the attract screen shows the latest notices until a
// touch. The countdown is only offered when there is something to reset.
//
// Pure logic over times in seconds (tested without a window), plus
// resetSession, which clears AppState's typed text and Dear ImGui's own
// input-text copies. UI thread only.
#pragma once

#include <string>

namespace gongkai::ui {

struct AppState;

struct IdleSettings {
    double resetSeconds = 90;     // [kiosk] idle_reset_seconds / --idle-reset
    double countdownSeconds = 15;
    double attractSeconds = 300;  // [kiosk] attract_seconds / --idle-attract
};

enum class IdlePhase { Active, Countdown, Attract };

struct IdleState {
    IdlePhase phase = IdlePhase::Active;
    double lastInput = 0;
    double countdownEnds = 0;
    bool resetDone = false;  // this idle stretch has already been reset
    int resets = 0;          // how many resets so far (status, tests)
};

enum class IdleEvent { None, CountdownStarted, Continued, Reset, AttractStarted, AttractLeft };

// Advances the idle state; `touched`: input arrived this frame (it is then
// consumed by the overlay or attract screen, see IdleState::phase).
// `dirty`: there is something to reset (not home, or something typed).
IdleEvent updateIdle(IdleState& st, const IdleSettings& cfg, double now, bool touched, bool dirty);

// Seconds until updateIdle would change something without input (for the
// event wait), at least 0.05; a countdown ticks each second.
double secondsToNextIdleChange(const IdleState& st, const IdleSettings& cfg, double now, bool dirty);

// Whole seconds left on the countdown (for the overlay).
int countdownLeft(const IdleState& st, double now);

// Clears every typed text and form field (AppState and Dear ImGui's
// input-text state, whose buffers are zeroed before they are freed) and
// goes home.
void resetSession(AppState& s);

// Dear ImGui's input-text buffers as text (empty when nothing is held):
// for the state dump, so tests can see that nothing typed survives.
std::string imguiHeldText();

}  // namespace gongkai::ui
