// Home: a large search bar (tap: the search screen with the keyboard up),
// one-tap popular searches, the quick entries (latest, interpretations,
// guides, consultations, agencies, apply, disclosure guide, annual reports)
// and the 26 domains as large tiles (name large, lead unit small). The grid
// picks the fewest columns that fit every tile on screen; when nothing fits
// (1366x768) the whole page scrolls. Typing on a physical keyboard here
// opens the search screen with what was typed.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/chrome.h"
#include "ui/keyboard.h"
#include "ui/screens.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

// The quick entries' list ids (Intent::OpenList) in the order shown.
constexpr const char* kQuickEntries[] = {"latest",        "interpretations", "guides",  "consultations",
                                         "agencies",      "apply",           "disclosure_guide", "annual_reports"};

struct Grid {
    int cols = 1;
    float tileW = 0, tileH = 0;
};

// `content`: a tile's name and lead unit, one line each, with padding, and
// `name`: the width of a six-character name (most names fit: 户籍管理, 城乡规划).
Grid chooseGrid(const AppState& s, float width, float height, int n, float content, float name) {
    const float gap = s.theme.gap, minW = std::max(220.0f, name);
    const float minH = std::max({96.0f, minKeySize(s) * 1.5f, content});
    Grid widest;
    for (int cols = 2; cols <= 8; ++cols) {
        float w = (width - gap * float(cols - 1)) / float(cols);
        if (w < minW) break;
        int rows = (n + cols - 1) / cols;
        float h = (height - gap * float(rows - 1)) / float(rows);
        widest = {cols, w, std::clamp(h, minH, 200.0f)};
        if (h >= minH) return widest;  // fewest columns that fit: biggest tiles
    }
    if (widest.tileW == 0) widest = {1, width, minH};
    return widest;
}

constexpr float kTilePad = 16, kTileAccent = 10;

// Text starts a pad after the accent bar and may run to half a pad from the
// right border: 国有土地上房屋征收 then fits a 1920-wide grid on one line.
float tileInnerWidth(float tileW) { return tileW - kTileAccent - kTilePad * 1.5f; }

// One size for every tile name, so the grid reads evenly: the title size when
// every name fits one line of its tile with the lead unit below, else body
// size (a name that still does not fit wraps, and its tile drops the unit).
FontRole tileNameRole(PageBuilder& b, const std::vector<DomainSummary>& domains, const Grid& g) {
    float innerW = tileInnerWidth(g.tileW);
    float titleTall = b.lineHeight(FontRole::Title) + b.lineHeight(FontRole::Small);
    if (titleTall > g.tileH - kTilePad) return FontRole::Body;
    for (const auto& d : domains)
        if (b.measure(FontRole::Title, d.name) > innerW) return FontRole::Body;
    return FontRole::Title;
}

// The narrowest width that wraps `text` into no more lines than `w` does, so
// a wrapped name splits evenly (重大建设 / 项目, not 重大建设项 / 目).
float balancedWidth(PageBuilder& b, FontRole role, float w, const std::string& text) {
    float lines = b.textHeight(role, w, text);
    float lo = 0, hi = w;
    for (int i = 0; i < 10 && hi - lo > 1; ++i) {
        float mid = (lo + hi) * 0.5f;
        (b.textHeight(role, mid, text) <= lines ? hi : lo) = mid;
    }
    return hi;
}

