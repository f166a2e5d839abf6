// ESC/POS encoding read back by the tests' own parser, and the DLE EOT
// status bytes decoded bit by bit (Epson ESC/POS reference).
#include <catch2/catch.hpp>

#include <array>

#include "core/escpos.h"
#include "print/escpos_stream.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

Bitmap pattern(int width, int height) {
    Bitmap bm(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if ((x * 7 + y * 13) % 5 == 0 || x == y) bm.set(x, y);
    return bm;
}

PrinterStatus statusOf(std::array<std::uint8_t, 4> replies) {
    auto s = parseStatus(replies);
    REQUIRE(s);
    return s.value();
}

}  // namespace

TEST_CASE("escpos: a job initialises, prints the bitmap in bands of at most 255 rows, feeds and cuts",
          "[print]") {
    for (int height : {1, 254, 255, 256, 700}) {
        INFO("height " << height);
        Bitmap bm = pattern(kPaperDots58, height);
        auto job = encodeEscPos(bm);
        REQUIRE(job);
        ParsedJob parsed = parseEscPosJob(job.value());
        REQUIRE(parsed.error.empty());
        CHECK(parsed.initialised);
        CHECK(parsed.cut);
        CHECK(parsed.partialCut);
        CHECK(parsed.feedLines > 0);
        CHECK(parsed.maxBandRows <= 255);
        CHECK(parsed.bands == (height + 254) / 255);
        CHECK(parsed.bitmap == bm);
    }
}

TEST_CASE("escpos: a width that is not whole bytes is padded with white dots", "[print]") {
    Bitmap bm = pattern(13, 9);
    auto job = encodeEscPos(bm);
    REQUIRE(job);
    ParsedJob parsed = parseEscPosJob(job.value());
    REQUIRE(parsed.error.empty());
    REQUIRE(parsed.bitmap.width == 16);
    REQUIRE(parsed.bitmap.height == 9);
    for (int y = 0; y < 9; ++y)
        for (int x = 0; x < 16; ++x) CHECK(parsed.bitmap.at(x, y) == (x < 13 && bm.at(x, y)));
}

TEST_CASE("escpos: an empty bitmap is an error, not an empty job", "[print]") {
    CHECK_FALSE(encodeEscPos(Bitmap{}));
    CHECK_FALSE(encodeEscPos(Bitmap(384, 0)));
}

TEST_CASE("escpos: paper widths are 384 dots at 58 mm and 576 at 80 mm", "[print]") {
    REQUIRE(paperDots(58));
    CHECK(paperDots(58).value() == 384);
    CHECK(paperDots(80).value() == 576);
    CHECK_FALSE(paperDots(76));
}

TEST_CASE("escpos status: the four DLE EOT requests", "[print]") {
    const std::vector<std::uint8_t> expected = {0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4};
    CHECK(statusRequests() == expected);
}

TEST_CASE("escpos status: each bit pattern means what the reference says", "[print]") {
    const PrinterStatus fine = statusOf({0x12, 0x12, 0x12, 0x12});
    CHECK(fine == PrinterStatus{true, false, false, false, false});
    CHECK_FALSE(statusOf({0x1A, 0x12, 0x12, 0x12}).online);          // n=1 bit 3: offline
    CHECK(statusOf({0x12, 0x12, 0x12, 0x12}).online);
    CHECK(statusOf({0x1A, 0x16, 0x12, 0x12}).coverOpen);             // n=2 bit 2
    CHECK(statusOf({0x1A, 0x32, 0x12, 0x12}).paperOut);              // n=2 bit 5: stopped by paper end
    CHECK(statusOf({0x1A, 0x52, 0x12, 0x12}).error);                 // n=2 bit 6
    CHECK(statusOf({0x1A, 0x52, 0x1A, 0x12}).error);                 // n=3 bit 3: autocutter
    CHECK(statusOf({0x1A, 0x52, 0x32, 0x12}).error);                 // n=3 bit 5: unrecoverable
    CHECK(statusOf({0x1A, 0x52, 0x52, 0x12}).error);                 // n=3 bit 6: auto-recoverable
    const PrinterStatus nearEnd = statusOf({0x12, 0x12, 0x12, 0x1E});  // n=4 bits 2-3
    CHECK(nearEnd == PrinterStatus{true, false, false, true, false});
    const PrinterStatus out = statusOf({0x1A, 0x32, 0x12, 0x7E});      // n=4 bits 5-6 (and near end)
    CHECK(out == PrinterStatus{false, false, true, true, false});
    CHECK(statusOf({0x12, 0x12, 0x12, 0x72}).paperOut);
    CHECK_FALSE(statusOf({0x12, 0x12, 0x12, 0x72}).paperNearEnd);
    // Bits that mean nothing here (drawer pin, feed button) change nothing.
    CHECK(statusOf({0x16 | 0x40, 0x1A, 0x12, 0x12}) == PrinterStatus{true, false, false, false, false});
}

TEST_CASE("escpos status: replies that are not status bytes are errors", "[print]") {
    const std::array<std::uint8_t, 4> bad[] = {
        {0x00, 0x12, 0x12, 0x12}, {0x12, 0xFF, 0x12, 0x12}, {0x12, 0x12, 0x13, 0x12}, {0x12, 0x12, 0x12, 0x92}};
    for (const auto& replies : bad) CHECK_FALSE(parseStatus(replies));
    const std::array<std::uint8_t, 3> tooFew = {0x12, 0x12, 0x12};
    auto s = parseStatus(tooFew);
    REQUIRE_FALSE(s);
    CHECK(s.error().message.find("4 reply bytes") != std::string::npos);
}
