// Find-in-document: every place a word occurs in a document's headings and
// paragraphs (table cells and captions are not searched), in reading order.
// Latin letters match regardless of case and full-width forms (Ａ１) match
// their ASCII twins; Chinese text matches as typed. Letters also match as
// pinyin, since the kiosk's keyboard has no input method: full syllables
// (zhengju), initials (zj) or a mix, one Chinese character per syllable
// (readings from kiosk/core/hanzi.h, segmentation from pinyin.h).
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/store.h"

namespace gongkai::ui {

struct FindMatch {
    std::size_t block = 0;             // index into Document::body
    std::size_t begin = 0, end = 0;    // byte range in the block's text
};

// At most `limit` matches; an empty or all-space `needle` matches nothing.
std::vector<FindMatch> findInBlocks(const std::vector<Block>& blocks, const std::string& needle,
                                    std::size_t limit = 5000);

}  // namespace gongkai::ui
