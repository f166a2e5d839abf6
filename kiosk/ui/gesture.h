// Turns pointer events into touch gestures: a tap (press and release without
// moving further than the slop) or a drag (everything else). A drag never
// produces a tap, whatever happens at release. Not thread-safe; owned by the
// UI thread.
#pragma once

#include <optional>

#include "platform/pointer_event.h"

namespace gongkai::ui {

struct Point {
    float x = 0, y = 0;
};

// What one frame's worth of pointer events amounted to.
struct FrameGestures {
    std::optional<Point> tap;    // a completed tap, at its press position
    std::optional<Point> press;  // the pointer is down (and not dragging) here
    bool dragging = false;       // a drag is in progress or ended this frame
    Point dragStart;             // where the current/last drag began
    float dragDx = 0, dragDy = 0;  // movement this frame while dragging
    float releaseVelocityY = 0;  // px/s at the end of a drag (for inertia)
    bool dragEnded = false;
};

class GestureTracker {
public:
    explicit GestureTracker(float slop = 18.0f) : m_slop(slop) {}

    // Feeds one event; `timeSeconds` is a monotonic clock.
    void feed(const platform::PointerEvent& e, double timeSeconds);
    // Returns what happened since the last call and starts a new frame.
    FrameGestures takeFrame();
    bool pressed() const { return m_down; }
    Point position() const { return m_pos; }

private:
    void onMove(Point p, double t);
    void onUp(double t);

    float m_slop;
    bool m_down = false, m_dragging = false;
    Point m_pos, m_start;
    double m_lastMoveTime = 0;
    float m_velocityY = 0;
    FrameGestures m_frame;
};

}  // namespace gongkai::ui
