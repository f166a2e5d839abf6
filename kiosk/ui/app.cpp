// Sections: [setup] strings, config, window, first data, fonts
//           [loop] input trickling, results, intents, frame, screenshot, waiting
#include "ui/app.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include <imgui.h>

#include "platform/window.h"
#include "ui/app_display.h"
#include "ui/app_state.h"
#include "ui/app_print.h"
#include "ui/app_request.h"
#include "ui/app_setup.h"
#include "ui/app_system.h"
#include "ui/data_worker.h"
#include "ui/handwriting_pad.h"
#include "ui/kiosk_config.h"
#include "ui/pages_data.h"
#include "ui/popular.h"
#include "ui/screens.h"
#include "ui/script_player.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

constexpr double kRetrySeconds = 15.0;  // out of service: look again this often
constexpr double kIdleWait = 30.0;      // nothing moves: sleep up to this long
constexpr std::size_t kPopularShown = 8;  // popular searches on home

class App {
public:
    explicit App(const Options& o) : m_options(o) {}
    int run();

private:
    Status setup();
    // Start-up: the worker reads the mirror's home data and a thread builds
    // the first atlas from it while this thread creates the window.
    struct FirstData {
        std::vector<DataResult> results;  // the Home result and any that came with it
        BuiltAtlas atlas;
        std::vector<char32_t> chars;  // the mirror's characters
    };
    void startFirstData();
    FirstData prepareFirstData(bool readMirror);  // on the start-up thread
    void loadFirstData();
    void applyResult(DataResult&& r);
    void carryOutIntents();
    void openRoute(const Route& r);
    void feedInput(double now);
    bool settled() const;
    bool playScript(double now, std::optional<std::string>& shot);
    bool findTarget(const std::string& name, float& x, float& y) const;  // the last frame's, on screen
    void takeScreenshot(const std::string& path);
    void pollData(double now);
    bool frame();
    void waitForEvents();
    // Search and home (the search helper's part, app_search.cpp would be its own file if it grew).
    void loadPopular();
    void countSearch(const std::string& text);
    void openSearch(const std::string& text);
    void openRecord(const Intent& i);
    void sendSearch();
    void writeDump(const std::string& path);
    struct FrameClock {  // a frame's phases, for --report-timing
        std::chrono::steady_clock::time_point start, drawn, rendered;
        bool captured = false;  // a screenshot or state dump: its glReadPixels waits for the rasteriser
        platform::Redraw redraw;  // what the renderer redrew
    };
    void writeTiming(const FrameClock& c);
    void reportRedrawCheck();

    Options m_options;
    KioskConfig m_config;
    std::string m_configError;
    AppState m_state;
    FontSet m_fonts;
    std::unique_ptr<platform::Window> m_window;
    std::unique_ptr<DataWorker> m_worker;
    std::unique_ptr<ScriptPlayer> m_player;
    std::unique_ptr<SystemBehaviour> m_system;  // modes, fonts, idle, freshness, staff (app_system.h)
    std::unique_ptr<RequestDesk> m_requests;    // disclosure requests (app_request.h)
    std::unique_ptr<PrintDesk> m_printer;       // the thermal printer (app_print.h)
    std::unique_ptr<FirstBoot> m_firstBoot;     // no staff PIN yet: the setup screen (app_setup.h)
    std::unique_ptr<DisplayPower> m_display;    // opening hours: dark outside them (app_display.h)
    std::future<FirstData> m_first;
    GestureTracker m_gestures;
    PopularSearches m_popular;
    std::vector<std::string> m_configuredPopular;
    std::deque<platform::PointerEvent> m_pending;
    std::optional<std::string> m_dump;  // the script asks for a state dump this frame
    std::chrono::steady_clock::time_point m_processStart = std::chrono::steady_clock::now();
    int m_quietFrames = 0;
    double m_lastFrame = 0, m_lastRetry = 0;
    int m_exitCode = 0;
    bool m_quit = false, m_firstFrame = true;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_timing{nullptr, &std::fclose};  // --report-timing
};

