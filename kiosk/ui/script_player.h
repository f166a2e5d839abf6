// Plays a parsed script (script.h) against the running app: turns each
// command into pointer events over real time, one button change per frame,
// so a scripted tap or drag takes exactly the path a finger's would.
// Before each command the player waits until the app has settled (no data
// request pending, nothing animating, a few frames drawn), so scripts need
// no guessed waits between taps. UI thread only.
#pragma once

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
};

class ScriptPlayer {
public:
    explicit ScriptPlayer(std::vector<ScriptCommand> commands) : m_commands(std::move(commands)) {}

    // Called once per frame; `settled` says whether the app is at rest.
    ScriptStep advance(double now, bool settled);
    bool active() const { return m_active; }

private:
    ScriptStep startCommand(double now);
    ScriptStep continueCommand(double now);

    std::vector<ScriptCommand> m_commands;
    std::vector<char32_t> m_typing;  // Type: the characters still to press
    std::size_t m_next = 0;
    bool m_active = true, m_running = false;
    double m_started = 0, m_waitingSince = -1, m_arrived = 0;
    int m_phase = 0;
};

}  // namespace gongkai::ui
