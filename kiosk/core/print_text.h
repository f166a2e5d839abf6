// Text for printed slips (issue 9): glyphs rasterised with FreeType from the
// kiosk's own font and thresholded to 1 bit, and a line breaker that wraps
// to a width in dots. Core has no UI, so this is its own small breaker with
// the screen's rule: a line never starts with closing punctuation
// (，。、；：？！）」』》〉】〕…”’ and ASCII ,.;:?!)]}%); the character before
// it moves down with it; opening punctuation never ends a line. Runs of
// ASCII letters and digits break only where they must (a run wider than a
// line is cut). Glyphs are cached per (character, size).
//
// PrintFont owns its FreeType library and face; move-only; not thread-safe
// (one per thread). Errors are values naming the font file.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/escpos.h"
#include "core/result.h"

namespace gongkai {

inline constexpr const char* kDefaultPrintFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr int kDefaultPrintFace = 2;  // Noto Sans CJK SC in the collection

// Code points of UTF-8 text (invalid bytes become U+FFFD).
std::u32string utf8ToCodePoints(std::string_view text);
bool isClosingPunctuation(char32_t c);
// （「『《〈【〔“‘〖［｛ and ASCII ([{: never the last character of a wrapped line.
bool isOpeningPunctuation(char32_t c);

class PrintFont {
public:
    static Result<PrintFont> open(const std::string& path = kDefaultPrintFont, int face = kDefaultPrintFace);
    PrintFont(PrintFont&&) noexcept;
    PrintFont& operator=(PrintFont&&) noexcept;
    ~PrintFont();

    // Advance of one character / of a string, in dots, at `px` pixels a em.
    int advance(char32_t c, int px);
    int width(std::u32string_view text, int px);
    // Distance from a line's top to its baseline, and line pitch, at `px`.
    int ascent(int px);
    int lineHeight(int px) const { return px + px * 3 / 8; }
    // Draws the text with its top-left at (x, top); dots outside the bitmap
    // are dropped. Grey coverage >= kInkThreshold becomes black.
    void draw(Bitmap& bitmap, int x, int top, std::u32string_view text, int px);

    static constexpr int kInkThreshold = 112;

private:
    struct Impl;
    explicit PrintFont(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// `text` wrapped to lines no wider than `maxWidth` dots at `px`; "\n" starts
// a new line. Each character is placed whole (a character wider than the
// line gets a line of its own).
std::vector<std::u32string> wrapLines(PrintFont& font, std::u32string_view text, int px, int maxWidth);

}  // namespace gongkai
