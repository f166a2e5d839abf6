// The slip's QR code as an image, for `gongkai request make --png` and the
// tests: core/qr_matrix.h's makeSlipQr (alphanumeric mode forced, level Q,
// version 20 at most) drawn black on white with the 4-module quiet zone,
// `scale` pixels a module. Pure; any thread. Only request_qr.cpp includes
// stb_image_write (no GL: gongkai_cli never links it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/qr_matrix.h"
#include "core/result.h"

namespace gongkai::cli {

struct GreyImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, 0 black .. 255 white
};

struct SlipQr {
    int version = 0;  // 1..kSlipQrMaxVersion
    int modules = 0;  // modules a side, without the quiet zone
    GreyImage image;
};

// Errors: those of makeSlipQr, or a scale outside 1..64.
Result<SlipQr> renderSlipQr(const std::string& slipText, int scale);

// 8-bit greyscale PNG; the error names the file.
Status writeGreyPng(const std::string& path, const GreyImage& image);

}  // namespace gongkai::cli
