#include "print/page_probe.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "print/escpos_stream.h"
#include "support/temp_dir.h"

namespace gongkai::test {

std::string demoGuideRecord(const std::string& id) {
    const std::string path = (sourceDir() / "data/demo/04-guides-consultations.ndjson").string();
    std::istringstream lines(readFile(path));
    const std::string needle = "\"type\":\"service_guide\",\"op\":\"upsert\",\"id\":\"" + id + "\"";
    for (std::string line; std::getline(lines, line);)
        if (line.find(needle) != std::string::npos) return line + "\n";
    FAIL("no service guide " << id << " in " << path);
    return {};
}

GuideMirror::GuideMirror(const std::string& id) : sample(demoGuideRecord(id)) {
    auto g = Store(*sample.mirror).serviceGuide(id);
    REQUIRE(g);
    guide = g.value();
}

Grey greyOfBitmap(const Bitmap& bitmap) {
    Grey g{bitmap.width, bitmap.height, {}};
    g.pixels.reserve(bitmap.dots.size());
    for (std::uint8_t d : bitmap.dots) g.pixels.push_back(d ? 0 : 255);
    return g;
}

int inkIn(const Bitmap& bm, int x, int y, int width, int height) {
    int n = 0;
    for (int yy = std::max(0, y); yy < std::min(bm.height, y + height); ++yy)
        for (int xx = std::max(0, x); xx < std::min(bm.width, x + width); ++xx) n += bm.at(xx, yy);
    return n;
}

int inkInColumns(const Bitmap& bm, int x0, int x1) {
    return inkIn(bm, x0, 0, x1 - x0, bm.height);
}

namespace {

bool isBoxAt(const Bitmap& bm, int x, int y, int side) {
    if (x + side + 1 > bm.width || y + side + 1 > bm.height) return false;
    const int s = side;
    // The 2-dot border is all black, the dot ring inside it and the
    // interior all white, and the dots just outside it white.
    if (inkIn(bm, x, y, s, 2) + inkIn(bm, x, y + s - 2, s, 2) != 4 * s) return false;
    if (inkIn(bm, x, y, 2, s) + inkIn(bm, x + s - 2, y, 2, s) != 4 * s) return false;
    if (inkIn(bm, x + 2, y + 2, s - 4, s - 4) != 0) return false;
    return inkIn(bm, x - 1, y, 1, s) + inkIn(bm, x + s, y, 1, s) + inkIn(bm, x, y - 1, s, 1) +
               inkIn(bm, x, y + s, s, 1) ==
           0;
}

}  // namespace

std::vector<FoundBox> findTickBoxes(const Bitmap& bm, int maxLeft) {
    std::vector<FoundBox> boxes;
    for (int y = 1; y < bm.height; ++y)
        for (int x = 1; x < std::min(maxLeft, bm.width); ++x) {
            if (!bm.at(x, y) || bm.at(x - 1, y) || bm.at(x, y - 1)) continue;  // not a top-left corner
            int right = 0;
            while (x + right < bm.width && bm.at(x + right, y)) ++right;
            if (right >= 12 && right <= 64 && isBoxAt(bm, x, y, right)) boxes.push_back({x, y, right});
        }
    return boxes;
}

std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void checkParsesBack(const Bitmap& bitmap, int paperMm) {
    auto job = encodeEscPos(bitmap);
    REQUIRE(job);
    ParsedJob parsed = parseEscPosJob(job.value());
    REQUIRE(parsed.error.empty());
    CHECK(parsed.initialised);
    CHECK(parsed.partialCut);
    CHECK(parsed.bitmap.width == (paperMm == 58 ? 384 : 576));
    CHECK(parsed.bitmap == bitmap);
}

}  // namespace gongkai::test
