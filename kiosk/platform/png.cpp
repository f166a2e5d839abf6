// PNG output through Debian's libstb (which ships stb_image_write compiled).
#include <stb/stb_image_write.h>

#include "platform/window.h"

namespace gongkai::platform {

Status writePng(const std::string& path, const Image& image) {
    if (image.width <= 0 || image.height <= 0) return Error{"empty image"};
    int ok = stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4);
    if (!ok) return Error{"cannot write " + path};
    return okStatus();
}

}  // namespace gongkai::platform
