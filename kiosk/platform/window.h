// The kiosk's window: GLFW + OpenGL 3 + Dear ImGui's GLFW/OpenGL3 backends.
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
#include <vector>

#include "core/result.h"
#include "platform/pointer_event.h"

struct GLFWwindow;

namespace gongkai::platform {

struct WindowOptions {
    int width = 1920, height = 1080;
    bool fullscreen = true;   // on the primary monitor at its current mode
    bool sizeGiven = false;   // fullscreen: width/height are ignored unless given
    std::string title = "Gongkai";
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

    // Starts an ImGui frame, pointer position/button taken from `x, y, down`
    // (the app's own input state, so replayed input reaches ImGui too).
    void beginFrame(float x, float y, bool down);
    // Renders ImGui's draw data after ImGui::Render().
    void renderDrawData(float r, float g, float b);
    Result<Image> readBackBuffer() const;  // call after render, before present
    void present();
    void refreshFontTexture();  // after the font atlas changed

private:
    Window() = default;
    static void onMouseButton(GLFWwindow* w, int button, int action, int mods);
    static void onCursorPos(GLFWwindow* w, double x, double y);
    static void onChar(GLFWwindow* w, unsigned int codepoint);
    static void onKey(GLFWwindow* w, int key, int scancode, int action, int mods);

    GLFWwindow* m_window = nullptr;
    std::vector<PointerEvent> m_events;
    std::vector<KeyEvent> m_keys;
    bool m_backendsReady = false;
};

Status writePng(const std::string& path, const Image& image);

}  // namespace gongkai::platform
