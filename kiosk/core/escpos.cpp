#include "core/escpos.h"

#include <algorithm>
#include <string>

namespace gongkai {

namespace {

constexpr std::uint8_t kEsc = 0x1B, kGs = 0x1D, kDle = 0x10, kEot = 0x04;

bool bit(std::uint8_t b, int n) { return (b >> n) & 1u; }

bool validStatusByte(std::uint8_t b) { return (b & 0x93u) == 0x12u; }

void appendBand(std::vector<std::uint8_t>& out, const Bitmap& bm, int y0, int rows) {
    const int bytes = (bm.width + 7) / 8;
    const std::uint8_t header[] = {kGs, 'v', '0', 0,
                                   std::uint8_t(bytes & 0xFF), std::uint8_t(bytes >> 8),
                                   std::uint8_t(rows & 0xFF), std::uint8_t(rows >> 8)};
    out.insert(out.end(), std::begin(header), std::end(header));
    for (int y = y0; y < y0 + rows; ++y)
        for (int b = 0; b < bytes; ++b) {
            std::uint8_t v = 0;
            for (int i = 0; i < 8; ++i) {
                const int x = b * 8 + i;
                if (x < bm.width && bm.at(x, y)) v |= std::uint8_t(0x80u >> i);
            }
            out.push_back(v);
        }
}

}  // namespace

Result<int> paperDots(int paperMm) {
    if (paperMm == 58) return kPaperDots58;
    if (paperMm == 80) return kPaperDots80;
    return Error{"paper width " + std::to_string(paperMm) + " mm: only 58 and 80 mm rolls are supported"};
}

void Bitmap::grow(int rows) {
    height += rows;
    dots.resize(std::size_t(width) * std::size_t(height), 0);
}

Result<std::vector<std::uint8_t>> encodeEscPos(const Bitmap& bitmap) {
    if (bitmap.width <= 0 || bitmap.height <= 0) return Error{"nothing to print: the bitmap is empty"};
    if ((bitmap.width + 7) / 8 > 0xFFFF) return Error{"bitmap too wide for GS v 0"};
    std::vector<std::uint8_t> out = {kEsc, '@'};
    out.reserve(std::size_t((bitmap.width + 7) / 8) * std::size_t(bitmap.height) + 64);
    for (int y = 0; y < bitmap.height; y += kRasterBandRows)
        appendBand(out, bitmap, y, std::min(kRasterBandRows, bitmap.height - y));
    const std::uint8_t tail[] = {kEsc, 'd', kFeedLines, kGs, 'V', 1};
    out.insert(out.end(), std::begin(tail), std::end(tail));
    return out;
}

std::array<std::uint8_t, 3> statusRequest(StatusRequest request) {
    return {kDle, kEot, std::uint8_t(request)};
}

std::vector<std::uint8_t> statusRequests() {
    std::vector<std::uint8_t> out;
    for (auto r : {StatusRequest::Printer, StatusRequest::OfflineCause, StatusRequest::ErrorCause,
                   StatusRequest::PaperSensor}) {
        auto bytes = statusRequest(r);
        out.insert(out.end(), bytes.begin(), bytes.end());
    }
    return out;
}

Result<PrinterStatus> parseStatus(std::span<const std::uint8_t> replies) {
    if (replies.size() != 4)
        return Error{"printer status: expected 4 reply bytes, got " + std::to_string(replies.size())};
    static const char* const kNames[] = {"printer", "offline cause", "error cause", "paper sensor"};
    for (std::size_t i = 0; i < 4; ++i)
        if (!validStatusByte(replies[i]))
            return Error{std::string("printer status: the ") + kNames[i] + " reply 0x" +
                         "0123456789ABCDEF"[replies[i] >> 4] + "0123456789ABCDEF"[replies[i] & 15] +
                         " is not a status byte"};
    const std::uint8_t printer = replies[0], offline = replies[1], error = replies[2], paper = replies[3];
    PrinterStatus s;
    s.online = !bit(printer, 3);
    s.coverOpen = bit(offline, 2);
    s.paperOut = bit(offline, 5) || bit(paper, 5) || bit(paper, 6);
    s.paperNearEnd = bit(paper, 2) || bit(paper, 3);
    s.error = bit(offline, 6) || bit(error, 3) || bit(error, 5) || bit(error, 6);
    return s;
}

}  // namespace gongkai
