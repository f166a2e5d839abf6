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

// Name of a domain id from the home data (the id itself when unknown).
std::string domainName(const AppState& s, const std::string& id);

}  // namespace gongkai::ui
