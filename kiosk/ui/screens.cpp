#include "ui/screens.h"

#include "ui/chrome.h"

namespace gongkai::ui {

const ScreenEntry& screenEntry(ScreenId id) {
    static const ScreenEntry table[] = {
        {ScreenId::Home, drawHomeScreen, homeTitle},
        {ScreenId::Domain, drawDomainScreen, domainTitle},
        {ScreenId::Document, drawDocumentScreen, documentTitle},
        {ScreenId::OutOfService, drawOutOfServiceScreen, outOfServiceTitle},
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
    ScreenLayout l = computeLayout(s);
    ScreenId id = s.outOfService ? ScreenId::OutOfService : s.route().screen;
    const ScreenEntry& e = screenEntry(id);
    drawHeader(s, l.header);
    drawBanner(s, l.banner);
    drawTitleBar(s, l.title, e.title(s));
    e.draw(s, l.content);
    const PageScreenState* ui = id == ScreenId::Home ? &s.homeUi : id == ScreenId::Domain ? &s.domainUi
                               : id == ScreenId::Document ? &s.documentUi : nullptr;
    drawNavBar(s, l.nav, ui && ui->scroll.maxOffset > 0);
}

}  // namespace gongkai::ui
