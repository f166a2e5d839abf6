// Sections: [header] title, metadata, QR, links, summary  [blocks]  [footer]
#include "ui/document_page.h"

#include <algorithm>
#include <cmath>

#include "ui/qr_code.h"
#include "ui/table_layout.h"

namespace gongkai::ui {
namespace {

// [header] -------------------------------------------------------------------

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
    bool wide = c.w >= 1000 && s.fonts->size(FontRole::Body) < 36;
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < pairs.size(); i += wide ? 2 : 1) {
        std::vector<std::string> row{pairs[i].first, pairs[i].second};
        if (wide) row.insert(row.end(), {pairs[i + 1].first, pairs[i + 1].second});
        rows.push_back(std::move(row));
    }
    TableStyle st{FontRole::Body, false, true, true, s.theme.text, s.theme.tableHeaderBg, s.theme.tableBorder,
                  s.theme.tileBg};
    return buildTable(b, st, rows, c.x, y, c.w);
}

// The QR of the document's address with its caption. `beside`: a card of
// width `w` (QR above the caption); otherwise a full-width row (QR left).
float buildQrCard(AppState& s, PageBuilder& b, const QrMatrix& qr, const Column& c, float y, bool beside) {
    const Theme& t = s.theme;
    float module = std::max(4.0f, std::floor(260.0f / float(qr.size + 2 * kQrQuietModules)));
    float side = float(qr.size + 2 * kQrQuietModules) * module, pad = 16;
    const std::string& head = s.text("doc.qr_title");
    const std::string& hint = s.text("doc.qr_hint");
    if (beside) {
        float textH = b.textHeight(FontRole::Body, c.w - 2 * pad, head) + b.textHeight(FontRole::Small, c.w - 2 * pad, hint);
        float h = pad + side + 8 + textH + pad;
        b.rect({c.x, y, c.w, h}, t.tileBg, t.tileBorder, 10, 2);
        buildQr(b, qr, std::round(c.x + (c.w - side) * 0.5f), std::round(y + pad), module, 0xFF000000, 0xFFFFFFFF);
        float ty = y + pad + side + 8;
        ty += b.text(FontRole::Body, t.text, c.x + pad, ty, c.w - 2 * pad, head, 0, true);
        b.text(FontRole::Small, t.textSecondary, c.x + pad, ty, c.w - 2 * pad, hint);
        return h;
    }
    float tx = c.x + pad + side + 24, tw = c.w - (tx - c.x) - pad;
    // The card grows with its text: elder sizes wrap the hint onto more lines.
    float textH = 12 + b.textHeight(FontRole::Title, tw, head) + 8 + b.textHeight(FontRole::Body, tw, hint);
    float h = pad + std::max(side, textH) + pad;
    b.rect({c.x, y, c.w, h}, t.tileBg, t.tileBorder, 10, 2);
    buildQr(b, qr, std::round(c.x + pad), std::round(y + (h - side) * 0.5f), module, 0xFF000000, 0xFFFFFFFF);
    float ty = y + pad + 12;
    ty += b.text(FontRole::Title, t.text, tx, ty, tw, head, 0, true) + 8;
    b.text(FontRole::Body, t.textSecondary, tx, ty, tw, hint);
    return h;
}

float buildLinks(AppState& s, PageBuilder& b, const std::string& heading,
                 const std::vector<DocumentSummary>& docs, const Column& c, float y) {
    if (docs.empty()) return 0;
    float top = y;
    y += b.text(FontRole::Body, s.theme.text, c.x, y, c.w, heading, 0, true) + 8;
    for (const auto& d : docs) y += buildDocumentCard(s, b, d, c, y) + 10;
    return y - top + 16;
}

}  // namespace

