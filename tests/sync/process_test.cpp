// gongkai-sync as a process (the binary built from sync/main.cpp): exit
// codes, its log on stderr, gongkai.toml and the flags over it,
// sync-status.json, and the daemon under a systemd-like supervisor (notify
// socket, watchdog, SIGHUP, SIGTERM).
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/fixtures.h"
#include "sync/bulk_records.h"
#include "sync/fault_server.h"
#include "sync/process_runner.h"
#include "sync/sync_fixture.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::int64_t nowEpoch() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A portal, a server in front of it, and a kiosk directory holding the
// portal's public key; the mirror is run by the real gongkai-sync.
struct ProcessSetup {
    Portal portal;
    FaultServer server{portal.feedDir()};
    TempDir kiosk;
    std::string pub = kiosk.file("portal.pub");
    std::string db = kiosk.file("mirror.db");

    ProcessSetup() { REQUIRE(feed::writeKeyFiles(kiosk.file("portal"), portal.key())); }
    feed::PublishResult publish(const std::string& records) { return portal.publish(records, nowEpoch()); }
    std::vector<std::string> onceArgs(const std::string& source) const {
        return {"--once", "--source", source, "--db", db, "--trust", pub, "--feed-id", kFeedId};
    }
    ProcessResult once(const std::string& source) const {
        return runProcess(gongkaiSyncPath(), onceArgs(source), 60s);
    }
    std::unique_ptr<Mirror> open() const {
        auto m = Mirror::open(db, Mirror::Mode::ReadOnly);
        REQUIRE(m);
        return std::move(m.value());
    }
    nlohmann::json status() const {
        auto j = nlohmann::json::parse(readFile(kiosk.file("sync-status.json")), nullptr, false);
        REQUIRE(j.is_object());
        return j;
    }
};

// A port on 127.0.0.1 where nothing listens (bound, then closed).
int closedPort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    close(fd);
    return ntohs(addr.sin_port);
}

std::string closedUrl() { return "http://127.0.0.1:" + std::to_string(closedPort()); }

bool anyLine(const ProcessResult& r, const std::string& needle) {
    return std::any_of(r.lines.begin(), r.lines.end(),
                       [&](const TimedLine& l) { return l.text.find(needle) != std::string::npos; });
}

// stderr that is not a terminal: one plain "gongkai-sync: ..." line per
// event, no carriage return (no progress bar), no escape sequence.
void checkPlainLog(const ProcessResult& r) {
    INFO(r.err);
    CHECK(r.err.find('\r') == std::string::npos);
    CHECK(r.err.find('\033') == std::string::npos);
    REQUIRE_FALSE(r.lines.empty());
    CHECK(r.err.back() == '\n');
    for (const auto& line : r.lines) CHECK_THAT(line.text, Catch::StartsWith("gongkai-sync: "));
}

}  // namespace

TEST_CASE("gongkai-sync --once: exit 0 when updated and when up to date, one plain log line per event", "[sync]") {
    ProcessSetup s;
    auto v1 = s.publish(recordsVersion(1)).manifest;
    auto first = s.once(s.server.url());
    INFO(first.err);
    REQUIRE(first.exit.exited);
    CHECK(first.exit.code == 0);
    CHECK(anyLine(first, "applied version 1"));
    checkPlainLog(first);
    CHECK(s.open()->stateDigest().hex() == v1.stateDigest);
    CHECK(s.open()->syncState().version == 1);
    auto status1 = s.status();
    CHECK_FALSE(status1["last_attempt"].get<std::string>().empty());
    CHECK(status1["last_success"] == status1["last_attempt"]);
    CHECK(status1["error"] == "");

    auto again = s.once(s.server.url());
    INFO(again.err);
    CHECK(again.exit.exited);
    CHECK(again.exit.code == 0);
    CHECK(anyLine(again, "up to date at version 1"));
    checkPlainLog(again);

    auto v2 = s.publish(recordsVersion(2)).manifest;
    auto second = s.once(s.server.url());
    INFO(second.err);
    CHECK(second.exit.code == 0);
    CHECK(anyLine(second, "applied version 2"));
    CHECK(anyLine(second, "by deltas"));
    checkPlainLog(second);
    CHECK(s.open()->stateDigest().hex() == v2.stateDigest);
    CHECK(s.status()["error"] == "");
}

