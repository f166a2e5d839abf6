// The staff desk (`gongkai-kiosk --desk`, desk.h): the latest scanned slip
// in large type under a banner coloured by its verification (green
// verified, amber duplicate, red tampered / unknown kiosk / unreadable),
// then the request's lines; before the first scan, what to do. The count of
// scans and the last few ids run along the bottom.
#include <algorithm>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/page_blocks.h"
#include "ui/screens.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

constexpr Color kVerifiedGreen = 0xFF2E6B1B;  // IM_COL32(27, 107, 46): white text on it passes 4.5:1
constexpr int kHistoryShown = 5;

TextLanguage deskLanguage(const AppState& s) {
    return s.strings.language() == "en" ? TextLanguage::English : TextLanguage::Chinese;
}

Color bannerColour(const AppState& s, Emphasis e) {
    switch (e) {
    case Emphasis::Good: return kVerifiedGreen;
    case Emphasis::Warning: return s.theme.bannerBg;
    case Emphasis::Alarm: return s.theme.warning;
    case Emphasis::Normal: break;
    }
    return s.theme.sectionBg;
}

Page buildScan(AppState& s, const DeskScan& scan, const Rect& area) {
    const Theme& t = s.theme;
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1600);
    float pad = 28, y = 4;
    Color bg = bannerColour(s, scan.overall);
    Color fg = scan.overall == Emphasis::Warning ? t.bannerText : t.headerText;
    std::vector<std::string> banners{scan.headline};
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& line : scan.lines) {
        if (line.label.empty()) banners.push_back(line.value);
        else rows.emplace_back(line.label, line.value);
    }
    float bh = pad;
    for (const auto& text : banners) bh += b.textHeight(FontRole::Title, c.w - 2 * pad, text) + 8;
    b.rect({c.x, y, c.w, bh + pad}, bg, 0, 12);
    float by = y + pad;
    for (const auto& text : banners) by += b.text(FontRole::Title, fg, c.x + pad, by, c.w - 2 * pad, text, 0, true) + 8;
    y += bh + pad + 24;
    return b.take(y + buildFacts(s, b, rows, c, y) + 16);
}

void drawHistory(AppState& s, const Rect& r) {
    const DeskState& d = s.desk;
    std::string line = s.strings.format("desk.count", {std::to_string(d.seen.size())});
    int shown = 0;
    for (auto it = d.scans.rbegin(); it != d.scans.rend() && shown < kHistoryShown; ++it)
        if (!it->id.empty()) line += "   " + it->id, ++shown;
    drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Small, s.theme.textSecondary, r.x, r.y,
             elide(*s.fonts, FontRole::Small, line, r.w));
}

}  // namespace

std::string deskTitle(const AppState& s) { return s.text("desk.title"); }

void drawDeskScreen(AppState& s, const Rect& content) {
    takeDeskKeys(s.desk, s.keys, deskLanguage(s));
    float lineH = s.fonts->lineHeight(FontRole::Small) + 12;
    Rect area{content.x, content.y, content.w, content.h - 2 * lineH};
    Rect status{content.x, content.bottom() - 2 * lineH, content.w, lineH};
    if (s.desk.scans.empty()) {
        std::string hint = s.desk.keyProblem.empty() ? s.text("desk.hint") : s.desk.keyProblem;
        drawMessage(s, area, hint, s.desk.keyProblem.empty() ? s.theme.text : s.theme.warning);
    } else {
        const DeskScan& scan = s.desk.scans.back();
        std::string key = std::to_string(s.desk.scans.size()) + "/" + scan.id;
        drawBuiltPage(s, s.deskUi, area, key, [&](AppState& st, const Rect& a) { return buildScan(st, scan, a); });
    }
    if (!s.desk.typing.empty())
        drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Small, s.theme.text, status.x, status.y,
                 s.strings.format("desk.reading", {std::to_string(s.desk.typing.size())}));
    drawHistory(s, {status.x, status.bottom(), status.w, lineH});
}

}  // namespace gongkai::ui
