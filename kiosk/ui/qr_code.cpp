#include "ui/qr_code.h"

namespace gongkai::ui {

float buildQr(PageBuilder& b, const QrMatrix& qr, float x, float y, float module, Color dark, Color light) {
    float side = float(qr.size + 2 * kQrQuietModules) * module;
    b.rect({x, y, side, side}, light);
    float ox = x + kQrQuietModules * module, oy = y + kQrQuietModules * module;
    for (int row = 0; row < qr.size; ++row) {
        for (int col = 0; col < qr.size;) {
            if (!qr.at(col, row)) { ++col; continue; }
            int end = col;
            while (end < qr.size && qr.at(end, row)) ++end;
            b.rect({ox + float(col) * module, oy + float(row) * module, float(end - col) * module, module}, dark);
            col = end;
        }
    }
    return side;
}

}  // namespace gongkai::ui
