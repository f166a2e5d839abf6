// Line breaking for mixed Chinese/Latin text, with the Chinese rules that
// Dear ImGui's own wrapping lacks (避头尾, kinsoku): a closing punctuation mark
// such as ，。、；：？！”）》」』〕】 never starts a line and an opening
// bracket such as “（《「『〔【 never ends one. CJK text may break between any
// two characters; Latin words and numbers break only at spaces (or, when a
// single word is wider than the line, wherever it must).
//
// Pure functions over a caller-supplied advance function, so layout is tested
// without a GPU. Thread-safe (no state).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

namespace gongkai::ui {

// Width in pixels of one code point at the font size being laid out.
using AdvanceFn = std::function<float(char32_t)>;

struct TextLine {
    std::size_t begin = 0;  // byte offsets into the laid-out text
    std::size_t end = 0;
    float width = 0;
};

// Breaks `text` into lines no wider than `maxWidth` (a line holding one
// unbreakable unit wider than that is split inside it). '\n' forces a break.
// `firstIndent` narrows the first line only (首行缩进).
std::vector<TextLine> breakLines(std::string_view text, float maxWidth, const AdvanceFn& advance,
                                 float firstIndent = 0);

// Width of `text` on one line.
float measureText(std::string_view text, const AdvanceFn& advance);

// True for a number (digits with , . % and a leading sign; not a date such
// as 2026-07-05): tables right-align these.
bool looksNumeric(std::string_view cell);

// True for marks that must not begin a line (closing punctuation).
bool isNoLineStart(char32_t c);
// True for marks that must not end a line (opening brackets and quotes).
bool isNoLineEnd(char32_t c);

}  // namespace gongkai::ui
