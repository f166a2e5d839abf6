// Sections: [column and text] [facts and items] [cards] [body blocks] [trail]
#include "ui/page_blocks.h"

#include <algorithm>

#include "ui/screens.h"
#include "ui/search_view.h"
#include "ui/table_layout.h"

namespace gongkai::ui {

// [column and text] ------------------------------------------------------------

Column readingColumn(const Rect& area, float maxWidth) {
    float usable = area.w - 24;
    float w = std::min(usable, maxWidth);
    return {(usable - w) * 0.5f, w};
}

std::string joinList(const AppState& s, const std::vector<std::string>& v) {
    const std::string& sep = s.text("list.separator");
    std::string out;
    for (const auto& item : v) out += (out.empty() ? std::string() : sep) + item;
    return out;
}

float buildSectionHeading(AppState& s, PageBuilder& b, const std::string& text, const Column& c, float y) {
    float h = b.text(FontRole::Title, s.theme.text, c.x, y, c.w, text, 0, true) + 6;
    b.rect({c.x, y + h, c.w, 3}, s.theme.tileAccent);
    return h + 24;
}

float buildApplyButton(AppState& s, PageBuilder& b, const std::string& label, Intent intent, const Column& c, float y) {
    return s.requestsAvailable ? buildActionButton(s, b, label, std::move(intent), c, y) : 0;
}

float buildActionButton(AppState& s, PageBuilder& b, const std::string& label, Intent intent, const Column& c, float y) {
    const Theme& t = s.theme;
    float pad = 20, w = std::min(c.w, b.measure(FontRole::Title, label) + 2 * pad + 8);
    float h = std::max(t.minTarget * 1.2f, b.textHeight(FontRole::Title, w - 2 * pad, label) + 2 * pad);
    b.rect({c.x, y, w, h}, t.tileAccent, 0, 12);
    b.text(FontRole::Title, t.headerText, c.x + pad, y + (h - b.textHeight(FontRole::Title, w - 2 * pad, label)) * 0.5f,
           w - 2 * pad, label, 0, true);
    b.hotspot({c.x, y, w, h}, std::move(intent));
    return h + 16;
}

PrintNews printNews(const AppState& s, const std::string& subject, const char* keptKey) {
    const PrintState& p = s.print;
    if (!p.about(subject)) return {"", s.theme.text};
    if (p.phase == PrintPhase::Printing) return {s.text("print.printing"), s.theme.text};
    if (p.phase == PrintPhase::Printed) return {s.text(p.spool ? "print.sent" : "print.printed"), s.theme.text};
    return {s.text("print.problem." + p.problem) + s.text(keptKey), s.theme.warning};
}

float buildNote(AppState& s, PageBuilder& b, const std::string& text, const Column& c, float y) {
    return b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, text) + 16;
}

// [facts and items] --------------------------------------------------------------

float buildFacts(AppState& s, PageBuilder& b, const std::vector<std::pair<std::string, std::string>>& rows,
                 const Column& c, float y) {
    const Theme& t = s.theme;
    float pad = 20, innerW = c.w - 2 * pad, labelW = 0;
    for (const auto& [label, value] : rows) labelW = std::max(labelW, b.measure(FontRole::Body, label));
    labelW += 32;
    bool stacked = innerW - labelW < 420;  // portrait or elder sizes: label above value
    float valueX = c.x + pad + (stacked ? 0 : labelW), valueW = stacked ? innerW : innerW - labelW;
    float h = pad;
    for (const auto& [label, value] : rows) {
        float vh = b.textHeight(FontRole::Body, valueW, value.empty() ? "—" : value);
        h += (stacked ? b.lineHeight(FontRole::Body) : 0) + vh + 14;
    }
    h += pad - 14;
    b.rect({c.x, y, c.w, h}, t.tileBg, t.tileBorder, 10, 2);
    float ry = y + pad;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& [label, value] = rows[i];
        b.textLine(FontRole::Body, t.textSecondary, c.x + pad, ry, labelW, label, true);
        if (stacked) ry += b.lineHeight(FontRole::Body);
        ry += b.text(FontRole::Body, t.text, valueX, ry, valueW, value.empty() ? "—" : value) + 14;
        if (i + 1 < rows.size()) b.rect({c.x + pad, ry - 8, innerW, 1}, t.tileBorder);
    }
    return h;
}

float buildItems(AppState& s, PageBuilder& b, const std::vector<std::string>& items, bool numbered,
                 const Column& c, float y) {
    const Theme& t = s.theme;
    if (items.empty()) return buildNote(s, b, "—", c, y);
    float markW = b.measure(FontRole::Body, numbered ? std::to_string(items.size()) + "." : "●") + 20;
    float top = y;
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string mark = numbered ? std::to_string(i + 1) + "." : "●";
        b.textLine(FontRole::Body, t.tileAccent, c.x + 8, y, markW, mark, true);
        y += b.text(FontRole::Body, t.text, c.x + 8 + markW, y, c.w - 8 - markW, items[i]) + 10;
    }
    return y - top + 8;
}

// [cards] -------------------------------------------------------------------------