TEST_CASE("gongkai-sync --once: a tampered manifest exits 3 and leaves the mirror and the last success alone", "[sync]") {
    ProcessSetup s;
    auto v1 = s.publish(recordsVersion(1)).manifest;
    REQUIRE(s.once(s.server.url()).exit.code == 0);
    std::string lastSuccess = s.status()["last_success"];
    std::this_thread::sleep_for(1100ms);  // the next attempt gets a later timestamp

    s.publish(recordsVersion(2));
    auto tampered = nlohmann::json::parse(s.portal.manifestText());
    tampered["signed"]["expires"] = "2031-01-01T00:00:00Z";
    s.server.replaceContent("manifest.json", tampered.dump());
    auto r = s.once(s.server.url());
    INFO(r.err);
    REQUIRE(r.exit.exited);
    CHECK(r.exit.code == 3);
    CHECK(anyLine(r, "rejected: "));
    checkPlainLog(r);
    CHECK(s.open()->stateDigest().hex() == v1.stateDigest);
    SyncState st = s.open()->syncState();
    CHECK(st.version == 1);
    CHECK_FALSE(st.lastError.empty());
    auto status = s.status();
    CHECK(status["last_success"] == lastSuccess);
    CHECK(status["last_attempt"] != lastSuccess);
    CHECK_FALSE(status["error"].get<std::string>().empty());
}

TEST_CASE("gongkai-sync --once: an unreachable feed exits 4 and says so in the log and the status file", "[sync]") {
    ProcessSetup s;
    s.publish(recordsVersion(1));
    std::string url = closedUrl();
    auto r = s.once(url);
    INFO(r.err);
    REQUIRE(r.exit.exited);
    CHECK(r.exit.code == 4);
    CHECK(anyLine(r, "failed: "));
    CHECK_THAT(r.err, Catch::Contains("127.0.0.1"));
    checkPlainLog(r);
    auto status = s.status();
    CHECK_FALSE(status["last_attempt"].get<std::string>().empty());
    CHECK(status["last_success"] == "");
    CHECK_FALSE(status["error"].get<std::string>().empty());
}

TEST_CASE("gongkai-sync: bad usage, a missing --trust and a config error exit 2 with the reason", "[sync]") {
    ProcessSetup s;
    s.publish(recordsVersion(1));
    std::string url = s.server.url();
    const std::string id = kFeedId;

    auto bogus = runProcess(gongkaiSyncPath(), {"--once", "--bogus-flag"}, 30s);
    CHECK(bogus.exit.code == 2);
    CHECK_THAT(bogus.err, Catch::Contains("--bogus-flag"));

    auto noTrust = runProcess(gongkaiSyncPath(), {"--once", "--source", url, "--db", s.db, "--feed-id", id}, 30s);
    CHECK(noTrust.exit.code == 2);
    CHECK_THAT(noTrust.err, Catch::Contains("no trusted key"));
    CHECK_FALSE(fs::exists(s.db));  // nothing was touched
    CHECK(s.server.requestCount("manifest.json") == 0);

    std::string missingKey = s.kiosk.file("absent.pub");
    auto badKey = runProcess(gongkaiSyncPath(),
                             {"--once", "--source", url, "--db", s.db, "--trust", missingKey, "--feed-id", id}, 30s);
    CHECK(badKey.exit.code == 2);
    CHECK_THAT(badKey.err, Catch::Contains(missingKey));

    std::string config = s.kiosk.file("gongkai.toml");
    writeFile(config, "[sync]\nfeed_id = \"demo-county\"\ninterval_seconds = \"soon\"\n");
    auto badValue = runProcess(gongkaiSyncPath(), {"--once", "--config", config, "--source", url, "--db", s.db,
                                                   "--trust", s.pub},
                               30s);
    CHECK(badValue.exit.code == 2);
    CHECK_THAT(badValue.err, Catch::Contains(config + ":3:"));
    CHECK_THAT(badValue.err, Catch::Contains("interval_seconds"));

    writeFile(config, "[sync]\nfeed_id = = \"demo-county\"\n");
    auto syntax = runProcess(gongkaiSyncPath(), {"--once", "--config", config}, 30s);
    CHECK(syntax.exit.code == 2);
    CHECK_THAT(syntax.err, Catch::Contains(config + ":2:"));

    auto missing = runProcess(gongkaiSyncPath(), {"--once", "--config", s.kiosk.file("none.toml")}, 30s);
    CHECK(missing.exit.code == 2);
    CHECK_THAT(missing.err, Catch::Contains(s.kiosk.file("none.toml")));
    CHECK(s.server.requestCount("manifest.json") == 0);
}

