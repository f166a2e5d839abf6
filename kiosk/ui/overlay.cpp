#include "ui/overlay.h"

#include <imgui.h>

#include "ui/text_layout.h"

namespace gongkai::ui {

bool overlayActive(const AppState& s) {
    return s.idle.phase != IdlePhase::Active || s.staff.phase != StaffState::Phase::Closed;
}

FrameGestures takeOverlayInput(AppState& s) {
    if (!overlayActive(s)) return {};
    FrameGestures in = s.input;
    s.input = {};
    return in;
}

void drawOverlays(AppState& s, const FrameGestures& input) {
    // Covered screens need no frames of their own (a blinking caret, a
    // debounce): the overlay redraws on its own schedule (idle.h).
    if (overlayActive(s)) s.animating = false;
    if (s.staff.phase != StaffState::Phase::Closed) drawStaffScreen(s, input);
    else if (s.idle.phase == IdlePhase::Attract) drawAttractScreen(s, input);
    else if (s.idle.phase == IdlePhase::Countdown) drawIdleCountdown(s, input);
}

ImDrawList* overlayList() { return ImGui::GetForegroundDrawList(); }

void overlayFill(const Rect& r, Color c, float rounding) {
    overlayList()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), c, rounding);
}

bool overlayButton(AppState& s, const FrameGestures& in, const Rect& r, const std::string& label, FontRole role,
                   bool primary) {
    const Theme& t = s.theme;
    bool pressed = in.press && r.contains(*in.press);
    Color bg = primary ? t.headerBg : t.buttonBg, fg = primary ? t.headerText : t.buttonText;
    overlayFill(r, pressed ? t.pressedBg : bg, 12);
    overlayList()->AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), t.tableBorder, 12, 0, 2);
    const FontSet& f = *s.fonts;
    std::string text = elide(f, role, label, r.w - 2 * t.gap);
    float w = measureText(text, [&](char32_t c) { return f.advance(role, c); });
    float y = r.y + (r.h - f.size(role)) * 0.5f - 2;
    drawText(overlayList(), f, role, pressed ? t.buttonText : fg, r.x + (r.w - w) * 0.5f, y, text, true);
    return in.tap && r.contains(*in.tap);
}

float overlayText(AppState& s, FontRole role, Color color, float cx, float y, float w, const std::string& text,
                  bool bold) {
    const FontSet& f = *s.fonts;
    auto lines = breakLines(text, w, [&](char32_t c) { return f.advance(role, c); });
    float lh = f.lineHeight(role);
    for (const TextLine& l : lines) {
        std::string_view part(text.data() + l.begin, l.end - l.begin);
        drawText(overlayList(), f, role, color, cx - l.width * 0.5f, y + (lh - f.size(role)) * 0.5f, part, bold);
        y += lh;
    }
    return lh * static_cast<float>(lines.size());
}

}  // namespace gongkai::ui
