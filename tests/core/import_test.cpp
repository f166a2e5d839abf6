#include <catch2/catch.hpp>

#include "core/apply.h"
#include "core/mirror.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

std::unique_ptr<Mirror> createMirror(const TempDir& dir) {
    auto m = Mirror::open(dir.file("mirror.db"), Mirror::Mode::Create);
    REQUIRE(m);
    return std::move(m.value());
}

}  // namespace

TEST_CASE("import: a record file applies and the mirror digest equals the file digest", "[import]") {
    TempDir dir;
    auto mirror = createMirror(dir);
    test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
    auto stats = importRecordFile(*mirror, dir.file("a.ndjson"));
    REQUIRE(stats);
    CHECK(stats.value().lines == 11);
    CHECK(stats.value().upserts == 11);
    CHECK(stats.value().unknownType == 1);
    CHECK(mirror->mirrorVersion() == 1);
    auto fileDigest = digestRecordFiles({dir.file("a.ndjson")});
    REQUIRE(fileDigest);
    CHECK(mirror->stateDigest() == fileDigest.value());
    auto counts = mirror->recordCounts();
    CHECK(counts["document"] == 3);
    CHECK(counts["notice_board"] == 1);  // unknown type kept verbatim
}

TEST_CASE("import: re-importing the same file changes nothing", "[import]") {
    TempDir dir;
    auto mirror = createMirror(dir);
    test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
    REQUIRE(importRecordFile(*mirror, dir.file("a.ndjson")));
    auto digest = mirror->stateDigest();
    auto again = importRecordFile(*mirror, dir.file("a.ndjson"));
    REQUIRE(again);
    CHECK(again.value().unchanged == 11);
    CHECK_FALSE(again.value().changed);
    CHECK(mirror->mirrorVersion() == 1);
    CHECK(mirror->stateDigest() == digest);
}

TEST_CASE("import: upsert replaces, delete removes, and the digest follows", "[import]") {
    TempDir dir;
    auto mirror = createMirror(dir);
    test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
    REQUIRE(importRecordFile(*mirror, dir.file("a.ndjson")));
    test::writeFile(dir.file("b.ndjson"),
        R"({"type":"document","op":"upsert","id":"sf-2021-0001","title":"示范县最低生活保障工作实施细则（修订）"}
{"type":"document","op":"delete","id":"sf-2020-0124"}
{"type":"document","op":"delete","id":"never-existed"}
)");
    auto stats = importRecordFile(*mirror, dir.file("b.ndjson"));
    REQUIRE(stats);
    CHECK(stats.value().upserts == 1);
    CHECK(stats.value().deletes == 1);
    CHECK(stats.value().unchanged == 1);
    CHECK(mirror->mirrorVersion() == 2);
    CHECK(mirror->recordCounts()["document"] == 2);
    auto expected = digestRecordFiles({dir.file("a.ndjson"), dir.file("b.ndjson")});
    REQUIRE(expected);
    CHECK(mirror->stateDigest() == expected.value());
}

TEST_CASE("import: within one file a later line supersedes an earlier one", "[import]") {
    TempDir dir;
    auto mirror = createMirror(dir);
    test::writeFile(dir.file("dup.ndjson"),
        R"({"type":"agency","op":"upsert","id":"a","name":"县民政局"}
{"type":"agency","op":"upsert","id":"a","name":"县民政局（新）"}
{"type":"agency","op":"upsert","id":"b","name":"县财政局"}
{"type":"agency","op":"delete","id":"b"}
)");
    REQUIRE(importRecordFile(*mirror, dir.file("dup.ndjson")));
    test::writeFile(dir.file("final.ndjson"), R"({"type":"agency","op":"upsert","id":"a","name":"县民政局（新）"}
)");
    auto expected = digestRecordFiles({dir.file("final.ndjson")});
    REQUIRE(expected);
    CHECK(mirror->stateDigest() == expected.value());
    CHECK(mirror->recordCounts()["agency"] == 1);
}

TEST_CASE("import: a zstd file imports like the plain one", "[import]") {
    TempDir dir;
    auto mirror = createMirror(dir);
    test::writeFile(dir.file("a.ndjson.zst"), test::zstdCompress(test::sampleRecords()));
    test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
    REQUIRE(importRecordFile(*mirror, dir.file("a.ndjson.zst")));
    CHECK(mirror->stateDigest() == digestRecordFiles({dir.file("a.ndjson")}).value());
}

TEST_CASE("import: the real law corpus round-trips its digest", "[import][slow]") {
    auto laws = (test::corpusDir() / "laws.ndjson.zst").string();
    REQUIRE(std::filesystem::exists(laws));
    TempDir dir;
    auto mirror = createMirror(dir);
    auto stats = importRecordFile(*mirror, laws);
    REQUIRE(stats);
    CHECK(stats.value().lines == 3418);
    auto fileDigest = digestRecordFiles({laws});
    REQUIRE(fileDigest);
    CHECK(mirror->stateDigest() == fileDigest.value());
}
