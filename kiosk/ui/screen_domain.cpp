// Domain page: the domain's units, jump buttons, its documents (newest
// first, each a tap target), its service guides, and its standard-catalogue
// entries with all eight elements as label/value rows.
#include <algorithm>

#include "ui/page_blocks.h"
#include "ui/screens.h"

namespace gongkai::ui {
namespace {

float buildCatalogCard(AppState& s, PageBuilder& b, const CatalogItem& it, const Column& c, float y) {
    const Theme& t = s.theme;
    float pad = 18, innerW = c.w - 2 * pad;
    const std::pair<const char*, std::string> rows[] = {
        {"catalog.content", it.content},    {"catalog.basis", it.basis},
        {"catalog.time_limit", it.timeLimit}, {"catalog.subject", it.subject},
        {"catalog.channels", joinList(s, it.channels)}, {"catalog.audience", it.audience},
        {"catalog.mode", it.mode},          {"catalog.tiers", joinList(s, it.tiers)},
    };
    float labelW = 0;
    for (const auto& [key, value] : rows) labelW = std::max(labelW, b.measure(FontRole::Body, s.text(key)));
    labelW += 28;
    std::string heading = it.level2.empty() ? it.level1 : it.level1 + s.text("nav.separator") + it.level2;
    float headH = b.textHeight(FontRole::Body, innerW, heading) + pad;
    float valueW = std::max(200.0f, innerW - labelW);
    float bodyH = 0;
    for (const auto& [key, value] : rows)
        bodyH += b.textHeight(FontRole::Body, valueW, value.empty() ? "—" : value) + 6;
    float h = pad + headH + bodyH + pad;
    b.rect({c.x, y, c.w, h}, t.tileBg, t.tileBorder, 10, 2);
    b.rect({c.x, y, c.w, pad + headH - 6}, t.tableHeaderBg, 0, 10);
    b.text(FontRole::Body, t.text, c.x + pad, y + pad * 0.6f, innerW, heading, 0, true);
    float ry = y + pad + headH;
    for (const auto& [key, value] : rows) {
        b.textLine(FontRole::Body, t.textSecondary, c.x + pad, ry, labelW, s.text(key));
        ry += b.text(FontRole::Body, t.text, c.x + pad + labelW, ry, valueW, value.empty() ? "—" : value) + 6;
    }
    Intent apply = Intent::make(Intent::Kind::StartRequest, it.id);
    apply.recordType = "catalog_item";
    return h + 12 + buildApplyButton(s, b, s.text("request.apply_for_item"), apply, {c.x + pad, c.w - 2 * pad}, y + h + 12);
}

// Jump buttons to the sections (their targets filled in afterwards); they
// wrap onto a second row when the column is narrow.
float buildJumps(AppState& s, PageBuilder& b, const Column& c, float y, const std::string (&labels)[3]) {
    float h = std::max(s.theme.minTarget, b.lineHeight(FontRole::Body) + 20), x = c.x, top = y;
    for (const auto& label : labels) {
        float w = b.measure(FontRole::Body, label) + 56;
        if (x > c.x && x + w > c.x + c.w) x = c.x, y += h + s.theme.gap;
        b.rect({x, y, w, h}, s.theme.buttonBg, s.theme.tableBorder, h * 0.5f, 2);
        b.textLine(FontRole::Body, s.theme.link, x + 28, y + (h - b.lineHeight(FontRole::Body)) * 0.5f, w, label, true);
        b.hotspot({x, y, w, h}, Intent::make(Intent::Kind::ScrollTo));
        x += w + s.theme.gap;
    }
    return y - top + h + 24;
}

float buildUnits(AppState& s, PageBuilder& b, const Column& c) {
    for (const auto& x : s.home.domains) {
        if (x.id != s.domain.id) continue;
        std::string units = x.partnerUnits.empty()
            ? s.strings.format("domain.lead_only", {joinList(s, x.leadUnits)})
            : s.strings.format("domain.units", {joinList(s, x.leadUnits), joinList(s, x.partnerUnits)});
        return b.text(FontRole::Small, s.theme.textSecondary, c.x, 0, c.w, units) + 16;
    }
    return 0;
}

float buildDocumentList(AppState& s, PageBuilder& b, const std::string& label, const Column& c, float y) {
    y += buildSectionHeading(s, b, label, c, y);
    if (s.domain.documents.empty())
        y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.text("domain.no_documents")) + 16;
    for (const auto& doc : s.domain.documents) y += buildDocumentCard(s, b, doc, c, y) + 12;
    return y;
}

float buildGuideList(AppState& s, PageBuilder& b, const std::string& label, const Column& c, float y) {
    y += buildSectionHeading(s, b, label, c, y);
    const auto& guides = s.pages.domainGuides;
    if (guides.empty()) y += buildNote(s, b, s.text("domain.no_guides"), c, y);
    for (const auto& g : guides) {
        Intent i = Intent::make(Intent::Kind::OpenRecord, g.id);
        i.recordType = "service_guide";
        y += buildCard(s, b, g.name, g.agency, {}, std::move(i), c, y) + 12;
    }
    return y;
}

float buildCatalogList(AppState& s, PageBuilder& b, const std::string& label, const Column& c, float y) {
    y += buildSectionHeading(s, b, label, c, y);
    if (s.domain.items.empty())
        y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, s.text("domain.no_catalog")) + 16;
    for (const auto& it : s.domain.items) y += buildCatalogCard(s, b, it, c, y) + 16;
    return y;
}

// Wide screens show documents and catalogue side by side; narrow ones one
// after the other, with jump buttons to each section.
Page buildDomain(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    const DomainData& d = s.domain;
    const std::string labels[3] = {
        s.strings.format("domain.documents", {std::to_string(d.documents.size())}),
        s.strings.format("domain.guides", {std::to_string(s.pages.domainGuides.size())}),
        s.strings.format("domain.catalog", {std::to_string(d.items.size())})};
    float usable = area.w - 24;
    if (usable >= 1500) {
        float gap = 40, lw = (usable - gap) * 0.52f;
        Column left{0, lw}, right{lw + gap, usable - lw - gap};
        float y = buildUnits(s, b, {0, usable});
        float leftH = buildGuideList(s, b, labels[1], left, buildDocumentList(s, b, labels[0], left, y) + 24);
        return b.take(std::max(leftH, buildCatalogList(s, b, labels[2], right, y)) + 24);
    }
    Column c = readingColumn(area, 1500);
    float y = buildUnits(s, b, c);
    y += buildJumps(s, b, c, y, labels);
    float docsY = y;
    float guidesY = buildDocumentList(s, b, labels[0], c, y) + 24;
    float catalogY = buildGuideList(s, b, labels[1], c, guidesY) + 24;
    Page page = b.take(buildCatalogList(s, b, labels[2], c, catalogY) + 24);
    // The jump buttons were the first hotspots; now their targets are known.
    page.hotspots[0].intent.value = docsY;
    page.hotspots[1].intent.value = guidesY;
    page.hotspots[2].intent.value = catalogY;
    return page;
}

}  // namespace

std::string domainTitle(const AppState& s) { return breadcrumb(s, domainName(s, s.route().id)); }

void drawDomainScreen(AppState& s, const Rect& content) {
    const DomainData& d = s.domain;
    if (!d.error.empty()) { drawMessage(s, content, s.text(d.error), s.theme.warning); return; }
    if (!d.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    if (s.pages.domainGuidesFor != d.id) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    drawBuiltPage(s, s.domainUi, content, "domain/" + d.id, buildDomain);
}

}  // namespace gongkai::ui
