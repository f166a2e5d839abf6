// gongkai-sync's upload of the outbox (client/uploader.h) against a real
// portal on 127.0.0.1 (test_portal.h): delivered once; 5xx, silence and a
// lost answer retried with backoff; 4xx settled for good; SIGKILL of the real
// binary mid-upload; the counter's scans and the kiosk's upload are one request.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <ctime>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "client/status_file.h"
#include "client/uploader.h"
#include "core/request_json.h"
#include "net/portal_client.h"
#include "support/temp_dir.h"
#include "sync/fault_server.h"
#include "sync/outbox_fixture.h"
#include "sync/process_runner.h"
#include "sync/test_portal.h"

using namespace gongkai;
using namespace std::chrono_literals;
using test::TempDir;

namespace {

constexpr std::int64_t kNow = 1795000000;

// A kiosk's outbox, the portal, and a clock the test moves.
struct UploadRig {
    TempDir dir;
    test::TestKiosk kiosk;
    test::TestPortal portal;
    std::int64_t now = kNow;
    std::vector<std::string> log;
    sync::UploadOptions options;

    UploadRig() {
        portal.addKiosk(kiosk.id, kiosk.keys.pub);
        options.outboxPath = dir.file("outbox.db");
        options.portalUrl = portal.url();
        options.connectSeconds = 2;
        options.totalSeconds = 5;
        options.clock = [this] { return now; };
        options.random = [] { return 0.5; };  // jitter factor 1.0: delays are exact
    }
    Outbox outbox() {
        auto box = Outbox::open(options.outboxPath);
        REQUIRE(box.ok());
        return std::move(box.value());
    }
    // Adds a request as the kiosk does; returns its id.
    std::string add(int n) {
        OutboxEntry e = kiosk.entry(kiosk.request(n, now + n));
        REQUIRE(outbox().add(e).ok());
        return e.id;
    }
    sync::UploadReport run() {
        sync::SyncLog sink([this](const std::string& line) { log.push_back(line); });
        return sync::uploadOutbox(options, sink);
    }
    OutboxEntry entry(const std::string& id) {
        auto found = outbox().find(id);
        REQUIRE(found.ok());
        REQUIRE(found.value().has_value());
        return *found.value();
    }
};

}  // namespace

TEST_CASE("upload: each pending request is delivered once with the portal's id", "[upload]") {
    UploadRig rig;
    std::vector<std::string> ids{rig.add(1), rig.add(2), rig.add(3)};
    auto first = rig.run();
    CHECK(first.ok());
    CHECK(first.posted == 3);
    CHECK(first.delivered == 3);
    CHECK(first.counts.delivered == 3);
    CHECK(first.counts.pending == 0);
    CHECK_FALSE(first.nextDue.has_value());
    for (const auto& id : ids) {
        auto held = rig.portal.request(id);
        REQUIRE(held.has_value());
        CHECK(rig.entry(id).portalId == held->portalId);
        CHECK(rig.entry(id).state == OutboxState::Delivered);
        CHECK(held->channels == std::set<std::string>{"kiosk"});
    }
    rig.now += 86400;
    auto second = rig.run();
    CHECK(second.posted == 0);
    CHECK(rig.portal.postCount() == 3);
    CHECK(rig.portal.requestCount() == 3);
}

TEST_CASE("upload: a 5xx is retried after the backoff and not before, then delivered", "[upload]") {
    UploadRig rig;
    std::string id = rig.add(1);
    rig.portal.failNext(2, 503);
    auto r1 = rig.run();
    CHECK(r1.retrying == 1);
    CHECK_FALSE(r1.ok());
    OutboxEntry e = rig.entry(id);
    CHECK(e.attempts == 1);
    CHECK(e.nextAttempt == rig.now + 30);
    CHECK_THAT(e.lastError, Catch::Contains("HTTP 503"));
    REQUIRE(r1.nextDue.has_value());
    CHECK(*r1.nextDue == e.nextAttempt);

    rig.now = e.nextAttempt - 1;  // not yet due
    CHECK(rig.run().posted == 0);
    rig.now = e.nextAttempt;
    auto r2 = rig.run();
    CHECK(r2.retrying == 1);
    CHECK(rig.entry(id).nextAttempt == rig.now + 60);  // doubled

    rig.now += 59;
    CHECK(rig.run().posted == 0);
    rig.now += 1;
    auto r3 = rig.run();
    CHECK(r3.delivered == 1);
    CHECK(rig.entry(id).state == OutboxState::Delivered);
    CHECK(rig.portal.postCount() == 3);
    CHECK(rig.portal.requestCount() == 1);
}

