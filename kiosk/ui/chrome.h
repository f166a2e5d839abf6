// The parts of every screen that never scroll: the header (county name,
// "data updated"), the demonstration-data banner, the title/breadcrumb bar
// and the navigation bar with Back and Home. Plus the shared scrolling page
// view that every screen's content goes through.
#pragma once

#include <string>

#include "ui/app_state.h"
#include "ui/page.h"

namespace gongkai::ui {

struct ScreenLayout {
    Rect header, banner, title, content, nav;
};

ScreenLayout computeLayout(const AppState& s);

void drawHeader(AppState& s, const Rect& r);
void drawBanner(AppState& s, const Rect& r);
void drawTitleBar(AppState& s, const Rect& r, const std::string& title);
void drawNavBar(AppState& s, const Rect& r, bool canScroll);
// The elder-mode and language toggles at the bar's right end (drawn by
// drawNavBar); returns the left edge they take.
float drawModeToggles(AppState& s, const Rect& r);

// A big button; true when tapped this frame.
bool touchButton(AppState& s, const Rect& r, const std::string& label, bool enabled = true);

// Scrolls `ui.page` by dragging inside `area`, turns taps on its hotspots
// into intents, and draws it with a scroll bar.
void drawScrollingPage(AppState& s, PageScreenState& ui, const Rect& area);

// Drag-to-scroll with inertia for any list in `area` (a drag that started
// there moves `sc.offset`, a fling keeps it moving; clamped to maxOffset,
// which the caller sets first), and the scroll bar right of `area`.
void applyScrollInput(AppState& s, ScrollState& sc, const Rect& area);
void drawScrollBar(AppState& s, const ScrollState& sc, const Rect& area, float pageHeight);

// What scrolls in `area` is drawn between these two, at the offset
// beginScrollRegion returns: `sc.offset` to a whole pixel, clipped to
// `area`, over a backdrop of the page's colour (or `backdrop`). The renderer
// then moves it by a copy and draws only the rows scrolled into view
// (platform/damage.h).
float beginScrollRegion(AppState& s, const ScrollState& sc, const Rect& area);
float beginScrollRegion(const ScrollState& sc, const Rect& area, Color backdrop);
void endScrollRegion();

// A centred message in `area` (loading, errors).
void drawMessage(AppState& s, const Rect& area, const std::string& text, Color color);

}  // namespace gongkai::ui