// [setup] ------------------------------------------------------------------

Status App::setup() {
    if (!m_options.configPath.empty()) {
        auto cfg = loadKioskConfig(m_options.configPath);
        if (cfg) m_config = cfg.value();
        else m_configError = cfg.error().message;
    }
    std::string lang = !m_options.language.empty() ? m_options.language
                     : !m_config.language.empty() ? m_config.language : "zh-CN";
    if (auto st = m_state.strings.load(assetsDir(), lang); !st)
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
    if (auto st = m_state.theme.load(assetsDir() + "/theme.json"); !st)
        std::fprintf(stderr, "gongkai-kiosk: %s (using the built-in theme)\n", st.error().message.c_str());
    m_state.fonts = &m_fonts;
    if (m_options.desk) m_options.idleResetSeconds = m_options.attractSeconds = 1e9;  // staff, not passers-by
    m_system = std::make_unique<SystemBehaviour>(m_options, m_config, m_state, m_fonts);
    setHandwritingModel(!m_options.handwritingModel.empty() ? m_options.handwritingModel
                        : !m_config.handwritingModel.empty() ? m_config.handwritingModel
                                                             : kDefaultHandwritingModel);

    loadPopular();
    std::string db = !m_options.dbPath.empty() ? m_options.dbPath : m_config.dbPath;
    m_worker = std::make_unique<DataWorker>(db, [] { platform::Window::wake(); });
    m_requests = std::make_unique<RequestDesk>(m_options, m_config, db, m_state);
    if (!m_options.desk) m_printer = std::make_unique<PrintDesk>(m_options, m_config, m_state);
    if (m_options.desk) setUpStaffDesk(m_options.trust, db, m_state);
    m_firstBoot = std::make_unique<FirstBoot>(m_options, m_config, !m_configError.empty(), m_state,
                                              [this](const std::string& hash) { m_system->setStaffPinHash(hash); });
    m_system->attach(*m_worker);
    m_display = std::make_unique<DisplayPower>(m_options, m_config, m_state);
    startFirstData();

    platform::WindowOptions wo;
    wo.width = m_options.width;
    wo.height = m_options.height;
    wo.fullscreen = !m_options.windowed;
    wo.sizeGiven = m_options.sizeGiven;
    wo.title = "Gongkai";
    wo.fullRedraw = m_options.fullRedraw;
    wo.verifyRedraw = m_options.verifyRedraw;
    wo.swapPresent = m_options.swapPresent;
    auto w = platform::Window::create(wo);
    if (!w) return w.error();
    m_window = std::move(w.value());
    return okStatus();
}

void App::startFirstData() {
    bool readMirror = m_configError.empty();
    if (readMirror) {
        m_worker->request({DataRequest::Kind::Home, "", true});
    } else {
        m_state.outOfService = true;
        m_state.outOfServiceReason = m_state.strings.format("oos.config", {m_configError});
    }
    m_first = std::async(std::launch::async, [this, readMirror] { return prepareFirstData(readMirror); });
}

