// Drawing on top of everything (ImGui's foreground draw list): the idle
// countdown, the attract screen and the staff PIN pad/status page cover the
// screen and its bars. While one is up it takes the frame's input
// (takeOverlayInput), so the screen below sees no tap.
// UI thread only.
#pragma once

#include <string>

#include "ui/app_state.h"

namespace gongkai::ui {

// True when an overlay (countdown, attract, staff) is up.
bool overlayActive(const AppState& s);
// Moves this frame's input out of `s.input` when an overlay is up.
FrameGestures takeOverlayInput(AppState& s);
// Draws the overlays that are up, reacting to `input`.
void drawOverlays(AppState& s, const FrameGestures& input);

// Helpers for the overlay screens (screen_attract.cpp, screen_staff.cpp).
ImDrawList* overlayList();
void overlayFill(const Rect& r, Color c, float rounding = 0);
// A big button; true when tapped. `role` sizes its label.
bool overlayButton(AppState& s, const FrameGestures& in, const Rect& r, const std::string& label,
                   FontRole role = FontRole::Title, bool primary = false);
// Centred text (wrapped to `w`) from `y`; returns the height used.
float overlayText(AppState& s, FontRole role, Color color, float cx, float y, float w, const std::string& text,
                  bool bold = false);

// The overlay screens.
void drawIdleCountdown(AppState& s, const FrameGestures& in);
void drawAttractScreen(AppState& s, const FrameGestures& in);
void drawStaffScreen(AppState& s, const FrameGestures& in);

}  // namespace gongkai::ui
