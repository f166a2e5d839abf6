// Sections: [setup] settings and polling; [fonts] first atlas, background
//           builds, swaps; [mode] elder mode and language; [data] Home, Poll,
//           Latest results and freshness; [idle]; [staff]; [dump].
#include "ui/app_system.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/request_text.h"
#include "core/staff_pin.h"
#include "platform/window.h"
#include "ui/overlay.h"

namespace gongkai::ui {
namespace {

constexpr double kDefaultPollSeconds = 3;
constexpr int kAttractNotices = 12;
constexpr int kPinTries = 5;
constexpr double kPinLockSeconds = 60;

double pick(double flag, double config, double fallback) { return flag > 0 ? flag : config > 0 ? config : fallback; }

}  // namespace

// [setup] ----------------------------------------------------------------------

SystemBehaviour::SystemBehaviour(const Options& o, const KioskConfig& c, AppState& s, FontSet& fonts)
    : m_options(o), m_config(c), m_s(s), m_fonts(fonts), m_baseTheme(s.theme) {
    m_idle.resetSeconds = pick(o.idleResetSeconds, c.idleResetSeconds, 90);
    m_idle.countdownSeconds = pick(o.idleCountdownSeconds, c.idleCountdownSeconds, 15);
    m_idle.attractSeconds = std::max(pick(o.attractSeconds, c.attractSeconds, 300), m_idle.resetSeconds);
    m_maxAgeSeconds = (c.maxDataAgeDays > 0 ? c.maxDataAgeDays : 30) * 86400.0;
    m_dbPath = !o.dbPath.empty() ? o.dbPath : c.dbPath;
    m_lineBoxPerEm = lineBoxPerEm(c.fontPath, c.fontFace >= 0 ? c.fontFace : kDefaultFontFace);
    s.elderMode = s.elderMode || o.elder || c.elderMode;
    applyMode();
}

void SystemBehaviour::attach(DataWorker& worker) {
    m_worker = &worker;
    std::string status = !m_options.syncStatusPath.empty() ? m_options.syncStatusPath
                       : !m_config.syncStatusPath.empty() ? m_config.syncStatusPath
                                                          : defaultSyncStatusPath(m_dbPath);
    worker.setPolling(pick(m_options.pollSeconds, m_config.pollSeconds, kDefaultPollSeconds), status);
}

// [fonts] ----------------------------------------------------------------------

FontRequest SystemBehaviour::fontRequest(const std::vector<char32_t>& chars, const std::vector<DomainSummary>& domains,
                                         const std::string& siteName) const {
    FontRequest r;
    r.path = m_config.fontPath;
    r.face = m_config.fontFace >= 0 ? m_config.fontFace : kDefaultFontFace;
    r.mirrorChars = chars;
    r.extraText = m_s.strings.allText() + siteName + m_s.outOfServiceReason + m_s.outOfServiceDetail;
    for (const auto& d : domains) {
        r.extraText += d.name;
        for (const auto& u : d.leadUnits) r.extraText += u;
    }
    for (const auto& p : m_s.popularSearches) r.extraText += p;
    if (m_s.desk.on) r.extraText += requestTextCharacters();  // the desk's labels and banners
    bakedSizes(m_baseTheme, m_lineBoxPerEm, r.baked);
    return r;
}

FontRequest SystemBehaviour::firstFontRequest(const DataResult* home) const {
    static const std::vector<DomainSummary> kNone;
    FontRequest first = home && home->ok() ? fontRequest(home->characters, home->domains, home->info.siteName)
                                           : fontRequest({}, kNone, "");
    if (home && !home->ok()) first.extraText += home->errorArg + home->errorDetail;  // the out-of-service screen
    first.maxMirrorChars = kFirstAtlasCharacters;
    first.fullSizes = m_s.elderMode ? 6u : 3u;  // standard draws from baked 0 and 1, elder from 1 and 2
    return first;
}

void SystemBehaviour::installFirstAtlas(BuiltAtlas first, const std::vector<char32_t>& chars) {
    m_texture = std::make_unique<platform::FontTexture>();
    platform::FontTexture::takeOverFromBackend();
    installAtlas(std::move(first));
    m_atlasChars = chars;
    // The full atlas follows off this thread (every size, every character),
    // once the first frame is out: it would compete with that frame for the
    // CPU, and its transient memory would add to the renderer's shader build.
    m_fullAtlas = fontRequest(chars, m_s.home.domains, m_s.home.info.siteName);
}

void SystemBehaviour::installAtlas(BuiltAtlas b) {
    if (!b.atlas) return;
    if (!b.error.empty()) std::fprintf(stderr, "gongkai-kiosk: %s\n", b.error.c_str());
    if (auto st = m_texture->upload(*b.atlas); !st) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
        return;
    }
    int w = b.atlas->TexWidth, h = b.atlas->TexHeight;
    m_fonts.install(std::move(b));
    std::fprintf(stderr, "gongkai-kiosk: font atlas %d: %d glyphs (%d rare characters left out) in %.2f s, %dx%d, one channel\n",
                 m_fonts.generation(), m_fonts.glyphCount(), m_fonts.droppedCharacters(), m_fonts.buildSeconds(), w, h);
    relayout();
}

