// The search screen, the on-screen keyboard and home's search entries, in the
// real kiosk under Xvfb on the demo county's mirror. The kiosk's `dump`
// script command writes the settled state (route, search text, hits, and
// every named tap target with its rectangle), so the tests tap what is on
// screen and check what happened; pixels check the highlight and the layout.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/state_dump.h"
#include "ui/xvfb_session.h"

using namespace gongkai::test;
using nlohmann::json;

namespace {

using Dump = StateDump;

Dump run(const TempDir& dir, int w, int h, const std::string& script, const std::string& name = "state") {
    return runAndDump(dir, w, h, script, "", name);
}

// Presses keys (X keysyms) on the kiosk's window through the X server, as a
// USB keyboard would, once the window titled `title` exists (waiting up to
// `timeoutSeconds`); returns what went wrong, empty on success. Defined at the
// end of the file (its X11 headers define macros that must not meet Catch's).
std::string pressKeysOnWindow(const std::string& title, const std::vector<unsigned long>& keysyms,
                              double timeoutSeconds);

void keep(const std::string& png) { keepScreenshot(png); }

bool contains(const json& hit, const std::string& text) {
    return hit.at("title").get<std::string>().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("search: pinyin tapped on the on-screen keyboard finds titles with those characters", "[ui][search]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    Dump home = run(dir, 1080, 1920, "");
    CHECK(home.j.at("route") == "home");
    std::string openSearch = home.tap("home:search");
    Dump open = run(dir, 1080, 1920, openSearch);
    CHECK(open.j.at("route") == "search");
    CHECK(open.search().at("keyboard") == true);
    std::string keys;
    for (const char* k : {"d", "i", "b", "a", "o"}) keys += open.tap(std::string("key:") + k);
    Dump typed = run(dir, 1080, 1920, openSearch + keys + "screenshot " + dir.file("search.png") + "\n");
    CHECK(typed.search().at("text") == "dibao");
    const json& hits = typed.search().at("hits");
    REQUIRE(hits.size() >= 3);
    CHECK(typed.search().at("total").get<int>() >= int(hits.size()));
    for (std::size_t i = 0; i < 3; ++i) {
        INFO(hits[i].dump());
        CHECK(contains(hits[i], "低保"));
    }
    CHECK(!typed.names("hit:").empty());
    // The snippets' highlights are drawn in the highlight colour (the
    // banner's yellow) inside the results, and the keys are still up.
    Picture p = Picture::load(dir.file("search.png"));
    REQUIRE(p.width() == 1080);
    CHECK(p.fraction({0, t.contentTop(), 1080, 1920 - t.navHeight}, t.bannerBg, 10) > 0.0005);
    CHECK(typed.names("key:").size() >= 45);
}

TEST_CASE("search: backspace and clear edit the typed text, hide puts the keys away", "[ui][search]") {
    TempDir dir;
    std::string openSearch = run(dir, 1920, 1080, "").tap("home:search");
    Dump open = run(dir, 1920, 1080, openSearch);
    std::string taps = open.tap("key:h") + open.tap("key:j") + open.tap("key:x") + open.tap("key:backspace");
    Dump edited = run(dir, 1920, 1080, openSearch + taps + "dump " + dir.file("mid.json") + "\n" +
                                           open.tap("key:clear") + open.tap("key:hide"));
    json mid = json::parse(readFile(dir.file("mid.json")));
    CHECK(mid.at("search").at("text") == "hj");
    CHECK(mid.at("search").at("total").get<int>() > 0);
    CHECK(edited.search().at("text") == "");
    CHECK(edited.search().at("keyboard") == false);
    CHECK(edited.names("key:").empty());
}

TEST_CASE("search: a filter chip narrows the results to its count", "[ui][search]") {
    TempDir dir;
    std::string start = "type dibao\n";  // typed at home: the search opens with its results
    Dump all = run(dir, 1920, 1080, start + "screenshot " + dir.file("search-filters.png") + "\n");
    keep(dir.file("search-filters.png"));
    CHECK(all.search().at("keyboard") == false);
    int total = all.search().at("total");
    REQUIRE(total > 1);
    // The year chips: pick the first whose count is below the total.
    std::string chip;
    int count = 0;
    for (const auto& [year, n] : all.search().at("facets").at("year").items())
        if (n.get<int>() < total && all.target("chip:year:" + year)) {
            chip = "chip:year:" + year;
            count = n;
            break;
        }
    INFO(all.j.dump().substr(0, 3000));
    REQUIRE(!chip.empty());
    Dump narrowed = run(dir, 1920, 1080, start + all.tap(chip));
    CHECK(narrowed.search().at("year") == chip.substr(10));
    CHECK(narrowed.search().at("total").get<int>() == count);
    CHECK(narrowed.search().at("total").get<int>() < total);
    // Tapping the chosen chip again lifts the filter.
    Dump again = run(dir, 1920, 1080, start + all.tap(chip) + narrowed.tap(chip));
    CHECK(again.search().at("total").get<int>() == total);
}

TEST_CASE("search: dragging the result list scrolls it and opens nothing", "[ui][search]") {
    TempDir dir;
    std::string start = "type shifan\n";
    Dump before = run(dir, 1080, 1920, start);
    auto rows = before.names("hit:");
    REQUIRE(rows.size() >= 4);
    const json* row = before.target(rows[1]);
    int x = int(row->at("x").get<float>() + 100), y0 = int(row->at("y").get<float>() + 40);
    std::string drag = "drag " + std::to_string(x) + " " + std::to_string(y0 + 500) + " " + std::to_string(x) + " " +
                       std::to_string(y0) + "\n";
    Dump after = run(dir, 1080, 1920, start + drag + "wait 300\n");
    CHECK(after.j.at("route") == "search");
    CHECK(after.j.at("depth") == before.j.at("depth"));
    CHECK(after.search().at("scroll").get<float>() == Approx(500).margin(2));
    CHECK(after.names("hit:").front() != rows.front());
}

TEST_CASE("search: opening a hit shows it and counts the search for home's popular list", "[ui][search]") {
    TempDir dir;
    std::string start = "type dibao\n";
    Dump results = run(dir, 1920, 1080, start);
    std::string row;  // the first document on screen
    for (const auto& h : results.search().at("hits"))
        if (h.at("type") == "document" && results.target("hit:" + h.at("id").get<std::string>())) {
            row = "hit:" + h.at("id").get<std::string>();
            break;
        }
    REQUIRE(!row.empty());
    Dump opened = run(dir, 1920, 1080, start + results.tap(row));
    CHECK(opened.j.at("route") == "document");
    CHECK("hit:" + opened.j.at("route_id").get<std::string>() == row);
    std::string counts = dir.file("popular-searches.json");
    REQUIRE(std::filesystem::exists(counts));
    CHECK(json::parse(readFile(counts)).at("counts").at("dibao") == 1);
    CHECK_FALSE(std::filesystem::exists(counts + ".tmp"));
    run(dir, 1920, 1080, start + results.tap(row));  // a second resident
    Dump home = run(dir, 1920, 1080, "");
    REQUIRE(!home.j.at("popular").empty());
    CHECK(home.j.at("popular")[0] == "dibao");
    // A popular search is one tap: it opens its results with the keys put away.
    Dump popular = run(dir, 1920, 1080, home.tap("popular:dibao"));
    CHECK(popular.j.at("route") == "search");
    CHECK(popular.search().at("text") == "dibao");
    CHECK(popular.search().at("keyboard") == false);
    CHECK(popular.search().at("total").get<int>() > 0);
}

TEST_CASE("search: in elder mode every key is at least 80 px", "[ui][search]") {
    struct Size {
        int w, h;
    };
    auto size = GENERATE(Size{1920, 1080}, Size{1080, 1920});
    CAPTURE(size.w, size.h);
    TempDir dir;
    Dump home = run(dir, size.w, size.h, "");
    std::string png = dir.file(size.w > size.h ? "search-elder.png" : "search-elder-portrait.png");
    Dump d = run(dir, size.w, size.h, home.tap("home:search") + home.tap("bar:elder") + "type hj\nscreenshot " + png + "\n");
    keep(png);
    CHECK(d.j.at("elder_mode") == true);
    auto keys = d.names("key:");
    REQUIRE(keys.size() >= 45);
    for (const auto& k : keys) {
        const json* r = d.target(k);
        CHECK(r->at("w").get<float>() >= 80);
        CHECK(r->at("h").get<float>() >= 80);
        CHECK(r->at("y").get<float>() + r->at("h").get<float>() <= size.h);
    }
    CHECK(!d.names("hit:").empty());
}

TEST_CASE("search: typing on a keyboard at home opens the search with what was typed", "[ui][search]") {
    TempDir dir;
    Dump d = run(dir, 1366, 768, "type db\n");
    CHECK(d.j.at("route") == "search");
    CHECK(d.search().at("text") == "db");
    CHECK(d.search().at("total").get<int>() > 0);
}

TEST_CASE("search: nothing found says so, with the hint and a total of 0", "[ui][search]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    Dump d = run(dir, 1920, 1080, "type qqqqxz\nkey enter\nscreenshot " + dir.file("none.png") + "\n");
    CHECK(d.search().at("total") == 0);
    CHECK(d.names("hit:").empty());
    Picture p = Picture::load(dir.file("none.png"));
    CHECK(p.darkFraction({0, t.contentTop() + 200, 1920, 1080 - t.navHeight}, 0.1) > 0.002);  // the hint
}

TEST_CASE("search and home lay themselves out at 1080x1920, 1920x1080 and 1366x768", "[ui][search]") {
    struct Size {
        int w, h;
        const char* suffix;
    };
    auto size = GENERATE(Size{1080, 1920, "-portrait"}, Size{1920, 1080, ""}, Size{1366, 768, "-1366"});
    CAPTURE(size.w, size.h);
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string home = dir.file(std::string("home") + size.suffix + ".png");
    std::string search = dir.file(std::string("search") + size.suffix + ".png");
    Dump homeDump = run(dir, size.w, size.h, "screenshot " + home + "\n", "home");
    Dump d = run(dir, size.w, size.h, homeDump.tap("home:search") + "type dibao\nscreenshot " + search + "\n");
    // Home: the search bar, popular searches, eight quick entries, all inside the content area.
    for (const char* name : {"home:search", "quick:latest", "quick:annual_reports", "popular:低保"}) {
        const json* t0 = homeDump.target(name);
        INFO(name);
        REQUIRE(t0);
        CHECK(t0->at("h").get<float>() >= 60);
        CHECK(t0->at("x").get<float>() + t0->at("w").get<float>() <= size.w);
    }
    CHECK(homeDump.names("quick:").size() == 8);
    CHECK(homeDump.names("domain:").size() >= (size.h >= 1080 ? 26u : 6u));
    // Search: every key at least 60 px and inside the window, under the field.
    auto keys = d.names("key:");
    CHECK(keys.size() >= 45);
    for (const auto& k : keys) {
        const json* r = d.target(k);
        CHECK(r->at("w").get<float>() >= 60);
        CHECK(r->at("h").get<float>() >= 60);
        CHECK(r->at("y").get<float>() + r->at("h").get<float>() <= size.h - t.navHeight);
        CHECK(r->at("x").get<float>() + r->at("w").get<float>() <= size.w);
    }
    CHECK(!d.names("hit:").empty());  // results beside or above the keys
    Picture p = Picture::load(search);
    CHECK(p.fraction({0, t.contentTop(), size.w, size.h - t.navHeight}, t.bannerBg, 10) > 0.0003);
    keep(home);
    keep(search);
}

TEST_CASE("search: a physical keyboard types into the search (characters and backspace)", "[ui][search]") {
    TempDir dir;
    REQUIRE(ensureDisplay().empty());
    std::string path = dir.file("keys.json");
    KioskResult r;
    std::thread kiosk([&] {
        r = runKiosk(dir, sharedDemoMirror(), 1920, 1080, "wait 4000\ndump " + path + "\n",
                     "--state-dir '" + dir.path().string() + "'");
    });
    // d, b, x, Backspace (XK_d, XK_b, XK_x, XK_BackSpace): typed at home, they open the search.
    std::string sent = pressKeysOnWindow("Gongkai", {0x64, 0x62, 0x78, 0xff08}, 20);
    kiosk.join();
    INFO(r.output);
    REQUIRE(sent.empty());
    REQUIRE(r.status == 0);
    json j = json::parse(readFile(path));
    CHECK(j.at("route") == "search");
    CHECK(j.at("search").at("text") == "db");
    CHECK(j.at("search").at("total").get<int>() > 0);
}

// [X11] ----------------------------------------------------------------------
// libX11 is loaded at run time (it is on every machine that runs Xvfb and
// GLFW), so the test binary links nothing more.
#include <dlfcn.h>

#include <X11/Xlib.h>

namespace {

struct XApi {
    void* lib = nullptr;
    Display* (*openDisplay)(const char*) = nullptr;
    int (*closeDisplay)(Display*) = nullptr;
    ::Window (*rootWindow)(Display*) = nullptr;
    int (*queryTree)(Display*, ::Window, ::Window*, ::Window*, ::Window**, unsigned*) = nullptr;
    int (*fetchName)(Display*, ::Window, char**) = nullptr;
    int (*free)(void*) = nullptr;
    KeyCode (*keysymToKeycode)(Display*, KeySym) = nullptr;
    int (*sendEvent)(Display*, ::Window, int, long, XEvent*) = nullptr;
    int (*sync)(Display*, int) = nullptr;

    bool load() {
        lib = dlopen("libX11.so.6", RTLD_NOW);
        if (!lib) return false;
        auto get = [&](auto& fn, const char* name) { fn = reinterpret_cast<std::decay_t<decltype(fn)>>(dlsym(lib, name)); return fn != nullptr; };
        return get(openDisplay, "XOpenDisplay") && get(closeDisplay, "XCloseDisplay") &&
               get(rootWindow, "XDefaultRootWindow") && get(queryTree, "XQueryTree") && get(fetchName, "XFetchName") &&
               get(free, "XFree") && get(keysymToKeycode, "XKeysymToKeycode") && get(sendEvent, "XSendEvent") &&
               get(sync, "XSync");
    }
};

::Window findWindow(XApi& x, Display* d, const std::string& title) {
    ::Window root = 0, parent = 0, *children = nullptr;
    unsigned n = 0;
    if (!x.queryTree(d, x.rootWindow(d), &root, &parent, &children, &n)) return 0;
    ::Window found = 0;
    for (unsigned i = 0; i < n && !found; ++i) {
        char* name = nullptr;
        if (x.fetchName(d, children[i], &name) && name) {
            if (title == name) found = children[i];
            x.free(name);
        }
    }
    if (children) x.free(children);
    return found;
}

void sendKey(XApi& x, Display* d, ::Window w, unsigned long keysym, unsigned long time) {
    XKeyEvent e{};
    e.display = d;
    e.window = w;
    e.root = x.rootWindow(d);
    e.time = time;
    e.x = e.y = e.x_root = e.y_root = 1;
    e.same_screen = True;
    e.keycode = x.keysymToKeycode(d, keysym);
    for (int type : {KeyPress, KeyRelease}) {
        e.type = type;
        XEvent ev{};
        ev.xkey = e;
        x.sendEvent(d, w, True, type == KeyPress ? KeyPressMask : KeyReleaseMask, &ev);
    }
    x.sync(d, False);
}

}  // namespace

namespace {

std::string pressKeysOnWindow(const std::string& title, const std::vector<unsigned long>& keysyms,
                              double timeoutSeconds) {
    XApi x;
    if (!x.load()) return "cannot load libX11.so.6";
    Display* d = x.openDisplay(nullptr);
    if (!d) return "cannot open the display";
    ::Window w = 0;
    for (double waited = 0; !w && waited < timeoutSeconds; waited += 0.1) {
        w = findWindow(x, d, title);
        if (!w) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (w) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // the first frame is drawn
        unsigned long time = 1000;
        for (unsigned long k : keysyms) {
            sendKey(x, d, w, k, time += 100);
            std::this_thread::sleep_for(std::chrono::milliseconds(120));
        }
    }
    x.closeDisplay(d);
    return w ? std::string() : "no window titled " + title;
}

}  // namespace
