// Document reader: centred title, the metadata table (索引号, 文号, 发布机构,
// 主题分类, 成文日期, 发布日期, 有效性, ...), then the body: headings,
// indented paragraphs, tables, image placeholders with their captions, and
// the linked interpretations as tap targets.
#include <algorithm>

#include "ui/chrome.h"
#include "ui/screens.h"
#include "ui/table_layout.h"
#include "ui/text_layout.h"

namespace gongkai::ui {
namespace {

struct Column {
    float x, w;
};

float buildTitle(AppState& s, PageBuilder& b, const std::string& title, const Column& c, float y) {
    auto adv = [&](char32_t ch) { return s.fonts->advance(FontRole::Title, ch); };
    auto lines = breakLines(title, c.w, adv);
    float lh = b.lineHeight(FontRole::Title);
    for (const auto& l : lines) {  // centred line by line
        std::string part = title.substr(l.begin, l.end - l.begin);
        b.textLine(FontRole::Title, s.theme.text, c.x + (c.w - l.width) * 0.5f, y, c.w, part, true);
        y += lh;
    }
    return lh * float(lines.size()) + 20;
}

float buildMetadata(AppState& s, PageBuilder& b, const Document& d, const Column& c, float y) {
    std::vector<std::pair<std::string, std::string>> pairs = {
        {s.text("doc.index_no"), d.indexNo},     {s.text("doc.doc_no"), d.docNo},
        {s.text("doc.issuer"), d.issuer},        {s.text("doc.topic"), d.topic},
        {s.text("doc.written_on"), d.writtenOn}, {s.text("doc.published_on"), d.publishedOn},
        {s.text("doc.validity"), d.validity},    {s.text("doc.disclosure"), d.disclosure},
    };
    for (auto& p : pairs) if (p.second.empty()) p.second = "—";
    bool wide = c.w >= 1100;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < pairs.size(); i += wide ? 2 : 1) {
        std::vector<std::string> row{pairs[i].first, pairs[i].second};
        if (wide) row.insert(row.end(), {pairs[i + 1].first, pairs[i + 1].second});
        rows.push_back(std::move(row));
    }
    TableStyle st{FontRole::Body, false, true, true, s.theme.text, s.theme.tableHeaderBg, s.theme.tableBorder,
                  s.theme.tileBg};
    return buildTable(b, st, rows, c.x, y, c.w) + 28;
}

float buildBlock(AppState& s, PageBuilder& b, const Block& blk, const Column& c, float y) {
    const Theme& t = s.theme;
    float em = s.fonts->size(FontRole::Body);
    switch (blk.kind) {
    case Block::Kind::Heading:
        return b.text(FontRole::Title, t.text, c.x, y + 8, c.w, blk.text, 0, true) + 20;
    case Block::Kind::Paragraph:
        return b.text(FontRole::Body, t.text, c.x, y, c.w, blk.text, 2 * em) + 14;
    case Block::Kind::Table: {
        // Body size when the table fits unwrapped at it; smaller type beats
        // wrapping every cell of a wide table.
        FontRole role = tableFitsUnwrapped(b, FontRole::Body, blk.rows, c.w) ? FontRole::Body : FontRole::Small;
        TableStyle st{role, true, false, false, t.text, t.tableHeaderBg, t.tableBorder, t.tileBg};
        return buildTable(b, st, blk.rows, c.x, y + 6, c.w) + 26;
    }
    case Block::Kind::Image: {
        float h = std::min(360.0f, c.w * 0.4f);
        b.rect({c.x, y, c.w, h}, t.sectionBg, t.tableBorder, 8, 2);
        std::string cap = blk.text.empty() ? s.text("doc.image_untitled") : s.strings.format("doc.image", {blk.text});
        float th = b.textHeight(FontRole::Body, c.w - 48, cap);
        b.text(FontRole::Body, t.textSecondary, c.x + 24, y + (h - th) * 0.5f, c.w - 48, cap);
        return h + 24;
    }
    }
    return 0;
}

float buildLinks(AppState& s, PageBuilder& b, const std::string& heading,
                 const std::vector<DocumentSummary>& docs, const Column& c, float y) {
    if (docs.empty()) return 0;
    float top = y;
    y += b.text(FontRole::Body, s.theme.text, c.x, y, c.w, heading, 0, true) + 8;
    for (const auto& d : docs) {
        float th = b.textHeight(FontRole::Body, c.w - 36, d.title);
        float h = std::max(s.theme.minTarget, th + 24);
        b.rect({c.x, y, c.w, h}, s.theme.tileBg, s.theme.tileBorder, 10, 2);
        b.text(FontRole::Body, s.theme.link, c.x + 18, y + (h - th) * 0.5f, c.w - 36, d.title, 0, true);
        b.hotspot({c.x, y, c.w, h}, Intent::make(Intent::Kind::OpenDocument, d.id));
        y += h + 10;
    }
    return y - top + 16;
}

Page buildDocument(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    float cw = std::min(area.w - 24, 1400.0f);
    Column c{(area.w - 24 - cw) * 0.5f, cw};
    const Document& d = s.document.document;
    float y = 8;
    y += buildTitle(s, b, d.title, c, y);
    y += buildMetadata(s, b, d, c, y);
    // Links both ways sit right under the metadata, where a resident looks first.
    y += buildLinks(s, b, s.text("doc.interprets"), d.interprets, c, y);
    y += buildLinks(s, b, s.text("doc.interpreted_by"), d.interpretedBy, c, y);
    if (!d.summary.empty()) {
        float th = b.textHeight(FontRole::Body, c.w - 40, d.summary);
        b.rect({c.x, y, c.w, th + 32}, s.theme.sectionBg, 0, 8);
        y += b.text(FontRole::Body, s.theme.text, c.x + 20, y + 16, c.w - 40, d.summary) + 56;
    }
    if (d.body.empty()) y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.text("doc.empty")) + 16;
    for (const Block& blk : d.body) y += buildBlock(s, b, blk, c, y);
    y += 16;
    for (const auto& a : d.attachments)
        y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.attachment", {a.name})) + 8;
    if (!d.url.empty())
        y += b.text(FontRole::Small, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.url", {d.url})) + 16;
    return b.take(y + 24);
}

}  // namespace

std::string documentTitle(const AppState& s) {
    std::string t = s.text("nav.home");
    if (!s.document.document.domain.empty()) t += s.text("nav.separator") + domainName(s, s.document.document.domain);
    return t + s.text("nav.separator") + (s.document.loaded ? s.document.document.title : s.text("loading"));
}

void drawDocumentScreen(AppState& s, const Rect& content) {
    const DocumentData& d = s.document;
    if (!d.error.empty()) { drawMessage(s, content, s.text(d.error), s.theme.warning); return; }
    if (!d.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    std::string key = d.id + "/" + std::to_string(int(content.w));
    if (s.documentUi.builtFor != key) {
        s.documentUi.page = buildDocument(s, content);
        s.documentUi.builtFor = key;
    }
    drawScrollingPage(s, s.documentUi, content);
}

}  // namespace gongkai::ui
