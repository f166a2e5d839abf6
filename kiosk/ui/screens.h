// The screen table (STYLE.md rule 2): one file per screen, registered here.
// A screen draws its content into the area between the fixed bars, reading
// AppState and posting Intents; `title` gives the title bar's breadcrumb.
#pragma once

#include <string>

#include "ui/app_state.h"
#include "ui/page.h"

namespace gongkai::ui {

struct ScreenEntry {
    ScreenId id;
    void (*draw)(AppState& s, const Rect& content);
    std::string (*title)(const AppState& s);
};

const ScreenEntry& screenEntry(ScreenId id);

// Draws the whole frame: bars plus the current screen.
void drawFrame(AppState& s);

void drawHomeScreen(AppState& s, const Rect& content);
std::string homeTitle(const AppState& s);
void drawDomainScreen(AppState& s, const Rect& content);
std::string domainTitle(const AppState& s);
void drawDocumentScreen(AppState& s, const Rect& content);
std::string documentTitle(const AppState& s);
void drawOutOfServiceScreen(AppState& s, const Rect& content);
std::string outOfServiceTitle(const AppState& s);
void drawSearchScreen(AppState& s, const Rect& content);
std::string searchTitle(const AppState& s);
// The content pages (the pages helper): screen_list.cpp, screen_guide.cpp,
// screen_consultation.cpp, screen_agencies.cpp.
void drawListScreen(AppState& s, const Rect& content);
std::string listTitle(const AppState& s);
void drawGuideScreen(AppState& s, const Rect& content);
std::string guideTitle(const AppState& s);
void drawConsultationScreen(AppState& s, const Rect& content);
std::string consultationTitle(const AppState& s);
void drawAgencyScreen(AppState& s, const Rect& content);
std::string agencyTitle(const AppState& s);
void drawRequestScreen(AppState& s, const Rect& content);
void drawDeskScreen(AppState& s, const Rect& content);
std::string deskTitle(const AppState& s);
void drawSetupScreen(AppState& s, const Rect& content);
std::string setupTitle(const AppState& s);
std::string requestTitle(const AppState& s);

// Clears every text typed on the search screen (the query, its filters and
// results, keys not yet taken). The text field is drawn by us, so Dear
// ImGui holds no copy of it. For the idle reset.
void clearTypedText(AppState& s);

// Name of a domain id from the home data (the id itself when unknown).
std::string domainName(const AppState& s, const std::string& id);

}  // namespace gongkai::ui