// [mode] -----------------------------------------------------------------------

void SystemBehaviour::applyMode() {
    m_s.metrics = metricsFor(m_baseTheme, m_s.elderMode);
    m_s.theme = themeWithMetrics(m_baseTheme, m_s.metrics, m_lineBoxPerEm);
    m_fonts.setModeSizes(m_s.metrics.fonts, m_lineBoxPerEm, m_s.elderMode);
    relayout();
}

// Pages are laid out for one font size and language: build them again.
void SystemBehaviour::relayout() {
    for (PageScreenState* ui : {&m_s.homeUi, &m_s.domainUi, &m_s.documentUi}) {
        ui->builtFor.clear();
        ui->scroll.velocity = 0;
    }
}

bool SystemBehaviour::handle(const Intent& i) {
    switch (i.kind) {
    case Intent::Kind::ToggleElder:
        m_s.elderMode = !m_s.elderMode;
        applyMode();
        return true;
    case Intent::Kind::ToggleLanguage:
        if (auto st = m_s.strings.load(assetsDir(), m_s.strings.language() == "en" ? "zh-CN" : "en"); !st)
            std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
        relayout();
        return true;
    case Intent::Kind::StaffPin: tryPin(); return true;
    case Intent::Kind::StaffReload: requestHome(true); return true;
    case Intent::Kind::StaffExit: m_quit = true; return true;
    default: return false;
    }
}

// [data] -----------------------------------------------------------------------

void SystemBehaviour::requestHome(bool characters) {
    if (m_worker) m_worker->request({DataRequest::Kind::Home, "", characters});
}

void SystemBehaviour::onResult(const DataResult& r) {
    switch (r.request.kind) {
    case DataRequest::Kind::Home: onHome(r); break;
    case DataRequest::Kind::Latest: m_s.latest = r.documents; break;
    case DataRequest::Kind::Poll:
        m_syncStatus = r.syncStatus;
        m_mirrorSync = r.mirrorSync;
        if (r.digest != m_digest) requestHome(true);  // a new version, a repair, or a loss
        else m_s.freshness = assessFreshness(m_s.home.info, m_mirrorSync, m_syncStatus, std::time(nullptr), m_maxAgeSeconds);
        break;
    default: break;
    }
}

