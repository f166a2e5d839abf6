#include "core/qr_matrix.h"

#include <memory>

#include <qrencode.h>

namespace gongkai {

namespace {

QrMatrix fromCode(const QRcode& code) {
    QrMatrix m;
    m.size = code.width;
    m.version = code.version;
    m.dark.resize(std::size_t(m.size) * std::size_t(m.size));
    for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code.data[i] & 1;  // bit 0: dark module
    return m;
}

}  // namespace

Result<QrMatrix> makeQr(const std::string& text) {
    if (text.empty()) return Error{"nothing to encode"};
    QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                                     0, QR_ECLEVEL_M);
    if (!code) return Error{"the text does not fit a QR code"};
    QrMatrix m = fromCode(*code);
    QRcode_free(code);
    return m;
}

Result<QrMatrix> makeSlipQr(const std::string& text) {
    if (text.empty()) return Error{"nothing to encode"};
    std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, QR_ECLEVEL_Q), &QRinput_free);
    if (!input) return Error{"out of memory making a QR code"};
    // QRinput_append checks the characters: anything outside 0-9 A-Z space $%*+-./: fails.
    if (QRinput_append(input.get(), QR_MODE_AN, static_cast<int>(text.size()),
                       reinterpret_cast<const unsigned char*>(text.data())) != 0)
        return Error{"the slip has a character QR alphanumeric mode cannot carry"};
    QRcode* code = QRcode_encodeInput(input.get());
    if (!code) return Error{"the slip is too long for any QR code"};
    QrMatrix m = fromCode(*code);
    QRcode_free(code);
    if (m.version > kSlipQrMaxVersion)
        return Error{"the slip needs QR version " + std::to_string(m.version) + ", above the limit of " +
                     std::to_string(kSlipQrMaxVersion)};
    return m;
}

std::vector<std::uint8_t> qrPixels(const QrMatrix& qr, int module, int& side) {
    side = (qr.size + 2 * kQrQuietModules) * module;
    std::vector<std::uint8_t> px(std::size_t(side) * std::size_t(side), 255);
    for (int y = 0; y < side; ++y) {
        int my = y / module - kQrQuietModules;
        for (int x = 0; x < side; ++x) {
            int mx = x / module - kQrQuietModules;
            if (mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.at(mx, my))
                px[std::size_t(y) * std::size_t(side) + std::size_t(x)] = 0;
        }
    }
    return px;
}

}  // namespace gongkai
