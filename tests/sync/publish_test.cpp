// The publisher (sync/feed/publish.h) on real files with real signatures:
// what it writes is checked by importing it into real mirrors.
// Sections: [1] helpers  [2] versions and digests  [3] determinism
//           [4] pruning and shrink  [5] failures leave the feed valid  [6] blobs and keys
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "core/apply.h"
#include "core/digest.h"
#include "core/mirror.h"
#include "core/record.h"
#include "core/record_reader.h"
#include "feed/publish.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using namespace gongkai::feed;
using gongkai::test::readFile;
using gongkai::test::sampleRecords;
using gongkai::test::TempDir;
using gongkai::test::writeFile;
namespace fs = std::filesystem;

// [1] helpers
namespace {

constexpr std::int64_t kNow = 1793491200;  // 2026-11-01T00:00:00Z

struct Feed {
    TempDir dir;
    KeyPair key = generateKeyPair();
    int inputs = 0;

    std::string root() const { return dir.file("feed"); }
    std::string path(const std::string& rel) const { return root() + "/" + rel; }

    PublishOptions options(const std::string& records, std::int64_t now = kNow) {
        const std::string file = dir.file("input-" + std::to_string(++inputs) + ".ndjson");
        writeFile(file, records);
        PublishOptions o;
        o.records = {file};
        o.feedDir = root();
        o.keys = {key.secret};
        o.feedId = "demo-county";
        o.now = now;
        return o;
    }
    PublishResult publish(const std::string& records, std::int64_t now = kNow) {
        auto r = publishFeed(options(records, now));
        if (!r) FAIL(r.error().message);
        return r.value();
    }
    Manifest manifest() const {
        auto v = verifyManifest(readFile(path("manifest.json")), {key.pub});
        if (auto* e = std::get_if<ManifestError>(&v)) FAIL(e->message);
        return std::get<VerifiedManifest>(v).manifest;
    }
};

// Every file under `root` (relative path -> bytes).
std::map<std::string, std::string> treeOf(const std::string& root) {
    std::map<std::string, std::string> tree;
    if (!fs::exists(root)) return tree;
    for (const auto& e : fs::recursive_directory_iterator(root))
        tree[fs::relative(e.path(), root).string()] = e.is_regular_file() ? readFile(e.path().string()) : "<dir>";
    return tree;
}

std::vector<std::string> linesOf(const std::string& path) {
    auto reader = RecordFileReader::open(path);
    REQUIRE(reader);
    std::vector<std::string> lines;
    std::string line;
    std::uint64_t no = 0;
    while (reader.value()->next(line, no) == RecordFileReader::Next::Line) lines.push_back(line);
    return lines;
}

// Every file the manifest lists exists with the listed size and SHA-256.
void checkListedFiles(const Feed& feed, const Manifest& m) {
    std::vector<FileRef> refs{m.snapshot};
    for (const auto& d : m.deltas) refs.push_back(d.file);
    for (const auto& ref : refs) {
        INFO(ref.path);
        REQUIRE(fs::exists(feed.path(ref.path)));
        const std::string bytes = readFile(feed.path(ref.path));
        CHECK(bytes.size() == ref.size);
        CHECK(toHex(sha256(bytes)) == ref.sha256);
    }
}

std::unique_ptr<Mirror> mirrorFrom(const TempDir& dir, const std::string& name, const std::vector<std::string>& files) {
    auto m = Mirror::open(dir.file(name), Mirror::Mode::Create);
    REQUIRE(m);
    for (const auto& f : files) {
        auto s = importRecordFile(*m.value(), f);
        if (!s) FAIL(s.error().message);
    }
    return std::move(m.value());
}

// sampleRecords() with one document changed, one deleted and one added.
std::string changedRecords() {
    std::string text = sampleRecords();
    auto replace = [&](const std::string& from, const std::string& to) {
        auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    replace("第一条 为规范最低生活保障工作，制定本细则。", "第一条 为规范最低生活保障工作，修订本细则。");
    auto start = text.find("{\"type\":\"consultation\"");
    text.erase(start, text.find('\n', start) + 1 - start);
    return text + R"({"type":"document","op":"upsert","id":"sf-2026-0001","title":"新增的通知","kind":"通知"})" "\n";
}

}  // namespace

// [2] versions and digests
TEST_CASE("publish: the first version's sorted snapshot imports to the manifest's digest", "[publish]") {
    Feed feed;
    // Two input files: a later line supersedes, a delete removes.
    PublishOptions o = feed.options(sampleRecords());
    writeFile(feed.dir.file("more.ndjson"),
              R"({"type":"agency","op":"upsert","id":"ag-edu","name":"县教育局（新）","kind":"department"})" "\n"
              R"({"type":"kiosk","op":"delete","id":"k1"})" "\n");
    o.records.push_back(feed.dir.file("more.ndjson"));
    auto r = publishFeed(o);
    REQUIRE(r);
    CHECK(r.value().published);
    const Manifest m = feed.manifest();
    CHECK(m.version == 1);
    CHECK(m.feedId == "demo-county");
    CHECK(m.created == "2026-11-01T00:00:00Z");
    CHECK(m.expires == "2026-12-01T00:00:00Z");
    CHECK(m.deltas.empty());
    CHECK(m.snapshot.path == "snapshots/1.ndjson.zst");
    CHECK(r.value().snapshotBytes == m.snapshot.size);
    checkListedFiles(feed, m);

    const auto lines = linesOf(feed.path(m.snapshot.path));
    CHECK(lines.size() == m.records);
    CHECK(m.records == 10);  // 11 sample records, k1 deleted
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& line : lines) {
        auto rec = parseRecordLine(line);
        REQUIRE(rec);
        CHECK(rec.value().canonical == line);
        CHECK(rec.value().op == Op::Upsert);
        keys.emplace_back(rec.value().type, rec.value().id);
    }
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    auto digest = digestRecordFiles(o.records);
    REQUIRE(digest);
    CHECK(m.stateDigest == digest.value().hex());
    auto mirror = mirrorFrom(feed.dir, "m.db", {feed.path(m.snapshot.path)});
    CHECK(mirror->stateDigest().hex() == m.stateDigest);
}

