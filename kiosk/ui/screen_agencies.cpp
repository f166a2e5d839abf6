// The agency directory: offices grouped by kind (county, departments,
// townships, village committees), each a card with its phone; and one
// agency's page with address, phone, office hours and whether it accepts
// disclosure requests. The list is shown by the List screen ("agencies"
// and "apply"); the detail is ScreenId::Agency.
#include "ui/page_blocks.h"
#include "ui/screens.h"

namespace gongkai::ui {

float buildAgencyList(AppState& s, PageBuilder& b, const std::vector<Agency>& agencies, const Column& c, float y);

namespace {

std::string kindName(const AppState& s, const std::string& kind) {
    return kind.empty() ? s.text("agency.kind.other") : s.text("agency.kind." + kind);
}

Page buildAgency(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1200);
    const Agency& a = s.pages.agency.record;
    float y = 4;
    y += buildSectionHeading(s, b, a.name, c, y);
    y += buildFacts(s, b,
                    {{s.text("agency.address"), a.address},
                     {s.text("agency.phone"), a.phone},
                     {s.text("agency.hours"), a.hours},
                     {s.text("agency.kind"), kindName(s, a.kind)},
                     {s.text("agency.accepts"), s.text(a.acceptsRequests ? "agency.accepts_yes" : "agency.accepts_no")}},
                    c, y) + 24;
    if (a.acceptsRequests) y += buildNote(s, b, s.text("agency.apply_note"), c, y);
    return b.take(y + 24);
}

}  // namespace

float buildAgencyList(AppState& s, PageBuilder& b, const std::vector<Agency>& agencies, const Column& c, float y) {
    if (agencies.empty()) return y + buildNote(s, b, s.text("list.empty"), c, y);
    std::string kind = "\x01";
    for (const auto& a : agencies) {
        if (a.kind != kind) {
            kind = a.kind;
            y += 8;
            y += b.text(FontRole::Body, s.theme.textSecondary, c.x, y, c.w, kindName(s, kind), 0, true) + 8;
        }
        std::string meta = a.phone.empty() ? a.address : s.strings.format("agency.phone_short", {a.phone});
        Intent i = Intent::make(Intent::Kind::OpenRecord, a.id);
        i.recordType = "agency";
        y += buildCard(s, b, a.name, meta, {}, std::move(i), c, y) + 12;
    }
    return y;
}

std::string agencyTitle(const AppState& s) {
    const auto& a = s.pages.agency;
    return breadcrumb(s, a.loaded ? a.record.name : s.text("loading"));
}

void drawAgencyScreen(AppState& s, const Rect& content) {
    const auto& a = s.pages.agency;
    if (!a.error.empty()) { drawMessage(s, content, s.text(a.error), s.theme.warning); return; }
    if (!a.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    drawBuiltPage(s, s.agencyUi, content, "agency/" + a.id, buildAgency);
}

}  // namespace gongkai::ui