TEST_CASE("gongkai-sync --config: [mirror] and [sync] are enough, and a flag overrides the file", "[sync]") {
    ProcessSetup s;
    auto v1 = s.publish(recordsVersion(1)).manifest;
    std::string configDb = s.kiosk.file("from-config.db");
    std::string config = s.kiosk.file("gongkai.toml");
    writeFile(config, "[mirror]\ndb = \"" + configDb + "\"\n\n[sync]\nsources = [\"" + s.server.url() +
                          "\"]\ntrusted_keys = [\"" + s.pub + "\"]\nfeed_id = \"" + kFeedId +
                          "\"\ninterval_seconds = 600\n");

    auto fromFile = runProcess(gongkaiSyncPath(), {"--once", "--config", config}, 60s);
    INFO(fromFile.err);
    CHECK(fromFile.exit.code == 0);
    {
        auto m = Mirror::open(configDb, Mirror::Mode::ReadOnly);
        REQUIRE(m);
        CHECK(m.value()->stateDigest().hex() == v1.stateDigest);
    }

    // --db over [mirror] db: the other file is synced, the configured one left alone.
    auto dbFlag = runProcess(gongkaiSyncPath(), {"--once", "--config", config, "--db", s.db}, 60s);
    INFO(dbFlag.err);
    CHECK(dbFlag.exit.code == 0);
    CHECK(s.open()->stateDigest().hex() == v1.stateDigest);

    // --source over [sync] sources: a closed port instead of the good server.
    std::size_t served = s.server.requestCount("manifest.json");
    auto sourceFlag = runProcess(gongkaiSyncPath(), {"--once", "--config", config, "--source", closedUrl()}, 60s);
    INFO(sourceFlag.err);
    CHECK(sourceFlag.exit.code == 4);
    CHECK(s.server.requestCount("manifest.json") == served);

    // --feed-id over [sync] feed_id: the portal's feed is not the one followed.
    auto idFlag = runProcess(gongkaiSyncPath(), {"--once", "--config", config, "--feed-id", "other-county"}, 60s);
    INFO(idFlag.err);
    CHECK(idFlag.exit.code == 3);
    CHECK_THAT(idFlag.err, Catch::Contains("other-county"));
}

TEST_CASE("gongkai-sync --once: a terminal gets a progress bar", "[sync]") {
    ProcessSetup s;
    auto v1 = s.publish(bulkRecords({150, 400}, 0)).manifest;
    Process::Options terminal;
    terminal.stderrTerminal = true;
    auto r = runProcess(gongkaiSyncPath(), s.onceArgs(s.server.url()), 60s, terminal);
    INFO(r.err);
    CHECK(r.exit.code == 0);
    CHECK_THAT(r.err, Catch::Contains("\r\033[K"));
    CHECK_THAT(r.err, Catch::Contains("%"));
    CHECK_THAT(r.err, Catch::Contains("apply version 1 ["));
    CHECK(anyLine(r, "applied version 1"));
    CHECK(s.open()->stateDigest().hex() == v1.stateDigest);
}

