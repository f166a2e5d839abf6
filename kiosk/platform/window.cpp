#include "platform/window.h"

#include <GLFW/glfw3.h>
#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstdio>

namespace gongkai::platform {
namespace {

// wake() may come from a worker before the window exists (the kiosk starts
// its worker first): GLFW must not be called before glfwInit.
std::atomic<bool> g_glfwReady{false};

using MouseButtonFn = void (*)(GLFWwindow*, int, int, int);
using CursorPosFn = void (*)(GLFWwindow*, double, double);
using CharFn = void (*)(GLFWwindow*, unsigned int);
using KeyFn = void (*)(GLFWwindow*, int, int, int, int);
MouseButtonFn g_prevMouseButton = nullptr;
CursorPosFn g_prevCursorPos = nullptr;
CharFn g_prevChar = nullptr;
KeyFn g_prevKey = nullptr;

void onGlfwError(int code, const char* text) { std::fprintf(stderr, "glfw error %d: %s\n", code, text); }

// A kiosk has no way out but staff mode: Alt-F4 or a window manager's close
// request is logged and refused (the system helper).
void onCloseRequest(GLFWwindow* w) {
    std::fprintf(stderr, "gongkai-kiosk: window close request ignored (staff mode has Exit)\n");
    glfwSetWindowShouldClose(w, GLFW_FALSE);
}

GLFWwindow* openWindow(const WindowOptions& o) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    // No depth or stencil buffer (GLFW asks for 24 + 8 bits by default): 2D
    // needs neither, and with one llvmpipe fills a tile shape by shape
    // instead of in one pass (1.2 M opaque pixels: 1.7 ms with, 0.3 without).
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    if (!o.fullscreen) {
        glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
        return glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
    int w = o.sizeGiven ? o.width : mode->width;
    int h = o.sizeGiven ? o.height : mode->height;
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    return glfwCreateWindow(w, h, o.title.c_str(), monitor, nullptr);
}

}  // namespace

Result<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) return Error{"cannot open the display (glfwInit failed; is DISPLAY set?)"};
    g_glfwReady = true;
    std::unique_ptr<Window> w(new Window());
    w->m_window = openWindow(options);
    if (!w->m_window) return Error{"cannot create an OpenGL 3 window"};
    glfwSetWindowUserPointer(w->m_window, w.get());
    if (options.fullscreen)  // a touch kiosk shows no mouse pointer
        glfwSetInputMode(w->m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    glfwMakeContextCurrent(w->m_window);
    glfwSwapInterval(1);
    if (!ImGui_ImplGlfw_InitForOpenGL(w->m_window, true)) return Error{"cannot start the ImGui GLFW backend"};
    w->m_backendsReady = true;
    if (!options.swapPresent) w->m_copy = SubBufferCopy::create(w->m_window);
    auto renderer = Renderer::create(options.fullRedraw, !w->m_copy);
    if (!renderer) return renderer.error();
    w->m_renderer = std::move(renderer.value());
    w->m_verify = options.verifyRedraw;
    // Ours are installed after ImGui's and chain to them, so ImGui keeps its
    // own bookkeeping while every pointer event also reaches our queue.
    g_prevMouseButton = glfwSetMouseButtonCallback(w->m_window, onMouseButton);
    g_prevCursorPos = glfwSetCursorPosCallback(w->m_window, onCursorPos);
    g_prevChar = glfwSetCharCallback(w->m_window, onChar);
    g_prevKey = glfwSetKeyCallback(w->m_window, onKey);
    glfwSetWindowCloseCallback(w->m_window, onCloseRequest);
    glfwSetWindowRefreshCallback(w->m_window, onRefresh);
    w->m_composited = std::getenv("WAYLAND_DISPLAY") != nullptr;
    w->settle();
    return w;
}

Window::~Window() {
    m_renderer.reset();  // while its context is current
    if (m_backendsReady) ImGui_ImplGlfw_Shutdown();
    if (m_window) glfwDestroyWindow(m_window);
    g_glfwReady = false;
    glfwTerminate();
}

void Window::onMouseButton(GLFWwindow* gw, int button, int action, int mods) {
    if (g_prevMouseButton) g_prevMouseButton(gw, button, action, mods);
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(gw));
    if (!self || button != GLFW_MOUSE_BUTTON_LEFT) return;
    double x = 0, y = 0;
    glfwGetCursorPos(gw, &x, &y);  // a touch may press where no move was seen
    self->m_events.push_back({PointerEvent::Type::Move, float(x), float(y)});
    self->m_events.push_back({action == GLFW_PRESS ? PointerEvent::Type::Down : PointerEvent::Type::Up,
                              float(x), float(y)});
}

void Window::onCursorPos(GLFWwindow* gw, double x, double y) {
    if (g_prevCursorPos) g_prevCursorPos(gw, x, y);
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(gw));
    if (self) self->m_events.push_back({PointerEvent::Type::Move, float(x), float(y)});
}

void Window::onChar(GLFWwindow* gw, unsigned int codepoint) {
    if (g_prevChar) g_prevChar(gw, codepoint);
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(gw));
    if (self && codepoint >= 0x20) self->m_keys.push_back({KeyEvent::Type::Char, char32_t(codepoint)});
}