void SystemBehaviour::onHome(const DataResult& r) {
    m_digest = r.digest;
    m_syncStatus = r.syncStatus;
    m_mirrorSync = r.mirrorSync;
    if (!r.ok()) {
        m_s.freshness = {};
        m_s.freshness.update = assessUpdate(m_syncStatus.update, std::time(nullptr));  // an empty kiosk's USB stick
        if (m_s.lastGoodData.empty() && !m_syncStatus.lastSuccess.empty())
            m_s.lastGoodData = localTimeText(m_syncStatus.lastSuccess);
        return;
    }
    m_s.lastGoodData = localTimeText(r.info.updatedAt);
    m_s.freshness = assessFreshness(r.info, m_mirrorSync, m_syncStatus, std::time(nullptr), m_maxAgeSeconds);
    // New characters (a new version or a repaired mirror): a new atlas, built
    // off this thread; the first atlas comes from installFirstAtlas.
    if (m_texture && !r.characters.empty() && r.characters != m_atlasChars) {
        m_atlasChars = r.characters;
        m_fonts.startBuild(fontRequest(r.characters, r.domains, r.info.siteName), [] { platform::Window::wake(); });
    }
}

// [idle] -----------------------------------------------------------------------

void SystemBehaviour::beforeFrame(double now, bool pressed) {
    if (m_fullAtlas && m_framesBegun > 0) {  // the first frame has been presented
        m_fonts.startBuild(std::move(*m_fullAtlas), [] { platform::Window::wake(); });
        m_fullAtlas.reset();
    }
    ++m_framesBegun;
    if (BuiltAtlas b = m_fonts.takeFinished(); b.atlas) installAtlas(std::move(b));
    if (m_s.freshness.update.until > 0 && std::time(nullptr) >= m_s.freshness.update.until)  // the USB notice ends
        m_s.freshness.update = assessUpdate(m_syncStatus.update, std::time(nullptr));
    updateIdle(now, pressed);
    StaffState& st = m_s.staff;
    if (st.phase == StaffState::Phase::Closed && !overlayActive(m_s) && m_s.input.tap &&
        staffGesture(st, m_s.input.tap->x, m_s.input.tap->y, now, m_s.theme.headerHeight) &&
        !m_staffPinHash.empty()) {
        st.phase = StaffState::Phase::Pin;
        st.wrongPin = false;
        m_s.input = {};
    }
}

void SystemBehaviour::updateIdle(double now, bool pressed) {
    const FrameGestures& in = m_s.input;
    bool touched = in.tap || in.press || in.dragging || pressed || !m_s.keys.empty();
    if (m_swallow) {  // the touch that woke the kiosk does nothing else
        if (!touched) m_swallow = false;
        else m_s.input = {};
    }
    bool dirty = m_s.routes.size() > 1 || !m_s.search.text.empty() || m_s.staff.phase != StaffState::Phase::Closed;
    switch (gongkai::ui::updateIdle(m_s.idle, m_idle, now, touched, dirty)) {
    case IdleEvent::Continued:
    case IdleEvent::AttractLeft:
        m_swallow = true;
        m_s.input = {};
        break;
    case IdleEvent::Reset:
        closeStaff(m_s.staff);
        resetSession(m_s);
        relayout();
        break;
    case IdleEvent::AttractStarted:
        if (m_worker) {
            DataRequest latest{DataRequest::Kind::Latest, "", false};
            latest.generation = kAttractNotices;  // Latest: how many
            m_worker->request(std::move(latest));
        }
        break;
    default: break;
    }
}

double SystemBehaviour::secondsToNextChange(double now) const {
    if (m_fonts.building()) return 0.2;  // pick the new atlas up soon after it is done
    bool dirty = m_s.routes.size() > 1 || !m_s.search.text.empty() || m_s.staff.phase != StaffState::Phase::Closed;
    double next = secondsToNextIdleChange(m_s.idle, m_idle, now, dirty);
    if (std::time_t until = m_s.freshness.update.until; until > 0)  // the USB notice ends then
        next = std::min(next, std::max(0.5, double(until - std::time(nullptr))));
    return next;
}

bool SystemBehaviour::busy() const { return m_fullAtlas || m_fonts.building(); }

// [staff] ----------------------------------------------------------------------

