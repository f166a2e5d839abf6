// The home's quick entries (Route::id): latest documents, policy
// interpretations, annual reports and the disclosure guide (document
// cards); service guides, consultations and the agency directory (record
// cards); and "apply for disclosure", a page of explanation from the
// strings with the offices that accept requests.
#include <algorithm>

#include "ui/page_blocks.h"
#include "ui/screens.h"

namespace gongkai::ui {

// From screen_agencies.cpp: the directory grouped by kind.
float buildAgencyList(AppState& s, PageBuilder& b, const std::vector<Agency>& agencies, const Column& c, float y);

namespace {

Intent openRecord(const std::string& type, const std::string& id) {
    Intent i = Intent::make(Intent::Kind::OpenRecord, id);
    i.recordType = type;
    return i;
}

float buildDocuments(AppState& s, PageBuilder& b, const Column& c, float y) {
    const ListData& l = s.pages.list;
    std::string heading = s.strings.format("list.count", {listName(s, l.id), std::to_string(l.documents.size())});
    y += buildSectionHeading(s, b, heading, c, y);
    if (l.id == "disclosure_guide" && !l.documents.empty()) y += buildNote(s, b, s.text("list.guide_note"), c, y);
    if (l.documents.empty()) y += buildNote(s, b, s.text("list.empty"), c, y);
    for (const auto& d : l.documents) y += buildDocumentCard(s, b, d, c, y) + 12;
    return y;
}

float buildGuides(AppState& s, PageBuilder& b, const Column& c, float y) {
    const auto& guides = s.pages.list.guides;
    y += buildSectionHeading(s, b, s.strings.format("list.count", {listName(s, "guides"), std::to_string(guides.size())}), c, y);
    if (guides.empty()) y += buildNote(s, b, s.text("list.empty"), c, y);
    for (const auto& g : guides) {
        std::string meta = g.agency;
        if (!g.domain.empty()) meta += s.text("meta.separator") + domainName(s, g.domain);
        y += buildCard(s, b, g.name, meta, {}, openRecord("service_guide", g.id), c, y) + 12;
    }
    return y;
}

float buildConsultations(AppState& s, PageBuilder& b, const Column& c, float y) {
    const auto& list = s.pages.list.consultations;
    y += buildSectionHeading(s, b, s.strings.format("list.count", {listName(s, "consultations"), std::to_string(list.size())}), c, y);
    if (list.empty()) y += buildNote(s, b, s.text("list.empty"), c, y);
    for (const auto& x : list) {
        std::string meta = s.strings.format("consult.period", {x.opensOn, x.closesOn});
        if (!x.agency.empty()) meta += s.text("meta.separator") + x.agency;
        y += buildCard(s, b, x.title, meta, {}, openRecord("consultation", x.id), c, y) + 12;
    }
    return y;
}

// Apply for disclosure: the kiosk's request form (when this kiosk makes
// slips), how to apply at the counter, then the offices that accept requests.
float buildApply(AppState& s, PageBuilder& b, const Column& c, float y) {
    y += buildSectionHeading(s, b, s.text("apply.heading"), c, y);
    const std::string& intro = s.text(s.requestsAvailable ? "apply.here" : "apply.later");
    float th = b.textHeight(FontRole::Body, c.w - 48, intro);
    b.rect({c.x, y, c.w, th + 40}, s.theme.sectionBg, 0, 10);
    y += b.text(FontRole::Body, s.theme.text, c.x + 24, y + 20, c.w - 48, intro, 0, true) + 56;
    y += buildApplyButton(s, b, s.text("request.start"), Intent::make(Intent::Kind::StartRequest), c, y) + 24;
    y += buildSectionHeading(s, b, s.text("apply.how"), c, y);
    std::vector<std::string> steps;
    for (int i = 1; i <= 5; ++i) steps.push_back(s.text("apply.step" + std::to_string(i)));
    y += buildItems(s, b, steps, true, c, y) + 16;
    std::vector<Agency> accepting;
    for (const auto& a : s.pages.list.agencies)
        if (a.acceptsRequests) accepting.push_back(a);
    y += buildSectionHeading(s, b, s.text("apply.where"), c, y);
    return buildAgencyList(s, b, accepting, c, y);
}

Page buildList(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area);
    const std::string& id = s.pages.list.id;
    float y = 4;
    if (id == "guides") y = buildGuides(s, b, c, y);
    else if (id == "consultations") y = buildConsultations(s, b, c, y);
    else if (id == "agencies") {
        y += buildSectionHeading(s, b, s.strings.format("list.count", {listName(s, id), std::to_string(s.pages.list.agencies.size())}), c, y);
        y = buildAgencyList(s, b, s.pages.list.agencies, c, y);
    } else if (id == "apply") y = buildApply(s, b, c, y);
    else if (id == "disclosure_guide" && s.pages.list.documents.empty()) {
        y += buildSectionHeading(s, b, listName(s, id), c, y);
        for (int i = 1; i <= 4; ++i) y += buildNote(s, b, s.text("guide_fallback.p" + std::to_string(i)), c, y);
    } else y = buildDocuments(s, b, c, y);
    return b.take(y + 24);
}

}  // namespace

std::string listTitle(const AppState& s) { return breadcrumb(s, listName(s, s.route().id)); }

void drawListScreen(AppState& s, const Rect& content) {
    const ListData& l = s.pages.list;
    if (!l.error.empty()) { drawMessage(s, content, s.text(l.error), s.theme.warning); return; }
    if (!l.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    drawBuiltPage(s, s.listUi, content, "list/" + l.id, buildList);
}

}  // namespace gongkai::ui