TEST_CASE("publish: a change makes a new version whose deltas turn older mirrors into it", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    auto v2 = feed.publish(changedRecords(), kNow + 3600);
    REQUIRE(v2.published);
    Manifest m2 = feed.manifest();
    CHECK(m2.version == 2);
    REQUIRE(m2.deltas.size() == 1);
    CHECK(m2.deltas[0].from == 1);
    CHECK(m2.deltas[0].file.path == "deltas/1-2.ndjson.zst");
    checkListedFiles(feed, m2);

    const auto delta = linesOf(feed.path(m2.deltas[0].file.path));
    REQUIRE(delta.size() == 3);  // the changed, the deleted, the added
    CHECK(delta[0] == R"({"id":"cs-1","op":"delete","type":"consultation"})");
    CHECK(delta[1].find("修订本细则") != std::string::npos);
    CHECK(delta[2].find("sf-2026-0001") != std::string::npos);

    TempDir work;
    auto atOne = mirrorFrom(work, "one.db", {feed.path("snapshots/1.ndjson.zst")});
    CHECK(atOne->stateDigest().hex() != m2.stateDigest);
    REQUIRE(importRecordFile(*atOne, feed.path(m2.deltas[0].file.path)));
    CHECK(atOne->stateDigest().hex() == m2.stateDigest);

    // Version 3 carries deltas from 2 and from 1; each gives version 3.
    std::string v3Text = changedRecords() + R"({"type":"domain","op":"upsert","id":"d09","seq":9,"name":"就业"})" "\n";
    feed.publish(v3Text, kNow + 7200);
    Manifest m3 = feed.manifest();
    REQUIRE(m3.deltas.size() == 2);
    checkListedFiles(feed, m3);
    for (const auto& d : m3.deltas) {
        INFO(d.file.path);
        auto base = mirrorFrom(work, "base" + std::to_string(d.from) + ".db",
                               {feed.path("snapshots/" + std::to_string(d.from) + ".ndjson.zst")});
        REQUIRE(importRecordFile(*base, feed.path(d.file.path)));
        CHECK(base->stateDigest().hex() == m3.stateDigest);
    }
    auto fresh = mirrorFrom(work, "fresh.db", {feed.path(m3.snapshot.path)});
    CHECK(fresh->stateDigest().hex() == m3.stateDigest);
}