void Window::onKey(GLFWwindow* gw, int key, int scancode, int action, int mods) {
    if (g_prevKey) g_prevKey(gw, key, scancode, action, mods);
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(gw));
    if (!self || action == GLFW_RELEASE) return;  // a held key repeats
    if (key == GLFW_KEY_BACKSPACE) self->m_keys.push_back({KeyEvent::Type::Backspace, 0});
    else if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) self->m_keys.push_back({KeyEvent::Type::Enter, 0});
}

// The X server dropped the window's pixels (mapped, uncovered): the next
// present() shows the offscreen frame even when nothing in it changed.
void Window::onRefresh(GLFWwindow* gw) {
    if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(gw))) self->m_exposed = true;
}

std::vector<KeyEvent> Window::takeKeyEvents() {
    std::vector<KeyEvent> out;
    out.swap(m_keys);
    return out;
}

void Window::waitEvents(double timeoutSeconds) {
    if (timeoutSeconds <= 0) glfwPollEvents();
    else glfwWaitEventsTimeout(timeoutSeconds);
}

void Window::wake() {
    if (g_glfwReady) glfwPostEmptyEvent();
}
bool Window::closeRequested() const { return glfwWindowShouldClose(m_window); }

std::vector<PointerEvent> Window::takePointerEvents() {
    std::vector<PointerEvent> out;
    out.swap(m_events);
    return out;
}

int Window::width() const { int w = 0, h = 0; glfwGetFramebufferSize(m_window, &w, &h); return w; }
int Window::height() const { int w = 0, h = 0; glfwGetFramebufferSize(m_window, &w, &h); return h; }
double Window::time() const { return glfwGetTime(); }

void Window::beginFrame(float x, float y, bool down) {
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseDown[0] = down;
}

Redraw Window::renderDrawData(float r, float g, float b) {
    const float clear[3] = {r, g, b};
    const ImDrawData& data = *ImGui::GetDrawData();
    Redraw done = m_renderer->render(data, width(), height(), clear);
    m_changed = done.kind != Redraw::Kind::None;
    ++(done.kind == Redraw::Kind::Full ? m_counts.full : m_changed ? m_counts.partial : m_counts.none);
    if (done.scrolledPixels > 0) ++m_counts.scrolled;
    if (m_verify) {
        RedrawCheck c = m_renderer->differencesFromFullRedraw(data);
        ++m_counts.verified;
        m_counts.roundingPixels += c.rounding;
        if (c.differing != 0) {
            ++m_counts.differing;
            std::fprintf(stderr, "gongkai-kiosk: redraw check: frame %lld (%s, %lld px in %d rects) differs from a full "
                         "redraw in %lld pixels, first at %s\n", m_counts.verified, redrawName(done.kind), done.pixels,
                         done.rects, c.differing, c.where.c_str());
        }
    }
    return done;
}

Result<Image> Window::readBackBuffer() {
    if (!m_copy && !m_blitted) m_renderer->blitToWindow(), m_blitted = true;
    Image img;
    img.width = width();
    img.height = height();
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(img.width) * img.height * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, raw.data());
    if (glGetError() != GL_NO_ERROR) return Error{"glReadPixels failed"};
    for (std::size_t i = 3; i < raw.size(); i += 4) raw[i] = 255;  // the window is opaque
    img.rgba.resize(raw.size());
    std::size_t row = static_cast<std::size_t>(img.width) * 4;
    for (int y = 0; y < img.height; ++y)  // GL's rows run bottom to top
        std::copy_n(raw.data() + row * static_cast<std::size_t>(img.height - 1 - y), row,
                    img.rgba.data() + row * static_cast<std::size_t>(y));
    return img;
}

std::pair<int, int> Window::depthStencilBits() const {
    GLint depth = -1, stencil = -1;
    glGetIntegerv(GL_DEPTH_BITS, &depth);
    glGetIntegerv(GL_STENCIL_BITS, &stencil);
    return {depth, stencil};
}

bool Window::settling() const { return time() < m_settleUntil; }
void Window::settle() {
    if (m_composited) m_settleUntil = time() + kSettleSeconds;
}

// Copying rectangles: only those redrawn this frame, or all of it when the
// window lost its pixels; the back buffer is never swapped, so it keeps the
// frame. Swapping: after a swap the back buffer's contents are undefined, so
// a frame that is shown is copied in whole from the offscreen one; a frame
// where nothing changed is not shown at all (the window keeps the last one).
void Window::present() {
    if (settling()) m_exposed = true;
    if (m_copy) {
        int h = height();
        if (m_exposed) m_copy->copy({0, 0, width(), h}, h);
        else if (m_changed)
            for (const PixelRect& r : m_renderer->redrawn()) m_copy->copy(r, h);
    } else {
        if (!m_blitted && (m_changed || m_exposed)) m_renderer->blitToWindow(), m_blitted = true;
        if (m_blitted) glfwSwapBuffers(m_window);
    }
    m_changed = m_blitted = m_exposed = false;
}

}  // namespace gongkai::platform
