// gongkai-sync's attempts against real signed feeds served by a real HTTP
// server on 127.0.0.1 that injects faults (issue 7's fault list). Every
// refusal must leave the mirror's records exactly as they were and say why.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "core/apply.h"
#include "core/feed_apply.h"
#include "support/fixtures.h"
#include "sync/fault_server.h"
#include "sync/sync_fixture.h"

using namespace gongkai;
using namespace gongkai::test;
using Outcome = sync::SyncReport::Outcome;
namespace fs = std::filesystem;

namespace {

// A portal at version 1, a kiosk synced to it, a server in front.
struct Synced {
    Portal portal;
    FaultServer server{portal.feedDir()};
    Kiosk kiosk{{portal.key().pub}};
    Synced() {
        portal.publish(recordsVersion(1));
        auto r = kiosk.sync({server.url()});
        REQUIRE(r.outcome == Outcome::Updated);
    }
};

Fault truncatedAfter(std::uint64_t n) {
    Fault f;
    f.truncateAfter = n;
    return f;
}

Fault stalledAfter(std::uint64_t n, std::chrono::milliseconds pause) {
    Fault f;
    f.stallAfter = n;
    f.stall = pause;
    return f;
}

Fault declaringLength(std::uint64_t n) {
    Fault f;
    f.contentLength = n;
    return f;
}

Fault endlessBody() {
    Fault f;
    f.endless = true;
    return f;
}

void checkRefusedAndUntouched(Synced& s, const sync::SyncReport& r, const std::string& before, const char* reason) {
    CHECK(r.outcome == Outcome::Rejected);
    CHECK_THAT(r.message, Catch::Contains(reason));
    CHECK(s.kiosk.digest() == before);
    CHECK(s.kiosk.state().version == 1);
    CHECK_THAT(s.kiosk.state().lastError, Catch::Contains(reason));
}

}  // namespace

