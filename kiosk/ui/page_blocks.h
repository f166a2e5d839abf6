// Building blocks for the content pages (domain, lists, service guide,
// consultation, agency, reader): a centred reading column, section
// headings, label/value rows, numbered and bulleted lists, tappable cards
// for documents and other records, body blocks, and the breadcrumb trail.
// Each adds to a PageBuilder at (column, y) and returns the height it used.
// UI thread only (they read the fonts through the builder).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/store.h"
#include "ui/app_state.h"
#include "ui/page.h"

namespace gongkai::ui {

struct Column {
    float x = 0, w = 0;
};

// A reading column: the area's width up to `maxWidth`, centred (24 px are
// kept free on the right for the scroll bar).
Column readingColumn(const Rect& area, float maxWidth = 1400);

std::string joinList(const AppState& s, const std::vector<std::string>& v);

float buildSectionHeading(AppState& s, PageBuilder& b, const std::string& text, const Column& c, float y);
// Label / value rows in a white card; values wrap; an empty value shows "—".
// Narrow columns put each label above its value.
float buildFacts(AppState& s, PageBuilder& b, const std::vector<std::pair<std::string, std::string>>& rows,
                 const Column& c, float y);
// Items numbered 1. 2. 3. (`numbered`) or bulleted, each wrapped.
float buildItems(AppState& s, PageBuilder& b, const std::vector<std::string>& items, bool numbered,
                 const Column& c, float y);
// A tappable card: a bold title in the link colour and a secondary line.
// `badge` (e.g. 失效) is drawn on the warning colour at the right.
float buildCard(AppState& s, PageBuilder& b, const std::string& title, const std::string& meta,
                const std::string& badge, Intent intent, const Column& c, float y);
float buildDocumentCard(AppState& s, PageBuilder& b, const DocumentSummary& d, const Column& c, float y);
// Headings, paragraphs (first-line indent), tables and image captions.
float buildBodyBlock(AppState& s, PageBuilder& b, const Block& blk, const Column& c, float y);
// "Apply for this information": a full-width button in the accent colour,
// shown only when this kiosk makes request slips (AppState::requestsAvailable).
float buildApplyButton(AppState& s, PageBuilder& b, const std::string& label, Intent intent, const Column& c, float y);
// The same button for any action (e.g. print the checklist), always shown.
float buildActionButton(AppState& s, PageBuilder& b, const std::string& label, Intent intent, const Column& c, float y);
// What became of the last print of `subject` ("slip:ID", "guide:ID"):
// printing, printed (or sent, spooling), or the problem in plain words
// followed by the text `keptKey` (what the resident can do instead), in the
// warning colour. Empty text: nothing was asked.
struct PrintNews {
    std::string text;
    Color color = 0;
};
PrintNews printNews(const AppState& s, const std::string& subject, const char* keptKey);
// Plain wrapped text in the secondary colour (empty-list notes and the like).
float buildNote(AppState& s, PageBuilder& b, const std::string& text, const Column& c, float y);

// The title bar's trail: 首页 › the domain or list this page was opened
// from › `current`.
std::string breadcrumb(const AppState& s, const std::string& current);
// The quick entry's name for a list id (quick.<id>).
std::string listName(const AppState& s, const std::string& id);

// Draws a content page built by `build` (rebuilt when `key` or the width
// changes), scrolled by dragging; taps on its cards post their intents.
// Visible cards are named for the script's dump: "doc:ID", "record:TYPE:ID",
// "jump:N" (in-page jump buttons).
template <class Build>
void drawBuiltPage(AppState& s, PageScreenState& ui, const Rect& content, const std::string& key, Build build);
void nameHotspots(AppState& s, const PageScreenState& ui, const Rect& content);

}  // namespace gongkai::ui

#include "ui/chrome.h"

namespace gongkai::ui {

template <class Build>
void drawBuiltPage(AppState& s, PageScreenState& ui, const Rect& content, const std::string& key, Build build) {
    std::string full = key + "/" + std::to_string(int(content.w)) + "/" + std::to_string(int(s.fonts->size(FontRole::Body)));
    if (ui.builtFor != full) {
        float keep = ui.scroll.offset;
        ui.page = build(s, content);
        ui.builtFor = full;
        ui.scroll.offset = keep;  // clamped by drawScrollingPage
    }
    drawScrollingPage(s, ui, content);
    nameHotspots(s, ui, content);
}

}  // namespace gongkai::ui
