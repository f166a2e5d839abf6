// TestPortal: the county portal's request API (DESIGN.md "Portal HTTP API
// for requests") as a real HTTP server on 127.0.0.1 (cpp-httplib), for the
// upload tests and for `gongkai request decode --submit URL`.
//
//   test::TestPortal portal;                        // listening when this returns
//   portal.addKiosk("kiosk-1", keys.pub);           // kiosk id -> its public key
//   ... POST portal.url() + "/api/requests" ...
//   CHECK(portal.requestCount() == 1);              // distinct requests held
//   CHECK(portal.postCount() == 3);                 // posts received
//
// POST /api/requests, checked in this order:
//   1. a scripted fault, if one is queued (failNext / silentNext / loseAnswerNext
//      / refuseNext; the oldest queued first);
//   2. Idempotency-Key present; the body a JSON object whose "id" equals it;
//   3. Gongkai-Signature, when present: "<keyid>:<base64>", keyid one of the
//      known kiosks' PublicKey::id(), a valid Ed25519 signature of the body;
//   4. the body's "slip" decodes (decodeSlip) and verifies against the
//      known kiosk keys, and its request id equals "id";
//   any failure of 2-4: 4xx with {"error": "..."}; nothing is stored.
//   5. a new id: stored, 201 {"id": "<portal id>"}; an id already held: 200
//      {"id": "<the same portal id>"} (the first body is kept; each post's
//      "channel" is added to the request's channels).
// Other paths: 404.
//
// Threads: handlers run on httplib's workers; every method may be called from
// any thread. The destructor wakes silent handlers, stops the listener and
// joins every worker. Throws std::runtime_error if it cannot bind.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "feed/keys.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace gongkai::test {

struct PortalRequest {
    std::string id;                    // the request id (Idempotency-Key)
    std::string portalId;              // "P-000001", ...
    std::string body;                  // the first body received
    std::set<std::string> channels;    // "kiosk", "counter": every post's "channel"
    int posts = 0;                     // accepted posts of this id (201 + 200s)
};

struct PortalPostLog {
    std::string idempotencyKey;
    int status = 0;                    // 0: no answer (silence, a lost answer)
    std::string error;                 // the "error" answered, if any
};

class TestPortal {
public:
    TestPortal();
    ~TestPortal();
    TestPortal(const TestPortal&) = delete;
    TestPortal& operator=(const TestPortal&) = delete;

    std::string url() const;  // "http://127.0.0.1:PORT" (the base: POST url() + "/api/requests")
    void addKiosk(const std::string& kioskId, const feed::PublicKey& key);

    // Scripted faults for the next `count` posts.
    void failNext(int count, int status = 500);  // answer `status`, store nothing
    // Stay silent for `pause` (longer than the client's timeout), storing nothing.
    void silentNext(int count, std::chrono::milliseconds pause);
    // Store the request, then stay silent for `pause`: an answer lost on the way.
    void loseAnswerNext(int count, std::chrono::milliseconds pause);
    void refuseNext(int count, int status = 422, const std::string& error = "refused by the test portal");
    // Every post waits this long before it is handled (to widen crash windows).
    void setDelay(std::chrono::milliseconds delay);

    std::size_t postCount() const;     // POSTs to /api/requests received
    std::size_t requestCount() const;  // distinct requests held
    std::optional<PortalRequest> request(const std::string& id) const;
    std::vector<PortalPostLog> posts() const;

private:
    enum class FaultKind { Fail, Silent, LoseAnswer, Refuse };
    struct Fault {
        FaultKind kind;
        int status = 0;
        std::chrono::milliseconds pause{0};
        std::string error;
    };
    struct Refusal {
        int status;
        std::string error;
    };
    void queue(int count, const Fault& fault);
    void handle(const httplib::Request& req, httplib::Response& res);
    std::optional<Refusal> check(const httplib::Request& req, std::string& channel) const;
    void pauseFor(std::chrono::milliseconds pause);
    // heard = false: the client had given up (the log says status 0).
    void answer(httplib::Response& res, const std::string& key, int status, const std::string& json,
                const std::string& error, bool heard = true);

    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;

    mutable std::mutex m_mutex;  // guards everything below
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::map<std::string, feed::PublicKey> m_kiosks;
    std::deque<Fault> m_faults;
    std::chrono::milliseconds m_delay{0};
    std::map<std::string, PortalRequest> m_requests;
    std::vector<PortalPostLog> m_posts;
    std::size_t m_received = 0;
};

}  // namespace gongkai::test
