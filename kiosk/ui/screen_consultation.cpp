// A consultation (征求意见): the proposal's title, who asks and when the
// window is open, the text itself (blocks), and how to send an opinion.
#include "ui/page_blocks.h"
#include "ui/screens.h"

namespace gongkai::ui {
namespace {

Page buildConsultation(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1300);
    const Consultation& x = s.pages.consultation.record;
    float y = 4;
    y += buildSectionHeading(s, b, x.title, c, y);
    y += buildFacts(s, b,
                    {{s.text("consult.agency"), x.agency},
                     {s.text("consult.when"), s.strings.format("consult.period", {x.opensOn, x.closesOn})}},
                    c, y) + 28;
    for (const Block& blk : x.body) y += buildBodyBlock(s, b, blk, c, y);
    y += 12;
    y += buildSectionHeading(s, b, s.text("consult.respond"), c, y);
    float th = b.textHeight(FontRole::Body, c.w - 48, x.respond.empty() ? "—" : x.respond);
    b.rect({c.x, y, c.w, th + 40}, s.theme.sectionBg, 0, 10);
    y += b.text(FontRole::Body, s.theme.text, c.x + 24, y + 20, c.w - 48, x.respond.empty() ? "—" : x.respond) + 60;
    if (!x.url.empty()) y += b.text(FontRole::Small, s.theme.textSecondary, c.x, y, c.w, s.strings.format("doc.url", {x.url})) + 16;
    return b.take(y + 24);
}

}  // namespace

std::string consultationTitle(const AppState& s) {
    const auto& x = s.pages.consultation;
    return breadcrumb(s, x.loaded ? x.record.title : s.text("loading"));
}

void drawConsultationScreen(AppState& s, const Rect& content) {
    const auto& x = s.pages.consultation;
    if (!x.error.empty()) { drawMessage(s, content, s.text(x.error), s.theme.warning); return; }
    if (!x.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    drawBuiltPage(s, s.consultationUi, content, "consultation/" + x.id, buildConsultation);
}

}  // namespace gongkai::ui
