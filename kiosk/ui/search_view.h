// Drawing helpers shared by the search and home screens (screen_search.cpp,
// screen_home.cpp), the virtualized result list, and the --script state dump.
// UI thread only: they draw into ImGui's background draw list and read the
// fonts; they never touch data beyond AppState.
#pragma once

#include <string>
#include <string_view>

#include "ui/app_state.h"

namespace gongkai::ui {

void fillRect(const Rect& r, Color c, float rounding = 0);
void strokeRect(const Rect& r, Color c, float rounding, float thickness);
float textWidth(const AppState& s, FontRole role, std::string_view text);
// `text` centred in `r` (cut with "…" when wider).
void centeredText(AppState& s, const Rect& r, FontRole role, Color c, const std::string& text, bool bold = false);
bool tappedIn(const AppState& s, const Rect& r);
bool pressedIn(const AppState& s, const Rect& r);
void addTarget(AppState& s, std::string name, const Rect& r);

// The smallest touch target: the theme's (>= 60 px), >= 80 px in elder mode.
float minKeySize(const AppState& s);

// The result list: rows of one fixed height (so only the visible ones are
// laid out and drawn, however many hits there are), dragged with inertia;
// a tap opens a hit (a drag never taps), and scrolling near the end asks
// for more hits.
float hitRowHeight(const AppState& s);
void drawHitList(AppState& s, const Rect& area);

// The settled state as JSON for the script's `dump` command: the route,
// the search state, the popular searches and this frame's named targets.
std::string stateDumpJson(const AppState& s);

}  // namespace gongkai::ui
