// One pointer event, in framebuffer pixels. Real input (mouse, or a
// touchscreen that X11/Xwayland delivers as a pointer) and replayed scripts
// both arrive as these, through the same queue.
#pragma once

namespace gongkai::platform {

struct PointerEvent {
    enum class Type { Move, Down, Up };
    Type type = Type::Move;
    float x = 0, y = 0;
};

}  // namespace gongkai::platform