TEST_CASE("publish: a reverted change needs no delta from the version it returns to", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    feed.publish(changedRecords(), kNow + 60);
    auto v3 = feed.publish(sampleRecords(), kNow + 120);
    REQUIRE(v3.published);
    const Manifest m = feed.manifest();
    CHECK(m.version == 3);
    REQUIRE(m.deltas.size() == 1);  // 2-3; 1-3 would be empty
    CHECK(m.deltas[0].from == 2);
    CHECK_FALSE(fs::exists(feed.path("deltas/1-3.ndjson.zst")));
}

// [3] determinism
TEST_CASE("publish: an unchanged record set publishes nothing", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    const auto before = treeOf(feed.root());
    auto again = feed.publish(sampleRecords(), kNow + 86400);
    CHECK_FALSE(again.published);
    CHECK(again.manifest.version == 1);
    CHECK(treeOf(feed.root()) == before);
}

TEST_CASE("publish: the same input and time give byte-identical feeds", "[publish]") {
    Feed a, b;
    b.key = a.key;
    for (Feed* f : {&a, &b}) {
        f->publish(sampleRecords());
        f->publish(changedRecords(), kNow + 3600);
    }
    const auto treeA = treeOf(a.root()), treeB = treeOf(b.root());
    CHECK(treeA.size() == 6);  // manifest.json, 2 snapshots, a delta and their 2 directories
    CHECK(treeA.count("deltas/1-2.ndjson.zst") == 1);
    CHECK(treeA == treeB);
}

// [4] pruning and shrink
TEST_CASE("publish: keep-deltas bounds the snapshots and deltas kept", "[publish]") {
    Feed feed;
    const int keep = GENERATE(0, 2);
    std::string records = sampleRecords();
    for (int v = 1; v <= 5; ++v) {
        records += R"({"type":"domain","op":"upsert","id":"x)" + std::to_string(v) + R"(","seq":1,"name":"n"})" "\n";
        PublishOptions o = feed.options(records, kNow + v);
        o.keepDeltas = keep;
        REQUIRE(publishFeed(o));
        const Manifest m = feed.manifest();
        CHECK(m.version == v);
        CHECK(static_cast<int>(m.deltas.size()) == std::min(keep, v - 1));
        checkListedFiles(feed, m);
        std::size_t deltaFiles = fs::exists(feed.path("deltas")) ? std::distance(fs::directory_iterator(feed.path("deltas")), {}) : 0;
        CHECK(deltaFiles == m.deltas.size());
        const auto snapshots = std::distance(fs::directory_iterator(feed.path("snapshots")), {});
        CHECK(snapshots == std::min(std::max(keep, 1), v));
    }
}

TEST_CASE("publish: a shrink is refused without allowShrink and marked with it", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    const auto before = treeOf(feed.root());
    std::string small = sampleRecords().substr(0, sampleRecords().find("{\"type\":\"catalog_item\""));  // 3 of 11
    PublishOptions o = feed.options(small, kNow + 60);
    auto refused = publishFeed(o);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("more than half") && Catch::Contains("--allow-shrink"));
    CHECK(treeOf(feed.root()) == before);

    o.allowShrink = true;
    REQUIRE(publishFeed(o));
    Manifest m = feed.manifest();
    CHECK(m.version == 2);
    CHECK(m.shrink);
    CHECK(m.records == 3);
    // The next ordinary version is not marked.
    feed.publish(small + R"({"type":"domain","op":"upsert","id":"d09","seq":9,"name":"就业"})" "\n", kNow + 120);
    CHECK_FALSE(feed.manifest().shrink);
}

// [5] failures leave the feed valid
TEST_CASE("publish: a bad record line names its file and line and leaves the feed as it was", "[publish]") {
    const bool overExisting = GENERATE(true, false);  // or into a directory that does not exist yet
    INFO((overExisting ? "over an existing version" : "into a new directory"));
    Feed feed;
    if (overExisting) feed.publish(sampleRecords());
    const auto before = treeOf(feed.root());
    std::string text = changedRecords();
    auto third = text.find('\n', text.find('\n') + 1) + 1;
    text.insert(third, "{\"type\":\"document\",\"op\":\"upsert\",\"id\":\"bad\"}\n");  // no title
    PublishOptions o = feed.options(text, kNow + 60);
    auto r = publishFeed(o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains(o.records[0] + ":3:"));
    CHECK(treeOf(feed.root()) == before);
    CHECK(fs::exists(feed.root()) == !before.empty());
}

