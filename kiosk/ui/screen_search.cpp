// Search: a text field drawn by us (no ImGui InputText, so no hidden copy of
// what was typed), the on-screen keyboard, filter chips with counts, a
// newest/relevance toggle and the virtualized result list (search_list.cpp).
//
// Sections: [query]    typed keys, debounce, the query handed to the app loop
//           [layout]   field / results / keyboard for portrait and landscape
//           [field]    the text field
//           (the keyboard itself: keyboard_band.h)
//           [chips]    type / domain / year filters and the sort toggle
//           [screen]   drawSearchScreen, searchTitle, clearTypedText
#include <algorithm>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/keyboard.h"
#include "ui/keyboard_band.h"
#include "ui/screens.h"
#include "ui/search_view.h"
#include "ui/text_layout.h"

namespace gongkai::ui {
namespace {

constexpr double kDebounceSeconds = 0.15;
constexpr int kFirstLimit = 40;
constexpr float kKeyGap = kKeyboardGap;

// [query] -------------------------------------------------------------------

// Search starts from the second letter; one Chinese character is enough.
bool searchable(const std::string& text) {
    bool nonAscii = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    return nonAscii || characterCount(text) >= 2;
}

SearchQuery buildQuery(const SearchState& q) {
    SearchQuery out;
    out.text = q.text;
    out.limit = q.limit;
    out.type = q.type;
    out.domain = q.domain;
    if (!q.year.empty()) out.fromYear = out.toYear = std::atoi(q.year.c_str());
    out.sort = q.newest ? SearchSort::Newest : SearchSort::Relevance;
    return out;
}

std::string queryKey(const SearchState& q) {
    return q.text + '\x1f' + q.type + '\x1f' + q.domain + '\x1f' + q.year + '\x1f' + (q.newest ? "n" : "r") + '\x1f' +
           std::to_string(q.limit);
}

void edited(AppState& s, bool debounce) {
    SearchState& q = s.search;
    q.editedAt = debounce ? s.now : -1;
    q.limit = kFirstLimit;
    q.scroll = {};
}

void takeTypedKeys(AppState& s) {
    if (s.search.keyboardUp) takeImeKeys(s);  // in pinyin mode, letters compose
    for (const auto& k : s.keys) {
        if (k.type == platform::KeyEvent::Type::Enter) {
            s.search.keyboardUp = false;
            continue;
        }
        if (applyKey(s.search.text, k)) edited(s, true);  // (a physical keyboard leaves the keys as they are)
    }
    s.keys.clear();
}

// Hands the query to the app loop once typing pauses for kDebounceSeconds.
void scheduleQuery(AppState& s) {
    SearchState& q = s.search;
    if (!searchable(q.text)) {
        q.sentKey.clear();
        q.shownKey.clear();
        q.result = {};
        q.loading = false;
        return;
    }
    std::string key = queryKey(q);
    if (key == q.sentKey) return;
    if (q.editedAt >= 0 && s.now - q.editedAt < kDebounceSeconds) {
        s.animating = true;  // come back when the pause is long enough
        return;
    }
    q.pending = buildQuery(q);
    q.generation += 1;
    q.sentKey = key;
    q.loading = true;
}

// [layout] ------------------------------------------------------------------

struct SearchLayout {
    Rect field, results, keyboard;
};

SearchLayout layoutSearch(const AppState& s, const Rect& c) {
    const float gap = s.theme.gap, mk = minKeySize(s);
    SearchLayout l;
    float fieldH = c.h < 500 ? mk : mk * 1.25f;
    l.field = {c.x, c.y, c.w, fieldH};
    float top = c.y + fieldH + gap, h = c.bottom() - top;
    l.results = {c.x, top, c.w, h};
    if (!s.search.keyboardUp) return l;
    float minW = keyboardMinWidth(mk, kKeyGap), minH = keyboardBandMinHeight(s, mk);
    if (c.w > c.h && c.w - minW - gap >= 400) {  // landscape: field and results left, keys right
        float kw = std::clamp(c.w * 0.55f, minW, keyboardMinWidth(mk * 1.3f, kKeyGap));
        l.keyboard = {c.right() - kw, c.y, kw, c.h};
        l.field.w = c.w - kw - gap;
        l.results = {c.x, top, l.field.w, h};
    } else {  // portrait: keys at the bottom, where the hands are
        float kh = std::min(h, std::max(minH, std::min(h * 0.5f, keyboardBandMinHeight(s, mk * 1.3f))));
        l.keyboard = {c.x, c.bottom() - kh, c.w, kh};
        l.results = {c.x, top, c.w, std::max(0.0f, l.keyboard.y - gap - top)};
    }
    return l;
}

// [field] -------------------------------------------------------------------

void drawField(AppState& s, const Rect& r) {
    const Theme& t = s.theme;
    bool empty = s.search.text.empty();
    fillRect(r, t.tileBg, 12);
    strokeRect(r, t.tileAccent, 12, 3);
    FontRole role = FontRole::Title;
    float pad = 24, y = r.y + (r.h - s.fonts->size(role)) * 0.5f - 2;
    std::string shown = empty ? s.text("search.placeholder") : s.search.text;
    float maxW = r.w - 2 * pad - 8;
    float w = textWidth(s, role, shown);
    if (empty) {
        shown = elide(*s.fonts, FontRole::Body, shown, maxW);
        float by = r.y + (r.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
        drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, t.textSecondary, r.x + pad + 10, by, shown);
        w = 0;
    } else if (w > maxW) {  // keep the end in view: that is where typing happens
        while (!shown.empty() && textWidth(s, role, shown) > maxW - textWidth(s, role, "…")) {
            std::size_t cut = 1;
            while (cut < shown.size() && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) ++cut;
            shown.erase(0, cut);
        }
        shown = "…" + shown;
        w = textWidth(s, role, shown);
    }
    if (!empty) drawText(ImGui::GetBackgroundDrawList(), *s.fonts, role, t.text, r.x + pad, y, shown);
    float cx = r.x + pad + w + (empty ? 2 : 4);
    fillRect({cx, r.y + r.h * 0.2f, 3, r.h * 0.6f}, t.text);  // the caret (steady: idle is free)
    addTarget(s, "search:field", r);
    if (tappedIn(s, r)) s.search.keyboardUp = true;
}

// [chips] --------------------------------------------------------------------

struct Chip {
    std::string label, value;
    bool selected = false;
};

// One row of chips: "all" first, then the facet values that fit. Returns
// the value tapped ("" for all), or nullopt.
std::optional<std::string> drawChipRow(AppState& s, const Rect& row, const std::string& group,
                                       const std::vector<Chip>& chips) {
    const Theme& t = s.theme;
    float x = row.x, pad = 20;
    std::optional<std::string> picked;
    for (const Chip& c : chips) {
        float w = textWidth(s, FontRole::Body, c.label) + 2 * pad;
        if (x + w > row.right()) break;
        Rect r{x, row.y, w, row.h};
        fillRect(r, c.selected ? t.headerBg : pressedIn(s, r) ? t.pressedBg : t.buttonBg, row.h * 0.5f);
        strokeRect(r, c.selected ? t.headerBg : t.tableBorder, row.h * 0.5f, 2);
        centeredText(s, r, FontRole::Body, c.selected ? t.headerText : t.buttonText, c.label, c.selected);
        addTarget(s, "chip:" + group + ":" + c.value, r);
        if (tappedIn(s, r)) picked = c.selected ? std::string() : c.value;
        x += w + 12;
    }
    return picked;
}

std::vector<Chip> facetChips(const AppState& s, const std::string& group, const std::string& selected) {
    std::vector<Chip> out{{s.text("search.all_" + group), "", selected.empty()}};
    auto facet = s.search.result.facets.find(group);
    if (facet == s.search.result.facets.end()) return out;
    std::vector<std::pair<std::string, std::uint64_t>> v(facet->second.begin(), facet->second.end());
    if (group == "year") std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.first > b.first; });
    else std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (const auto& [value, n] : v) {
        if (!selected.empty() && value != selected) continue;  // "all" first to pick another
        std::string name = group == "type" ? s.text("type." + value) : group == "domain" ? domainName(s, value) : value;
        out.push_back({name + " " + std::to_string(n), value, value == selected});
    }
    return out;
}