// Touches only the worker's result queue and, read-only, what the first
// font request reads (SystemBehaviour::firstFontRequest); the UI thread is
// creating the window meanwhile and leaves those alone until m_first is ready.
App::FirstData App::prepareFirstData(bool readMirror) {
    FirstData f;
    std::optional<std::size_t> home;
    for (int i = 0; readMirror && !home && i < 2000; ++i) {  // the worker answers Home or an error within 10 s
        auto results = m_worker->takeResults();
        if (results.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        for (auto& r : results) {
            if (r.request.kind == DataRequest::Kind::Home && !home) home = f.results.size();
            f.results.push_back(std::move(r));
        }
    }
    const DataResult* h = home ? &f.results[*home] : nullptr;
    f.atlas = m_fonts.buildNow(m_system->firstFontRequest(h));
    if (h && h->ok()) f.chars = h->characters;
    return f;
}

void App::loadFirstData() {
    FirstData f = m_first.get();
    for (auto& r : f.results) applyResult(std::move(r));
    m_system->installFirstAtlas(std::move(f.atlas), f.chars);
}

// The configured popular searches (else the language's defaults) merged
// with this kiosk's own counts from the state directory.
void App::loadPopular() {
    if (m_config.popularGiven) {
        m_configuredPopular = m_config.popularSearches;
    } else {
        std::istringstream words(m_state.strings.get("popular.default"));
        for (std::string w; words >> w;) m_configuredPopular.push_back(w);
    }
    if (auto st = m_popular.load(stateDirFor(m_options, m_config) + "/popular-searches.json"); !st)
        std::fprintf(stderr, "gongkai-kiosk: %s (starting the counts afresh)\n", st.error().message.c_str());
    m_state.popularSearches = m_popular.merged(m_configuredPopular, kPopularShown);
}

void App::countSearch(const std::string& text) {
    if (!m_popular.count(text)) return;
    if (auto st = m_popular.save(); !st)
        std::fprintf(stderr, "gongkai-kiosk: popular searches: %s\n", st.error().message.c_str());
    m_state.popularSearches = m_popular.merged(m_configuredPopular, kPopularShown);
}

void App::openSearch(const std::string& text) {
    if (m_state.route().screen != ScreenId::Search) m_state.routes.push_back({ScreenId::Search, ""});
    SearchState& q = m_state.search;
    q.text = text;
    q.type.clear(), q.domain.clear(), q.year.clear();
    q.limit = SearchState{}.limit;
    q.scroll = {};
    q.editedAt = -1;              // search at once
    q.keyboardUp = text.empty();  // a popular search shows its results
}

// A search hit: its type's page (the document reader until a page exists).
void App::openRecord(const Intent& i) {
    auto& routes = m_state.routes;
    const std::string& type = i.recordType;
    ScreenId screen = type == "service_guide" ? ScreenId::Guide : type == "consultation" ? ScreenId::Consultation
                    : type == "agency" ? ScreenId::Agency : ScreenId::Document;
    if (type == "catalog_item") {
        // A catalogue entry lives on its domain's page; its id starts with the
        // domain's id in the feeds we know (SearchHit carries no domain yet).
        std::string domain = i.id.substr(0, i.id.rfind('-'));
        for (const auto& d : m_state.home.domains)
            if (d.id == domain) { routes.push_back({ScreenId::Domain, domain}); return; }
    }
    if (screenEntry(screen).id != screen) screen = ScreenId::Document;  // no page for it yet
    routes.push_back({screen, i.id});
}

void App::sendSearch() {
    SearchState& q = m_state.search;
    if (!q.pending) return;
    DataRequest r;
    r.kind = DataRequest::Kind::Search;
    r.query = std::move(*q.pending);
    r.generation = q.generation;
    q.pending.reset();
    m_worker->request(std::move(r));
}

void App::writeDump(const std::string& path) {
    std::string json = stateDumpJson(m_state);
    if (auto j = nlohmann::json::parse(json, nullptr, false); j.is_object()) {  // + the system helper's fields
        j["system"] = m_system->dumpJson();
        j["request"] = requestDumpJson(m_state);
        j["print"] = printDumpJson(m_state);
        j["setup"] = setupDumpJson(m_state);
        j["display"] = m_display->stateName();  // on | off | woken
        j["display_clock"] = m_display->dumpJson(m_state.now);
        auto [depth, stencil] = m_window->depthStencilBits();
        j["framebuffer"] = {{"depth_bits", depth}, {"stencil_bits", stencil}};
        json = j.dump(2);
    }
    if (auto st = writeFileAtomically(path, json + "\n"); !st) {
        std::fprintf(stderr, "gongkai-kiosk: dump: %s\n", st.error().message.c_str());
        m_exitCode = 1;
    }
}

// [loop] -------------------------------------------------------------------

void App::applyResult(DataResult&& r) {
    m_quietFrames = 0;
    m_system->onResult(r);  // freshness, new characters, polls, the attract screen's notices
    if (applyPagesResult(m_state, r)) return;  // lists, guides, consultations, agencies, pictures
    switch (r.request.kind) {
    case DataRequest::Kind::Home: {
        bool wasOut = m_state.outOfService;
        m_state.outOfService = !r.ok();
        if (!r.ok()) {
            m_state.outOfServiceReason = m_state.strings.format(r.errorKey, {r.errorArg});
            m_state.outOfServiceDetail = r.errorDetail;
            return;
        }
        m_state.home = {true, std::move(r.info), std::move(r.domains)};
        m_state.homeUi = {};
        (void)wasOut;  // recovered: SystemBehaviour rebuilds the glyph atlas off this thread
        return;
    }
    case DataRequest::Kind::Domain:
        if (r.request.id != m_state.domain.id) return;  // a stale answer
        m_state.domain.loaded = r.ok();
        m_state.domain.error = r.errorKey;
        m_state.domain.items = std::move(r.items);
        m_state.domain.documents = std::move(r.documents);
        return;
    case DataRequest::Kind::Document:
        if (r.request.id != m_state.document.id) return;
        m_state.document.loaded = r.ok();
        m_state.document.error = r.errorKey;
        m_state.document.document = std::move(r.document);
        return;
    case DataRequest::Kind::Latest: case DataRequest::Kind::Poll: return;  // SystemBehaviour's
    case DataRequest::Kind::List: case DataRequest::Kind::Guide: case DataRequest::Kind::Consultation:
    case DataRequest::Kind::Agency: case DataRequest::Kind::Image: return;  // applyPagesResult's
    case DataRequest::Kind::Search: {
        SearchState& q = m_state.search;
        if (r.request.generation != q.generation) return;  // typed on since: stale
        q.loading = false;
        q.shownKey = q.sentKey;
        q.result = std::move(r.search);  // an error shows as no results; the detail goes to the log
        if (!r.ok()) std::fprintf(stderr, "gongkai-kiosk: search: %s\n", r.errorDetail.c_str());
        return;
    }
    }
}

void App::openRoute(const Route& r) {
    if (r.screen == ScreenId::Domain && m_state.domain.id != r.id) {
        m_state.domain = DomainData{r.id, false, {}, {}, {}};
        m_state.domainUi = {};
        m_worker->request({DataRequest::Kind::Domain, r.id, false});
    } else if (r.screen == ScreenId::Document && m_state.document.id != r.id) {
        m_state.document = DocumentData{r.id, false, {}, {}};
        m_state.documentUi = {};
        m_worker->request({DataRequest::Kind::Document, r.id, false});
    }
    for (auto& req : pagesRequestsFor(m_state, r)) m_worker->request(std::move(req));
}

void App::carryOutIntents() {
    auto intents = std::move(m_state.intents);
    m_state.intents.clear();
    for (const Intent& i : intents) {
        m_quietFrames = 0;
        if (i.kind == Intent::Kind::StaffPin) m_firstBoot->refreshPin();  // set-pin while the kiosk runs
        auto& routes = m_state.routes;
        switch (i.kind) {
        case Intent::Kind::OpenDomain: routes.push_back({ScreenId::Domain, i.id}); break;
        case Intent::Kind::OpenDocument: routes.push_back({ScreenId::Document, i.id}); break;
        case Intent::Kind::Back: if (routes.size() > 1) routes.pop_back(); break;
        case Intent::Kind::Home: routes.resize(1); break;
        case Intent::Kind::OpenSearch: openSearch(i.id); break;
        case Intent::Kind::OpenList: routes.push_back({ScreenId::List, i.id}); break;
        case Intent::Kind::OpenRecord: openRecord(i); break;
        case Intent::Kind::CountSearch: countSearch(i.id); break;
        case Intent::Kind::ScrollTo: case Intent::Kind::None: break;
        case Intent::Kind::ToggleElder: case Intent::Kind::ToggleLanguage: case Intent::Kind::StaffPin:
        case Intent::Kind::StaffReload: case Intent::Kind::StaffExit: m_system->handle(i); break;
        case Intent::Kind::StartRequest: case Intent::Kind::RequestChoose: case Intent::Kind::RequestNext:
        case Intent::Kind::RequestBack: case Intent::Kind::RequestMake: case Intent::Kind::RequestDone:
            m_requests->handle(i);
            break;
        case Intent::Kind::Print: if (m_printer) m_printer->handle(i); break;
        }
        openRoute(routes.back());
    }
    sendSearch();
    for (auto& req : pagesImageRequests(m_state)) m_worker->request(std::move(req));  // the reader's pictures
}

// Real and replayed events share one queue; at most one button change is
// taken per frame, so a press and release never vanish inside one frame.
void App::feedInput(double now) {
    for (const auto& e : m_window->takePointerEvents()) m_pending.push_back(e);
    while (!m_pending.empty()) {
        auto e = m_pending.front();
        m_pending.pop_front();
        m_gestures.feed(e, now);
        m_quietFrames = 0;
        if (e.type != platform::PointerEvent::Type::Move) break;
    }
    m_state.input = m_gestures.takeFrame();
    m_state.keys = m_window->takeKeyEvents();  // a screen that takes no typing drops them
}

bool App::settled() const {
    return m_quietFrames >= 3 && m_worker->idle() && !m_state.animating && m_pending.empty() &&
           !m_gestures.pressed() && !m_system->busy() && !(m_printer && m_printer->busy());
}

// Replays the script's next step; false when it says quit.
bool App::playScript(double now, std::optional<std::string>& shot) {
    if (!m_player) return true;
    ScriptStep step = m_player->advance(now, settled());
    if (step.timedOut) std::fprintf(stderr, "gongkai-kiosk: script: the screen did not settle in time\n");
    if (!step.error.empty()) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", step.error.c_str());
        m_exitCode = 3;
    }
    for (const auto& e : step.events) m_window->inject(e);
    for (const auto& k : step.keys) m_window->inject(k);
    shot = step.screenshot;
    m_dump = step.dump;
    return !step.quit;
}

