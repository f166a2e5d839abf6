// Everything the screens read and write, kept outside the drawing code
// (STYLE.md rule 1). Screens are plain functions over an AppState: they read
// the data snapshots below, keep their own scroll/layout state in their
// per-screen struct, and record Intents; the app loop (app.cpp) carries the
// intents out between frames and fills the snapshots from the DataWorker.
// UI thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/search.h"
#include "core/store.h"
#include "ui/assets.h"
#include "ui/fonts.h"
#include "ui/gesture.h"
#include "ui/idle.h"
#include "ui/input_method_state.h"
#include "ui/intent.h"
#include "ui/metrics.h"
#include "ui/page.h"
#include "ui/pages_state.h"
#include "ui/desk.h"
#include "ui/print_state.h"
#include "ui/request_state.h"
#include "ui/setup_state.h"
#include "ui/staff.h"
#include "ui/sync_status.h"

namespace gongkai::ui {

enum class ScreenId {
    Home, Domain, Document, OutOfService,
    Search,  // screen_search.cpp
    List,    // Route::id says which: latest, interpretations, guides, consultations,
             // agencies, annual_reports, disclosure_guide, apply (Intent::OpenList)
    Guide, Consultation, Agency,  // one record's page (Route::id is its id)
    Request,  // 申请政府信息公开 (screen_request.cpp; the request itself is AppState::request)
    Desk,     // the staff desk's scanned slips (--desk; screen_desk.cpp, desk.h)
    Setup,    // first boot: no staff PIN yet (screen_setup.cpp, setup_state.h)
};

struct Route {
    ScreenId screen = ScreenId::Home;
    std::string id;  // the domain or document shown
};

// Drag-to-scroll with a little inertia.
struct ScrollState {
    float offset = 0, velocity = 0, maxOffset = 0;
    bool moving() const { return velocity != 0; }
};

struct HomeData {
    bool loaded = false;
    DataInfo info;
    std::vector<DomainSummary> domains;
};

struct DomainData {
    std::string id;
    bool loaded = false;
    std::string error;
    std::vector<CatalogItem> items;
    std::vector<DocumentSummary> documents;
};

struct DocumentData {
    std::string id;
    bool loaded = false;
    std::string error;
    Document document;
};

// Per-screen UI state: the laid-out page and its scroll position.
struct PageScreenState {
    Page page;
    ScrollState scroll;
    std::string builtFor;  // which data the page was built from
};

// A tap target a screen drew this frame, by a stable name ("key:a",
// "hit:ID", "chip:type:document", "home:search"): the --script `dump`
// command writes them, so tests tap what is on screen without guessing.
struct NamedTarget {
    std::string name;
    Rect rect;
};

// The search screen (screen_search.cpp). Everything typed lives here, so an
// idle reset clears it with clearTypedText() (screens.h).
struct SearchState {
    std::string text;                    // what was typed (UTF-8)
    std::string type, domain, year;      // chosen filter chips ("": any)
    bool newest = false;                 // sort: newest first, else relevance
    int limit = 40;                      // hits asked for (grows as the list is scrolled)
    bool keyboardUp = true;
    double editedAt = -1;                // when the query last changed (debounce)
    std::optional<SearchQuery> pending;  // the app loop sends it to the worker
    std::uint64_t generation = 0;        // of the last query handed out
    std::string sentKey, shownKey;       // query keys: last sent, shown in `result`
    bool loading = false;
    SearchResult result;
    ScrollState scroll;
};

struct AppState {
    // Set up once.
    Strings strings;
    Theme theme;
    FontSet* fonts = nullptr;

    // Per frame.
    float width = 1920, height = 1080;
    double now = 0, frameSeconds = 0;
    FrameGestures input;
    std::vector<Intent> intents;
    bool animating = false;  // something moves: render the next frame soon

    // Navigation: the last route is on screen.
    std::vector<Route> routes{Route{}};

    // Data snapshots, filled by the app loop from the worker.
    HomeData home;
    DomainData domain;
    DocumentData document;
    bool outOfService = false;
    std::string outOfServiceReason;  // in the kiosk's language
    std::string outOfServiceDetail;  // the technical message, for staff

    PageScreenState homeUi, domainUi, documentUi;

    // Search, keyboard and home (the search helper's part).
    SearchState search;
    std::vector<platform::KeyEvent> keys;      // this frame's typed keys (physical or scripted)
    std::vector<std::string> popularSearches;  // configured list merged with local counts
    std::vector<NamedTarget> targets;          // cleared by the app loop before each frame
    bool elderMode = false;                    // 长辈模式: larger text and targets
    InputMethodState ime;                      // the keyboard's mode and pending pinyin (keyboard_band.h)

    // System behaviours (the system helper's part): sizes, idle, freshness, staff.
    Metrics metrics;                      // the current mode's sizes (metrics.h); theme holds them too
    IdleState idle;                       // idle.h: countdown overlay and attract screen
    std::vector<DocumentSummary> latest;  // the attract screen's notices
    Freshness freshness;                  // the header's warning (sync_status.h)
    std::string lastGoodData;             // when the last good data was from ("" unknown)
    StaffState staff;                     // staff.h: PIN pad and status page

    // Content pages (the pages helper): lists, guide, consultation, agency,
    // the reader's layout and find bar, pictures (pages_state.h).
    PagesState pages;
    PageScreenState listUi, guideUi, consultationUi, agencyUi;

    // Disclosure requests (app_request.h): the one being made, and whether
    // this kiosk can make slips at all (a key and an outbox are configured).
    RequestState request;
    PageScreenState requestUi;
    bool requestsAvailable = false;

    // First boot (app_setup.h): no staff PIN yet, and what to register.
    SetupState setup;

    // The thermal printer (app_print.h): there is one, and the last print.
    PrintState print;

    // The staff desk mode (--desk): scanned slips (desk.h).
    DeskState desk;
    PageScreenState deskUi, setupUi;

    const Route& route() const { return routes.back(); }
    void post(Intent intent) { intents.push_back(std::move(intent)); }
    const std::string& text(const std::string& key) const { return strings.get(key); }
};

}  // namespace gongkai::ui
