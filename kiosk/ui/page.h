// A laid-out page: rectangles, text runs and tap targets in page coordinates
// (x from the content area's left, y from the page top). Screens build a Page
// when their data or the width changes, then draw it every frame with a
// scroll offset; only items that intersect the visible band are drawn, so a
// long document costs no more per frame than a short one.
//
// PageBuilder wraps text with the Chinese line-breaking rules of
// text_layout.h. Both are UI-thread objects (they read the font atlas).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ui/assets.h"
#include "ui/fonts.h"
#include "ui/gesture.h"
#include "ui/intent.h"
#include "ui/text_layout.h"

struct ImDrawList;

namespace gongkai::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
    float bottom() const { return y + h; }
    float right() const { return x + w; }
};

struct PageRect {
    Rect rect;
    Color fill = 0, border = 0;  // 0: none
    float rounding = 0, borderWidth = 1;
};

struct PageText {
    FontRole font = FontRole::Body;
    Color color = 0;
    float x = 0, y = 0;
    std::string text;
    bool bold = false;
};

struct Hotspot {
    Rect rect;
    Intent intent;
};

struct Page {
    std::vector<PageRect> rects;
    std::vector<PageText> texts;
    std::vector<Hotspot> hotspots;
    float height = 0;
    float width = 0;   // the width it was laid out for
    bool valid = false;
};

class PageBuilder {
public:
    PageBuilder(const FontSet& fonts, float width) : m_fonts(fonts) { m_page.width = width; m_page.valid = true; }

    // Wraps `text` into the box starting at (x, y) of width `w`; returns the
    // height used (lines x line height). `indent` narrows the first line.
    // `lines` (when given) receives the lines' byte ranges in `text`.
    float text(FontRole role, Color color, float x, float y, float w, std::string_view text,
               float indent = 0, bool bold = false, std::vector<TextLine>* lines = nullptr);
    // One line, cut with "…" when wider than `w`.
    void textLine(FontRole role, Color color, float x, float y, float w, std::string_view text, bool bold = false);
    float textHeight(FontRole role, float w, std::string_view text, float indent = 0) const;
    float measure(FontRole role, std::string_view text) const;
    void rect(const Rect& r, Color fill, Color border = 0, float rounding = 0, float borderWidth = 1);
    void hotspot(const Rect& r, Intent intent);
    float lineHeight(FontRole role) const { return m_fonts.lineHeight(role); }
    const FontSet& fonts() const { return m_fonts; }
    Page take(float height);

private:
    const FontSet& m_fonts;
    Page m_page;
};

// Cuts `text` to fit `w` pixels on one line, ending in "…" when cut.
std::string elide(const FontSet& fonts, FontRole role, std::string_view text, float w);

// Draws one text run (bold: drawn twice, one pixel apart).
void drawText(ImDrawList* dl, const FontSet& fonts, FontRole role, Color color, float x, float y,
              std::string_view text, bool bold = false);

// Draws the part of `page` visible in `area` when scrolled by `scroll`;
// `pressed` (page coordinates) highlights the hotspot under a finger.
void drawPage(ImDrawList* dl, const FontSet& fonts, const Page& page, const Rect& area, float scroll,
              const Point* pressed, Color pressedColor);
// drawPage in two layers, for callers that draw between them (the reader's
// find highlights and pictures). The caller clips to `area`.
void drawPageRects(ImDrawList* dl, const Page& page, const Rect& area, float scroll, const Point* pressed,
                   Color pressedColor);
void drawPageTexts(ImDrawList* dl, const FontSet& fonts, const Page& page, const Rect& area, float scroll);

}  // namespace gongkai::ui