TEST_CASE("upload: a silent portal times out, is retried later and then delivered", "[upload]") {
    UploadRig rig;
    rig.options.totalSeconds = 0.5;
    std::string id = rig.add(1);
    rig.portal.silentNext(1, 1500ms);
    auto started = std::chrono::steady_clock::now();
    auto r1 = rig.run();
    CHECK(std::chrono::steady_clock::now() - started < 1400ms);  // the client gave up, not the server
    CHECK(r1.retrying == 1);
    CHECK(rig.entry(id).state == OutboxState::Pending);
    CHECK(rig.portal.requestCount() == 0);
    rig.now = rig.entry(id).nextAttempt;
    auto r2 = rig.run();
    CHECK(r2.delivered == 1);
    CHECK(rig.portal.requestCount() == 1);
    CHECK(rig.entry(id).state == OutboxState::Delivered);
}

TEST_CASE("upload: a 4xx settles the request as refused with the portal's reason, never retried", "[upload]") {
    UploadRig rig;
    std::string scripted = rig.add(1);
    OutboxEntry tampered = rig.kiosk.entry(rig.kiosk.request(2, rig.now + 100));  // after `scripted`
    tampered.body.replace(tampered.body.find("县民政局"), std::string("县民政局").size(), "县财政局");
    REQUIRE(rig.outbox().add(tampered).ok());
    rig.portal.refuseNext(1, 422, "no such agency");
    auto r1 = rig.run();
    CHECK(r1.refused == 2);
    CHECK(r1.ok());  // settled: nothing left to do
    CHECK(r1.counts.refused == 2);
    CHECK_THAT(rig.entry(scripted).lastError, Catch::Contains("422") && Catch::Contains("no such agency"));
    CHECK_THAT(rig.entry(tampered.id).lastError, Catch::Contains("403") && Catch::Contains("signature"));
    rig.now += 30 * 86400;
    CHECK(rig.run().posted == 0);
    CHECK(rig.portal.postCount() == 2);
    CHECK(rig.portal.requestCount() == 0);
}

TEST_CASE("upload: an earlier upload whose answer was lost is answered 200 and delivered, still one request", "[upload]") {
    UploadRig rig;
    rig.options.totalSeconds = 0.5;
    std::string id = rig.add(1);
    rig.portal.loseAnswerNext(1, 1500ms);
    auto r1 = rig.run();
    CHECK(r1.retrying == 1);
    CHECK(rig.portal.requestCount() == 1);  // the portal has it; the kiosk does not know
    rig.now = rig.entry(id).nextAttempt;
    auto r2 = rig.run();
    CHECK(r2.alreadyThere == 1);
    CHECK(r2.counts.delivered == 1);
    auto held = rig.portal.request(id);
    REQUIRE(held.has_value());
    CHECK(held->posts == 2);
    CHECK(rig.entry(id).portalId == held->portalId);
    CHECK(rig.portal.requestCount() == 1);
}

TEST_CASE("upload: the backoff doubles from 30 s to at most an hour, with jitter", "[upload]") {
    CHECK(sync::retryDelaySeconds(1, 0.5) == 30);
    CHECK(sync::retryDelaySeconds(2, 0.5) == 60);
    CHECK(sync::retryDelaySeconds(3, 0.5) == 120);
    CHECK(sync::retryDelaySeconds(7, 0.5) == 1920);
    CHECK(sync::retryDelaySeconds(8, 0.5) == 3600);
    CHECK(sync::retryDelaySeconds(1000, 0.5) == 3600);
    CHECK(sync::retryDelaySeconds(1, 0.0) == 24);
    CHECK(sync::retryDelaySeconds(1, 0.999) == 36);
    CHECK(sync::retryDelaySeconds(9, 0.999) == 3600);  // never above an hour
    CHECK(sync::retryDelaySeconds(0, 0.5) == 30);
    for (int attempts = 1; attempts < 12; ++attempts)
        CHECK(sync::retryDelaySeconds(attempts + 1, 0.0) >= sync::retryDelaySeconds(attempts, 0.0));
}

TEST_CASE("upload: a missing outbox is not an error and is not created", "[upload]") {
    UploadRig rig;
    auto r = rig.run();
    CHECK_FALSE(r.outboxFound);
    CHECK(r.ok());
    CHECK(r.posted == 0);
    CHECK_FALSE(std::filesystem::exists(rig.options.outboxPath));
}

