// The mirror side of a sync: applying a snapshot (a merge) or a delta chain in
// one transaction with the sync state, and every way that must roll back.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "core/apply.h"
#include "core/feed_apply.h"
#include "core/record.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

// Canonical upsert lines of `text` (a later line for the same record
// supersedes), sorted by (type, id): a snapshot.
std::string snapshotOf(const std::string& text) {
    std::map<std::pair<std::string, std::string>, std::string> records;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        auto r = parseRecordLine(line);
        REQUIRE(r);
        records[{r.value().type, r.value().id}] = r.value().canonical;
    }
    std::string out;
    for (const auto& [key, canonical] : records) out += canonical + "\n";
    return out;
}

StateDigest digestOf(const TempDir& dir, const std::string& name) {
    auto d = digestRecordFiles({dir.file(name)});
    REQUIRE(d);
    return d.value();
}

FeedApply snapshotRequest(const TempDir& dir, const std::string& name, std::int64_t version) {
    FeedApply r;
    r.kind = FeedApply::Kind::Snapshot;
    r.files = {dir.file(name)};
    r.expected = digestOf(dir, name);
    r.state.feedId = "demo";
    r.state.version = version;
    r.state.stateDigest = r.expected.hex();
    r.state.lastSuccess = "2026-11-28T09:00:00Z";
    return r;
}

const char* kChangedDoc =
    R"({"type":"document","op":"upsert","id":"sf-2020-0123","title":"示范县关于义务教育招生入学工作的补充通知","published_on":"2020-06-01"})";

}  // namespace

TEST_CASE("feed apply: a snapshot into an empty mirror gives its digest and writes the sync state", "[feed]") {
    TempDir dir;
    auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(m);
    test::writeFile(dir.file("s1"), snapshotOf(test::sampleRecords()));
    auto stats = applyFeed(*m.value(), snapshotRequest(dir, "s1", 1));
    REQUIRE(stats);
    CHECK(stats.value().recordsAfter == 11);
    CHECK(m.value()->stateDigest() == digestOf(dir, "s1"));
    SyncState s = m.value()->syncState();
    CHECK(s.feedId == "demo");
    CHECK(s.version == 1);
    CHECK(s.stateDigest == digestOf(dir, "s1").hex());
    CHECK(s.lastSuccess == "2026-11-28T09:00:00Z");
}

TEST_CASE("feed apply: a snapshot touches only what changed and deletes what it lacks", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    std::string next = test::sampleRecords();
    auto cut = next.find("{\"type\":\"consultation\"");
    REQUIRE(cut != std::string::npos);
    next.erase(cut, next.find('\n', cut) - cut + 1);  // the consultation is gone
    next += std::string(kChangedDoc) + "\n";
    test::writeFile(dir.file("s2"), snapshotOf(next));
    auto stats = applyFeed(*sample.mirror, snapshotRequest(dir, "s2", 2));
    REQUIRE(stats);
    CHECK(stats.value().apply.upserts == 1);
    CHECK(stats.value().apply.deletes == 1);
    CHECK(stats.value().apply.unchanged == 9);
    CHECK(sample.mirror->stateDigest() == digestOf(dir, "s2"));
    CHECK(sample.mirror->recordCounts()["consultation"] == 0);
}

TEST_CASE("feed apply: a digest mismatch rolls everything back, sync state included", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    auto before = sample.mirror->stateDigest();
    test::writeFile(dir.file("s2"), snapshotOf(test::sampleRecords() + kChangedDoc + "\n"));
    FeedApply r = snapshotRequest(dir, "s2", 2);
    r.expected = before;  // what a tampered manifest or a buggy feed would claim
    auto stats = applyFeed(*sample.mirror, r);
    REQUIRE_FALSE(stats);
    CHECK_THAT(stats.error().message, Catch::Contains("state digest mismatch"));
    CHECK(sample.mirror->stateDigest() == before);
    CHECK(sample.mirror->syncState().version == 0);
    CHECK(sample.mirror->syncState().feedId.empty());
}

TEST_CASE("feed apply: a snapshot removing more than half the records needs the shrink flag", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    test::writeFile(dir.file("small"), snapshotOf(R"({"type":"domain","op":"upsert","id":"d03","seq":3,"name":"义务教育"})"));
    auto before = sample.mirror->stateDigest();
    auto refused = applyFeed(*sample.mirror, snapshotRequest(dir, "small", 2));
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("does not allow shrinking"));
    CHECK(sample.mirror->stateDigest() == before);
    FeedApply allowed = snapshotRequest(dir, "small", 2);
    allowed.allowShrink = true;
    REQUIRE(applyFeed(*sample.mirror, allowed));
    CHECK(sample.mirror->recordCounts().size() == 1);
}

