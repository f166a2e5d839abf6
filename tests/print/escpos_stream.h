// The tests' own reader of an ESC/POS job (written independently of
// core/escpos.cpp, from the command reference): ESC @, GS v 0 raster bands,
// ESC d / ESC J feeds, GS V cut. Anything else is a parse error, so a stray
// byte in the job fails the test.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/escpos.h"

namespace gongkai::test {

struct ParsedJob {
    std::string error;  // empty when the whole stream parsed
    bool initialised = false;  // ESC @ came first
    int bands = 0;
    int maxBandRows = 0;
    int widthBytes = 0;
    int feedLines = 0, feedDots = 0;
    bool cut = false;          // GS V came last
    bool partialCut = false;
    Bitmap bitmap;             // width = widthBytes * 8
};

ParsedJob parseEscPosJob(const std::vector<std::uint8_t>& bytes);

}  // namespace gongkai::test
