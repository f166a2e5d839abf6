// Plays a parsed script (script.h) against the running app: turns each
// command into pointer events over real time, one button change per frame,
// so a scripted tap or drag takes exactly the path a finger's would.
// Before each command the player waits until the app has settled (no data
// request pending, nothing animating, a few frames drawn), so scripts need
// no guessed waits between taps. UI thread only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/pointer_event.h"
#include "ui/script.h"

namespace gongkai::ui {

struct ScriptStep {
    std::vector<platform::PointerEvent> events;  // inject this frame
    std::vector<platform::KeyEvent> keys;        // inject this frame (typing)
    std::optional<std::string> screenshot;       // capture this frame
    std::optional<std::string> dump;             // write the state dump this frame
    bool quit = false;
    bool timedOut = false;  // waited too long to settle (reported, not fatal)
    std::string error;      // the script cannot go on (a tap-on target not on screen); quit is set
};

// Where a named tap target is on screen now: its middle, false when absent.
using TargetFinder = std::function<bool(const std::string& name, float& x, float& y)>;

class ScriptPlayer {
public:
    // `find` resolves tap-on targets (may be empty when no script uses them).
    explicit ScriptPlayer(std::vector<ScriptCommand> commands, TargetFinder find = {})
        : m_commands(std::move(commands)), m_find(std::move(find)) {}

    // Called once per frame; `settled` says whether the app is at rest.
    ScriptStep advance(double now, bool settled);
    bool active() const { return m_active; }

private:
    ScriptStep startCommand(double now);
    ScriptStep continueCommand(double now);

    std::vector<ScriptCommand> m_commands;
    TargetFinder m_find;
    float m_tapX = 0, m_tapY = 0;    // Tap, TapOn: where the finger is
    std::vector<char32_t> m_typing;  // Type: the characters still to press
    std::size_t m_next = 0;
    bool m_active = true, m_running = false;
    double m_started = 0, m_waitingSince = -1, m_arrived = 0;
    int m_phase = 0;
};

}  // namespace gongkai::ui