TEST_CASE("upload: the stop flag abandons the run between requests", "[upload]") {
    UploadRig rig;
    for (int i = 0; i < 4; ++i) rig.add(i);
    std::atomic<bool> stop{false};
    rig.options.stop = &stop;
    sync::SyncLog sink([&stop](const std::string& line) {
        if (line.find("delivered") != std::string::npos) stop = true;  // SIGTERM after the first
    });
    auto r = sync::uploadOutbox(rig.options, sink);
    CHECK(r.abandoned);
    CHECK(r.posted == 1);
    CHECK(r.counts.delivered == 1);
    CHECK(r.counts.pending == 3);
    CHECK(rig.portal.postCount() == 1);
}

TEST_CASE("upload: SIGKILL of gongkai-sync during uploads loses and duplicates nothing", "[upload][slow]") {
    UploadRig rig;
    constexpr int kBefore = 24, kDuring = 16, kRequests = kBefore + kDuring;
    std::vector<std::string> ids;
    for (int i = 0; i < kBefore; ++i) ids.push_back(rig.add(i));
    // The kiosk keeps adding requests while gongkai-sync marks (two writers, WAL).
    std::vector<OutboxEntry> later;
    for (int i = 0; i < kDuring; ++i) later.push_back(rig.kiosk.entry(rig.kiosk.request(kBefore + i, rig.now + 1000 + i)));
    for (const auto& e : later) ids.push_back(e.id);
    std::atomic<int> addFailures{0};
    std::thread kioskThread([&later, &addFailures, path = rig.options.outboxPath] {
        auto box = Outbox::open(path);
        for (const auto& e : later) {
            std::this_thread::sleep_for(60ms);
            if (!box || !box.value().add(e)) ++addFailures;
        }
    });
    rig.portal.setDelay(40ms);  // each post takes a while: kills land mid-post and between marks
    std::vector<std::string> args{"--once", "--outbox", rig.options.outboxPath, "--portal", rig.portal.url(),
                                  "--db", rig.dir.file("mirror.db")};
    std::mt19937 rng(20261128);
    std::uniform_int_distribution<int> wait(20, 250);
    int killed = 0, rounds = 0;
    // Kill runs until the outbox is empty (each run delivers a few requests first).
    while (rig.outbox().counts().value().pending > 0 && rounds < 60) {
        ++rounds;
        test::Process p(test::gongkaiSyncPath(), args);
        std::this_thread::sleep_for(std::chrono::milliseconds(wait(rng)));
        p.signal(SIGKILL);
        auto exit = p.wait(10s);
        REQUIRE_FALSE(exit.timedOut);
        if (exit.signal == SIGKILL) ++killed;
    }
    kioskThread.join();
    CHECK(addFailures == 0);
    auto last = test::runProcess(test::gongkaiSyncPath(), args, 60s);
    CHECK(last.exit.exited);
    CHECK(last.exit.code == 0);
    CHECK(killed >= 5);
    auto counts = rig.outbox().counts().value();
    CHECK(counts.delivered == kRequests);
    CHECK(counts.pending == 0);
    CHECK(rig.portal.requestCount() == kRequests);  // none lost, none duplicated
    for (const auto& id : ids) {
        auto held = rig.portal.request(id);
        REQUIRE(held.has_value());
        CHECK(rig.entry(id).portalId == held->portalId);
    }
    CHECK(rig.portal.postCount() >= kRequests);
    WARN("upload crash tally: " << killed << " kills in " << rounds << " runs, " << rig.portal.postCount()
                                << " posts for " << kRequests << " requests, " << rig.portal.requestCount()
                                << " held by the portal");
    CHECK(rig.portal.postCount() < static_cast<std::size_t>(kRequests + rounds + 1));  // at most one re-post per run
}