Page buildReaderHeader(AppState& s, const Document& d, float width, const Column& c) {
    PageBuilder b(*s.fonts, width);
    float y = 8;
    y += buildTitle(s, b, d.title, c, y);
    auto qr = makeQr(d.url);
    float qrCardW = 320;
    if (qr && c.w >= 1000 + qrCardW + 32) {  // wide: the QR card beside the metadata
        Column left{c.x, c.w - qrCardW - 32}, right{c.x + c.w - qrCardW, qrCardW};
        float h = std::max(buildMetadata(s, b, d, left, y), buildQrCard(s, b, qr.value(), right, y, true));
        y += h + 28;
    } else {
        y += buildMetadata(s, b, d, c, y) + 20;
        if (qr) y += buildQrCard(s, b, qr.value(), c, y, false) + 28;
    }
    Intent apply = Intent::make(Intent::Kind::StartRequest, d.id);
    apply.recordType = "document";
    y += buildApplyButton(s, b, s.text("request.apply_for_document"), apply, c, y);
    // Links both ways sit right under the metadata, where a resident looks first.
    y += buildLinks(s, b, s.text("doc.interprets"), d.interprets, c, y);
    y += buildLinks(s, b, s.text("doc.interpreted_by"), d.interpretedBy, c, y);
    if (!d.summary.empty()) {
        float th = b.textHeight(FontRole::Body, c.w - 40, d.summary);
        b.rect({c.x, y, c.w, th + 32}, s.theme.sectionBg, 0, 8);
        y += b.text(FontRole::Body, s.theme.text, c.x + 20, y + 16, c.w - 40, d.summary) + 56;
    }
    if (d.body.empty()) y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.text("doc.empty")) + 16;
    return b.take(y);
}

// [blocks] -------------------------------------------------------------------

namespace {

void layoutPicture(AppState& s, const Document& d, PageBuilder& b, const Block& blk, const Column& c,
                   ReaderBlock& out, float& y) {
    const Theme& t = s.theme;
    const ImageCache::Entry* e = s.pages.images.find(blk.imageSha256);
    if (!e) s.pages.images.want(d.id, blk.imageSha256);
    if (e && e->state == ImageCache::State::Ready) {
        // Natural size, but never wider than the column nor taller than 900 px.
        float scale = std::min({1.5f, c.w / float(e->width), 900.0f / float(e->height)});
        float w = float(e->width) * scale, h = float(e->height) * scale;
        out.picture = {c.x + (c.w - w) * 0.5f, y, w, h};
        b.rect({out.picture.x - 2, y - 2, w + 4, h + 4}, 0, t.tableBorder, 0, 2);
        y += h + 12;
        return;
    }
    float h = std::min(360.0f, c.w * 0.4f);
    b.rect({c.x, y, c.w, h}, t.sectionBg, t.tableBorder, 8, 2);
    bool failed = e && e->state == ImageCache::State::Failed;
    std::string note = s.text(failed ? "doc.image_missing" : "doc.image_loading");
    b.text(FontRole::Body, t.textSecondary, c.x + 24, y + (h - b.lineHeight(FontRole::Body)) * 0.5f, c.w - 48, note);
    y += h + 12;
}

}  // namespace

void layoutReaderBlock(AppState& s, const Document& d, float width, const Column& c, std::size_t i,
                       ReaderBlock& out) {
    const Block& blk = d.body[i];
    PageBuilder b(*s.fonts, width);
    const Theme& t = s.theme;
    float em = s.fonts->size(FontRole::Body), y = 0;
    out.lines.clear();
    out.lineX.clear();
    out.picture = {};
    switch (blk.kind) {
    case Block::Kind::Heading:
        out.role = FontRole::Title;
        out.lineTop = 8;
        y = 8 + b.text(FontRole::Title, t.text, c.x, 8, c.w, blk.text, 0, true, &out.lines) + 24;
        out.lineX.assign(out.lines.size(), c.x);
        break;
    case Block::Kind::Paragraph:
        out.role = FontRole::Body;
        out.lineTop = 0;
        y = b.text(FontRole::Body, t.text, c.x, 0, c.w, blk.text, 2 * em, false, &out.lines) + 16;
        out.lineX.assign(out.lines.size(), c.x);
        if (!out.lineX.empty()) out.lineX[0] += 2 * em;
        break;
    case Block::Kind::Table: y = buildBodyBlock(s, b, blk, c, 0); break;
    case Block::Kind::Image:
        y = 4;
        layoutPicture(s, d, b, blk, c, out, y);
        if (!blk.text.empty()) y += b.text(FontRole::Body, t.textSecondary, c.x, y, c.w, blk.text) + 8;
        y += 20;
        break;
    }
    out.height = y;
    out.page = b.take(y);
}

// [footer] -------------------------------------------------------------------

Page buildReaderFooter(AppState& s, const Document& d, float width, const Column& c) {
    PageBuilder b(*s.fonts, width);
    float y = 16;
    for (const auto& a : d.attachments)
        y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.attachment", {a.name})) + 8;
    if (!d.url.empty())
        y += b.text(FontRole::Small, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.url", {d.url})) + 16;
    return b.take(y + 24);
}

}  // namespace gongkai::ui
