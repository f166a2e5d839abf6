// Home: the 26 domains as large tiles (name large, lead unit small). The
// grid picks the column count that fits all tiles on screen with the largest
// tiles, and scrolls when nothing fits.
#include <algorithm>
#include <cmath>

#include "ui/chrome.h"
#include "ui/screens.h"

namespace gongkai::ui {
namespace {

struct Grid {
    int cols = 1;
    float tileW = 0, tileH = 0;
};

Grid chooseGrid(const AppState& s, const Rect& area, int n) {
    const float gap = s.theme.gap, minW = 280, minH = std::max(124.0f, s.theme.minTarget * 2);
    Grid best;
    for (int cols = 2; cols <= 7; ++cols) {
        float w = (area.w - gap * float(cols - 1)) / float(cols);
        if (w < minW) break;
        int rows = (n + cols - 1) / cols;
        float h = (area.h - gap * float(rows - 1)) / float(rows);
        best = {cols, w, std::clamp(h, minH, 200.0f)};
        if (h >= minH) return best;  // fewest columns that fit: biggest tiles
    }
    if (best.tileW == 0) best = {1, area.w, minH};
    return best;
}

// The tile name uses the title size when it fits the tile, else body size.
FontRole nameRole(PageBuilder& b, const std::string& name, float innerW, float innerH, float unitH) {
    float titleH = b.textHeight(FontRole::Title, innerW, name);
    return titleH + unitH <= innerH ? FontRole::Title : FontRole::Body;
}

void buildTile(AppState& s, PageBuilder& b, const DomainSummary& d, const Rect& r) {
    const Theme& t = s.theme;
    b.rect(r, t.tileBg, t.tileBorder, 12, 2);
    b.rect({r.x, r.y, 10, r.h}, t.tileAccent, 0, 4);
    float pad = 16, innerW = r.w - 2 * pad - 10;
    std::string lead = d.leadUnits.empty() ? std::string() : d.leadUnits.front();
    float unitH = lead.empty() ? 0 : b.lineHeight(FontRole::Small);
    FontRole role = nameRole(b, d.name, innerW, r.h - 2 * pad * 0.5f, unitH);
    float nameH = b.textHeight(role, innerW, d.name);
    float y = r.y + std::max(pad * 0.5f, (r.h - nameH - unitH) * 0.5f);
    b.text(role, t.text, r.x + 10 + pad, y, innerW, d.name, 0, true);
    if (!lead.empty())
        b.textLine(FontRole::Small, t.textSecondary, r.x + 10 + pad, y + nameH, innerW, lead);
    b.hotspot(r, Intent::make(Intent::Kind::OpenDomain, d.id));
}

Page buildHome(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    const auto& domains = s.home.domains;
    Grid g = chooseGrid(s, area, static_cast<int>(domains.size()));
    float gap = s.theme.gap;
    for (std::size_t i = 0; i < domains.size(); ++i) {
        int col = static_cast<int>(i) % g.cols, row = static_cast<int>(i) / g.cols;
        Rect r{float(col) * (g.tileW + gap), float(row) * (g.tileH + gap), g.tileW, g.tileH};
        buildTile(s, b, domains[i], r);
    }
    int rows = (static_cast<int>(domains.size()) + g.cols - 1) / g.cols;
    return b.take(std::max(0.0f, float(rows) * (g.tileH + gap) - gap));
}

}  // namespace

std::string homeTitle(const AppState& s) { return s.text("home.title"); }

void drawHomeScreen(AppState& s, const Rect& content) {
    if (!s.home.loaded) {
        drawMessage(s, content, s.text("loading"), s.theme.textSecondary);
        return;
    }
    std::string key = std::to_string(int(content.w)) + "x" + std::to_string(int(content.h)) + "/" +
                      std::to_string(s.home.domains.size());
    if (s.homeUi.builtFor != key) {
        s.homeUi.page = buildHome(s, content);
        s.homeUi.builtFor = key;
    }
    drawScrollingPage(s, s.homeUi, content);
}

}  // namespace gongkai::ui