bool App::findTarget(const std::string& name, float& x, float& y) const {
    for (const auto& t : m_state.targets) {
        float mx = t.rect.x + t.rect.w * 0.5f, my = t.rect.y + t.rect.h * 0.5f;
        bool prefix = !name.empty() && name.back() == '*';
        bool match = prefix ? t.name.compare(0, name.size() - 1, name, 0, name.size() - 1) == 0 : t.name == name;
        if (match && mx >= 0 && my >= 0 && mx < m_state.width && my < m_state.height) {
            x = mx, y = my;
            return true;
        }
    }
    return false;
}

void App::takeScreenshot(const std::string& path) {
    auto img = m_window->readBackBuffer();  // before present(): the frame as it will be shown
    Status st = img ? platform::writePng(path, img.value()) : Status(img.error());
    if (st) return;
    std::fprintf(stderr, "gongkai-kiosk: screenshot: %s\n", st.error().message.c_str());
    m_exitCode = 1;
}

void App::pollData(double now) {
    for (auto& r : m_worker->takeResults()) applyResult(std::move(r));
    if (m_printer) m_printer->poll();
    m_firstBoot->poll(now);
    if (m_state.outOfService && m_configError.empty() && now - m_lastRetry > kRetrySeconds && m_worker->idle()) {
        m_lastRetry = now;
        m_worker->request({DataRequest::Kind::Home, "", true});
    }
}