void SystemBehaviour::tryPin() {
    StaffState& st = m_s.staff;
    if (m_s.now < st.lockedUntil) {
        closeStaff(st);
        return;
    }
    // Argon2id at the hash's own cost (about 0.1 s): once per PIN entry.
    bool ok = verifyStaffPin(m_staffPinHash, st.pin);
    std::string().swap(st.pin);
    closeStaff(st);
    if (!ok) {
        st.phase = StaffState::Phase::Pin;
        st.wrongPin = true;
        if (++st.failures >= kPinTries) st.failures = 0, st.lockedUntil = m_s.now + kPinLockSeconds;
        return;
    }
    st.failures = 0;
    st.phase = StaffState::Phase::Status;
    StaffStatus& ss = st.status;
    ss.dataVersion = m_s.home.info.mirrorVersion;
    ss.updatedAt = m_s.home.info.updatedAt;
    ss.lastAttempt = !m_syncStatus.lastAttempt.empty() ? m_syncStatus.lastAttempt : m_mirrorSync.lastAttempt;
    ss.lastSuccess = !m_syncStatus.lastSuccess.empty() ? m_syncStatus.lastSuccess : m_mirrorSync.lastSuccess;
    ss.syncError = !m_syncStatus.error.empty() ? m_syncStatus.error
                 : !m_syncStatus.readError.empty() ? m_syncStatus.readError : m_mirrorSync.lastError;
    fillDiskStatus(ss, m_dbPath);
}

int runHashPin() {
    std::string pin;
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') pin += static_cast<char>(c);
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    if (!validStaffPin(pin)) {
        std::fprintf(stderr, "gongkai-kiosk: the PIN must be %d to %d digits\n", kStaffPinMinDigits,
                     kStaffPinMaxDigits);
        return 2;
    }
    std::string hash = hashStaffPin(pin);
    if (hash.empty()) return 1;
    std::printf("staff_pin_hash = \"%s\"\n", hash.c_str());
    return 0;
}

// [dump] -----------------------------------------------------------------------

nlohmann::json SystemBehaviour::dumpJson() const {
    const char* phases[] = {"active", "countdown", "attract"};
    const char* staff[] = {"closed", "pin", "status"};
    nlohmann::json j;
    j["elder"] = m_s.elderMode;
    j["language"] = m_s.strings.language();
    j["idle"] = {{"phase", phases[static_cast<int>(m_s.idle.phase)]}, {"resets", m_s.idle.resets},
                 {"idle_seconds", m_s.now - m_s.idle.lastInput}, {"reset_after", m_idle.resetSeconds}};
    j["staff"] = staff[static_cast<int>(m_s.staff.phase)];
    j["staff_pin_length"] = m_s.staff.pin.size();
    j["out_of_service"] = m_s.outOfService;
    j["last_good_data"] = m_s.lastGoodData;
    j["freshness"] = m_s.freshness.warn ? m_s.freshness.key : "";
    const UpdateNotice& usb = m_s.freshness.update;  // the USB update's banner ("" none) and the file's state
    j["update"] = {{"banner", usb.key}, {"text", usb.key.empty() ? "" : m_s.strings.format(usb.key, {usb.arg})},
                   {"state", usb.last.state}, {"error", usb.last.error}};
    j["imgui_text"] = imguiHeldText();
    j["imgui_active_id"] = ImGui::GetCurrentContext() ? GImGui->ActiveId : 0;
    j["font"] = {{"generation", m_fonts.generation()}, {"glyphs", m_fonts.glyphCount()},
                 {"texture_bytes", m_texture ? m_texture->textureBytes() : 0u},
                 {"cpu_pixels", ImGui::GetIO().Fonts->TexPixelsAlpha8 != nullptr ||
                                    ImGui::GetIO().Fonts->TexPixelsRGBA32 != nullptr}};
    const Metrics& m = m_s.metrics;
    j["metrics"] = {{"small", m.fonts.small}, {"body", m.fonts.body}, {"title", m.fonts.title},
                    {"line_box_per_em", m_lineBoxPerEm},
                    {"line_spacing", m.lineSpacing}, {"min_target", m.minTarget}, {"nav_height", m.navHeight},
                    {"header_height", m.headerHeight}, {"banner_height", m.bannerHeight}, {"gap", m.gap},
                    {"margin", m.margin}};
    return j;
}

}  // namespace gongkai::ui
