#include "ui/gesture.h"

#include <cmath>

namespace gongkai::ui {

void GestureTracker::feed(const platform::PointerEvent& e, double t) {
    using Type = platform::PointerEvent::Type;
    Point p{e.x, e.y};
    if (e.type == Type::Down) {
        m_down = true;
        m_dragging = false;
        m_start = p;
        m_velocityY = 0;
        m_lastMoveTime = t;
    } else if (e.type == Type::Move && m_down && (p.x != m_pos.x || p.y != m_pos.y)) {
        onMove(p, t);  // (a repeated position is no movement: it must not reset the rest time)
    } else if (e.type == Type::Up && m_down) {
        onUp(t);
    }
    m_pos = p;
}

void GestureTracker::onMove(Point p, double t) {
    float dx = p.x - m_pos.x, dy = p.y - m_pos.y;
    if (!m_dragging && std::hypot(p.x - m_start.x, p.y - m_start.y) > m_slop) {
        m_dragging = true;
        dx = p.x - m_start.x;  // the slop counts: content follows the finger
        dy = p.y - m_start.y;
        m_frame.dragStart = m_start;
    }
    if (!m_dragging) return;
    m_frame.dragging = true;
    m_frame.dragDx += dx;
    m_frame.dragDy += dy;
    double dt = t - m_lastMoveTime;
    if (dt > 1e-4) m_velocityY = 0.6f * m_velocityY + 0.4f * static_cast<float>(dy / dt);
    m_lastMoveTime = t;
}

void GestureTracker::onUp(double t) {
    m_down = false;
    if (m_dragging) {
        m_frame.dragging = true;
        m_frame.dragEnded = true;
        m_frame.dragStart = m_start;
        // A finger resting before release means no fling.
        m_frame.releaseVelocityY = (t - m_lastMoveTime) > 0.1 ? 0.0f : m_velocityY;
    } else {
        m_frame.tap = m_start;
    }
    m_dragging = false;
}

FrameGestures GestureTracker::takeFrame() {
    FrameGestures out = m_frame;
    if (m_down && !m_dragging) out.press = m_start;
    if (m_dragging) {
        out.dragging = true;
        out.dragStart = m_start;
    }
    m_frame = FrameGestures{};
    return out;
}

}  // namespace gongkai::ui