// One JSON line a frame (options.h), flushed so a benchmark that stops the
// kiosk keeps every line; the frame's work time excludes the wait after it.
void App::writeTiming(const FrameClock& c) {
    using namespace std::chrono;
    auto end = steady_clock::now();
    auto ms = [](steady_clock::duration d) { return duration<double, std::milli>(d).count(); };
    if (m_firstFrame)
        std::fprintf(m_timing.get(), "{\"first_frame_ms\":%.3f,\"first_frame_mono_ns\":%lld}\n",
                     ms(end - m_processStart),
                     static_cast<long long>(duration_cast<nanoseconds>(end.time_since_epoch()).count()));
    ScreenId sc = m_state.routes.empty() ? ScreenId::Home : m_state.route().screen;
    const char* name = sc == ScreenId::Home ? "home" : sc == ScreenId::Search ? "search"
                     : sc == ScreenId::Document ? "document" : "other";
    std::fprintf(m_timing.get(),
                 "{\"frame_ms\":%.3f,\"draw_ms\":%.3f,\"gl_ms\":%.3f,\"present_ms\":%.3f,\"screen\":\"%s\","
                 "\"redraw\":\"%s\",\"redraw_px\":%lld,\"scrolled_px\":%lld,\"damage_ms\":%.3f%s%s}\n",
                 ms(end - c.start), ms(c.drawn - c.start), ms(c.rendered - c.drawn), ms(end - c.rendered), name,
                 platform::redrawName(c.redraw.kind), c.redraw.pixels, c.redraw.scrolledPixels,
                 c.redraw.describeMs + c.redraw.damageMs,
                 c.redraw.atlasChanged ? ",\"atlas\":true" : "", c.captured ? ",\"captured\":true" : "");
    std::fflush(m_timing.get());
}

