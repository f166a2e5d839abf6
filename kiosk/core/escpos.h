// ESC/POS for the kiosk's thermal receipt printer (issue 9): a 1-bit bitmap,
// the byte stream that prints it, and the printer's real-time status.
//
// A job is: ESC @ (initialise), the bitmap as GS v 0 raster images in bands
// of at most kRasterBandRows rows (each band's width in whole bytes, the
// leftmost dot in the high bit), ESC d kFeedLines (carry the end past the
// cutter), GS V 1 (partial cut). Paper: 58 mm = 384 dots, 80 mm = 576 dots
// across, 203 dpi = 8 dots a mm.
//
// Status (Epson ESC/POS reference, DLE EOT n, "transmit real-time status"):
// the printer answers each request with one byte whose bits 0 and 7 are 0
// and bits 1 and 4 are 1 (anything else is not a status byte).
//   n = 1 printer:       bit 3 offline
//   n = 2 offline cause: bit 2 cover open, bit 5 printing stopped by paper
//                        end, bit 6 an error occurred
//   n = 3 error cause:   bit 3 autocutter error, bit 5 unrecoverable error,
//                        bit 6 automatically recoverable error
//   n = 4 paper sensor:  bits 2-3 roll paper near end, bits 5-6 paper end
// Pure functions and plain values; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"

namespace gongkai {

inline constexpr int kDotsPerMm = 8;  // 203 dpi
inline constexpr int kPaperDots58 = 384;
inline constexpr int kPaperDots80 = 576;
// GS v 0 allows 65535 rows, but small printers' receive buffers overflow on
// tall images; 255 rows (yH = 0) is what every model accepts.
inline constexpr int kRasterBandRows = 255;
inline constexpr int kFeedLines = 4;  // ESC d: the head-to-cutter distance and a margin

// Dots across for a paper width in mm (58 or 80); an Error otherwise.
Result<int> paperDots(int paperMm);

// A 1-bit picture, row by row; 1 = a black dot. Value type.
struct Bitmap {
    int width = 0, height = 0;
    std::vector<std::uint8_t> dots;  // width * height

    Bitmap() = default;
    Bitmap(int w, int h) : width(w), height(h), dots(std::size_t(w) * std::size_t(h), 0) {}
    bool at(int x, int y) const { return dots[std::size_t(y) * std::size_t(width) + std::size_t(x)] != 0; }
    void set(int x, int y, bool black = true) {
        dots[std::size_t(y) * std::size_t(width) + std::size_t(x)] = black ? 1 : 0;
    }
    // Taller by `rows` white rows at the bottom.
    void grow(int rows);
    bool operator==(const Bitmap&) const = default;
};

// The whole print job for the bitmap (see the file comment). Errors: an
// empty bitmap or one wider than 65535 bytes a row.
Result<std::vector<std::uint8_t>> encodeEscPos(const Bitmap& bitmap);

enum class StatusRequest : std::uint8_t { Printer = 1, OfflineCause = 2, ErrorCause = 3, PaperSensor = 4 };

// DLE EOT n.
std::array<std::uint8_t, 3> statusRequest(StatusRequest request);
// The four requests, in the order parseStatus() expects their replies.
std::vector<std::uint8_t> statusRequests();

struct PrinterStatus {
    bool online = false;
    bool coverOpen = false;
    bool paperOut = false;
    bool paperNearEnd = false;
    bool error = false;  // cutter, unrecoverable or auto-recoverable error
    bool operator==(const PrinterStatus&) const = default;
};

// The replies to statusRequests(), one byte each in that order. Errors: not
// four bytes, or a byte whose fixed bits are wrong (naming which reply).
Result<PrinterStatus> parseStatus(std::span<const std::uint8_t> replies);

}  // namespace gongkai
