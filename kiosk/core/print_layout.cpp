#include "core/print_layout.h"

#include <algorithm>
#include <utility>

namespace gongkai {

PageFontSizes pageFontSizes(int paperDots) {
    if (paperDots >= kPaperDots80) return {30, 40, 34};
    return {24, 30, 26};
}

void fillRect(Bitmap& bitmap, int x, int y, int width, int height) {
    const int x0 = std::max(0, x), x1 = std::min(bitmap.width, x + width);
    const int y0 = std::max(0, y), y1 = std::min(bitmap.height, y + height);
    for (int yy = y0; yy < y1; ++yy)
        for (int xx = x0; xx < x1; ++xx) bitmap.set(xx, yy);
}

void strokeRect(Bitmap& bitmap, int x, int y, int width, int height, int thickness) {
    fillRect(bitmap, x, y, width, thickness);
    fillRect(bitmap, x, y + height - thickness, width, thickness);
    fillRect(bitmap, x, y, thickness, height);
    fillRect(bitmap, x + width - thickness, y, thickness, height);
}

PageWriter::PageWriter(PrintFont& font, int paperDots) : m_font(font), m_bitmap(paperDots, 0) {}

void PageWriter::paragraph(std::string_view utf8, int px, bool centred) {
    if (!centred) return hanging(utf8ToCodePoints(utf8), px, kPageMarginDots);
    const int maxWidth = m_bitmap.width - 2 * kPageMarginDots;
    const int pitch = m_font.lineHeight(px);
    for (const auto& line : wrapLines(m_font, utf8ToCodePoints(utf8), px, maxWidth)) {
        m_bitmap.grow(pitch);
        const int x = (m_bitmap.width - m_font.width(line, px)) / 2;
        m_font.draw(m_bitmap, std::max(kPageMarginDots, x), m_y + glyphTop(px), line, px);
        m_y += pitch;
    }
}

void PageWriter::hanging(const std::u32string& text, int px, int indent) {
    const int maxWidth = m_bitmap.width - indent - kPageMarginDots;
    const int pitch = m_font.lineHeight(px);
    for (const auto& line : wrapLines(m_font, text, px, maxWidth)) {
        m_bitmap.grow(pitch);
        m_font.draw(m_bitmap, indent, m_y + glyphTop(px), line, px);
        m_y += pitch;
    }
}

void PageWriter::item(const std::u32string& text, int px, int indent) {
    // An empty item still gets its line, so its box or number has a place.
    if (text.empty()) return space(m_font.lineHeight(px));
    hanging(text, px, indent);
}

void PageWriter::field(const char* label, const std::string& value, int px) {
    if (!value.empty()) paragraph(std::string(label) + "：" + value, px);
}

void PageWriter::space(int dots) {
    m_bitmap.grow(dots);
    m_y += dots;
}

void PageWriter::rule() {
    space(8);
    space(2);
    fillRect(m_bitmap, kPageMarginDots, m_y - 2, m_bitmap.width - 2 * kPageMarginDots, 2);
    space(8);
}

void PageWriter::qr(const QrMatrix& qr, int module) {
    const int side = (qr.size + 2 * kQrQuietModules) * module;
    const int left = (m_bitmap.width - side) / 2 + kQrQuietModules * module;
    const int top = m_y + kQrQuietModules * module;
    space(side);
    for (int my = 0; my < qr.size; ++my)
        for (int mx = 0; mx < qr.size; ++mx)
            if (qr.at(mx, my)) fillRect(m_bitmap, left + mx * module, top + my * module, module, module);
}

int PageWriter::glyphTop(int px) {
    // CJK fonts put the ideographic em box 0.88 em above the baseline and
    // 0.12 em below it; their ascender is higher (Noto Sans CJK: 1.16 em).
    // Drawing from the ascender would push the characters' feet and the
    // Latin descenders below the line and cut them off; so the em box is
    // centred in the line's pitch instead, which keeps all their ink in it.
    return emTop(px) + (px * 22 + 12) / 25 - m_font.ascent(px);
}

void PageWriter::tickBoxItem(std::string_view utf8, int px) {
    // The box stands where an ideograph's ink would (the em box less a dot
    // at each side): as tall as the characters beside it, "tick here".
    const int top = m_y + emTop(px) + 1;
    item(utf8ToCodePoints(utf8), px, kPageMarginDots + px + px / 2);
    strokeRect(m_bitmap, kPageMarginDots, top, px - 2, px - 2, kTickBoxBorderDots);
}

void PageWriter::numberedItems(const std::vector<std::string>& items, int px) {
    std::vector<std::u32string> labels;
    int labelWidth = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        labels.push_back(utf8ToCodePoints(std::to_string(i + 1) + "."));
        labelWidth = std::max(labelWidth, m_font.width(labels.back(), px));
    }
    const int indent = kPageMarginDots + labelWidth + px / 4;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const int top = m_y + glyphTop(px);
        item(utf8ToCodePoints(items[i]), px, indent);
        m_font.draw(m_bitmap, kPageMarginDots, top, labels[i], px);
    }
}

void PageWriter::block(int height, const std::function<void(Bitmap&, int top)>& draw) {
    const int top = m_y;
    space(height);
    draw(m_bitmap, top);
}

Bitmap PageWriter::take() {
    m_y = 0;
    return std::exchange(m_bitmap, Bitmap(m_bitmap.width, 0));
}

}  // namespace gongkai