// --verify-redraw's summary; a frame that differed from its full redraw
// fails the run.
void App::reportRedrawCheck() {
    const platform::RedrawCounts& c = m_window->redrawCounts();
    std::fprintf(stderr,
                 "gongkai-kiosk: redraw check: %lld frames compared with a full redraw (%lld partial, %lld full, "
                 "%lld unchanged), %lld differed; %lld scrolled by a copy, %lld pixels off by rounding\n",
                 c.verified, c.partial, c.full, c.none, c.differing, c.scrolled, c.roundingPixels);
    if (c.differing > 0 && m_exitCode == 0) m_exitCode = 1;
}

bool App::frame() {
    auto frameStart = std::chrono::steady_clock::now();
    double now = m_window->time();
    m_state.frameSeconds = now - m_lastFrame;
    m_state.now = m_lastFrame = now;
    std::optional<std::string> shot;
    if (!playScript(now, shot)) return false;
    feedInput(now);
    pollData(now);
    m_state.width = float(m_window->width());
    m_state.height = float(m_window->height());
    m_state.animating = false;
    const bool wasDark = m_display->dark();
    m_display->beforeFrame(now, m_gestures.pressed());  // opening hours: dark, woken by a touch
    if (wasDark && !m_display->dark()) m_window->settle();  // the output was off: show whole frames again
    bool dark = m_display->dark();
    m_system->beforeFrame(now, m_gestures.pressed());  // atlas swap (between frames), idle, staff gesture
    m_window->beginFrame(m_gestures.position().x, m_gestures.position().y, m_gestures.pressed());
    ImGui::NewFrame();
    m_state.targets.clear();
    if (!dark) drawFrame(m_state);  // dark: a black frame
    ImGui::Render();
    FrameClock clock;
    clock.start = frameStart, clock.drawn = std::chrono::steady_clock::now();
    const Theme& t = m_state.theme;
    if (dark) clock.redraw = m_window->renderDrawData(0, 0, 0);
    else clock.redraw = m_window->renderDrawData(Theme::red(t.background), Theme::green(t.background),
                                                 Theme::blue(t.background));
    clock.rendered = std::chrono::steady_clock::now();
    if (shot) takeScreenshot(*shot);
    if (m_dump) writeDump(*m_dump);
    clock.captured = shot || m_dump;
    m_window->present();
    if (m_timing) writeTiming(clock);
    if (m_firstFrame) {
        double sinceStart = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_processStart).count();
        std::fprintf(stderr, "gongkai-kiosk: first frame %.3f s after start\n", sinceStart);
        m_firstFrame = false;
    }
    carryOutIntents();
    ++m_quietFrames;
    // A window close request (Alt-F4, a window manager) is ignored: only staff
    // mode's Exit or a script's quit end the kiosk.
    return !m_system->quitRequested();
}

