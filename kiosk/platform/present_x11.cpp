#include "platform/present_x11.h"

#include <GL/glx.h>
#include <GLFW/glfw3.h>

namespace gongkai::platform {
namespace {
using CopySubBuffer = void (*)(Display*, GLXDrawable, int x, int y, int width, int height);
}

std::unique_ptr<SubBufferCopy> SubBufferCopy::create(GLFWwindow* window) {
    if (glfwGetCurrentContext() != window || !glfwExtensionSupported("GLX_MESA_copy_sub_buffer"))
        return nullptr;
    AnyFn fn = glXGetProcAddressARB(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA"));
    // The window's display and GLX drawable are the current ones (GLFW's
    // native-access header would pull in XRandR's headers for the same).
    Display* display = glXGetCurrentDisplay();
    GLXDrawable drawable = glXGetCurrentDrawable();
    if (!fn || !display || !drawable) return nullptr;
    return std::unique_ptr<SubBufferCopy>(new SubBufferCopy(display, drawable, fn));
}

void SubBufferCopy::copy(const PixelRect& r, int height) const {
    if (r.empty()) return;
    auto fn = reinterpret_cast<CopySubBuffer>(m_fn);
    fn(static_cast<Display*>(m_display), m_drawable, r.x0, height - r.y1, r.x1 - r.x0,
       r.y1 - r.y0);  // bottom-left
}

}  // namespace gongkai::platform
