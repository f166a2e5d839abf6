#include "ui/page.h"

#include <imgui.h>

#include "ui/text_layout.h"

namespace gongkai::ui {

float PageBuilder::measure(FontRole role, std::string_view text) const {
    return measureText(text, [&](char32_t c) { return m_fonts.advance(role, c); });
}

float PageBuilder::textHeight(FontRole role, float w, std::string_view text, float indent) const {
    auto lines = breakLines(text, w, [&](char32_t c) { return m_fonts.advance(role, c); }, indent);
    return static_cast<float>(lines.size()) * m_fonts.lineHeight(role);
}

float PageBuilder::text(FontRole role, Color color, float x, float y, float w, std::string_view text,
                        float indent, bool bold, std::vector<TextLine>* linesOut) {
    auto lines = breakLines(text, w, [&](char32_t c) { return m_fonts.advance(role, c); }, indent);
    if (linesOut) *linesOut = lines;
    float lh = m_fonts.lineHeight(role);
    // Centre the glyphs in the taller line box.
    float pad = (lh - m_fonts.size(role)) * 0.5f;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        if (l.end <= l.begin) continue;
        float lx = x + (i == 0 ? indent : 0);
        m_page.texts.push_back({role, color, lx, y + pad + lh * static_cast<float>(i),
                                std::string(text.substr(l.begin, l.end - l.begin)), bold});
    }
    return lh * static_cast<float>(lines.size());
}

void PageBuilder::textLine(FontRole role, Color color, float x, float y, float w, std::string_view text,
                           bool bold) {
    float pad = (m_fonts.lineHeight(role) - m_fonts.size(role)) * 0.5f;
    m_page.texts.push_back({role, color, x, y + pad, elide(m_fonts, role, text, w), bold});
}

void PageBuilder::rect(const Rect& r, Color fill, Color border, float rounding, float borderWidth) {
    m_page.rects.push_back({r, fill, border, rounding, borderWidth});
}

void PageBuilder::hotspot(const Rect& r, Intent intent) { m_page.hotspots.push_back({r, std::move(intent)}); }

Page PageBuilder::take(float height) {
    m_page.height = height;
    return std::move(m_page);
}

std::string elide(const FontSet& fonts, FontRole role, std::string_view text, float w) {
    auto adv = [&](char32_t c) { return fonts.advance(role, c); };
    if (measureText(text, adv) <= w) return std::string(text);
    float budget = w - adv(U'…');
    auto lines = breakLines(text, budget, adv);
    std::string out(text.substr(0, lines.empty() ? 0 : lines[0].end));
    // breakLines may stop early at a word boundary; that is fine for titles.
    return out + "…";
}

void drawText(ImDrawList* dl, const FontSet& fonts, FontRole role, Color color, float x, float y,
              std::string_view text, bool bold) {
    const char* b = text.data();
    const char* e = text.data() + text.size();
    dl->AddText(fonts.font(role), fonts.size(role), ImVec2(x, y), color, b, e);
    if (bold) dl->AddText(fonts.font(role), fonts.size(role), ImVec2(x + 1, y), color, b, e);
}

void drawPageRects(ImDrawList* dl, const Page& page, const Rect& area, float scroll, const Point* pressed,
                   Color pressedColor) {
    float top = scroll, bottom = scroll + area.h;
    auto ox = area.x, oy = area.y - scroll;
    for (const auto& r : page.rects) {
        if (r.rect.bottom() < top || r.rect.y > bottom) continue;
        ImVec2 a(ox + r.rect.x, oy + r.rect.y), b(ox + r.rect.right(), oy + r.rect.bottom());
        if (r.fill) dl->AddRectFilled(a, b, r.fill, r.rounding);
        if (r.border) dl->AddRect(a, b, r.border, r.rounding, 0, r.borderWidth);
    }
    if (!pressed) return;
    for (const auto& h : page.hotspots) {
        if (!h.rect.contains(*pressed)) continue;
        dl->AddRectFilled(ImVec2(ox + h.rect.x, oy + h.rect.y), ImVec2(ox + h.rect.right(), oy + h.rect.bottom()),
                          pressedColor, 8.0f);
    }
}

void drawPageTexts(ImDrawList* dl, const FontSet& fonts, const Page& page, const Rect& area, float scroll) {
    float top = scroll, bottom = scroll + area.h;
    auto ox = area.x, oy = area.y - scroll;
    float maxLine = fonts.lineHeight(FontRole::Title);
    for (const auto& t : page.texts) {
        if (t.y + maxLine < top || t.y > bottom) continue;
        drawText(dl, fonts, t.font, t.color, ox + t.x, oy + t.y, t.text, t.bold);
    }
}

void drawPage(ImDrawList* dl, const FontSet& fonts, const Page& page, const Rect& area, float scroll,
              const Point* pressed, Color pressedColor) {
    dl->PushClipRect(ImVec2(area.x, area.y), ImVec2(area.right(), area.bottom()), true);
    drawPageRects(dl, page, area, scroll, pressed, pressedColor);
    drawPageTexts(dl, fonts, page, area, scroll);
    dl->PopClipRect();
}

}  // namespace gongkai::ui
