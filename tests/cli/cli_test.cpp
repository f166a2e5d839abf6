// The `gongkai` binary as operators use it: exit codes, messages, output.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/mirror.h"
#include "core/record_reader.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using gongkai::test::TempDir;
using gongkai::test::runCommand;

namespace {

std::string gk(const std::string& args) { return std::string(GONGKAI_CLI_PATH) + " " + args; }

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

TEST_CASE("cli: import, then digest of the mirror equals digest of the file", "[cli]") {
    TempDir dir;
    gongkai::test::writeFile(dir.file("a.ndjson"), gongkai::test::sampleRecords());
    std::string out;
    REQUIRE(runCommand(gk("import --db " + dir.file("m.db") + " " + dir.file("a.ndjson")), out) == 0);
    CHECK_THAT(out, Catch::Contains("11 records (11 upserted"));
    CHECK_THAT(out, Catch::Contains("version 1"));
    std::string dbDigest, fileDigest;
    REQUIRE(runCommand(gk("digest --db " + dir.file("m.db")), dbDigest) == 0);
    REQUIRE(runCommand(gk("digest " + dir.file("a.ndjson")), fileDigest) == 0);
    CHECK(firstLine(dbDigest).size() == 64);
    CHECK(firstLine(dbDigest) == firstLine(fileDigest));
}

TEST_CASE("cli: a bad file exits non-zero naming file and line", "[cli]") {
    TempDir dir;
    gongkai::test::writeFile(dir.file("bad.ndjson"), gongkai::test::sampleRecords() + "{broken\n");
    std::string out;
    CHECK(runCommand(gk("import --db " + dir.file("m.db") + " " + dir.file("bad.ndjson")), out) == 1);
    CHECK_THAT(out, Catch::Contains(dir.file("bad.ndjson") + ":12: invalid JSON"));
}

TEST_CASE("cli: stats --json reports counts, versions, digest and sync state", "[cli]") {
    TempDir dir;
    gongkai::test::writeFile(dir.file("a.ndjson"), gongkai::test::sampleRecords());
    std::string out;
    REQUIRE(runCommand(gk("import -q --db " + dir.file("m.db") + " " + dir.file("a.ndjson")), out) == 0);
    REQUIRE(runCommand(gk("stats --json --db " + dir.file("m.db")), out) == 0);
    auto j = nlohmann::json::parse(out);
    CHECK(j["records"]["document"] == 3);
    CHECK(j["records"]["domain"] == 2);
    CHECK(j["schema_version"] == gongkai::kSchemaVersion);
    CHECK(j["mirror_version"] == 1);
    CHECK(j["state_digest"].get<std::string>().size() == 64);
    CHECK(j["file_bytes"].get<std::uint64_t>() > 0);
    CHECK(j["sync"].contains("last_error"));
    CHECK(j["sync"]["stale"] == false);
}

TEST_CASE("cli: usage errors and missing mirrors are clear", "[cli]") {
    TempDir dir;
    std::string out;
    CHECK(runCommand(gk("stats --db " + dir.file("none.db")), out) == 1);
    CHECK_THAT(out, Catch::Contains("does not exist"));
    CHECK(runCommand(gk("import --db " + dir.file("m.db")), out) == 2);
    CHECK(runCommand(gk("frobnicate"), out) == 2);
    CHECK(runCommand(gk("digest"), out) == 2);
}

TEST_CASE("cli: the law corpus imports, and one corrupted line is named and changes nothing", "[cli][slow]") {
    auto laws = (gongkai::test::corpusDir() / "laws.ndjson.zst").string();
    REQUIRE(std::filesystem::exists(laws));
    TempDir dir;
    std::string out, mirrorDigest, fileDigest;
    REQUIRE(runCommand(gk("import --db " + dir.file("m.db") + " " + laws), out) == 0);
    REQUIRE(runCommand(gk("digest --db " + dir.file("m.db")), mirrorDigest) == 0);
    REQUIRE(runCommand(gk("digest " + laws), fileDigest) == 0);
    CHECK(mirrorDigest == fileDigest);

    // The same file with line 1234 damaged (a changed title, then a cut-off line).
    auto reader = gongkai::RecordFileReader::open(laws);
    REQUIRE(reader);
    std::string text, line;
    std::uint64_t no = 0;
    while (reader.value()->next(line, no) == gongkai::RecordFileReader::Next::Line) {
        if (no == 1234) line = line.substr(0, line.find(",\"body\""));  // cut off mid-object
        else if (no == 10) line.replace(line.find("\"title\":\"") + 9, 0, "修改");
        text += line + "\n";
    }
    gongkai::test::writeFile(dir.file("laws-bad.ndjson.zst"), gongkai::test::zstdCompress(text));
    CHECK(runCommand(gk("import --db " + dir.file("m.db") + " " + dir.file("laws-bad.ndjson.zst")), out) == 1);
    CHECK_THAT(out, Catch::Contains("laws-bad.ndjson.zst:1234: invalid JSON"));
    std::string after;
    REQUIRE(runCommand(gk("digest --db " + dir.file("m.db")), after) == 0);
    CHECK(after == mirrorDigest);
}

TEST_CASE("cli: search --json keeps its interface shape", "[cli]") {
    TempDir dir;
    gongkai::test::writeFile(dir.file("a.ndjson"), gongkai::test::sampleRecords());
    std::string out;
    REQUIRE(runCommand(gk("import -q --db " + dir.file("m.db") + " " + dir.file("a.ndjson")), out) == 0);
    REQUIRE(runCommand(gk("search --json --db " + dir.file("m.db") + " 招生"), out) == 0);
    auto j = nlohmann::json::parse(out);  // exactly one object
    REQUIRE(j.is_object());
    CHECK(j["total"].get<int>() >= 1);
    CHECK(j["took_ms"].is_number());
    CHECK(j["facets"].is_object());
    REQUIRE(!j["hits"].empty());
    for (const char* key : {"id", "type", "title", "doc_no", "published_on", "score", "snippet", "highlights"})
        CHECK(j["hits"][0].contains(key));
    auto h = j["hits"][0]["highlights"][0];
    CHECK(h.size() == 2);
}

TEST_CASE("cli: reindex rebuilds a wiped search index", "[cli]") {
    TempDir dir;
    gongkai::test::writeFile(dir.file("a.ndjson"), gongkai::test::sampleRecords());
    std::string before, after, out;
    std::string db = dir.file("m.db");
    REQUIRE(runCommand(gk("import -q --db " + db + " " + dir.file("a.ndjson")), out) == 0);
    REQUIRE(runCommand(gk("search --json --db " + db + " 招生"), before) == 0);
    {
        auto m = gongkai::Mirror::open(db, gongkai::Mirror::Mode::ReadWrite);
        REQUIRE(m);
        REQUIRE(m.value()->exec("INSERT INTO search(search) VALUES ('delete-all')"));
    }
    REQUIRE(runCommand(gk("search --json --db " + db + " 招生"), out) == 0);
    CHECK(nlohmann::json::parse(out)["total"] == 0);
    REQUIRE(runCommand(gk("reindex --db " + db), out) == 0);
    CHECK_THAT(out, Catch::Contains("reindexed 11 records"));
    REQUIRE(runCommand(gk("search --json --db " + db + " 招生"), after) == 0);
    auto a = nlohmann::json::parse(after), b = nlohmann::json::parse(before);
    CHECK(a["total"] == b["total"]);
    CHECK(a["hits"] == b["hits"]);
    CHECK(runCommand(gk("reindex --db " + dir.file("missing.db")), out) == 1);
    CHECK_THAT(out, Catch::Contains("missing.db"));
}