float buildCard(AppState& s, PageBuilder& b, const std::string& title, const std::string& meta,
                const std::string& badge, Intent intent, const Column& c, float y) {
    const Theme& t = s.theme;
    float pad = 18, innerW = c.w - 2 * pad;
    float titleH = b.textHeight(FontRole::Body, innerW, title);
    float metaH = meta.empty() && badge.empty() ? 0 : b.lineHeight(FontRole::Small);
    float h = std::max(t.minTarget, pad * 2 + titleH + metaH);
    float ty = y + (h - titleH - metaH) * 0.5f;
    b.rect({c.x, y, c.w, h}, t.tileBg, t.tileBorder, 10, 2);
    b.text(FontRole::Body, t.link, c.x + pad, ty, innerW, title, 0, true);
    float metaW = innerW;
    if (!badge.empty()) {
        float vw = b.measure(FontRole::Small, badge) + 24;
        b.rect({c.x + c.w - pad - vw, ty + titleH + 2, vw, b.lineHeight(FontRole::Small) - 4}, t.warning, 0, 6);
        b.textLine(FontRole::Small, 0xFFFFFFFF, c.x + c.w - pad - vw + 12, ty + titleH, vw, badge);
        metaW -= vw + 12;
    }
    if (!meta.empty()) b.textLine(FontRole::Small, t.textSecondary, c.x + pad, ty + titleH, metaW, meta);
    b.hotspot({c.x, y, c.w, h}, std::move(intent));
    return h;
}

float buildDocumentCard(AppState& s, PageBuilder& b, const DocumentSummary& d, const Column& c, float y) {
    std::string meta = d.publishedOn;
    for (const std::string* part : {&d.docNo, &d.issuer})
        if (!part->empty()) meta += (meta.empty() ? std::string() : s.text("meta.separator")) + *part;
    std::string badge = !d.validity.empty() && d.validity != "有效" ? d.validity : std::string();
    return buildCard(s, b, d.title, meta, badge, Intent::make(Intent::Kind::OpenDocument, d.id), c, y);
}

// [body blocks] -------------------------------------------------------------------

float buildBodyBlock(AppState& s, PageBuilder& b, const Block& blk, const Column& c, float y) {
    const Theme& t = s.theme;
    float em = s.fonts->size(FontRole::Body);
    switch (blk.kind) {
    case Block::Kind::Heading:
        return b.text(FontRole::Title, t.text, c.x, y + 8, c.w, blk.text, 0, true) + 24;
    case Block::Kind::Paragraph:
        return b.text(FontRole::Body, t.text, c.x, y, c.w, blk.text, 2 * em) + 16;
    case Block::Kind::Table: {
        // Body size when the table fits unwrapped at it; smaller type beats
        // wrapping every cell of a wide table.
        FontRole role = tableFitsUnwrapped(b, FontRole::Body, blk.rows, c.w) ? FontRole::Body : FontRole::Small;
        TableStyle st{role, true, false, false, t.text, t.tableHeaderBg, t.tableBorder, t.tileBg};
        return buildTable(b, st, blk.rows, c.x, y + 6, c.w) + 28;
    }
    case Block::Kind::Image: {
        std::string cap = blk.text.empty() ? s.text("doc.image_untitled") : s.strings.format("doc.image", {blk.text});
        return b.text(FontRole::Body, t.textSecondary, c.x, y, c.w, cap) + 16;
    }
    }
    return 0;
}

// [trail] -------------------------------------------------------------------------

std::string listName(const AppState& s, const std::string& id) { return s.text("quick." + id); }

std::string breadcrumb(const AppState& s, const std::string& current) {
    const std::string& sep = s.text("nav.separator");
    std::string out = s.text("nav.home");
    for (std::size_t i = 1; i + 1 < s.routes.size(); ++i) {
        const Route& r = s.routes[i];
        if (r.screen == ScreenId::Domain) out += sep + domainName(s, r.id);
        else if (r.screen == ScreenId::List) out += sep + listName(s, r.id);
        else if (r.screen == ScreenId::Search) out += sep + s.text("search.title");
    }
    return out + sep + current;
}

void nameHotspots(AppState& s, const PageScreenState& ui, const Rect& content) {
    int jump = 0;
    for (const Hotspot& h : ui.page.hotspots) {
        Rect r{content.x + h.rect.x, content.y + h.rect.y - ui.scroll.offset, h.rect.w, h.rect.h};
        const Intent& i = h.intent;
        std::string name = i.kind == Intent::Kind::OpenDocument ? "doc:" + i.id
                         : i.kind == Intent::Kind::OpenRecord   ? "record:" + i.recordType + ":" + i.id
                         : i.kind == Intent::Kind::StartRequest ? "apply:" + (i.id.empty() ? std::string("new") : i.recordType + ":" + i.id)
                         : i.kind == Intent::Kind::Print        ? "print:" + i.id
                         : "jump:" + std::to_string(jump++);
        if (r.bottom() < content.y || r.y > content.bottom()) continue;
        addTarget(s, name, r);
    }
}

}  // namespace gongkai::ui
