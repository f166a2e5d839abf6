// Out of service: the mirror is missing, damaged or unreadable. Says so in
// the kiosk's language, with the reason and the time of the last good data;
// the data worker keeps looking, and home returns when the mirror is repaired.
#include <algorithm>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/screens.h"

namespace gongkai::ui {

std::string outOfServiceTitle(const AppState& s) { return s.text("oos.title"); }

void drawOutOfServiceScreen(AppState& s, const Rect& content) {
    const Theme& t = s.theme;
    PageBuilder b(*s.fonts, content.w);
    float w = std::min(content.w, 1400.0f), x = (content.w - w) * 0.5f, y = 0;
    b.rect({x, 0, w, 10}, t.warning, 0, 4);
    y += 28;
    y += b.text(FontRole::Title, t.warning, x, y, w, s.text("oos.title"), 0, true) + 24;
    y += b.text(FontRole::Body, t.text, x, y, w, s.text("oos.body")) + 24;
    y += b.text(FontRole::Body, t.text, x, y, w, s.strings.format("oos.reason", {s.outOfServiceReason})) + 16;
    std::string lastGood = s.lastGoodData.empty() ? s.text("oos.last_good_unknown")
                                                   : s.strings.format("oos.last_good", {s.lastGoodData});
    y += b.text(FontRole::Body, t.text, x, y, w, lastGood) + 16;
    y += b.text(FontRole::Body, t.textSecondary, x, y, w, s.text("oos.retry")) + 32;
    if (!s.outOfServiceDetail.empty())
        y += b.text(FontRole::Small, t.textSecondary, x, y, w, s.outOfServiceDetail);
    Page p = b.take(y);
    Rect at{content.x, content.y + std::max(0.0f, (content.h - y) * 0.3f), content.w, std::min(content.h, y)};
    drawPage(ImGui::GetBackgroundDrawList(), *s.fonts, p, at, 0, nullptr, 0);
}

}  // namespace gongkai::ui