TEST_CASE("sync: a fresh kiosk takes the snapshot and holds exactly the manifest's state", "[sync]") {
    Portal portal;
    auto published = portal.publish(recordsVersion(1));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    auto r = kiosk.sync({server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK_FALSE(r.viaDeltas);
    CHECK(kiosk.digest() == published.manifest.stateDigest);
    SyncState st = kiosk.state();
    CHECK(st.version == 1);
    CHECK(st.feedId == kFeedId);
    CHECK(st.lastError.empty());
    CHECK(st.source == server.url());
    CHECK(readFile(kiosk.dir().file("sync-status.json")).find("\"error\": \"\"") != std::string::npos);
    // staging is clean after success
    for (const auto& e : fs::directory_iterator(kiosk.dir().file("staging")))
        CHECK(e.path().extension() != ".part");
}

TEST_CASE("sync: the next version comes as a delta, then the kiosk is up to date by conditional GET", "[sync]") {
    Synced s;
    auto v2 = s.portal.publish(recordsVersion(2));
    auto r = s.kiosk.sync({s.server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(r.viaDeltas);
    CHECK(r.downloaded < v2.snapshotBytes + 4096);
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
    s.server.clearLog();
    auto again = s.kiosk.sync({s.server.url()});
    CHECK(again.outcome == Outcome::UpToDate);
    auto log = s.server.requests();
    REQUIRE(log.size() == 1);
    CHECK(log[0].status == 304);
}

TEST_CASE("sync: a truncated download fails, and the next attempt resumes it with Range", "[sync]") {
    Synced s;
    s.portal.publish(recordsVersion(2), kNov1, false);
    // Force the snapshot: a kiosk that lost its mirror.
    fs::remove(s.kiosk.options.dbPath);
    auto snap = s.portal.manifest().snapshot;
    s.server.setFault(snap.path, truncatedAfter(snap.size / 2));
    auto first = s.kiosk.sync({s.server.url()});
    CHECK(first.outcome == Outcome::Unreachable);
    s.server.clearFaults();
    s.server.clearLog();
    auto second = s.kiosk.sync({s.server.url()});
    REQUIRE(second.outcome == Outcome::Updated);
    bool resumed = false;
    for (const auto& req : s.server.requests())
        if (req.path == "/" + snap.path && req.range == "bytes=" + std::to_string(snap.size / 2) + "-") resumed = true;
    CHECK(resumed);
}

TEST_CASE("sync: a stalled body, 500s and a wrong Content-Length leave the mirror as it was", "[sync]") {
    Synced s;
    std::string before = s.kiosk.digest();
    s.portal.publish(recordsVersion(2));
    auto delta = s.portal.manifest().deltas.front().file;
    s.server.setFault(delta.path, stalledAfter(10, std::chrono::milliseconds(4000)));
    auto stalled = s.kiosk.sync({s.server.url()});
    CHECK(stalled.outcome == Outcome::Unreachable);
    CHECK(s.kiosk.digest() == before);
    s.server.clearFaults();
    s.server.failNext(500, 3);
    auto errors = s.kiosk.sync({s.server.url()});
    CHECK(errors.outcome == Outcome::Unreachable);
    CHECK_THAT(errors.message, Catch::Contains("500"));
    s.server.setFault(delta.path, declaringLength(delta.size + 100));
    auto wrongLength = s.kiosk.sync({s.server.url()});
    CHECK_FALSE(wrongLength.ok());
    CHECK(s.kiosk.digest() == before);
    CHECK(s.kiosk.state().version == 1);
}

TEST_CASE("sync: endless data is cut at the declared size and refused", "[sync]") {
    Synced s;
    auto v2 = s.portal.publish(recordsVersion(2));
    auto delta = v2.manifest.deltas.front().file;
    s.server.setFault(delta.path, endlessBody());
    auto r = s.kiosk.sync({s.server.url()});
    // The endless delta is refused at its declared size; the snapshot recovers.
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK_FALSE(r.viaDeltas);
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
    bool cut = false;
    for (const auto& line : s.kiosk.log) cut = cut || line.find("more than the declared") != std::string::npos;
    CHECK(cut);
    // An endless manifest (no 304 to hide behind) is cut at the manifest cap.
    std::string before = s.kiosk.digest();
    s.portal.publish(recordsVersion(3));
    s.server.setValidators(false);
    s.server.setFault("manifest.json", endlessBody());
    s.kiosk.options.maxManifestBytes = 64 * 1024;
    auto endless = s.kiosk.sync({s.server.url()});
    CHECK(endless.outcome == Outcome::Rejected);
    CHECK(s.kiosk.digest() == before);
    CHECK(s.kiosk.state().version == 2);
}

TEST_CASE("sync: a tampered snapshot is refused by its hash", "[sync]") {
    Portal portal;
    portal.publish(recordsVersion(1));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    auto snap = portal.manifest().snapshot;
    std::string bytes = readFile(portal.feedDir() + "/" + snap.path);
    bytes[bytes.size() / 2] ^= 0x20;
    server.replaceContent(snap.path, bytes);
    auto r = kiosk.sync({server.url()});
    CHECK(r.outcome == Outcome::Rejected);
    CHECK_THAT(r.message, Catch::Contains("SHA-256"));
    CHECK(kiosk.state().version == 0);
    CHECK(recordCount(*kiosk.open()) == 0);
}

TEST_CASE("sync: a tampered delta is refused and the snapshot is taken instead", "[sync]") {
    Synced s;
    auto v2 = s.portal.publish(recordsVersion(2));
    auto delta = v2.manifest.deltas.front().file;
    std::string bytes = readFile(s.portal.feedDir() + "/" + delta.path);
    bytes.back() ^= 0x01;
    s.server.replaceContent(delta.path, bytes);
    auto r = s.kiosk.sync({s.server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK_FALSE(r.viaDeltas);
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
    bool logged = false;
    for (const auto& line : s.kiosk.log) logged = logged || line.find("trying the snapshot") != std::string::npos;
    CHECK(logged);
}

TEST_CASE("sync: a tampered manifest and a borrowed signature are refused", "[sync]") {
    Synced s;
    std::string before = s.kiosk.digest();
    std::string v1Manifest = s.portal.manifestText();
    s.portal.publish(recordsVersion(2));
    std::string v2Manifest = s.portal.manifestText();
    auto tampered = nlohmann::json::parse(v2Manifest);
    tampered["signed"]["expires"] = "2030-01-01T00:00:00Z";
    s.server.replaceContent("manifest.json", tampered.dump());
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "does not verify");
    auto borrowed = nlohmann::json::parse(v2Manifest);
    borrowed["signatures"] = nlohmann::json::parse(v1Manifest)["signatures"];
    s.server.replaceContent("manifest.json", borrowed.dump());
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "does not verify");
    auto unsignedFeed = nlohmann::json::parse(v2Manifest);
    unsignedFeed["signatures"] = nlohmann::json::array();
    s.server.replaceContent("manifest.json", unsignedFeed.dump());
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "not signed");
    s.server.replaceContent("manifest.json", "{\"signed\": ");
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "not valid JSON");
}

TEST_CASE("sync: a replayed older manifest is a rollback and refused", "[sync]") {
    Synced s;
    std::string v1Manifest = s.portal.manifestText();
    auto v2 = s.portal.publish(recordsVersion(2));
    REQUIRE(s.kiosk.sync({s.server.url()}).outcome == Outcome::Updated);
    s.server.replaceContent("manifest.json", v1Manifest);
    auto r = s.kiosk.sync({s.server.url()});
    CHECK(r.outcome == Outcome::Rejected);
    CHECK_THAT(r.message, Catch::Contains("rollback"));
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
    CHECK(s.kiosk.state().version == 2);
}

TEST_CASE("sync: another feed id, an unknown key and a too new min_reader are refused", "[sync]") {
    Synced s;
    std::string before = s.kiosk.digest();
    s.portal.publish(recordsVersion(2));
    feed::Manifest m = s.portal.manifest();
    feed::Manifest other = m;
    other.feedId = "neighbour-county";
    s.server.replaceContent("manifest.json", s.portal.sign(other));
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "neighbour-county");
    feed::Manifest future = m;
    future.minReader = 2;
    s.server.replaceContent("manifest.json", s.portal.sign(future));
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "record format");
    Portal stranger;
    s.server.replaceContent("manifest.json", feed::signManifest(m, {stranger.key().secret}));
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "not trusted");
}