TEST_CASE("upload: two counter scans plus the kiosk's own upload make exactly one request at the portal", "[upload]") {
    UploadRig rig;
    DisclosureRequest request = rig.kiosk.request(1, rig.now);
    OutboxEntry entry = rig.kiosk.entry(request);
    REQUIRE(rig.outbox().add(entry).ok());
    for (int scan = 0; scan < 2; ++scan) {  // staff scan the slip twice and submit it
        sync::PortalPost post;
        post.portalUrl = rig.portal.url();
        post.body = uploadBody(request, entry.slip, UploadChannel::Counter);
        post.idempotencyKey = request.id;
        auto reply = sync::postRequest(post);
        CHECK(reply.kind == (scan == 0 ? sync::PortalReply::Kind::Created : sync::PortalReply::Kind::AlreadyThere));
    }
    auto run = test::runProcess(test::gongkaiSyncPath(),
                                {"--once", "--outbox", rig.options.outboxPath, "--portal", rig.portal.url(),
                                 "--status-file", rig.dir.file("sync-status.json")},
                                30s);
    CHECK(run.exit.exited);
    CHECK(run.exit.code == 0);
    CHECK_THAT(run.err, Catch::Contains("already there"));
    CHECK(rig.portal.requestCount() == 1);
    auto held = rig.portal.request(request.id);
    REQUIRE(held.has_value());
    CHECK(held->posts == 3);
    CHECK(held->channels == std::set<std::string>{"counter", "kiosk"});
    CHECK(rig.entry(request.id).state == OutboxState::Delivered);
    CHECK(rig.entry(request.id).portalId == held->portalId);
    auto status = nlohmann::json::parse(test::readFile(rig.dir.file("sync-status.json")), nullptr, false);
    REQUIRE(status.is_object());
    CHECK(status["outbox"]["delivered"] == 1);
    CHECK(status["outbox"]["pending"] == 0);
    CHECK(status["outbox"]["error"] == "");
}

TEST_CASE("upload: gongkai-sync --once with a portal and no outbox file yet succeeds and makes no request", "[upload]") {
    UploadRig rig;
    auto run = test::runProcess(test::gongkaiSyncPath(),
                                {"--once", "--outbox", rig.options.outboxPath, "--portal", rig.portal.url(),
                                 "--status-file", rig.dir.file("sync-status.json")},
                                30s);
    CHECK(run.exit.exited);
    CHECK(run.exit.code == 0);
    CHECK_THAT(run.err, Catch::Contains("no outbox yet"));
    CHECK(rig.portal.postCount() == 0);
    CHECK_FALSE(std::filesystem::exists(rig.options.outboxPath));
}

TEST_CASE("upload: the daemon uploads at start and on SIGHUP, and wakes for a retry long before its interval", "[upload][slow]") {
    UploadRig rig;
    test::writeFile(rig.dir.file("gongkai.toml"), "[mirror]\ndb = \"" + rig.dir.file("mirror.db") +
                                                      "\"\n[sync]\ninterval_seconds = 3600\n[portal]\nurl = \"" +
                                                      rig.portal.url() + "\"\n");
    rig.now = static_cast<std::int64_t>(std::time(nullptr)) - 60;  // due now for the real clock
    std::string first = rig.add(1);  // in outbox.db beside the mirror: the default
    rig.portal.failNext(1, 503);
    test::Process daemon(test::gongkaiSyncPath(), {"--config", rig.dir.file("gongkai.toml")});
    auto failed = daemon.waitForLine("request " + first + " not delivered, retry in", 20s);
    REQUIRE(failed.has_value());

    std::string second = rig.add(2);
    daemon.signal(SIGHUP);  // sync now: the new request goes; the first is not due yet
    REQUIRE(daemon.waitForLine("request " + second + " delivered", 20s).has_value());
    CHECK(rig.entry(first).state == OutboxState::Pending);

    auto retried = daemon.waitForLine("request " + first + " delivered", 60s);  // backoff 24-36 s, not 3600
    REQUIRE(retried.has_value());
    auto waited = std::chrono::duration_cast<std::chrono::seconds>(retried->at - failed->at).count();
    CHECK(waited >= 20);
    CHECK(waited <= 45);
    daemon.signal(SIGTERM);
    auto exit = daemon.wait(20s);
    CHECK(exit.exited);
    CHECK(exit.code == 0);
    CHECK(rig.portal.requestCount() == 2);
    CHECK(rig.portal.postCount() == 3);
    auto status = nlohmann::json::parse(test::readFile(rig.dir.file("sync-status.json")), nullptr, false);
    REQUIRE(status.is_object());
    CHECK(status["outbox"]["delivered"] == 2);
    CHECK(status["outbox"]["next_attempt"] == "");
}

