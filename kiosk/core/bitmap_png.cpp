#include "core/bitmap_png.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <stb/stb_image_write.h>

namespace gongkai {

Status writeBitmapPng(const std::string& path, const Bitmap& bitmap) {
    if (bitmap.width <= 0 || bitmap.height <= 0) return Error{path + ": nothing to write (an empty page)"};
    std::vector<unsigned char> grey(bitmap.dots.size());
    for (std::size_t i = 0; i < grey.size(); ++i) grey[i] = bitmap.dots[i] ? 0 : 255;
    const std::string tmp = path + ".tmp";
    if (!stbi_write_png(tmp.c_str(), bitmap.width, bitmap.height, 1, grey.data(), bitmap.width)) {
        std::remove(tmp.c_str());
        return Error{"cannot write " + tmp};
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return Error{"cannot rename " + tmp + " to " + path + ": " + why};
    }
    return okStatus();
}

}  // namespace gongkai