void buildTile(AppState& s, PageBuilder& b, const DomainSummary& d, const Rect& r, FontRole role) {
    const Theme& t = s.theme;
    b.rect(r, t.tileBg, t.tileBorder, 12, 2);
    b.rect({r.x, r.y, kTileAccent, r.h}, t.tileAccent, 0, 4);
    float pad = kTilePad, innerW = tileInnerWidth(r.w);
    std::string lead = d.leadUnits.empty() ? std::string() : d.leadUnits.front();
    float unitH = lead.empty() ? 0 : b.lineHeight(FontRole::Small);
    float nameH = b.textHeight(role, innerW, d.name);
    if (nameH + unitH > r.h - pad * 0.5f) lead.clear(), unitH = 0;  // a long name wraps: it matters more
    if (nameH > r.h - pad * 0.5f) role = FontRole::Small, nameH = b.textHeight(role, innerW, d.name);
    float nameW = balancedWidth(b, role, innerW, d.name);
    float y = r.y + std::max(pad * 0.5f, (r.h - nameH - unitH) * 0.5f);
    b.text(role, t.text, r.x + kTileAccent + pad, y, nameW, d.name, 0, true);
    if (!lead.empty())
        b.textLine(FontRole::Small, t.textSecondary, r.x + kTileAccent + pad, y + nameH, innerW, lead);
    b.hotspot(r, Intent::make(Intent::Kind::OpenDomain, d.id));
}

// The search bar: a white field with the hint and a "search" end cap.
float buildSearchBar(AppState& s, PageBuilder& b, float width) {
    const Theme& t = s.theme;
    float h = std::round(minKeySize(s) * 1.25f);
    Rect bar{0, 0, width, h};
    b.rect(bar, t.tileBg, t.tileAccent, 14, 3);
    std::string cap = s.text("home.search_button");
    float capW = b.measure(FontRole::Title, cap) + 64;
    b.rect({width - capW, 0, capW, h}, t.headerBg, 0, 14);
    b.textLine(FontRole::Title, t.headerText, width - capW + 32, (h - b.lineHeight(FontRole::Title)) * 0.5f, capW,
               cap, true);
    b.textLine(FontRole::Body, t.textSecondary, 28, (h - b.lineHeight(FontRole::Body)) * 0.5f, width - capW - 56,
               s.text("home.search_hint"));
    b.hotspot(bar, Intent::make(Intent::Kind::OpenSearch, ""));
    return h;
}

// "Popular:" and one chip per popular search, wrapping to more rows.
float buildPopular(AppState& s, PageBuilder& b, float y, float width) {
    const Theme& t = s.theme;
    if (s.popularSearches.empty()) return 0;
    float h = minKeySize(s), gap = 12, pad = 24;
    std::string label = s.text("home.popular");
    float x = b.measure(FontRole::Body, label) + gap, rows = 1;
    b.textLine(FontRole::Body, t.text, 0, y + (h - b.lineHeight(FontRole::Body)) * 0.5f, x, label, true);
    for (const std::string& p : s.popularSearches) {
        float w = std::min(width, b.measure(FontRole::Body, p) + 2 * pad);
        if (x + w > width) x = 0, y += h + gap, rows += 1;
        Rect r{x, y, w, h};
        b.rect(r, t.buttonBg, t.tableBorder, h * 0.5f, 2);
        b.textLine(FontRole::Body, t.link, x + pad, y + (h - b.lineHeight(FontRole::Body)) * 0.5f, w - pad, p);
        b.hotspot(r, Intent::make(Intent::Kind::OpenSearch, p));
        x += w + gap;
    }
    return rows * h + (rows - 1) * gap;
}

// The quick entries: one row of eight when they fit, else rows of four.
float buildQuick(AppState& s, PageBuilder& b, float y, float width) {
    const Theme& t = s.theme;
    float gap = t.gap, h = std::round(minKeySize(s) * 1.2f), widest = 0;
    for (const char* id : kQuickEntries) widest = std::max(widest, b.measure(FontRole::Body, s.text(std::string("quick.") + id)));
    int n = int(std::size(kQuickEntries)), cols = n;
    while (cols > 2 && (width - gap * float(cols - 1)) / float(cols) < widest + 32) cols /= 2;
    float w = (width - gap * float(cols - 1)) / float(cols);
    for (int i = 0; i < n; ++i) {
        Rect r{float(i % cols) * (w + gap), y + float(i / cols) * (h + gap), w, h};
        std::string label = s.text(std::string("quick.") + kQuickEntries[i]);
        b.rect(r, t.sectionBg, t.tableBorder, 12, 2);
        float lw = std::min(b.measure(FontRole::Body, label), w - 16);
        b.textLine(FontRole::Body, t.text, r.x + (w - lw) * 0.5f, r.y + (h - b.lineHeight(FontRole::Body)) * 0.5f,
                   w - 16, label, true);
        b.hotspot(r, Intent::make(Intent::Kind::OpenList, kQuickEntries[i]));
    }
    int rows = (n + cols - 1) / cols;
    return float(rows) * h + float(rows - 1) * gap;
}

