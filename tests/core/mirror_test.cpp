#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sqlite3.h>

#include "core/apply.h"
#include "core/mirror.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

TEST_CASE("mirror: a new mirror has the current schema, version 0 and the empty digest", "[mirror]") {
    TempDir dir;
    auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(m);
    CHECK(m.value()->schemaVersion() == kSchemaVersion);
    CHECK(m.value()->mirrorVersion() == 0);
    CHECK(m.value()->stateDigest().hex() == std::string(64, '0'));
    CHECK_FALSE(m.value()->syncState().stale);
    CHECK(m.value()->recordCounts().empty());
}

TEST_CASE("mirror: a new mirror is writable by the shared group (0660 under the units' umask 0007), its WAL too", "[mirror]") {
    TempDir dir;
    const mode_t saved = ::umask(0007);
    {
        auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
        REQUIRE(m);
        CHECK(m.value()->exec("PRAGMA journal_mode=WAL").ok());
        CHECK(m.value()->exec("CREATE TABLE probe(x); INSERT INTO probe VALUES (1)").ok());
        for (const char* name : {"m.db", "m.db-wal"}) {
            struct stat st {};
            REQUIRE(::stat(dir.file(name).c_str(), &st) == 0);
            INFO(name);
            CHECK((st.st_mode & 0777) == 0660);
        }
    }
    ::umask(saved);
}

TEST_CASE("mirror: read-only and read-write opens need an existing file", "[mirror]") {
    TempDir dir;
    for (auto mode : {Mirror::Mode::ReadOnly, Mirror::Mode::ReadWrite}) {
        auto m = Mirror::open(dir.file("absent.db"), mode);
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().message, Catch::Contains("does not exist"));
    }
    CHECK_FALSE(std::filesystem::exists(dir.file("absent.db")));
}

TEST_CASE("mirror: a schema newer than the binary is refused and not modified", "[mirror]") {
    TempDir dir;
    {
        auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
        REQUIRE(m);
        test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
        REQUIRE(importRecordFile(*m.value(), dir.file("a.ndjson")));
        REQUIRE(m.value()->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion + 1)));
        REQUIRE(m.value()->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    std::string before = test::readFile(dir.file("m.db"));
    for (auto mode : {Mirror::Mode::ReadOnly, Mirror::Mode::ReadWrite, Mirror::Mode::Create}) {
        auto m = Mirror::open(dir.file("m.db"), mode);
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().message, Catch::Contains("newer than this program supports") &&
                                          Catch::Contains("was not modified"));
    }
    CHECK(test::readFile(dir.file("m.db")) == before);
}

TEST_CASE("mirror: another program's SQLite database is refused", "[mirror]") {
    TempDir dir;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.file("other.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE photos(x); INSERT INTO photos VALUES (1);", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string before = test::readFile(dir.file("other.db"));
    auto m = Mirror::open(dir.file("other.db"), Mirror::Mode::Create);
    REQUIRE_FALSE(m);
    CHECK_THAT(m.error().message, Catch::Contains("not a Gongkai mirror"));
    CHECK(test::readFile(dir.file("other.db")) == before);
}

TEST_CASE("mirror: a read-only connection reads while a writer holds the mirror open", "[mirror]") {
    TempDir dir;
    auto writer = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(writer);
    test::writeFile(dir.file("a.ndjson"), test::sampleRecords());
    REQUIRE(importRecordFile(*writer.value(), dir.file("a.ndjson")));
    auto reader = Mirror::open(dir.file("m.db"), Mirror::Mode::ReadOnly);
    REQUIRE(reader);
    CHECK(reader.value()->stateDigest() == writer.value()->stateDigest());
    CHECK(reader.value()->mirrorVersion() == 1);
}