TEST_CASE("portal client: answers are classified as created, already there, refused or retry", "[upload]") {
    TempDir dir;
    test::FaultServer server(dir.path());
    struct Case {
        int status;
        std::string body;
        sync::PortalReply::Kind kind;
        std::string portalId, message;
    };
    using Kind = sync::PortalReply::Kind;
    const std::vector<Case> cases{
        {201, R"({"id":"P-1"})", Kind::Created, "P-1", ""},
        {200, R"({"id":"P-1"})", Kind::AlreadyThere, "P-1", ""},
        {201, "<html>created</html>", Kind::Retry, "", "unreadable"},
        {200, R"({"id":""})", Kind::Retry, "", "unreadable"},
        {422, R"({"error":"no such agency"})", Kind::Refused, "", "no such agency"},
        {400, "plain words", Kind::Refused, "", "plain words"},
        {408, R"({"error":"slow"})", Kind::Retry, "", "HTTP 408"},
        {429, R"({"error":"busy"})", Kind::Retry, "", "HTTP 429"},
        {500, R"({"error":"database down"})", Kind::Retry, "", "database down"},
        {302, "", Kind::Retry, "", "HTTP 302"},
    };
    for (const auto& c : cases) {
        server.onPost("/api/requests", [&c](const test::PostRequest&) { return test::PostReply{c.status, c.body}; });
        sync::PortalPost post;
        post.portalUrl = server.url() + "/";  // a trailing slash is fine
        post.body = R"({"id":"01JABCDEFGHJKMNPQRSTVWXYZ0"})";
        post.idempotencyKey = "01JABCDEFGHJKMNPQRSTVWXYZ0";
        post.signatureHeader = "0123456789abcdef:c2ln";
        auto reply = sync::postRequest(post);
        INFO("HTTP " << c.status << " " << c.body << " -> " << reply.message);
        CHECK(reply.kind == c.kind);
        CHECK(reply.httpStatus == c.status);
        CHECK(reply.portalId == c.portalId);
        CHECK_THAT(reply.message, Catch::Contains(c.message));
    }
    auto logged = server.requests();
    REQUIRE(logged.size() == cases.size());
    CHECK(logged.front().path == "/api/requests");
    CHECK(logged.front().headers["idempotency-key"] == "01JABCDEFGHJKMNPQRSTVWXYZ0");
    CHECK(logged.front().headers["gongkai-signature"] == "0123456789abcdef:c2ln");
    CHECK_THAT(logged.front().headers["content-type"], Catch::Contains("application/json"));
    CHECK(logged.front().body == R"({"id":"01JABCDEFGHJKMNPQRSTVWXYZ0"})");
}

TEST_CASE("portal client: no portal listening is a retry with no HTTP status", "[upload]") {
    int port = 0;
    {
        TempDir dir;
        test::FaultServer server(dir.path());
        port = server.port();
    }  // stopped: nothing listens there now
    sync::PortalPost post;
    post.portalUrl = "http://127.0.0.1:" + std::to_string(port);
    post.body = "{}";
    post.idempotencyKey = "x";
    post.connectSeconds = 2;
    auto reply = sync::postRequest(post);
    CHECK(reply.kind == sync::PortalReply::Kind::Retry);
    CHECK(reply.httpStatus == 0);
    CHECK_THAT(reply.message, Catch::Contains("127.0.0.1"));
}

TEST_CASE("status file: the outbox's counts survive the feed's next write, and the feed's fields the upload's", "[upload]") {
    TempDir dir;
    std::string path = dir.file("sync-status.json");
    REQUIRE(sync::writeStatusFile(path, "2026-11-28T09:00:00Z", true, "").ok());
    sync::OutboxStatus outbox;
    outbox.lastUpload = "2026-11-28T09:00:05Z";
    outbox.pending = 2;
    outbox.delivered = 5;
    outbox.refused = 1;
    outbox.nextAttempt = "2026-11-28T09:00:35Z";
    REQUIRE(sync::writeOutboxStatus(path, outbox).ok());
    auto mid = nlohmann::json::parse(test::readFile(path));
    CHECK(mid["last_success"] == "2026-11-28T09:00:00Z");
    CHECK(mid["outbox"]["pending"] == 2);
    REQUIRE(sync::writeStatusFile(path, "2026-11-28T09:15:00Z", false, "unreachable").ok());
    auto after = nlohmann::json::parse(test::readFile(path));
    CHECK(after["last_attempt"] == "2026-11-28T09:15:00Z");
    CHECK(after["last_success"] == "2026-11-28T09:00:00Z");
    CHECK(after["error"] == "unreachable");
    CHECK(after["outbox"]["delivered"] == 5);
    CHECK(after["outbox"]["refused"] == 1);
    CHECK(after["outbox"]["next_attempt"] == "2026-11-28T09:00:35Z");
}
