// QR codes on a page (the matrix itself: core/qr_matrix.h): dark rectangles,
// one per horizontal run, so a code costs a few hundred rectangles.
// Pure functions; thread-safe.
#pragma once

#include "core/qr_matrix.h"
#include "ui/page.h"

namespace gongkai::ui {

using gongkai::QrMatrix;
using gongkai::makeQr;
using gongkai::kQrQuietModules;

// Adds the code at (x, y) with `module` pixels a module, white quiet zone
// included; returns the side in pixels.
float buildQr(PageBuilder& b, const QrMatrix& qr, float x, float y, float module, Color dark, Color light);

}  // namespace gongkai::ui
