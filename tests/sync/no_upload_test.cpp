// gongkai-sync --once --no-upload (issue 10, the USB stick's unit): with
// [portal] url set and the portal unreachable, a stick's update from a
// file:// feed is applied and exits 0 without touching the request outbox;
// the same run without the flag tries the portal and exits 4.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>

#include "core/outbox.h"
#include "support/fixtures.h"
#include "sync/outbox_fixture.h"
#include "sync/process_runner.h"
#include "sync/sync_fixture.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace std::chrono_literals;

namespace {

// A port on 127.0.0.1 nothing listens on: bound by the kernel's choice, then closed.
int closedPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace

TEST_CASE("no-upload: a USB run with an unreachable portal applies the feed, exits 0, leaves the outbox",
          "[sync][usb]") {
    Portal portal;
    auto v1 = portal.publish(recordsVersion(1), static_cast<std::int64_t>(std::time(nullptr)));
    TempDir kiosk;
    REQUIRE(feed::writeKeyFiles(kiosk.file("portal"), portal.key()));
    TestKiosk requester;
    OutboxEntry pending =
        requester.entry(requester.request(1, static_cast<std::int64_t>(std::time(nullptr)) - 60));
    {
        auto box = Outbox::open(kiosk.file("outbox.db"));
        REQUIRE(box.ok());
        REQUIRE(box.value().add(pending).ok());
    }
    writeFile(kiosk.file("gongkai.toml"),
              "[mirror]\ndb = \"" + kiosk.file("mirror.db") + "\"\noutbox = \"" + kiosk.file("outbox.db") +
                  "\"\n[portal]\nurl = \"http://127.0.0.1:" + std::to_string(closedPort()) + "\"\n");
    auto run = [&](bool noUpload) {
        std::vector<std::string> args{"--once",
                                      "--announce",
                                      "usb",
                                      "--config",
                                      kiosk.file("gongkai.toml"),
                                      "--source",
                                      "file://" + portal.feedDir(),
                                      "--trust",
                                      kiosk.file("portal.pub"),
                                      "--feed-id",
                                      kFeedId};
        if (noUpload) args.insert(args.begin() + 1, "--no-upload");
        return runProcess(gongkaiSyncPath(), args, 60s);
    };
    auto entry = [&] {
        auto box = Outbox::open(kiosk.file("outbox.db"), Outbox::Mode::Existing);
        REQUIRE(box.ok());
        auto found = box.value().find(pending.id);
        REQUIRE(found.ok());
        REQUIRE(found.value().has_value());
        return *found.value();
    };

    auto usb = run(true);
    INFO(usb.err);
    CHECK(usb.exit.code == 0);
    CHECK(usb.err.find("applied") != std::string::npos);
    CHECK(readFile(kiosk.file("sync-status.json")).find("\"applied\"") != std::string::npos);
    OutboxEntry after = entry();
    CHECK(after.state == OutboxState::Pending);
    CHECK(after.attempts == 0);  // not even tried
    CHECK(v1.manifest.version > 0);

    auto network = run(false);  // without the flag the portal is tried: unreachable
    INFO(network.err);
    CHECK(network.exit.code == 4);
    CHECK(entry().attempts == 1);
}