void App::waitForEvents() {
    if (m_display->dark() && !(m_player && m_player->active())) {
        // Dark: a few frames a second at most (a finger moving on the black
        // screen), else sleep until a touch, a data result or the opening.
        double since = m_window->time() - m_lastFrame;
        if (since < DisplayPower::kDarkFrameSeconds)
            std::this_thread::sleep_for(std::chrono::duration<double>(DisplayPower::kDarkFrameSeconds - since));
        double now = m_window->time();
        m_window->waitEvents(std::min({kIdleWait, m_display->secondsToNextChange(now),
                                       m_system->secondsToNextChange(now)}));
        return;
    }
    bool busy = m_state.animating || !m_pending.empty() || m_gestures.pressed() || !m_worker->idle() ||
                (m_printer && m_printer->busy());
    if (m_player && m_player->active()) m_window->waitEvents(busy || m_quietFrames < 3 ? 0 : 0.004);
    else if (busy || m_quietFrames < 3) m_window->waitEvents(1.0 / 60);
    else if (m_window->settling()) m_window->waitEvents(0.25);  // a whole frame shown 4 times a second
    else m_window->waitEvents(std::min({m_state.outOfService ? kRetrySeconds : kIdleWait,
                                        m_system->secondsToNextChange(m_window->time()),
                                        m_display->secondsToNextChange(m_window->time())}));
}

int App::run() {
    if (!m_options.scriptPath.empty() || !m_options.screenshotPath.empty()) {
        std::vector<ScriptCommand> cmds;
        if (!m_options.scriptPath.empty()) {
            auto s = loadScript(m_options.scriptPath);
            if (!s) { std::fprintf(stderr, "gongkai-kiosk: %s\n", s.error().message.c_str()); return 2; }
            cmds = std::move(s.value());
        }
        if (!m_options.screenshotPath.empty())
            cmds.push_back({ScriptCommand::Kind::Screenshot, 0, 0, 0, 0, 0, m_options.screenshotPath, 0});
        m_player = std::make_unique<ScriptPlayer>(std::move(cmds), [this](const std::string& name, float& x, float& y) {
            return findTarget(name, x, y);
        });
    }
    if (m_options.hashPin) return runHashPin();
    if (!m_options.timingPath.empty()) {
        m_timing.reset(std::fopen(m_options.timingPath.c_str(), "w"));
        if (!m_timing) std::fprintf(stderr, "gongkai-kiosk: cannot write %s\n", m_options.timingPath.c_str());
    }
    ImGui::CreateContext(m_fonts.placeholderAtlas());  // the FontSet owns every atlas
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().LogFilename = nullptr;
    if (auto st = setup(); !st) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
        if (m_first.valid()) m_first.wait();  // it reads from the worker
        m_worker.reset();
        if (m_system) m_system->releaseGl();
        m_window.reset();
        ImGui::DestroyContext();
        return 1;
    }
    loadFirstData();
    m_lastFrame = m_lastRetry = m_window->time();
    while (frame()) waitForEvents();
    if (m_options.verifyRedraw) reportRedrawCheck();
    m_printer.reset();  // finishes a page in hand; its wake() needs the window
    m_worker.reset();
    m_system->releaseGl();
    m_window.reset();
    ImGui::DestroyContext();
    return m_exitCode;
}

}  // namespace

int runApp(const Options& options) { return App(options).run(); }

}  // namespace gongkai::ui