// Picks a chip of `group` in `row`; a tap changes the filter and searches.
void chipRow(AppState& s, const Rect& row, int group) {
    static const char* groups[] = {"type", "domain", "year"};
    SearchState& q = s.search;
    std::string* values[] = {&q.type, &q.domain, &q.year};
    if (auto v = drawChipRow(s, row, groups[group], facetChips(s, groups[group], *values[group]))) {
        *values[group] = *v;
        edited(s, false);
    }
}

// The sort toggle at the right end of `row`; returns its left edge.
float drawSortToggle(AppState& s, const Rect& row) {
    const Theme& t = s.theme;
    SearchState& q = s.search;
    float bw = std::max(textWidth(s, FontRole::Body, s.text("search.sort_relevance")),
                        textWidth(s, FontRole::Body, s.text("search.sort_newest"))) + 40;
    Rect newest{row.right() - bw, row.y, bw, row.h}, relevance{newest.x - bw, row.y, bw, row.h};
    for (auto [r, isNewest] : {std::pair{relevance, false}, std::pair{newest, true}}) {
        bool on = q.newest == isNewest;
        fillRect(r, on ? t.headerBg : pressedIn(s, r) ? t.pressedBg : t.buttonBg, 10);
        strokeRect(r, on ? t.headerBg : t.tableBorder, 10, 2);
        std::string label = s.text(isNewest ? "search.sort_newest" : "search.sort_relevance");
        centeredText(s, r, FontRole::Body, on ? t.headerText : t.buttonText, label, on);
        addTarget(s, isNewest ? "sort:newest" : "sort:relevance", r);
        if (tappedIn(s, r) && !on) q.newest = isNewest, edited(s, false);
    }
    return relevance.x;
}

