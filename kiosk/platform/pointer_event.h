// One pointer event, in framebuffer pixels. Real input (mouse, or a
// touchscreen that X11/Xwayland delivers as a pointer) and replayed scripts
// both arrive as these, through the same queue.
// KeyEvent is the same for typing: a physical keyboard (GLFW's character and
// key callbacks) and the script's `type` / `key` commands feed one queue.
#pragma once

namespace gongkai::platform {

struct PointerEvent {
    enum class Type { Move, Down, Up };
    Type type = Type::Move;
    float x = 0, y = 0;
};

struct KeyEvent {
    enum class Type { Char, Backspace, Enter, Clear };
    Type type = Type::Char;
    char32_t ch = 0;  // Char: the Unicode character typed
};

}  // namespace gongkai::platform
