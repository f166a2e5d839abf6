// Shared pieces of the printed-page tests (checklist, test page, print CLI):
// the demo service guides from data/demo in a sample mirror, a bitmap as a
// grey image for zbar, and probes that look at a printed bitmap the way a
// person would (square tick boxes at the left margin, ink near the edges),
// written without the layout code so that they can disagree with it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/escpos.h"
#include "core/store.h"
#include "request/request_fixture.h"

namespace gongkai::test {

// The service_guide line with this id in data/demo/04-guides-consultations.ndjson
// (REQUIREs it to be there).
std::string demoGuideRecord(const std::string& id);
// A sample mirror (support/fixtures.h) holding demo guide `id` too; the
// guide as the store reads it back.
struct GuideMirror {
    SampleMirror sample;
    ServiceGuide guide;
    explicit GuideMirror(const std::string& id);
    std::string dbPath() const { return sample.dir.file("m.db"); }
};

Grey greyOfBitmap(const Bitmap& bitmap);

// Encodes the page as an ESC/POS job and parses it back (escpos_stream.h):
// initialised, partial cut, the paper's width (58 or 80 mm), and the very
// bitmap that was encoded (Catch2 checks).
void checkParsesBack(const Bitmap& bitmap, int paperMm);

// A square outline drawn with a 2-dot border: top-left corner and side.
struct FoundBox {
    int x = 0, y = 0, side = 0;
};
// Every square outline (side 12..64 dots, border exactly 2 dots, white
// inside and just outside) whose left edge lies within `maxLeft` dots of the
// bitmap's left side, top to bottom.
std::vector<FoundBox> findTickBoxes(const Bitmap& bitmap, int maxLeft);

// Black dots in columns [x0, x1) over the whole height.
int inkInColumns(const Bitmap& bitmap, int x0, int x1);
// Black dots in the rectangle (clipped).
int inkIn(const Bitmap& bitmap, int x, int y, int width, int height);

std::vector<std::uint8_t> readBytes(const std::string& path);

}  // namespace gongkai::test
