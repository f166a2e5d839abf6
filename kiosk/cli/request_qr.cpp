#include "cli/request_qr.h"

#include <stb/stb_image_write.h>

namespace gongkai::cli {

Result<SlipQr> renderSlipQr(const std::string& slipText, int scale) {
    if (scale < 1 || scale > 64) return Error{"--scale must be 1..64 pixels per module"};
    auto matrix = makeSlipQr(slipText);
    if (!matrix) return matrix.error();
    SlipQr qr;
    qr.version = matrix->version;
    qr.modules = matrix->size;
    int side = 0;
    qr.image.pixels = qrPixels(matrix.value(), scale, side);
    qr.image.width = qr.image.height = side;
    return qr;
}

Status writeGreyPng(const std::string& path, const GreyImage& image) {
    if (image.width <= 0 || image.height <= 0) return Error{path + ": empty image"};
    if (!stbi_write_png(path.c_str(), image.width, image.height, 1, image.pixels.data(), image.width))
        return Error{path + ": cannot write the PNG"};
    return okStatus();
}

}  // namespace gongkai::cli