TEST_CASE("publish: a publish failing midway leaves the old manifest valid with all its files", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    const std::string oldManifest = readFile(feed.path("manifest.json"));
    // The snapshot cannot be renamed into place: deltas are in, the manifest is not.
    fs::create_directories(feed.path("snapshots/2.ndjson.zst/blocker"));
    auto r = publishFeed(feed.options(changedRecords(), kNow + 60));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("snapshots/2.ndjson.zst"));
    CHECK(readFile(feed.path("manifest.json")) == oldManifest);
    const Manifest m = feed.manifest();
    CHECK(m.version == 1);
    checkListedFiles(feed, m);
    CHECK_FALSE(fs::exists(feed.path(".publish-staging")));

    fs::remove_all(feed.path("snapshots/2.ndjson.zst"));
    feed.publish(changedRecords(), kNow + 120);
    const Manifest m2 = feed.manifest();
    CHECK(m2.version == 2);
    checkListedFiles(feed, m2);
}

TEST_CASE("publish: a damaged previous snapshot is named instead of used", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    writeFile(feed.path("snapshots/1.ndjson.zst"), "garbage");
    auto r = publishFeed(feed.options(changedRecords(), kNow + 60));
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("snapshots/1.ndjson.zst"));
}

// [6] blobs and keys
TEST_CASE("publish: blobs are stored by SHA-256 and summarised in the manifest", "[publish]") {
    Feed feed;
    fs::create_directories(feed.dir.file("blobs/sub"));
    const std::string a = "attachment one", b = std::string(5000, 'x');
    const std::string hashA = toHex(sha256(a)), hashB = toHex(sha256(b));
    writeFile(feed.dir.file("blobs/" + hashA), a);
    writeFile(feed.dir.file("blobs/sub/scan.pdf"), b);
    writeFile(feed.dir.file("blobs/copy-of-one"), a);
    PublishOptions o = feed.options(sampleRecords());
    o.blobsDir = feed.dir.file("blobs");
    REQUIRE(publishFeed(o));
    CHECK(readFile(feed.path("blobs/" + hashA.substr(0, 2) + "/" + hashA)) == a);
    CHECK(readFile(feed.path("blobs/" + hashB.substr(0, 2) + "/" + hashB)) == b);
    Manifest m = feed.manifest();
    CHECK(m.blobs.count == 2);
    CHECK(m.blobs.bytes == a.size() + b.size());
    CHECK(m.blobs.maxSize == b.size());

    SECTION("a file named by another hash is refused") {
        writeFile(feed.dir.file("blobs/" + std::string(64, 'e')), "not that");
        PublishOptions bad = feed.options(changedRecords(), kNow + 60);
        bad.blobsDir = feed.dir.file("blobs");
        auto r = publishFeed(bad);
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains(std::string(64, 'e')));
        CHECK(feed.manifest().version == 1);
    }
}

TEST_CASE("publish: a feed is not published over by another key or as another feed", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    PublishOptions o = feed.options(changedRecords(), kNow + 60);
    SECTION("another key") {
        o.keys = {generateKeyPair().secret};
        auto r = publishFeed(o);
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("manifest.json") && Catch::Contains("cannot verify"));
    }
    SECTION("another feed id") {
        o.feedId = "other-county";
        auto r = publishFeed(o);
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("demo-county"));
    }
    CHECK(feed.manifest().version == 1);
}

TEST_CASE("publish: two keys sign during a rotation and either verifies", "[publish]") {
    Feed feed;
    feed.publish(sampleRecords());
    KeyPair next = generateKeyPair();
    PublishOptions o = feed.options(changedRecords(), kNow + 60);
    o.keys = {feed.key.secret, next.secret};
    REQUIRE(publishFeed(o));
    const std::string text = readFile(feed.path("manifest.json"));
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(text, {feed.key.pub})));
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(text, {next.pub})));
    // Then the new key alone takes over.
    PublishOptions o3 = feed.options(sampleRecords(), kNow + 120);
    o3.keys = {next.secret};
    REQUIRE(publishFeed(o3));
    auto v3 = verifyManifest(readFile(feed.path("manifest.json")), {next.pub});
    REQUIRE(std::holds_alternative<VerifiedManifest>(v3));
    CHECK(std::get<VerifiedManifest>(v3).manifest.version == 3);
}
