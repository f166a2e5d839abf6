#include "print/escpos_stream.h"

#include <algorithm>

namespace gongkai::test {

namespace {

// GS v 0 m xL xH yL yH d1...dk at `i` (just past "GS v 0").
bool readRaster(const std::vector<std::uint8_t>& b, std::size_t& i, ParsedJob& job) {
    if (i + 5 > b.size()) return (job.error = "truncated GS v 0 header", false);
    const int mode = b[i], xBytes = b[i + 1] | (b[i + 2] << 8), rows = b[i + 3] | (b[i + 4] << 8);
    i += 5;
    if (mode != 0) return (job.error = "GS v 0 mode " + std::to_string(mode) + " (not normal size)", false);
    if (xBytes == 0 || rows == 0) return (job.error = "empty GS v 0 band", false);
    if (job.bands > 0 && xBytes != job.widthBytes) return (job.error = "bands of different widths", false);
    if (i + std::size_t(xBytes) * std::size_t(rows) > b.size()) return (job.error = "truncated band", false);
    if (job.bands == 0) job.bitmap = Bitmap(xBytes * 8, 0);
    job.widthBytes = xBytes;
    const int top = job.bitmap.height;
    job.bitmap.grow(rows);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < xBytes * 8; ++x)
            if (b[i + std::size_t(y * xBytes + x / 8)] & (0x80 >> (x % 8))) job.bitmap.set(x, top + y);
    i += std::size_t(xBytes) * std::size_t(rows);
    ++job.bands;
    job.maxBandRows = std::max(job.maxBandRows, rows);
    return true;
}

}  // namespace

ParsedJob parseEscPosJob(const std::vector<std::uint8_t>& b) {
    ParsedJob job;
    std::size_t i = 0;
    if (b.size() >= 2 && b[0] == 0x1B && b[1] == '@') {
        job.initialised = true;
        i = 2;
    }
    while (i < b.size() && job.error.empty()) {
        if (job.cut) return (job.error = "bytes after the cut", job);
        auto at = [&](std::size_t k) { return i + k < b.size() ? int(b[i + k]) : -1; };
        if (at(0) == 0x1D && at(1) == 'v' && at(2) == '0') {
            i += 3;
            readRaster(b, i, job);
        } else if (at(0) == 0x1B && at(1) == 'd' && at(2) >= 0) {
            job.feedLines += at(2);
            i += 3;
        } else if (at(0) == 0x1B && at(1) == 'J' && at(2) >= 0) {
            job.feedDots += at(2);
            i += 3;
        } else if (at(0) == 0x1D && at(1) == 'V' && (at(2) == 0 || at(2) == 1 || at(2) == 48 || at(2) == 49)) {
            job.cut = true;
            job.partialCut = at(2) == 1 || at(2) == 49;
            i += 3;
        } else {
            job.error = "unexpected byte 0x" + std::to_string(b[i]) + " at offset " + std::to_string(i);
        }
    }
    return job;
}

}  // namespace gongkai::test
