#include "ui/script_player.h"

#include <algorithm>

#include "core/glyphs.h"

namespace gongkai::ui {
namespace {

using platform::KeyEvent;
using platform::PointerEvent;
constexpr double kTapHold = 0.08;       // seconds between press and release
constexpr double kDragMove = 0.35;      // seconds from press to the end point
constexpr double kDragRest = 0.15;      // finger rests before release: no fling
constexpr double kSettleTimeout = 20.0;

}  // namespace

ScriptStep ScriptPlayer::advance(double now, bool settled) {
    if (!m_active) return {};
    if (m_running) return continueCommand(now);
    if (m_next >= m_commands.size()) {
        m_active = false;
        ScriptStep done;
        done.quit = true;
        return done;
    }
    if (m_waitingSince < 0) m_waitingSince = now;
    bool timedOut = now - m_waitingSince > kSettleTimeout;
    if (!settled && !timedOut) return {};
    m_waitingSince = -1;
    ScriptStep step = startCommand(now);
    step.timedOut = timedOut;
    return step;
}

ScriptStep ScriptPlayer::startCommand(double now) {
    const ScriptCommand& c = m_commands[m_next];
    ScriptStep step;
    m_started = now;
    m_phase = 0;
    switch (c.kind) {
    case ScriptCommand::Kind::TapOn:
        if (!m_find || !m_find(c.path, m_tapX, m_tapY)) {
            step.error = "script line " + std::to_string(c.line) + ": no tap target '" + c.path + "' on screen";
            step.quit = true;
            m_active = false;
            break;
        }
        step.events = {{PointerEvent::Type::Move, m_tapX, m_tapY}, {PointerEvent::Type::Down, m_tapX, m_tapY}};
        m_running = true;
        break;
    case ScriptCommand::Kind::Tap:
    case ScriptCommand::Kind::Drag:
        m_tapX = c.x1, m_tapY = c.y1;
        step.events = {{PointerEvent::Type::Move, c.x1, c.y1}, {PointerEvent::Type::Down, c.x1, c.y1}};
        m_running = true;
        break;
    case ScriptCommand::Kind::Wait:
        m_running = true;
        break;
    case ScriptCommand::Kind::Screenshot:
        step.screenshot = c.path;
        ++m_next;
        break;
    case ScriptCommand::Kind::Quit:
        step.quit = true;
        m_active = false;
        break;
    case ScriptCommand::Kind::Type:
        m_typing.clear();
        forEachCodepoint(c.path, [&](char32_t cp) { m_typing.push_back(cp); });
        std::reverse(m_typing.begin(), m_typing.end());  // taken from the back
        m_running = true;
        break;
    case ScriptCommand::Kind::Key:
        step.keys = {{c.path == "backspace" ? KeyEvent::Type::Backspace
                      : c.path == "enter"   ? KeyEvent::Type::Enter
                                            : KeyEvent::Type::Clear, 0}};
        ++m_next;
        break;
    case ScriptCommand::Kind::Dump:
        step.dump = c.path;
        ++m_next;
        break;
    }
    return step;
}

ScriptStep ScriptPlayer::continueCommand(double now) {
    const ScriptCommand& c = m_commands[m_next];
    ScriptStep step;
    double t = now - m_started;
    auto finish = [&] { m_running = false; ++m_next; };
    if (c.kind == ScriptCommand::Kind::Type) {  // one key a frame, like fingers on keys
        if (m_typing.empty()) {
            finish();
        } else {
            step.keys = {{KeyEvent::Type::Char, m_typing.back()}};
            m_typing.pop_back();
        }
    } else if (c.kind == ScriptCommand::Kind::Wait) {
        if (t * 1000.0 >= c.waitMs) finish();
    } else if (c.kind == ScriptCommand::Kind::Tap || c.kind == ScriptCommand::Kind::TapOn) {
        if (t >= kTapHold) {
            step.events = {{PointerEvent::Type::Up, m_tapX, m_tapY}};
            finish();
        }
    } else if (c.kind == ScriptCommand::Kind::Drag) {
        float f = static_cast<float>(std::min(1.0, t / kDragMove));
        if (m_phase == 0) {
            step.events = {{PointerEvent::Type::Move, c.x1 + (c.x2 - c.x1) * f, c.y1 + (c.y2 - c.y1) * f}};
            if (f >= 1.0f) m_phase = 1, m_arrived = now;  // the finger rests from here
        } else if (now - m_arrived >= kDragRest) {  // a later frame, however slow the frames are
            step.events = {{PointerEvent::Type::Up, c.x2, c.y2}};
            finish();
        }
    }
    return step;
}

}  // namespace gongkai::ui
