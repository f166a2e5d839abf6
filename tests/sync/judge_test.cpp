// What the client makes of a verified manifest before it fetches anything,
// and which files it fetches.
#include <catch2/catch.hpp>

#include "client/judge.h"

using namespace gongkai;
using namespace gongkai::sync;

namespace {

feed::Manifest manifest(std::int64_t version) {
    feed::Manifest m;
    m.feedId = "demo";
    m.version = version;
    m.created = "2026-11-01T00:00:00Z";
    m.expires = "2026-12-01T00:00:00Z";
    m.snapshot = {"snapshots/" + std::to_string(version) + ".ndjson.zst", 100000, std::string(64, 'a')};
    return m;
}

SyncState at(std::int64_t version) {
    SyncState s;
    s.feedId = "demo";
    s.version = version;
    return s;
}

const std::int64_t kNov15 = *feed::parseUtc("2026-11-15T00:00:00Z");

feed::DeltaRef delta(std::int64_t from, std::int64_t to, std::uint64_t size) {
    return {from, to, {"deltas/" + std::to_string(from) + "-" + std::to_string(to) + ".ndjson.zst", size, std::string(64, 'b')}};
}

}  // namespace

TEST_CASE("judge: a newer version of our feed is applied, the same one is up to date", "[judge]") {
    CHECK(judgeManifest(manifest(5), at(4), "demo", kNov15).kind == Judgement::Kind::Apply);
    CHECK(judgeManifest(manifest(5), at(5), "demo", kNov15).kind == Judgement::Kind::UpToDate);
    CHECK(judgeManifest(manifest(1), SyncState{}, "demo", kNov15).kind == Judgement::Kind::Apply);
}

TEST_CASE("judge: rollback, another feed id and a too new min_reader are refused with the reason", "[judge]") {
    auto rollback = judgeManifest(manifest(3), at(4), "demo", kNov15);
    CHECK(rollback.kind == Judgement::Kind::Reject);
    CHECK_THAT(rollback.reason, Catch::Contains("rollback") && Catch::Contains("3") && Catch::Contains("4"));
    auto other = judgeManifest(manifest(9), at(4), "other-county", kNov15);
    CHECK(other.kind == Judgement::Kind::Reject);
    CHECK_THAT(other.reason, Catch::Contains("other-county"));
    feed::Manifest future = manifest(5);
    future.minReader = feed::kReaderVersion + 1;
    auto tooNew = judgeManifest(future, at(4), "demo", kNov15);
    CHECK(tooNew.kind == Judgement::Kind::Reject);
    CHECK_THAT(tooNew.reason, Catch::Contains("record format"));
}

TEST_CASE("judge: a mirror of another feed counts as empty", "[judge]") {
    SyncState foreign = at(40);
    foreign.feedId = "old-county";
    CHECK(judgeManifest(manifest(3), foreign, "demo", kNov15).kind == Judgement::Kind::Apply);
}

TEST_CASE("judge: a newer expired manifest is applied and marked stale, an old one changes nothing", "[judge]") {
    const std::int64_t jan = *feed::parseUtc("2027-01-10T00:00:00Z");
    auto newer = judgeManifest(manifest(5), at(4), "demo", jan);
    CHECK(newer.kind == Judgement::Kind::Apply);
    CHECK(newer.stale);
    auto same = judgeManifest(manifest(5), at(5), "demo", jan);
    CHECK(same.kind == Judgement::Kind::UpToDate);
    CHECK(same.stale);
    CHECK_FALSE(judgeManifest(manifest(5), at(4), "demo", kNov15).stale);
}

TEST_CASE("judge: a clock behind the manifest's created time is corrected by it", "[judge]") {
    const std::int64_t year1970ish = 86400;  // a terminal whose RTC battery died
    auto j = judgeManifest(manifest(5), at(4), "demo", year1970ish);
    CHECK(j.now == *feed::parseUtc("2026-11-01T00:00:00Z"));
    CHECK_FALSE(j.stale);
}

TEST_CASE("plan: the shortest delta chain, else the snapshot", "[judge]") {
    feed::Manifest m = manifest(10);
    m.deltas = {delta(9, 10, 500), delta(8, 10, 900), delta(7, 8, 100), delta(5, 10, 200000)};
    auto fromNine = planFetch(m, 9);
    REQUIRE_FALSE(fromNine.snapshot);
    REQUIRE(fromNine.chain.size() == 1);
    CHECK(fromNine.chain[0].from == 9);
    auto fromSeven = planFetch(m, 7);
    REQUIRE_FALSE(fromSeven.snapshot);
    REQUIRE(fromSeven.chain.size() == 2);
    CHECK(fromSeven.chain[0].to == 8);
    CHECK(fromSeven.bytes == 1000);
    CHECK(planFetch(m, 6).snapshot);   // no chain from 6
    CHECK(planFetch(m, 5).snapshot);   // a chain larger than the snapshot
    CHECK(planFetch(m, 0).snapshot);   // an empty mirror
    CHECK(planFetch(m, 0).bytes == 100000);
}