// First row: "N found", the type chips, the sort toggle. Then the domain
// and year chip rows while the list keeps room for two hits.
// Returns the height used.
float drawFilters(AppState& s, const Rect& area) {
    const Theme& t = s.theme;
    SearchState& q = s.search;
    float rowH = minKeySize(s), gap = t.gap * 0.75f;
    Rect row{area.x, area.y, area.w, rowH};
    std::string total = std::to_string(q.result.total) + (q.result.total >= std::uint64_t(kSearchWindow) ? "+" : "");
    std::string summary = q.loading && q.shownKey.empty() ? s.text("search.searching")
                                                          : s.strings.format("search.total", {total});
    float ty = row.y + (row.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
    drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, t.text, row.x, ty, summary, true);
    float chipsX = row.x + textWidth(s, FontRole::Body, summary) + 24, toggleX = drawSortToggle(s, row);
    chipRow(s, {chipsX, row.y, toggleX - 16 - chipsX, rowH}, 0);
    float used = rowH + gap;
    for (int group = 1; group < 3; ++group) {
        if (area.h - used - rowH - gap < 2 * hitRowHeight(s)) break;
        chipRow(s, {area.x, area.y + used, area.w, rowH}, group);
        used += rowH + gap;
    }
    return used;
}

void drawResults(AppState& s, const Rect& area) {
    SearchState& q = s.search;
    if (area.h <= 0) return;
    if (!searchable(q.text)) {
        drawMessage(s, area, s.text("search.start_hint"), s.theme.textSecondary);
        return;
    }
    if (!q.shownKey.empty() && q.result.total == 0 && q.type.empty() && q.domain.empty() && q.year.empty()) {
        float used = drawFilters(s, area);
        drawMessage(s, {area.x, area.y + used, area.w, area.h - used},
                    s.strings.format("search.no_results", {q.text}), s.theme.text);
        return;
    }
    float y = area.y + drawFilters(s, area);
    drawHitList(s, {area.x, y, area.w, area.bottom() - y});
}

}  // namespace

// [screen] -------------------------------------------------------------------

std::string searchTitle(const AppState& s) {
    return s.search.text.empty() ? s.text("search.title") : s.strings.format("search.title_with", {s.search.text});
}

void drawSearchScreen(AppState& s, const Rect& content) {
    takeTypedKeys(s);
    SearchLayout l = layoutSearch(s, content);
    drawField(s, l.field);
    drawResults(s, l.results);
    if (s.search.keyboardUp && drawKeyboardBand(s, l.keyboard, true)) s.search.keyboardUp = false;
    takeTypedKeys(s);  // the on-screen keys tapped this frame
    scheduleQuery(s);
}

void clearTypedText(AppState& s) {
    s.search = SearchState{};
    s.keys.clear();
}

}  // namespace gongkai::ui
