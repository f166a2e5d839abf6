// Showing part of a frame on X11: GLX_MESA_copy_sub_buffer copies rectangles
// of the window's back buffer to the window without swapping buffers, so the
// back buffer keeps its contents from frame to frame (only a swap makes them
// undefined) and the renderer can draw into it directly, redrawing only what
// changed, and send the X server only those pixels. Mesa's drivers have it
// (llvmpipe under Xvfb among them); without it the window falls back to an
// offscreen frame copied whole and swapped (window.h).
//
// Kept apart from window.cpp: the X11 headers define macros (Status, None)
// that clash with our names. UI thread only, with the window's context current.
#pragma once

#include <memory>

#include "platform/damage.h"

struct GLFWwindow;

namespace gongkai::platform {

class SubBufferCopy {
public:
    // nullptr when the context lacks the extension (not GLX, not Mesa).
    static std::unique_ptr<SubBufferCopy> create(GLFWwindow* window);
    // Copies `r` (top-left origin) of the back buffer to the window; the
    // rendering before it is flushed first.
    void copy(const PixelRect& r, int height) const;

private:
    using AnyFn = void (*)();  // glXCopySubBufferMESA, cast back to its type in the .cpp
    SubBufferCopy(void* display, unsigned long drawable, AnyFn fn)
        : m_display(display), m_drawable(drawable), m_fn(fn) {}
    void* m_display;           // Display*
    unsigned long m_drawable;  // GLXDrawable
    AnyFn m_fn;
};

}  // namespace gongkai::platform
