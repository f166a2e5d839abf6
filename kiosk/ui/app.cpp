// Sections: [setup] strings, config, window, first data, fonts
//           [loop] input trickling, results, intents, frame, screenshot, waiting
#include "ui/app.h"

#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>

#include <imgui.h>

#include "platform/window.h"
#include "ui/app_state.h"
#include "ui/data_worker.h"
#include "ui/kiosk_config.h"
#include "ui/screens.h"
#include "ui/script_player.h"

namespace gongkai::ui {
namespace {

constexpr double kRetrySeconds = 15.0;  // out of service: look again this often
constexpr double kIdleWait = 30.0;      // nothing moves: sleep up to this long

class App {
public:
    explicit App(const Options& o) : m_options(o) {}
    int run();

private:
    Status setup();
    void loadFirstData();
    void buildFonts(const std::vector<char32_t>& chars);
    void applyResult(DataResult&& r);
    void carryOutIntents();
    void openRoute(const Route& r);
    void feedInput(double now);
    bool settled() const;
    bool playScript(double now, std::optional<std::string>& shot);
    void takeScreenshot(const std::string& path);
    void pollData(double now);
    bool frame();
    void waitForEvents();

    Options m_options;
    KioskConfig m_config;
    std::string m_configError;
    AppState m_state;
    FontSet m_fonts;
    std::unique_ptr<platform::Window> m_window;
    std::unique_ptr<DataWorker> m_worker;
    std::unique_ptr<ScriptPlayer> m_player;
    GestureTracker m_gestures;
    std::deque<platform::PointerEvent> m_pending;
    std::chrono::steady_clock::time_point m_processStart = std::chrono::steady_clock::now();
    int m_quietFrames = 0;
    double m_lastFrame = 0, m_lastRetry = 0;
    int m_exitCode = 0;
    bool m_quit = false, m_firstFrame = true;
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