TEST_CASE("feed apply: an unsorted snapshot or a delete line in it is refused and nothing changes", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    auto before = sample.mirror->stateDigest();
    std::string sorted = snapshotOf(test::sampleRecords() + kChangedDoc + "\n");
    auto firstEnd = sorted.find('\n') + 1;
    auto secondEnd = sorted.find('\n', firstEnd) + 1;
    test::writeFile(dir.file("unsorted"), sorted.substr(firstEnd, secondEnd - firstEnd) + sorted.substr(0, firstEnd) +
                                              sorted.substr(secondEnd));
    auto a = applyFeed(*sample.mirror, snapshotRequest(dir, "unsorted", 2));
    REQUIRE_FALSE(a);
    CHECK_THAT(a.error().message, Catch::Contains("not sorted"));
    test::writeFile(dir.file("withdelete"), sorted + R"({"type":"zz","op":"delete","id":"x"})" + "\n");
    FeedApply r = snapshotRequest(dir, "unsorted", 2);
    r.files = {dir.file("withdelete")};
    auto b = applyFeed(*sample.mirror, r);
    REQUIRE_FALSE(b);
    CHECK_THAT(b.error().message, Catch::Contains("upserts only"));
    CHECK(sample.mirror->stateDigest() == before);
}

TEST_CASE("feed apply: a delta chain applies in order in one transaction", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    test::writeFile(dir.file("d1"), std::string(kChangedDoc) + "\n");
    test::writeFile(dir.file("d2"), R"({"type":"document","op":"delete","id":"sf-2020-0123"})" "\n");
    test::writeFile(dir.file("all"), test::sampleRecords() + kChangedDoc + "\n" +
                                         R"({"type":"document","op":"delete","id":"sf-2020-0123"})" + "\n");
    FeedApply r;
    r.kind = FeedApply::Kind::Deltas;
    r.files = {dir.file("d1"), dir.file("d2")};
    r.expected = digestOf(dir, "all");
    r.state.feedId = "demo";
    r.state.version = 3;
    auto versionBefore = sample.mirror->mirrorVersion();
    REQUIRE(applyFeed(*sample.mirror, r));
    CHECK(sample.mirror->stateDigest() == r.expected);
    CHECK(sample.mirror->mirrorVersion() == versionBefore + 1);  // one transaction
    CHECK(sample.mirror->syncState().version == 3);
}

TEST_CASE("feed apply: an abort from the progress callback rolls back", "[feed]") {
    test::SampleMirror sample;
    TempDir dir;
    auto before = sample.mirror->stateDigest();
    test::writeFile(dir.file("s2"), snapshotOf(test::sampleRecords() + kChangedDoc + "\n"));
    FeedApply r = snapshotRequest(dir, "s2", 2);
    r.progress = [](std::uint64_t, std::uint64_t) { return false; };
    auto a = applyFeed(*sample.mirror, r);
    REQUIRE_FALSE(a);
    CHECK_THAT(a.error().message, Catch::Contains("interrupted"));
    CHECK(sample.mirror->stateDigest() == before);
}

TEST_CASE("feed apply: referenced blobs come from attachments and image blocks", "[feed]") {
    std::string a(64, 'a'), b(64, 'b');
    test::SampleMirror sample(R"({"type":"document","op":"upsert","id":"img-1","title":"附图","body":[{"img":")" + a +
                              R"(","caption":"图"}],"attachments":[{"name":"x.pdf","sha256":")" + b +
                              R"(","bytes":3,"mime":"application/pdf"}]})" + "\n");
    auto refs = referencedBlobs(*sample.mirror);
    REQUIRE(refs);
    CHECK(refs.value() == std::vector<std::string>{a, b});
}

TEST_CASE("feed apply: an attempt is recorded without touching the records", "[feed]") {
    test::SampleMirror sample;
    auto before = sample.mirror->stateDigest();
    REQUIRE(recordSyncAttempt(*sample.mirror, {"2026-11-28T10:00:00Z", "rollback refused", false, -1, ""}));
    SyncState s = sample.mirror->syncState();
    CHECK(s.lastAttempt == "2026-11-28T10:00:00Z");
    CHECK(s.lastError == "rollback refused");
    CHECK(s.lastSuccess.empty());
    REQUIRE(recordSyncAttempt(*sample.mirror, {"2026-11-28T11:00:00Z", "", true, 1, ""}));
    s = sample.mirror->syncState();
    CHECK(s.lastSuccess == "2026-11-28T11:00:00Z");
    CHECK(s.lastError.empty());
    CHECK(s.stale);
    CHECK(sample.mirror->stateDigest() == before);
    CHECK(quickCheck(*sample.mirror));
}