TEST_CASE("sync: a signed manifest whose digest does not match its files is refused after apply", "[sync]") {
    Synced s;
    std::string before = s.kiosk.digest();
    s.portal.publish(recordsVersion(2));
    feed::Manifest m = s.portal.manifest();
    m.stateDigest = std::string(64, '0');
    s.server.replaceContent("manifest.json", s.portal.sign(m));
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "digest mismatch");
}

TEST_CASE("sync: a snapshot that drops most records needs the manifest's shrink flag", "[sync]") {
    Synced s;
    std::string before = s.kiosk.digest();
    fs::remove(s.kiosk.options.dbPath);  // take the snapshot path
    REQUIRE(s.kiosk.sync({s.server.url()}).outcome == Outcome::Updated);
    std::string tiny = R"({"type":"domain","op":"upsert","id":"d03","seq":3,"name":"义务教育"})" "\n";
    auto shrunk = s.portal.publish(tiny, kNov1, true);
    CHECK(shrunk.manifest.shrink);
    feed::Manifest lying = shrunk.manifest;
    lying.shrink = false;
    lying.deltas.clear();  // make the kiosk take the snapshot
    s.server.replaceContent("manifest.json", s.portal.sign(lying));
    checkRefusedAndUntouched(s, s.kiosk.sync({s.server.url()}), before, "shrinking");
    s.server.restoreContent("manifest.json");
    auto r = s.kiosk.sync({s.server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(recordCount(*s.kiosk.open()) == 1);
}

TEST_CASE("sync: an expired but newer manifest is applied and the data marked stale", "[sync]") {
    Synced s;
    auto v2 = s.portal.publish(recordsVersion(2));
    auto r = s.kiosk.sync({s.server.url()}, kNov1 + 90 * 86400);
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(r.stale);
    CHECK(s.kiosk.state().stale);
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
}

TEST_CASE("sync: key rotation with both keys pinned, then the old key removed", "[sync]") {
    Portal portal;
    auto oldKey = portal.key();
    auto newKey = feed::generateKeyPair();
    portal.publish(recordsVersion(1));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({oldKey.pub, newKey.pub});
    REQUIRE(kiosk.sync({server.url()}).outcome == Outcome::Updated);
    portal.signWith({oldKey, newKey});  // the overlap: both sign
    portal.publish(recordsVersion(2));
    REQUIRE(kiosk.sync({server.url()}).outcome == Outcome::Updated);
    portal.signWith({newKey});
    portal.publish(recordsVersion(3));
    REQUIRE(kiosk.sync({server.url()}).outcome == Outcome::Updated);
    kiosk.options.trusted = {newKey.pub};  // the old key is retired
    portal.publish(recordsVersion(4));
    REQUIRE(kiosk.sync({server.url()}).outcome == Outcome::Updated);
    CHECK(kiosk.state().version == 4);
    Kiosk stale({oldKey.pub});  // a kiosk that only knows the old key refuses the new feed
    auto r = stale.sync({server.url()});
    CHECK(r.outcome == Outcome::Rejected);
    CHECK_THAT(r.message, Catch::Contains("not trusted"));
}

TEST_CASE("sync: when the first server fails, the second one serves", "[sync]") {
    Portal portal;
    auto published = portal.publish(recordsVersion(1));
    FaultServer broken(portal.feedDir()), good(portal.feedDir());
    broken.failNext(503, 100);
    Kiosk kiosk({portal.key().pub});
    auto r = kiosk.sync({broken.url(), good.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(r.source == good.url());
    CHECK(kiosk.digest() == published.manifest.stateDigest);
}

TEST_CASE("sync: a feed on a USB stick (file://) applies like one over HTTP", "[sync]") {
    Portal portal;
    auto published = portal.publish(recordsVersion(3));
    Kiosk kiosk({portal.key().pub});
    auto r = kiosk.sync({"file://" + portal.feedDir()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(kiosk.digest() == published.manifest.stateDigest);
    CHECK(kiosk.sync({"file://" + portal.feedDir()}).outcome == Outcome::UpToDate);
}

TEST_CASE("sync: a mirror that is not a database any more is rebuilt from the snapshot", "[sync]") {
    Synced s;
    auto v2 = s.portal.publish(recordsVersion(2));
    writeFile(s.kiosk.options.dbPath, std::string(8192, 'x'));
    auto r = s.kiosk.sync({s.server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(r.repaired);
    CHECK(s.kiosk.digest() == v2.manifest.stateDigest);
    CHECK(quickCheck(*s.kiosk.open()));
}

TEST_CASE("sync: blobs named by records are fetched and checked, unreferenced ones removed", "[sync]") {
    Portal portal;
    TempDir blobs;
    std::string content = "PNG-ish attachment bytes";
    std::string hex = toHex(sha256(content));
    writeFile(blobs.file(hex), content);
    std::string withBlob = recordsVersion(1) + R"({"type":"document","op":"upsert","id":"att","title":"附件","attachments":[{"name":"a.pdf","sha256":")" +
                           hex + R"(","bytes":24,"mime":"application/pdf"}]})" + "\n";
    std::string file = portal.dir().file("r.ndjson");
    writeFile(file, withBlob);
    feed::PublishOptions o;
    o.records = {file};
    o.feedDir = portal.feedDir();
    o.keys = {portal.key().secret};
    o.feedId = kFeedId;
    o.blobsDir = blobs.path().string();
    o.now = kNov1;
    REQUIRE(feed::publishFeed(o));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    fs::create_directories(kiosk.options.blobsDir + "/ff");
    writeFile(kiosk.options.blobsDir + "/ff/" + std::string(64, 'f'), "old");
    auto r = kiosk.sync({server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(r.blobsFetched == 1);
    CHECK(r.blobsRemoved == 1);
    CHECK(readFile(kiosk.options.blobsDir + "/" + hex.substr(0, 2) + "/" + hex) == content);
    CHECK_FALSE(fs::exists(kiosk.options.blobsDir + "/ff/" + std::string(64, 'f')));
}

TEST_CASE("sync: a full disk aborts the apply cleanly and is reported", "[sync][root]") {
    Portal portal;
    auto v1 = portal.publish(recordsVersion(1));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    TempDir dir;
    fs::create_directory(dir.file("small"));
    bool tmpfs = ::geteuid() == 0 && ::mount("tmpfs", dir.file("small").c_str(), "tmpfs", 0, "size=1m") == 0;
    if (!tmpfs) WARN("not root: the full disk is simulated by a file-size limit");
    kiosk.options.dbPath = dir.file("small/mirror.db");
    kiosk.options.stagingDir = dir.file("staging");  // downloads fit, the mirror does not
    REQUIRE(kiosk.sync({server.url()}).outcome == Outcome::Updated);
    std::string big = recordsVersion(1);
    for (int i = 0; i < 3000; ++i)
        big += R"({"type":"document","op":"upsert","id":"big)" + std::to_string(i) +
               R"(","title":"县人民政府关于印发工作方案的通知","body":[{"p":")" + std::string(600, 'x') + "\"}]}\n";
    portal.publish(big);
    rlimit old{};
    if (!tmpfs) {
        std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &old);
        rlimit lim{1u << 20, old.rlim_max};
        ::setrlimit(RLIMIT_FSIZE, &lim);
    }
    auto r = kiosk.sync({server.url()});
    if (!tmpfs) ::setrlimit(RLIMIT_FSIZE, &old);
    CHECK(r.outcome == Outcome::Local);
    if (tmpfs) CHECK_THAT(r.message, Catch::Contains("disk is full"));
    CHECK(kiosk.digest() == v1.manifest.stateDigest);
    CHECK(kiosk.state().version == 1);
    CHECK(quickCheck(*kiosk.open()));
    if (tmpfs) ::umount(dir.file("small").c_str());
}

TEST_CASE("sync: a signed snapshot with a bad record line is refused, naming the line, and staging is emptied", "[sync]") {
    Portal portal;
    portal.publish(recordsVersion(1));
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    // A portal bug: the snapshot holds a line that is not a record.
    std::string bad = readFile(portal.dir().file("records-1.ndjson"));
    bad.insert(bad.find('\n') + 1, "{\"type\":\"document\",\"op\":\"upsert\"}\n");
    std::string zst = zstdCompress(bad);
    feed::Manifest m = portal.manifest();
    m.snapshot.path = "snapshots/broken.ndjson.zst";
    m.snapshot.size = zst.size();
    m.snapshot.sha256 = toHex(sha256(zst));
    writeFile(portal.feedDir() + "/" + m.snapshot.path, zst);
    portal.writeManifest(portal.sign(m));
    auto r = kiosk.sync({server.url()});
    CHECK(r.outcome == Outcome::Rejected);
    CHECK_THAT(r.message, Catch::Contains(":2: ") && Catch::Contains("id"));
    CHECK(recordCount(*kiosk.open()) == 0);
    CHECK_THAT(kiosk.state().lastError, Catch::Contains(":2: "));
    for (const auto& e : fs::directory_iterator(kiosk.dir().file("staging")))
        CHECK(e.path().extension() != ".part");
}

TEST_CASE("sync: a mirror that never followed the feed (demo data) is replaced without the shrink guard", "[sync]") {
    Portal portal;
    std::string tiny = R"({"type":"domain","op":"upsert","id":"d99","seq":1,"name":"重大建设项目"})" "\n";
    auto published = portal.publish(tiny);
    FaultServer server(portal.feedDir());
    Kiosk kiosk({portal.key().pub});
    {
        auto m = Mirror::open(kiosk.options.dbPath, Mirror::Mode::Create);
        REQUIRE(m);
        writeFile(kiosk.dir().file("demo.ndjson"), sampleRecords());
        REQUIRE(importRecordFile(*m.value(), kiosk.dir().file("demo.ndjson")));
    }
    auto r = kiosk.sync({server.url()});
    REQUIRE(r.outcome == Outcome::Updated);
    CHECK(recordCount(*kiosk.open()) == 1);
    CHECK(kiosk.digest() == published.manifest.stateDigest);
}