Page buildHome(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    float gap = s.theme.gap, y = buildSearchBar(s, b, area.w) + gap;
    if (float h = buildPopular(s, b, y, area.w); h > 0) y += h + gap;
    y += buildQuick(s, b, y, area.w) + gap;
    const auto& domains = s.home.domains;
    float content = b.lineHeight(FontRole::Body) + b.lineHeight(FontRole::Small) + kTilePad * 0.5f;
    float name = b.measure(FontRole::Body, "公共法律服务") + kTileAccent + kTilePad * 1.5f;
    Grid g = chooseGrid(s, area.w, area.h - y, static_cast<int>(domains.size()), content, name);
    FontRole nameRole = tileNameRole(b, domains, g);
    for (std::size_t i = 0; i < domains.size(); ++i) {
        int col = static_cast<int>(i) % g.cols, row = static_cast<int>(i) / g.cols;
        Rect r{float(col) * (g.tileW + gap), y + float(row) * (g.tileH + gap), g.tileW, g.tileH};
        buildTile(s, b, domains[i], r, nameRole);
    }
    int rows = (static_cast<int>(domains.size()) + g.cols - 1) / g.cols;
    return b.take(y + std::max(0.0f, float(rows) * (g.tileH + gap) - gap));
}

// Names the page's tap targets for the script's state dump.
void nameTargets(AppState& s, const Rect& content) {
    for (const Hotspot& h : s.homeUi.page.hotspots) {
        Rect r{content.x + h.rect.x, content.y + h.rect.y - s.homeUi.scroll.offset, h.rect.w, h.rect.h};
        if (r.bottom() < content.y || r.y > content.bottom()) continue;
        const Intent& i = h.intent;
        std::string name = i.kind == Intent::Kind::OpenDomain ? "domain:" + i.id
                         : i.kind == Intent::Kind::OpenList   ? "quick:" + i.id
                         : i.id.empty()                       ? std::string("home:search")
                                                              : "popular:" + i.id;
        addTarget(s, name, r);
    }
}

// Typing on a physical keyboard at home starts a search with it.
void takeTypedKeys(AppState& s) {
    std::string typed;
    for (const auto& k : s.keys) applyKey(typed, k);
    s.keys.clear();
    if (!typed.empty()) s.post(Intent::make(Intent::Kind::OpenSearch, typed));
}

}  // namespace

std::string homeTitle(const AppState& s) { return s.text("home.title"); }

void drawHomeScreen(AppState& s, const Rect& content) {
    if (!s.home.loaded) {
        drawMessage(s, content, s.text("loading"), s.theme.textSecondary);
        return;
    }
    takeTypedKeys(s);
    std::string key = std::to_string(int(content.w)) + "x" + std::to_string(int(content.h)) + "/" +
                      std::to_string(s.home.domains.size()) + "/" + std::to_string(s.elderMode);
    for (const auto& p : s.popularSearches) key += "/" + p;
    if (s.homeUi.builtFor != key) {
        s.homeUi.page = buildHome(s, content);
        s.homeUi.builtFor = key;
    }
    drawScrollingPage(s, s.homeUi, content);
    nameTargets(s, content);
}

}  // namespace gongkai::ui
