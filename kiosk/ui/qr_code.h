// QR codes for "scan to read on your phone" (libqrencode): the module
// matrix of a text, and its drawing as dark rectangles on a page (one
// rectangle per horizontal run, so a code costs a few hundred rectangles).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "ui/page.h"

namespace gongkai::ui {

struct QrMatrix {
    int size = 0;                   // modules a side, without the quiet zone
    std::vector<std::uint8_t> dark;  // size * size, row by row: 1 = dark
    bool at(int x, int y) const { return dark[std::size_t(y) * std::size_t(size) + std::size_t(x)] != 0; }
};

// Byte mode, error correction level M, the smallest version that fits.
// An Error when the text is empty or too long for a QR code.
Result<QrMatrix> makeQr(const std::string& text);

inline constexpr int kQrQuietModules = 4;  // the white border scanners need

// Adds the code at (x, y) with `module` pixels a module, white quiet zone
// included; returns the side in pixels.
float buildQr(PageBuilder& b, const QrMatrix& qr, float x, float y, float module, Color dark, Color light);

}  // namespace gongkai::ui
