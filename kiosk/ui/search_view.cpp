// Sections: [helpers] drawing primitives
//           [list]    the virtualized hit list and one hit row
//           [dump]    the script's state dump
#include "ui/search_view.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/glyphs.h"
#include "ui/chrome.h"
#include "ui/keyboard.h"
#include "ui/screens.h"
#include "ui/text_layout.h"

namespace gongkai::ui {
namespace {

ImDrawList* dl() { return ImGui::GetBackgroundDrawList(); }

constexpr int kMoreHits = 60;  // asked for each time the list nears its end

}  // namespace

// [helpers] ------------------------------------------------------------------

void fillRect(const Rect& r, Color c, float rounding) {
    dl()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), c, rounding);
}

void strokeRect(const Rect& r, Color c, float rounding, float thickness) {
    dl()->AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), c, rounding, 0, thickness);
}

float textWidth(const AppState& s, FontRole role, std::string_view text) {
    return measureText(text, [&](char32_t c) { return s.fonts->advance(role, c); });
}

void centeredText(AppState& s, const Rect& r, FontRole role, Color c, const std::string& text, bool bold) {
    std::string shown = elide(*s.fonts, role, text, r.w - 8);
    float w = textWidth(s, role, shown);
    float y = r.y + (r.h - s.fonts->size(role)) * 0.5f - 2;
    drawText(dl(), *s.fonts, role, c, r.x + (r.w - w) * 0.5f, y, shown, bold);
}

bool tappedIn(const AppState& s, const Rect& r) { return s.input.tap && r.contains(*s.input.tap); }
bool pressedIn(const AppState& s, const Rect& r) { return s.input.press && r.contains(*s.input.press); }
void addTarget(AppState& s, std::string name, const Rect& r) { s.targets.push_back({std::move(name), r}); }

float minKeySize(const AppState& s) {
    return s.elderMode ? std::max(80.0f, s.theme.minTarget * 1.25f) : std::max(60.0f, s.theme.minTarget);
}

// [list] ---------------------------------------------------------------------

namespace {

constexpr float kRowPad = 12;

// The snippet on one line, highlighted runs on the highlight colour; cut
// with "…" at the right edge.
void drawSnippet(AppState& s, const SearchHit& h, float x, float y, float right) {
    const Theme& t = s.theme;
    std::vector<char32_t> cps;
    forEachCodepoint(h.snippet, [&](char32_t c) { cps.push_back(c == U'\n' || c == U'\t' ? U' ' : c); });
    std::vector<bool> marked(cps.size(), false);
    for (auto [start, len] : h.highlights)
        for (int i = std::max(0, start); i < start + len && i < int(cps.size()); ++i) marked[std::size_t(i)] = true;
    const FontSet& f = *s.fonts;
    float ellipsis = f.advance(FontRole::Body, U'…'), lh = f.lineHeight(FontRole::Body);
    float glyphY = y + (lh - f.size(FontRole::Body)) * 0.5f;
    for (std::size_t i = 0; i < cps.size();) {
        std::size_t j = i;
        std::string run;
        float w = 0;
        while (j < cps.size() && marked[j] == marked[i]) {
            float a = f.advance(FontRole::Body, cps[j]);
            if (x + w + a > right - ellipsis) break;
            appendUtf8(run, cps[j]);
            w += a;
            ++j;
        }
        if (marked[i] && w > 0) fillRect({x - 1, y + 4, w + 2, lh - 8}, t.bannerBg, 4);
        drawText(dl(), f, FontRole::Body, t.text, x, glyphY, run, marked[i]);
        x += w;
        if (j < cps.size() && marked[j] == marked[i]) {  // out of room
            drawText(dl(), f, FontRole::Body, t.textSecondary, x, glyphY, "…");
            return;
        }
        i = j;
    }
}

// Drawn over a backdrop of the row's own colour (drawHitList), so only a
// pressed row is filled: the fill would cover most of the list's pixels a
// second time, and a new list of results is redrawn whole.
void drawHitRow(AppState& s, const SearchHit& h, const Rect& r, bool pressed) {
    const Theme& t = s.theme;
    const FontSet& f = *s.fonts;
    if (pressed) fillRect(r, t.pressedBg, 10);
    strokeRect(r, t.tileBorder, 10, 2);
    float x = r.x + 18, y = r.y + kRowPad, right = r.right() - 18;
    float lb = f.lineHeight(FontRole::Body), ls = f.lineHeight(FontRole::Small);
    std::string label = s.text("type." + h.type);
    float bw = textWidth(s, FontRole::Small, label) + 20;
    Rect badge{x, y + (lb - ls) * 0.5f + 2, bw, ls - 4};
    fillRect(badge, t.sectionBg, 6);
    centeredText(s, badge, FontRole::Small, t.text, label);
    std::string oneLine = h.title;  // a catalogue entry's title is "一级事项\n二级事项"
    for (std::size_t nl; (nl = oneLine.find('\n')) != std::string::npos;)
        oneLine.replace(nl, 1, s.text("nav.separator"));
    std::string title = elide(f, FontRole::Body, oneLine, right - badge.right() - 12);
    drawText(dl(), f, FontRole::Body, t.link, badge.right() + 12, y + (lb - f.size(FontRole::Body)) * 0.5f, title, true);
    y += lb;
    std::string meta = h.docNo;
    if (!h.publishedOn.empty()) meta += (meta.empty() ? "" : s.text("meta.separator")) + h.publishedOn;
    if (meta.empty()) {  // (catalogue entries, agencies) the snippet moves up
        drawSnippet(s, h, x, y, right);
        return;
    }
    drawText(dl(), f, FontRole::Small, t.textSecondary, x, y + (ls - f.size(FontRole::Small)) * 0.5f,
             elide(f, FontRole::Small, meta, right - x));
    drawSnippet(s, h, x, y + ls, right);
}

void openHit(AppState& s, const SearchHit& h) {
    s.post(Intent::make(Intent::Kind::CountSearch, s.search.text));
    Intent open = Intent::make(Intent::Kind::OpenRecord, h.id);
    open.recordType = h.type;
    s.post(open);
}

// Near the end of what was fetched and more exist: ask for more.
void growIfNeeded(AppState& s, float visibleBottom, float step) {
    SearchState& q = s.search;
    auto have = q.result.hits.size();
    bool more = q.result.total > have && int(have) >= q.limit && q.limit < kSearchWindow;
    if (more && !q.loading && visibleBottom > float(have) * step - 5 * step) {
        q.limit = std::min(kSearchWindow, q.limit + kMoreHits);
        q.editedAt = -1;
    }
}

}  // namespace

