// Page layout for thermal paper (issue 9), shared by the request slip
// (core/print_slip.h), the service-guide checklist and the printer test page
// (core/print_guide.h): a PageWriter appends blocks to a 1-bit bitmap the
// paper's width in dots, top to bottom, so every printed page has the same
// margins, font sizes, rules and QR placement.
//
// Lines are lineHeight(px) apart with the characters' em box centred in
// the line, so no ink of a line falls outside it. Every block keeps
// kPageMarginDots of white at both sides: text is wrapped to the width
// between the margins (core/print_text.h wrapLines), a character wider than
// that is clipped at the bitmap's edge, never drawn outside it. The bitmap
// only grows; height / kDotsPerMm is the printed length.
//
// A PageWriter borrows its PrintFont (which must outlive it) and, like the
// font, is used from one thread. No errors: drawing cannot fail.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/escpos.h"
#include "core/print_text.h"
#include "core/qr_matrix.h"

namespace gongkai {

inline constexpr int kPageMarginDots = 8;  // 1 mm of white at each side
inline constexpr int kTickBoxBorderDots = 2;

// Font sizes (pixels a em = dots) for a paper width: 58 mm {24, 30, 26},
// 80 mm {30, 40, 34}. body: fields and paragraphs; heading: the page's
// title; notice: what the resident must act on (and section headings).
struct PageFontSizes {
    int body, heading, notice;
};
PageFontSizes pageFontSizes(int paperDots);

// Black dots in the rectangle, clipped to the bitmap.
void fillRect(Bitmap& bitmap, int x, int y, int width, int height);
// A `thickness`-dot outline just inside the rectangle, clipped.
void strokeRect(Bitmap& bitmap, int x, int y, int width, int height, int thickness);

class PageWriter {
public:
    PageWriter(PrintFont& font, int paperDots);

    int width() const { return m_bitmap.width; }
    int height() const { return m_y; }

    // Wrapped lines, left-aligned at the margin or each line centred.
    void paragraph(std::string_view utf8, int px, bool centred = false);
    // "label：value" as one paragraph; nothing when `value` is empty.
    void field(const char* label, const std::string& value, int px);
    void space(int dots);
    // 8 white, 2 black (margin to margin), 8 white.
    void rule();
    // The QR centred with its kQrQuietModules quiet zone, `module` dots a
    // module; the caller checks that it fits the width.
    void qr(const QrMatrix& qr, int module);
    // An empty square box (kTickBoxBorderDots border, side px - 2) at the
    // margin, level with the first line's characters, and the text wrapped
    // beside it with every line indented past the box (a hanging indent).
    void tickBoxItem(std::string_view utf8, int px);
    // "1." "2." ... at the margin, the texts wrapped with a hanging indent
    // past the widest number, so every item's text starts in one column.
    void numberedItems(const std::vector<std::string>& items, int px);
    // `height` white rows; `draw(bitmap, top)` then draws into them (for
    // pictures such as the test page's ruler and grey bars).
    void block(int height, const std::function<void(Bitmap&, int top)>& draw);

    // The page so far; the writer is empty afterwards.
    Bitmap take();

private:
    // Lines of `text` wrapped to the width from `indent` to the right margin.
    void hanging(const std::u32string& text, int px, int indent);
    // hanging(), or one empty line for empty text.
    void item(const std::u32string& text, int px, int indent);
    // A line's em box, from the line's top: centred in lineHeight(px).
    int emTop(int px) const { return (m_font.lineHeight(px) - px) / 2; }
    // The `top` to give PrintFont::draw, from the line's top (see the .cpp).
    int glyphTop(int px);

    PrintFont& m_font;
    Bitmap m_bitmap;
    int m_y = 0;
};

}  // namespace gongkai
