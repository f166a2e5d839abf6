// QR module matrices (libqrencode), for everything that shows or writes a
// code: the reader's "scan to read on your phone" and the request slip.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai {

struct QrMatrix {
    int size = 0;                    // modules a side, without the quiet zone
    int version = 0;                 // 1..40
    std::vector<std::uint8_t> dark;  // size * size, row by row: 1 = dark
    bool at(int x, int y) const { return dark[std::size_t(y) * std::size_t(size) + std::size_t(x)] != 0; }
};

inline constexpr int kQrQuietModules = 4;  // the white border scanners need
inline constexpr int kSlipQrMaxVersion = 20;

// Byte mode, error correction level M, the smallest version that fits.
// An Error when the text is empty or too long for a QR code.
Result<QrMatrix> makeQr(const std::string& text);

// A request slip (core/slip.h): alphanumeric mode forced, level Q, the
// smallest version that fits. An Error when the text has a character
// outside the alphanumeric set or needs a version above kSlipQrMaxVersion.
Result<QrMatrix> makeSlipQr(const std::string& text);

// The matrix as 8-bit grey pixels (0 dark, 255 light), `module` pixels a
// module, quiet zone included: side = (size + 2 * kQrQuietModules) * module.
std::vector<std::uint8_t> qrPixels(const QrMatrix& qr, int module, int& side);

}  // namespace gongkai
