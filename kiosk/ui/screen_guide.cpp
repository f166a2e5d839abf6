// A service guide (办事指南): what it is and who provides it, then the
// facts a resident needs before going — time limit, fee, place, hours,
// phone — and the conditions, materials and steps as numbered lists. The
// providing office is a tap target when the directory knows it.
#include <algorithm>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/page_blocks.h"
#include "ui/screens.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

const Agency* agencyNamed(const AppState& s, const std::string& name) {
    for (const auto& a : s.pages.agencies)
        if (a.name == name) return &a;
    return nullptr;
}

Page buildGuide(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1300);
    const ServiceGuide& g = s.pages.guide.record;
    float y = 4;
    y += buildSectionHeading(s, b, g.name, c, y);
    if (s.print.available)
        y += buildActionButton(s, b, s.text("print.guide"), Intent::make(Intent::Kind::Print, "guide"), c, y) + 8;
    if (const Agency* a = agencyNamed(s, g.agency)) {
        Intent i = Intent::make(Intent::Kind::OpenRecord, a->id);
        i.recordType = "agency";
        y += buildCard(s, b, s.strings.format("guide.agency", {g.agency}), a->address, {}, std::move(i), c, y) + 20;
    } else if (!g.agency.empty()) {
        y += buildNote(s, b, s.strings.format("guide.agency", {g.agency}), c, y);
    }
    y += buildFacts(s, b,
                    {{s.text("guide.time_limit"), g.timeLimit}, {s.text("guide.fee"), g.fee},
                     {s.text("guide.place"), g.place}, {s.text("guide.hours"), g.hours},
                     {s.text("guide.phone"), g.phone}, {s.text("guide.basis"), g.basis}},
                    c, y) + 28;
    y += buildSectionHeading(s, b, s.text("guide.conditions"), c, y);
    y += buildItems(s, b, g.conditions, true, c, y) + 12;
    y += buildSectionHeading(s, b, s.text("guide.materials"), c, y);
    y += buildItems(s, b, g.materials, true, c, y) + 12;
    y += buildSectionHeading(s, b, s.text("guide.steps"), c, y);
    y += buildItems(s, b, g.steps, true, c, y) + 12;
    if (!g.url.empty()) y += b.text(FontRole::Small, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.url", {g.url})) + 16;
    return b.take(y + 24);
}

// What the checklist's print did, on a panel over the page's foot.
void drawPrintBanner(AppState& s, const Rect& content, const PrintNews& said) {
    if (said.text.empty()) return;
    const Theme& t = s.theme;
    float pad = 24, w = std::min(content.w, 1300.0f) - 2 * pad;
    PageBuilder b(*s.fonts, w);
    float h = b.text(FontRole::Body, said.color, 0, 0, w, said.text, 0, true);
    Rect panel{content.x + (content.w - w) * 0.5f - pad, content.bottom() - h - 2 * pad, w + 2 * pad, h + 2 * pad};
    fillRect(panel, t.tileBg, 12);
    strokeRect(panel, said.color, 12, 3);
    drawPage(ImGui::GetBackgroundDrawList(), *s.fonts, b.take(h), {panel.x + pad, panel.y + pad, w, h}, 0, nullptr, 0);
}

}  // namespace

std::string guideTitle(const AppState& s) {
    const auto& g = s.pages.guide;
    return breadcrumb(s, g.loaded ? g.record.name : s.text("loading"));
}

void drawGuideScreen(AppState& s, const Rect& content) {
    const auto& g = s.pages.guide;
    if (!g.error.empty()) { drawMessage(s, content, s.text(g.error), s.theme.warning); return; }
    if (!g.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    drawBuiltPage(s, s.guideUi, content, "guide/" + g.id + std::to_string(s.pages.agencies.size()), buildGuide);
    drawPrintBanner(s, content, printNews(s, "guide:" + g.id, "print.guide_kept"));
}

}  // namespace gongkai::ui
