#include "ui/screens.h"

#include "ui/chrome.h"
#include "ui/overlay.h"

namespace gongkai::ui {

const ScreenEntry& screenEntry(ScreenId id) {
    static const ScreenEntry table[] = {
        {ScreenId::Home, drawHomeScreen, homeTitle},
        {ScreenId::Domain, drawDomainScreen, domainTitle},
        {ScreenId::Document, drawDocumentScreen, documentTitle},
        {ScreenId::OutOfService, drawOutOfServiceScreen, outOfServiceTitle},
        {ScreenId::Search, drawSearchScreen, searchTitle},
        {ScreenId::List, drawListScreen, listTitle},
        {ScreenId::Guide, drawGuideScreen, guideTitle},
        {ScreenId::Consultation, drawConsultationScreen, consultationTitle},
        {ScreenId::Agency, drawAgencyScreen, agencyTitle},
        {ScreenId::Request, drawRequestScreen, requestTitle},
        {ScreenId::Desk, drawDeskScreen, deskTitle},
        {ScreenId::Setup, drawSetupScreen, setupTitle},
    };
    for (const auto& e : table)
        if (e.id == id) return e;
    return table[0];
}

std::string domainName(const AppState& s, const std::string& id) {
    for (const auto& d : s.home.domains)
        if (d.id == id) return d.name;
    return id;
}

void drawFrame(AppState& s) {
    FrameGestures overlayInput = takeOverlayInput(s);  // an overlay up: the screen sees no touch
    ScreenLayout l = computeLayout(s);
    // The desk verifies slips without the mirror's documents: never out of service.
    // First boot's setup comes before the data: a new kiosk has none yet.
    ScreenId id = s.setup.needed ? ScreenId::Setup
                : s.outOfService && !s.desk.on ? ScreenId::OutOfService : s.route().screen;
    const ScreenEntry& e = screenEntry(id);
    drawHeader(s, l.header);
    drawBanner(s, l.banner);
    drawTitleBar(s, l.title, e.title(s));
    e.draw(s, l.content);
    const PageScreenState* ui = id == ScreenId::Home ? &s.homeUi : id == ScreenId::Domain ? &s.domainUi
                               : id == ScreenId::Document ? &s.documentUi : id == ScreenId::List ? &s.listUi
                               : id == ScreenId::Guide ? &s.guideUi : id == ScreenId::Consultation ? &s.consultationUi
                               : id == ScreenId::Agency ? &s.agencyUi : id == ScreenId::Desk ? &s.deskUi
                               : id == ScreenId::Request && s.request.step != RequestStep::What && s.request.step != RequestStep::Slip ? &s.requestUi : nullptr;
    drawNavBar(s, l.nav, ui && ui->scroll.maxOffset > 0);
    drawOverlays(s, overlayInput);  // idle countdown, attract screen, staff pages
}

}  // namespace gongkai::ui
