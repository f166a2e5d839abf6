// The test portal (test_portal.h). Sections: set-up and stop; the script;
// checking a post; handling a post; what the tests read.
#include "sync/test_portal.h"

#include <httplib.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/slip.h"

namespace gongkai::test {

// ---- set-up and stop ---------------------------------------------------------

TestPortal::TestPortal() : m_server(std::make_unique<httplib::Server>()) {
    static std::once_flag ignoreSigpipe;  // httplib writes without MSG_NOSIGNAL
    std::call_once(ignoreSigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
    m_server->set_keep_alive_timeout(1);
    m_server->Post("/api/requests", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0) throw std::runtime_error("TestPortal: cannot bind a port on 127.0.0.1");
    auto ended = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::thread([this, ended] {
        m_server->listen_after_bind();
        ended->store(true);
    });
    while (!m_server->is_running() && !ended->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!m_server->is_running()) {
        m_thread.join();
        throw std::runtime_error("TestPortal: the listener ended at once");
    }
}

TestPortal::~TestPortal() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();  // httplib joins its workers before listen returns
}

std::string TestPortal::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void TestPortal::addKiosk(const std::string& kioskId, const feed::PublicKey& key) {
    std::lock_guard lock(m_mutex);
    m_kiosks[kioskId] = key;
}

// ---- the script ----------------------------------------------------------------

void TestPortal::queue(int count, const Fault& fault) {
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < count; ++i) m_faults.push_back(fault);
}

void TestPortal::failNext(int count, int status) { queue(count, {FaultKind::Fail, status, {}, "test portal failure"}); }
void TestPortal::silentNext(int count, std::chrono::milliseconds pause) { queue(count, {FaultKind::Silent, 0, pause, {}}); }
void TestPortal::loseAnswerNext(int count, std::chrono::milliseconds pause) {
    queue(count, {FaultKind::LoseAnswer, 0, pause, {}});
}
void TestPortal::refuseNext(int count, int status, const std::string& error) {
    queue(count, {FaultKind::Refuse, status, {}, error});
}

void TestPortal::setDelay(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    m_delay = delay;
}

void TestPortal::pauseFor(std::chrono::milliseconds pause) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, pause, [this] { return m_stopping; });
}

// ---- checking a post -------------------------------------------------------------

std::optional<TestPortal::Refusal> TestPortal::check(const httplib::Request& req, std::string& channel) const {
    std::string key = req.get_header_value("Idempotency-Key");
    if (key.empty()) return Refusal{400, "no Idempotency-Key"};
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("id") || !body["id"].is_string())
        return Refusal{400, "the body is not a JSON object with an \"id\""};
    if (body["id"] != key) return Refusal{400, "the body's id is not the Idempotency-Key"};
    if (body.contains("channel") && body["channel"].is_string()) channel = body["channel"].get<std::string>();
    std::map<std::string, feed::PublicKey> kiosks;
    {
        std::lock_guard lock(m_mutex);
        kiosks = m_kiosks;
    }
    if (req.has_header("Gongkai-Signature")) {
        std::string sig = req.get_header_value("Gongkai-Signature");
        auto colon = sig.find(':');
        const feed::PublicKey* signer = nullptr;
        for (const auto& [id, pub] : kiosks)
            if (colon != std::string::npos && pub.id() == sig.substr(0, colon)) signer = &pub;
        if (!signer) return Refusal{403, "Gongkai-Signature: unknown key"};
        if (!feed::verifyDetached(*signer, req.body, sig.substr(colon + 1)))
            return Refusal{403, "Gongkai-Signature: the signature does not match the body"};
    }
    if (!body.contains("slip") || !body["slip"].is_string()) return Refusal{422, "no slip"};
    auto decoded = decodeSlip(body["slip"].get<std::string>(), [&kiosks](const std::string& kioskId) {
        auto it = kiosks.find(kioskId);
        return it == kiosks.end() ? std::optional<SlipPublicKey>() : std::optional<SlipPublicKey>(it->second.bytes);
    });
    if (!decoded) return Refusal{422, "the slip does not decode: " + decoded.error().message};
    if (decoded.value().verification != SlipVerification::Verified)
        return Refusal{422, "the slip is not verified: " + slipVerificationName(decoded.value().verification)};
    if (decoded.value().request.id != key) return Refusal{422, "the slip's request id is not the Idempotency-Key"};
    return std::nullopt;
}

// ---- handling a post ----------------------------------------------------------------

void TestPortal::answer(httplib::Response& res, const std::string& key, int status, const std::string& json,
                        const std::string& error, bool heard) {
    res.status = status;
    res.set_content(json, "application/json");
    std::lock_guard lock(m_mutex);
    m_posts.push_back({key, heard ? status : 0, error});
}

void TestPortal::handle(const httplib::Request& req, httplib::Response& res) {
    std::string key = req.get_header_value("Idempotency-Key");
    std::optional<Fault> fault;
    std::chrono::milliseconds delay;
    {
        std::lock_guard lock(m_mutex);
        delay = m_delay;
        ++m_received;
        if (!m_faults.empty()) {
            fault = m_faults.front();
            m_faults.pop_front();
        }
    }
    if (delay.count() > 0) pauseFor(delay);
    if (fault && fault->kind == FaultKind::Fail)
        return answer(res, key, fault->status, nlohmann::json{{"error", fault->error}}.dump(), fault->error);
    if (fault && fault->kind == FaultKind::Refuse)
        return answer(res, key, fault->status, nlohmann::json{{"error", fault->error}}.dump(), fault->error);
    if (fault && fault->kind == FaultKind::Silent) {
        pauseFor(fault->pause);
        return answer(res, key, 503, R"({"error":"too late"})", "silent", false);
    }
    std::string channel;
    if (auto refusal = check(req, channel))
        return answer(res, key, refusal->status, nlohmann::json{{"error", refusal->error}}.dump(), refusal->error);
    int status = 200;
    std::string portalId;
    {
        std::lock_guard lock(m_mutex);
        auto [it, created] = m_requests.try_emplace(key);
        PortalRequest& r = it->second;
        if (created) {
            char id[16];
            std::snprintf(id, sizeof id, "P-%06zu", m_requests.size());
            r = {key, id, req.body, {}, 0};
            status = 201;
        }
        if (!channel.empty()) r.channels.insert(channel);
        ++r.posts;
        portalId = r.portalId;
    }
    if (fault && fault->kind == FaultKind::LoseAnswer) {
        pauseFor(fault->pause);
        return answer(res, key, status, nlohmann::json{{"id", portalId}}.dump(), "answer lost", false);
    }
    answer(res, key, status, nlohmann::json{{"id", portalId}}.dump(), "");
}

// ---- what the tests read ------------------------------------------------------------

std::size_t TestPortal::postCount() const {
    std::lock_guard lock(m_mutex);
    return m_received;
}

std::size_t TestPortal::requestCount() const {
    std::lock_guard lock(m_mutex);
    return m_requests.size();
}

std::optional<PortalRequest> TestPortal::request(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_requests.find(id);
    if (it == m_requests.end()) return std::nullopt;
    return it->second;
}

std::vector<PortalPostLog> TestPortal::posts() const {
    std::lock_guard lock(m_mutex);
    return m_posts;
}

}  // namespace gongkai::test
