#include "ui/app_request.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/kiosk_keys.h"
#include "core/request_json.h"
#include "ui/request_flow.h"

namespace gongkai::ui {

namespace {

std::string outboxPathFor(const Options& o, const KioskConfig& c, const std::string& dbPath) {
    if (!o.outboxPath.empty()) return o.outboxPath;
    if (!c.outboxPath.empty()) return c.outboxPath;
    std::filesystem::path dir = std::filesystem::path(dbPath).parent_path();
    return (dir.empty() ? std::filesystem::path("outbox.db") : dir / "outbox.db").string();
}

}  // namespace

RequestDesk::RequestDesk(const Options& o, const KioskConfig& c, const std::string& dbPath, AppState& s) : m_s(s) {
    std::string key = !o.kioskKey.empty() ? o.kioskKey : c.kioskKey;
    std::string id = !o.kioskId.empty() ? o.kioskId : c.kioskId;
    if (key.empty() && id.empty()) return;  // this kiosk takes no requests: the apply page says so
    auto maker = RequestMaker::open(key, id, outboxPathFor(o, c, dbPath));
    if (!maker) {
        std::fprintf(stderr, "gongkai-kiosk: requests: %s (the request form is off)\n", maker.error().message.c_str());
        return;
    }
    m_maker = std::move(maker.value());
    m_s.request.draft.kioskId = m_maker->kioskId();
    m_s.requestsAvailable = true;
}

bool RequestDesk::handle(const Intent& i) {
    RequestState& r = m_s.request;
    auto& routes = m_s.routes;
    switch (i.kind) {
    case Intent::Kind::StartRequest: start(i); return true;
    case Intent::Kind::RequestChoose:
        chooseRequestOption(r, i.id, m_s.pages.agencies);
        return true;
    case Intent::Kind::RequestNext:
        suggestAgency(r, m_s.pages.agencies);
        if (stepComplete(r, r.step) && r.step < RequestStep::Review) r.step = nextStep(r.step), m_s.requestUi = {};
        return true;
    case Intent::Kind::RequestBack:
        if (r.step == RequestStep::What || r.step == RequestStep::Slip) {
            if (routes.size() > 1) routes.pop_back();  // out of the flow; the draft stays until reset
        } else {
            r.step = previousStep(r.step), m_s.requestUi = {};
        }
        return true;
    case Intent::Kind::RequestMake: make(); return true;
    case Intent::Kind::RequestDone:
        clearRequest(r);
        routes.resize(1);
        return true;
    default: return false;
    }
}

void RequestDesk::start(const Intent& i) {
    if (!m_maker) return;
    RequestState& r = m_s.request;
    const auto& agencies = m_s.pages.agencies;
    if (i.recordType == "document" && m_s.document.id == i.id && m_s.document.loaded) {
        startRequestFromDocument(r, m_s.document.document, agencies);
    } else if (i.recordType == "catalog_item") {
        const CatalogItem* item = nullptr;
        for (const auto& it : m_s.domain.items)
            if (it.id == i.id) item = &it;
        if (!item) return;
        startRequestFromCatalogItem(r, *item, agencies);
    } else {
        startRequestBlank(r);
    }
    m_s.requestUi = {};
    if (m_s.route().screen != ScreenId::Request) m_s.routes.push_back({ScreenId::Request, i.id});
}

void RequestDesk::make() {
    RequestState& r = m_s.request;
    if (!m_maker || r.step != RequestStep::Review || !stepComplete(r, RequestStep::Review)) return;
    auto made = m_maker->make(r.draft, std::chrono::system_clock::now());
    if (!made) {
        std::fprintf(stderr, "gongkai-kiosk: request: %s\n", made.error().message.c_str());
        r.error = "request.make_failed";
        return;
    }
    r.draft = std::move(made->request);
    r.slipText = std::move(made->text);
    r.qr = std::move(made->qr);
    r.error.clear();
    r.step = RequestStep::Slip;
    m_s.requestUi = {};
}

void setUpStaffDesk(const std::vector<std::string>& trust, const std::string& dbPath, AppState& s) {
    s.desk.on = true;
    s.routes = {Route{ScreenId::Desk, ""}};
    KioskKeyring keys;
    std::string problem;
    if (!dbPath.empty())
        if (auto n = keys.addFromMirror(dbPath); !n) problem = n.error().message;
    for (const auto& spec : trust)
        if (auto st = keys.addTrustedFile(spec); !st && problem.empty()) problem = st.error().message;
    if (problem.empty() && keys.size() == 0) problem = "no kiosk keys: give --db MIRROR or --trust FILE.pub";
    for (const auto& w : keys.warnings()) std::fprintf(stderr, "gongkai-kiosk: desk: %s\n", w.c_str());
    if (!problem.empty()) std::fprintf(stderr, "gongkai-kiosk: desk: %s\n", problem.c_str());
    s.desk.keyProblem = problem;
    s.desk.lookup = keys.lookup();
}

nlohmann::json requestDumpJson(const AppState& s) {
    const RequestState& r = s.request;
    nlohmann::json j = {{"available", s.requestsAvailable}, {"active", r.active}, {"step", stepNumber(r.step)},
                        {"from", r.fromRecord}, {"slip", r.slipText}, {"error", r.error},
                        {"chars_left", descriptionCharsLeft(r, s.pages.agencies)}, {"qr_version", r.qr.version}};
    j["draft"] = requestToJson(r.draft);
    if (s.desk.on) {
        nlohmann::json scans = nlohmann::json::array();
        for (const auto& scan : s.desk.scans)
            scans.push_back({{"id", scan.id}, {"headline", scan.headline}, {"emphasis", static_cast<int>(scan.overall)}});
        j["desk"] = {{"scans", scans}, {"typing", s.desk.typing.size()}, {"key_problem", s.desk.keyProblem}};
    }
    return j;
}

}  // namespace gongkai::ui