float hitRowHeight(const AppState& s) {
    return 2 * kRowPad + 2 * s.fonts->lineHeight(FontRole::Body) + s.fonts->lineHeight(FontRole::Small);
}

void drawHitList(AppState& s, const Rect& area) {
    SearchState& q = s.search;
    const auto& hits = q.result.hits;
    float barW = s.theme.margin * 0.5f + 8, step = hitRowHeight(s) + s.theme.gap * 0.5f;
    Rect list{area.x, area.y, area.w - barW, area.h};
    q.scroll.maxOffset = std::max(0.0f, float(hits.size()) * step - s.theme.gap * 0.5f - list.h);
    applyScrollInput(s, q.scroll, list);
    float off = beginScrollRegion(q.scroll, list, s.theme.tileBg);  // the rows' colour: see drawHitRow
    const Point* tap = s.input.tap && list.contains(*s.input.tap) ? &*s.input.tap : nullptr;
    const Point* press = s.input.press && list.contains(*s.input.press) ? &*s.input.press : nullptr;
    auto first = std::size_t(std::max(0.0f, off / step));
    auto last = std::min(hits.size(), std::size_t((off + list.h) / step) + 1);
    for (std::size_t i = first; i < last; ++i) {  // only the visible rows
        Rect r{list.x, list.y + float(i) * step - off, list.w, hitRowHeight(s)};
        drawHitRow(s, hits[i], r, press && r.contains(*press));
        float top = std::max(r.y, list.y), bottom = std::min(r.bottom(), list.bottom());
        addTarget(s, "hit:" + hits[i].id, {r.x, top, r.w, bottom - top});  // the part that can be tapped
        if (tap && r.contains(*tap)) openHit(s, hits[i]);
    }
    endScrollRegion();
    drawScrollBar(s, q.scroll, list, float(hits.size()) * step);
    growIfNeeded(s, off + list.h, step);
}

// [dump] ---------------------------------------------------------------------

namespace {

const char* screenName(ScreenId id) {
    switch (id) {
    case ScreenId::Home: return "home";
    case ScreenId::Domain: return "domain";
    case ScreenId::Document: return "document";
    case ScreenId::OutOfService: return "out_of_service";
    case ScreenId::Search: return "search";
    case ScreenId::List: return "list";
    case ScreenId::Guide: return "guide";
    case ScreenId::Consultation: return "consultation";
    case ScreenId::Agency: return "agency";
    case ScreenId::Request: return "request";
    case ScreenId::Desk: return "desk";
    case ScreenId::Setup: return "setup";
    }
    return "other";
}

// The keyboard's input method as the resident sees it: the mode, the
// pending pinyin and the bar's candidates, the pad's strokes and its
// candidates (so tests can see that the idle reset empties them).
nlohmann::json imeDump(const InputMethodState& ime) {
    nlohmann::json candidates = nlohmann::json::array(), written = nlohmann::json::array();
    for (const auto& c : ime.candidates) candidates.push_back(c.text);
    for (const auto& c : ime.pad.candidates) written.push_back(c.text);
    const char* mode = ime.mode == KeyboardMode::Pinyin         ? "pinyin"
                       : ime.mode == KeyboardMode::Handwriting ? "handwriting"
                                                               : "letters";
    return {{"mode", mode}, {"pinyin", ime.pinyin}, {"candidates", candidates},
            {"strokes", ime.pad.strokes.size() + (ime.pad.drawing ? 1 : 0)}, {"pad_candidates", written}};
}

}  // namespace

std::string stateDumpJson(const AppState& s) {
    using nlohmann::json;
    const SearchState& q = s.search;
    json hits = json::array(), targets = json::array();
    for (const auto& h : q.result.hits) hits.push_back({{"id", h.id}, {"type", h.type}, {"title", h.title}});
    for (const auto& t : s.targets)
        targets.push_back({{"name", t.name}, {"x", t.rect.x}, {"y", t.rect.y}, {"w", t.rect.w}, {"h", t.rect.h}});
    json j = {
        {"route", s.outOfService ? "out_of_service" : screenName(s.route().screen)},
        {"route_id", s.route().id},
        {"depth", s.routes.size()},
        {"search",
         {{"text", q.text}, {"type", q.type}, {"domain", q.domain}, {"year", q.year}, {"newest", q.newest},
          {"keyboard", q.keyboardUp}, {"loading", q.loading}, {"total", q.result.total}, {"hits", hits},
          {"scroll", q.scroll.offset}, {"facets", q.result.facets}}},
        {"ime", imeDump(s.ime)},
        {"popular", s.popularSearches},
        {"elder_mode", s.elderMode},
        {"targets", targets},
    };
    return j.dump(1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gongkai::ui
