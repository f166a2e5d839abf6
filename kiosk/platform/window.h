// The kiosk's window: GLFW + OpenGL 3 + Dear ImGui's GLFW backend, drawn by
// our own renderer (renderer.h), which redraws only what changed. Where GLX
// can copy part of the back buffer to the window (present_x11.h) the back
// buffer is never swapped: it holds the frame, and only the redrawn pixels
// are sent to the X server. Elsewhere the frame is kept offscreen, copied
// whole to the back buffer and swapped.
// This directory is the only code that includes GLFW or GL headers.
//
// Create the ImGui context before Window::create and destroy it after the
// Window. All calls on the UI thread except wake(), which any thread may call.
// Pointer input (mouse, or a touchscreen arriving as a pointer) is queued as
// PointerEvents; replayed scripts push into the same queue with inject().
// A physical keyboard's characters, Backspace and Enter are queued as
// KeyEvents (scripts use inject(KeyEvent)). ImGui's own callbacks still run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "platform/pointer_event.h"
#include "platform/present_x11.h"
#include "platform/renderer.h"

struct GLFWwindow;

namespace gongkai::platform {

struct WindowOptions {
    int width = 1920, height = 1080;
    bool fullscreen = true;   // on the primary monitor at its current mode
    bool sizeGiven = false;   // fullscreen: width/height are ignored unless given
    std::string title = "Gongkai";
    bool fullRedraw = false;    // redraw every frame in full (no damage tracking)
    bool verifyRedraw = false;  // check every frame against a full redraw (slow; tests)
    bool swapPresent = false;   // the offscreen frame and a swap even where GLX could copy rectangles
};

// What the renderer did over the window's life (--verify-redraw's summary).
struct RedrawCounts {
    long long none = 0, partial = 0, full = 0;  // frames by what was redrawn
    long long scrolled = 0;                     // partial frames that moved a scroll region by a copy
    long long verified = 0, differing = 0;      // with verifyRedraw: frames checked, frames that differed
    long long roundingPixels = 0;               // and pixels a few levels off (a scroll's rounding, renderer.h)
};

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // rows top to bottom
};

class Window {
public:
    static Result<std::unique_ptr<Window>> create(const WindowOptions& options);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Blocks until an event arrives or `timeoutSeconds` pass (0: poll).
    void waitEvents(double timeoutSeconds);
    static void wake();  // thread-safe: ends a waitEvents early
    bool closeRequested() const;

    void inject(const PointerEvent& e) { m_events.push_back(e); }
    std::vector<PointerEvent> takePointerEvents();
    void inject(const KeyEvent& e) { m_keys.push_back(e); }
    std::vector<KeyEvent> takeKeyEvents();

    int width() const;   // framebuffer size in pixels
    int height() const;
    double time() const;  // seconds, monotonic
    // Under a Wayland compositor (WAYLAND_DISPLAY set: we run through
    // Xwayland, as under cage), the first seconds after the window opens:
    // every frame is shown whole, since pixels sent before the compositor
    // took the window are lost without an expose (cage's output stayed black
    // with partial presents). The caller keeps frames coming meanwhile.
    // settle() starts such a period again (after the output was turned off).
    static constexpr double kSettleSeconds = 10;
    bool settling() const;
    void settle();

    // Starts an ImGui frame, pointer position/button taken from `x, y, down`
    // (the app's own input state, so replayed input reaches ImGui too).
    void beginFrame(float x, float y, bool down);
    // Renders ImGui's draw data after ImGui::Render() on a background of
    // (r, g, b): only what changed since the last frame (renderer.h).
    Redraw renderDrawData(float r, float g, float b);
    // The frame as shown: the offscreen frame copied to the back buffer and
    // read from there. Call after render, before present.
    Result<Image> readBackBuffer();
    // The window's depth and stencil bits: none asked for (window.cpp).
    std::pair<int, int> depthStencilBits() const;
    // Shows the frame: copies what changed to the window (or the whole frame
    // to the back buffer and swaps); nothing when no pixel changed and the
    // window still shows the last frame.
    void present();
    const RedrawCounts& redrawCounts() const { return m_counts; }

private:
    Window() = default;
    static void onMouseButton(GLFWwindow* w, int button, int action, int mods);
    static void onCursorPos(GLFWwindow* w, double x, double y);
    static void onChar(GLFWwindow* w, unsigned int codepoint);
    static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods);
    static void onRefresh(GLFWwindow* w);

    GLFWwindow* m_window = nullptr;
    std::vector<PointerEvent> m_events;
    std::vector<KeyEvent> m_keys;
    bool m_backendsReady = false;
    std::unique_ptr<Renderer> m_renderer;
    std::unique_ptr<SubBufferCopy> m_copy;  // null: the offscreen frame, blitted and swapped
    bool m_verify = false;
    bool m_changed = false;   // this frame redrew something
    bool m_blitted = false;   // offscreen: this frame is in the back buffer
    bool m_exposed = true;    // the window lost its pixels (first map, an expose): present whatever happens
    double m_settleUntil = 0;  // until then every frame is shown whole (settling())
    bool m_composited = false; // WAYLAND_DISPLAY is set
    RedrawCounts m_counts;
};

Status writePng(const std::string& path, const Image& image);

}  // namespace gongkai::platform