    platform::WindowOptions wo;
    wo.width = m_options.width;
    wo.height = m_options.height;
    wo.fullscreen = !m_options.windowed;
    wo.sizeGiven = m_options.sizeGiven;
    wo.title = "Gongkai";
    auto w = platform::Window::create(wo);
    if (!w) return w.error();
    m_window = std::move(w.value());
    std::string db = !m_options.dbPath.empty() ? m_options.dbPath : m_config.dbPath;
    m_worker = std::make_unique<DataWorker>(db, [] { platform::Window::wake(); });
    return okStatus();
}

// The first screen needs the data's character list for its fonts, so start
// waits for the first answer (a short read of a few small tables).
void App::loadFirstData() {
    if (!m_configError.empty()) {
        m_state.outOfService = true;
        m_state.outOfServiceReason = m_state.strings.format("oos.config", {m_configError});
        buildFonts({});
        return;
    }
    m_worker->request({DataRequest::Kind::Home, "", true});
    std::vector<char32_t> chars;
    for (int i = 0; i < 400 && !m_state.home.loaded && !m_state.outOfService; ++i) {
        m_window->waitEvents(0.025);
        for (auto& r : m_worker->takeResults()) {
            chars = std::move(r.characters);
            applyResult(std::move(r));
        }
    }
    buildFonts(chars);
}

void App::buildFonts(const std::vector<char32_t>& chars) {
    const Theme& t = m_state.theme;
    std::string extra = m_state.strings.allText() + m_state.home.info.siteName + m_state.outOfServiceReason +
                        m_state.outOfServiceDetail;
    int face = m_config.fontFace >= 0 ? m_config.fontFace : kDefaultFontFace;
    auto st = m_fonts.build(m_config.fontPath, face, chars, extra, {t.fontSmall, t.fontBody, t.fontTitle});
    if (!st) std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
    std::fprintf(stderr, "gongkai-kiosk: font atlas %d glyphs (%d rare characters left out) in %.2f s, %dx%d\n",
                 m_fonts.glyphCount(), m_fonts.droppedCharacters(), m_fonts.buildSeconds(),
                 ImGui::GetIO().Fonts->TexWidth, ImGui::GetIO().Fonts->TexHeight);
}

// [loop] -------------------------------------------------------------------

void App::applyResult(DataResult&& r) {
    m_quietFrames = 0;
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
        if (wasOut && !r.characters.empty() && !m_firstFrame) {  // recovered: new glyphs
            buildFonts(r.characters);
            m_window->refreshFontTexture();
        }
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
}

void App::carryOutIntents() {
    auto intents = std::move(m_state.intents);
    m_state.intents.clear();
    for (const Intent& i : intents) {
        m_quietFrames = 0;
        auto& routes = m_state.routes;
        switch (i.kind) {
        case Intent::Kind::OpenDomain: routes.push_back({ScreenId::Domain, i.id}); break;
        case Intent::Kind::OpenDocument: routes.push_back({ScreenId::Document, i.id}); break;
        case Intent::Kind::Back: if (routes.size() > 1) routes.pop_back(); break;
        case Intent::Kind::Home: routes.resize(1); break;
        case Intent::Kind::ScrollTo: case Intent::Kind::None: break;
        }
        openRoute(routes.back());
    }
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
}

bool App::settled() const {
    return m_quietFrames >= 3 && m_worker->idle() && !m_state.animating && m_pending.empty() &&
           !m_gestures.pressed();
}

// Replays the script's next step; false when it says quit.
bool App::playScript(double now, std::optional<std::string>& shot) {
    if (!m_player) return true;
    ScriptStep step = m_player->advance(now, settled());
    if (step.timedOut) std::fprintf(stderr, "gongkai-kiosk: script: the screen did not settle in time\n");
    for (const auto& e : step.events) m_window->inject(e);
    shot = step.screenshot;
    return !step.quit;
}

void App::takeScreenshot(const std::string& path) {
    auto img = m_window->readBackBuffer();  // before present(): the back buffer is this frame
    Status st = img ? platform::writePng(path, img.value()) : Status(img.error());
    if (st) return;
    std::fprintf(stderr, "gongkai-kiosk: screenshot: %s\n", st.error().message.c_str());
    m_exitCode = 1;
}

void App::pollData(double now) {
    for (auto& r : m_worker->takeResults()) applyResult(std::move(r));
    if (m_state.outOfService && m_configError.empty() && now - m_lastRetry > kRetrySeconds && m_worker->idle()) {
        m_lastRetry = now;
        m_worker->request({DataRequest::Kind::Home, "", true});
    }
}

bool App::frame() {
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
    m_window->beginFrame(m_gestures.position().x, m_gestures.position().y, m_gestures.pressed());
    ImGui::NewFrame();
    drawFrame(m_state);
    ImGui::Render();
    const Theme& t = m_state.theme;
    m_window->renderDrawData(Theme::red(t.background), Theme::green(t.background), Theme::blue(t.background));
    if (shot) takeScreenshot(*shot);
    m_window->present();
    if (m_firstFrame) {
        m_fonts.releaseBuildData();  // the backend uploaded the atlas during this frame
        double sinceStart = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_processStart).count();
        std::fprintf(stderr, "gongkai-kiosk: first frame %.3f s after start\n", sinceStart);
        m_firstFrame = false;
    }
    carryOutIntents();
    ++m_quietFrames;
    return !m_window->closeRequested();
}

void App::waitForEvents() {
    bool busy = m_state.animating || !m_pending.empty() || m_gestures.pressed() || !m_worker->idle();
    if (m_player && m_player->active()) m_window->waitEvents(busy || m_quietFrames < 3 ? 0 : 0.004);
    else if (busy || m_quietFrames < 3) m_window->waitEvents(1.0 / 60);
    else m_window->waitEvents(m_state.outOfService ? kRetrySeconds : kIdleWait);
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
        m_player = std::make_unique<ScriptPlayer>(std::move(cmds));
    }
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().LogFilename = nullptr;
    if (auto st = setup(); !st) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
        m_worker.reset();
        m_window.reset();
        ImGui::DestroyContext();
        return 1;
    }
    loadFirstData();
    m_lastFrame = m_lastRetry = m_window->time();
    while (frame()) waitForEvents();
    m_worker.reset();
    m_window.reset();
    ImGui::DestroyContext();
    return m_exitCode;
}

}  // namespace

int runApp(const Options& options) { return App(options).run(); }

}  // namespace gongkai::ui
