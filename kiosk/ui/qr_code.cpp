#include "ui/qr_code.h"

#include <qrencode.h>

namespace gongkai::ui {

Result<QrMatrix> makeQr(const std::string& text) {
    if (text.empty()) return Error{"nothing to encode"};
    QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                                     0, QR_ECLEVEL_M);
    if (!code) return Error{"the text does not fit a QR code"};
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(std::size_t(m.size) * std::size_t(m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;  // bit 0: dark module
    QRcode_free(code);
    return m;
}

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
