// gongkai-sync --once --announce usb (issue 10, USB updates): the real
// binary writes sync-status.json's "update" object — "running" before the
// attempt, then "applied" / "up_to_date" / "rejected" / "failed" with the
// version and the reason — for the kiosk's banner, keeping the rest of the
// file (the outbox upload's "outbox" object) as it was.
#include <catch2/catch.hpp>

#include <signal.h>

#include <ctime>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/fixtures.h"
#include "sync/fault_server.h"
#include "sync/process_runner.h"
#include "sync/sync_fixture.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace std::chrono_literals;

namespace {

std::int64_t nowEpoch() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A county portal publishing to a directory (the stick's gongkai-feed/) and
// a kiosk trusting its key; the kiosk's status file already holds an outbox
// report, as the daemon's upload leaves it.
struct UsbSetup {
    Portal portal;
    TempDir kiosk;
    std::string db = kiosk.file("mirror.db");
    std::string statusPath = kiosk.file("sync-status.json");
    nlohmann::json outbox = {{"last_upload", "2026-11-28T09:00:00Z"}, {"pending", 1}, {"delivered", 12},
                             {"refused", 0}, {"error", ""}, {"next_attempt", "2026-11-28T09:00:30Z"}};

    UsbSetup() {
        REQUIRE(feed::writeKeyFiles(kiosk.file("portal"), portal.key()));
        writeFile(statusPath, nlohmann::json{{"last_attempt", ""}, {"last_success", ""}, {"error", ""},
                                             {"outbox", outbox}}.dump());
    }
    std::vector<std::string> args(const std::string& source) const {
        return {"--once", "--announce", "usb", "--source", source, "--db", db,
                "--trust", kiosk.file("portal.pub"), "--feed-id", kFeedId};
    }
    ProcessResult stick() const { return runProcess(gongkaiSyncPath(), args("file://" + portal.feedDir()), 60s); }
    nlohmann::json status() const {
        auto j = nlohmann::json::parse(readFile(statusPath), nullptr, false);
        REQUIRE(j.is_object());
        return j;
    }
    nlohmann::json update() const {
        auto j = status();
        REQUIRE(j.contains("update"));
        CHECK(j["outbox"] == outbox);  // the upload's report is kept
        return j["update"];
    }
};

}  // namespace

TEST_CASE("announce: a good stick is applied, the same stick again is up to date", "[sync][announce]") {
    UsbSetup s;
    auto v1 = s.portal.publish(recordsVersion(1), nowEpoch());
    std::int64_t before = nowEpoch();
    auto first = s.stick();
    REQUIRE(first.exit.code == 0);
    auto u = s.update();
    CHECK(u["source"] == "usb");
    CHECK(u["state"] == "applied");
    CHECK(u["version"] == v1.manifest.version);
    CHECK(u["error"] == "");
    CHECK(u["started"].get<std::string>() >= feed::formatUtc(before));
    CHECK(u["finished"].get<std::string>() >= u["started"].get<std::string>());
    CHECK(s.status()["error"] == "");  // the attempt itself, as before

    auto again = s.stick();
    REQUIRE(again.exit.code == 0);
    u = s.update();
    CHECK(u["state"] == "up_to_date");
    CHECK(u["version"] == v1.manifest.version);
    CHECK(u["error"] == "");
}

TEST_CASE("announce: a stick signed by another key is rejected and says why", "[sync][announce]") {
    UsbSetup s;
    s.portal.publish(recordsVersion(1), nowEpoch());
    REQUIRE(s.stick().exit.code == 0);
    Portal stranger;  // a stick made with a key this kiosk does not trust
    stranger.publish(recordsVersion(2), nowEpoch());
    auto run = runProcess(gongkaiSyncPath(), s.args("file://" + stranger.feedDir()), 60s);
    CHECK(run.exit.code == 3);
    auto u = s.update();
    CHECK(u["state"] == "rejected");
    CHECK(u["version"] == 0);  // nothing applied
    std::string why = u["error"];
    CHECK(why.find("signed only by keys that are not trusted") != std::string::npos);
    CHECK(s.status()["error"] == why);  // the attempt's error is the same reason
}

TEST_CASE("announce: running is written before the attempt, an abandoned one ends as failed", "[sync][announce]") {
    UsbSetup s;
    s.portal.publish(recordsVersion(1), nowEpoch());
    FaultServer server(s.portal.feedDir());
    Fault stall;
    stall.stallAfter = 0;
    stall.stall = 20s;
    server.setFault("manifest.json", stall);  // the attempt hangs on the manifest
    auto args = s.args(server.url());
    args.insert(args.end(), {"--stall-seconds", "4"});  // a bound, should SIGTERM not end the fetch
    Process p(gongkaiSyncPath(), args);
    nlohmann::json running;
    for (auto until = Clock::now() + 10s; Clock::now() < until; std::this_thread::sleep_for(20ms)) {
        auto j = nlohmann::json::parse(readFile(s.statusPath), nullptr, false);
        if (j.is_object() && j.contains("update")) {
            running = j["update"];
            break;
        }
    }
    REQUIRE(running.is_object());
    CHECK(running["state"] == "running");
    CHECK(running["source"] == "usb");
    CHECK_FALSE(running.contains("finished"));
    CHECK(s.status()["outbox"] == s.outbox);
    p.signal(SIGTERM);  // the stick is pulled: systemd stops the unit
    auto e = p.wait(20s);
    CHECK(e.code == 5);
    auto u = s.update();
    CHECK(u["state"] == "failed");
    CHECK(u["started"] == running["started"]);
    CHECK_FALSE(u["error"].get<std::string>().empty());
}

TEST_CASE("announce: only usb, only with --once, only with a feed source", "[sync][announce]") {
    UsbSetup s;
    std::string source = "file://" + s.portal.feedDir();
    auto args = s.args(source);
    args[2] = "cdrom";
    CHECK(runProcess(gongkaiSyncPath(), args, 10s).exit.code == 2);
    args = s.args(source);
    args.erase(args.begin());  // no --once
    CHECK(runProcess(gongkaiSyncPath(), args, 10s).exit.code == 2);
    auto noSource = runProcess(gongkaiSyncPath(), {"--once", "--announce", "usb", "--db", s.db, "--portal",
                                                   "http://127.0.0.1:9"}, 10s);
    CHECK(noSource.exit.code == 2);
    CHECK(noSource.err.find("--announce usb needs a feed source") != std::string::npos);
    CHECK(s.status()["outbox"] == s.outbox);  // nothing was written
    CHECK_FALSE(s.status().contains("update"));
}