namespace {

// The longest silence between watchdog pings over [from, to], counting the
// edges of the interval.
std::chrono::milliseconds longestSilence(const std::vector<Datagram>& messages, Clock::time_point from,
                                         Clock::time_point to, int& pings) {
    Clock::time_point last = from;
    Clock::duration longest{0};
    pings = 0;
    for (const auto& m : messages) {
        if (m.text != "WATCHDOG=1" || m.at < from || m.at > to) continue;
        longest = std::max(longest, m.at - last);
        last = m.at;
        ++pings;
    }
    longest = std::max(longest, to - last);
    return std::chrono::duration_cast<std::chrono::milliseconds>(longest);
}

}  // namespace

TEST_CASE("gongkai-sync daemon: READY, watchdog pings through a long apply, SIGHUP syncs now, SIGTERM stops", "[sync]") {
    ProcessSetup s;
    auto v1 = s.publish(bulkRecords({400, 600}, 0)).manifest;
    NotifyListener notify(s.kiosk.file("notify.sock"));
    Process::Options env;
    env.env = {"NOTIFY_SOCKET=" + notify.path(), "WATCHDOG_USEC=400000", "WATCHDOG_PID"};
    Process daemon(gongkaiSyncPath(),
                   {"--source", s.server.url(), "--db", s.db, "--trust", s.pub, "--feed-id", kFeedId, "--interval",
                    "3600"},
                   env);
    REQUIRE(notify.waitFor("READY=1", 10s));

    // The first sync starts at once; the watchdog keeps pinging through it.
    auto fetching = daemon.waitForLine("fetching the snapshot of version 1", 20s);
    auto applied = daemon.waitForLine("applied version 1", 60s);
    INFO(daemon.stderrText());
    REQUIRE(fetching);
    REQUIRE(applied);
    REQUIRE(notify.waitFor("STATUS=applied version 1", 10s));
    int pings = 0;
    auto silence = longestSilence(notify.messages(), fetching->at, applied->at, pings);
    auto syncMs = std::chrono::duration_cast<std::chrono::milliseconds>(applied->at - fetching->at);
    INFO("sync " << syncMs.count() << " ms, " << pings << " pings, longest silence " << silence.count() << " ms");
    CHECK(syncMs >= 300ms);  // long enough to say something about the pings during it
    CHECK(silence < 400ms);  // within WATCHDOG_USEC: systemd would not kill it
    CHECK(pings >= syncMs / 400ms);  // pinging every 200 ms, give or take a busy CI machine
    CHECK(s.open()->stateDigest().hex() == v1.stateDigest);
    auto status = s.status();  // written before the STATUS notification
    CHECK(status["error"] == "");
    CHECK(status["last_success"] == status["last_attempt"]);

    // Idle: the pings go on; SIGHUP syncs long before the hour is up.
    std::this_thread::sleep_for(500ms);
    auto idleFrom = applied->at + 50ms;
    auto v2 = s.publish(bulkRecords({400, 600}, 0) + recordsVersion(1)).manifest;
    std::size_t linesBefore = daemon.stderrLines().size();
    auto hup = Clock::now();
    silence = longestSilence(notify.messages(), idleFrom, hup, pings);
    CHECK(silence < 400ms);
    CHECK(pings >= 2);
    daemon.signal(SIGHUP);
    auto second = daemon.waitForLine("applied version 2", 30s, linesBefore);
    INFO(daemon.stderrText());
    REQUIRE(second);
    CHECK(second->at - hup < 10s);
    CHECK_THAT(second->text, Catch::Contains("by deltas"));
    REQUIRE(notify.waitFor("STATUS=applied version 2", 10s));
    CHECK(s.open()->stateDigest().hex() == v2.stateDigest);
    CHECK(s.open()->syncState().version == 2);

    std::size_t messagesBefore = notify.messages().size();
    daemon.signal(SIGTERM);
    ProcessExit e = daemon.wait(10s);
    INFO(daemon.stderrText());
    REQUIRE_FALSE(e.timedOut);
    CHECK(e.exited);
    CHECK(e.code == 0);
    CHECK(notify.waitFor("STOPPING=1", 2s, messagesBefore));
    CHECK(daemon.waitForLine("stopped", 1s, linesBefore));
    CHECK(daemon.stderrText().find('\r') == std::string::npos);
}
