// Everything the screens read and write, kept outside the drawing code
// (STYLE.md rule 1). Screens are plain functions over an AppState: they read
// the data snapshots below, keep their own scroll/layout state in their
// per-screen struct, and record Intents; the app loop (app.cpp) carries the
// intents out between frames and fills the snapshots from the DataWorker.
// UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/store.h"
#include "ui/assets.h"
#include "ui/fonts.h"
#include "ui/gesture.h"
#include "ui/intent.h"
#include "ui/page.h"

namespace gongkai::ui {

enum class ScreenId { Home, Domain, Document, OutOfService };

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

    const Route& route() const { return routes.back(); }
    void post(Intent intent) { intents.push_back(std::move(intent)); }
    const std::string& text(const std::string& key) const { return strings.get(key); }
};

}  // namespace gongkai::ui
