// outbox.db (core/outbox.h): durability settings, idempotent add, the marks,
// counts, and the errors (a newer schema, a bad path, not an outbox).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <sqlite3.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/mirror.h"
#include "core/outbox.h"
#include "support/temp_dir.h"
#include "sync/outbox_fixture.h"

using namespace gongkai;
using test::TempDir;
using test::TestKiosk;

namespace {

constexpr std::int64_t kNow = 1795000000;  // 2026-11-18

Outbox openOutbox(const std::string& path) {
    auto box = Outbox::open(path);
    REQUIRE(box.ok());
    return std::move(box.value());
}

// Runs one statement on its own connection; returns the first column of the first row.
std::string querySideways(const std::string& path, const std::string& sqlText) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sqlText.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_CASE("outbox: a new outbox.db is writable by the shared group (0660 under the units' umask 0007)", "[outbox]") {
    TempDir dir;
    const mode_t saved = ::umask(0007);
    {
        Outbox box = openOutbox(dir.file("outbox.db"));
        for (const char* name : {"outbox.db", "outbox.db-wal"}) {
            struct stat st {};
            INFO(name);
            REQUIRE(::stat(dir.file(name).c_str(), &st) == 0);
            CHECK((st.st_mode & 0777) == 0660);
        }
    }
    ::umask(saved);
}

TEST_CASE("outbox: a new outbox is WAL with synchronous=FULL, a 5 s busy timeout and schema version 1", "[outbox]") {
    TempDir dir;
    Outbox box = openOutbox(dir.file("outbox.db"));
    CHECK(box.journalMode() == "wal");
    CHECK(box.synchronousLevel() == 2);  // FULL
    CHECK(box.busyTimeoutMs() == 5000);
    CHECK(querySideways(dir.file("outbox.db"), "PRAGMA journal_mode") == "wal");  // persistent in the file
    CHECK(querySideways(dir.file("outbox.db"), "PRAGMA user_version") == "1");
}

TEST_CASE("outbox: a request added survives closing and comes back byte for byte", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    OutboxEntry e = kiosk.entry(kiosk.request(1, kNow));
    {
        Outbox box = openOutbox(dir.file("outbox.db"));
        REQUIRE(box.add(e).ok());
    }
    Outbox box = openOutbox(dir.file("outbox.db"));
    auto found = box.find(e.id);
    REQUIRE(found.ok());
    REQUIRE(found.value().has_value());
    const OutboxEntry& got = *found.value();
    CHECK(got.body == e.body);
    CHECK(got.slip == e.slip);
    CHECK(got.signature == e.signature);
    CHECK(got.createdAt == e.createdAt);
    CHECK(got.state == OutboxState::Pending);
    CHECK(got.attempts == 0);
    auto missing = box.find("01JZZZZZZZZZZZZZZZZZZZZZZZ");
    REQUIRE(missing.ok());
    CHECK_FALSE(missing.value().has_value());
}

TEST_CASE("outbox: adding the same id twice keeps one row and never reopens a settled request", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    Outbox box = openOutbox(dir.file("outbox.db"));
    OutboxEntry e = kiosk.entry(kiosk.request(1, kNow));
    REQUIRE(box.add(e).ok());
    REQUIRE(box.add(e).ok());
    CHECK(box.counts().value().pending == 1);
    REQUIRE(box.markDelivered(e.id, "P-1", kNow).ok());
    OutboxEntry changed = e;
    changed.body = "{\"id\":\"" + e.id + "\"}";
    REQUIRE(box.add(changed).ok());  // a retry after a crash: harmless
    auto got = box.find(e.id).value();
    CHECK(got->state == OutboxState::Delivered);
    CHECK(got->body == e.body);
    auto counts = box.counts().value();
    CHECK(counts.pending == 0);
    CHECK(counts.delivered == 1);
}

TEST_CASE("outbox: marks settle a pending request once and say why they refuse", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    Outbox box = openOutbox(dir.file("outbox.db"));
    OutboxEntry a = kiosk.entry(kiosk.request(1, kNow)), b = kiosk.entry(kiosk.request(2, kNow + 1));
    REQUIRE(box.add(a).ok());
    REQUIRE(box.add(b).ok());

    REQUIRE(box.markRetry(a.id, "HTTP 503", kNow + 30, kNow).ok());
    auto retried = box.find(a.id).value();
    CHECK(retried->state == OutboxState::Pending);
    CHECK(retried->attempts == 1);
    CHECK(retried->nextAttempt == kNow + 30);
    CHECK(retried->lastError == "HTTP 503");

    REQUIRE(box.markDelivered(a.id, "P-000007", kNow + 40).ok());
    auto delivered = box.find(a.id).value();
    CHECK(delivered->state == OutboxState::Delivered);
    CHECK(delivered->portalId == "P-000007");
    CHECK(delivered->attempts == 2);

    REQUIRE(box.markRefused(b.id, "HTTP 422: no such agency", kNow).ok());
    CHECK(box.find(b.id).value()->lastError == "HTTP 422: no such agency");

    auto again = box.markRetry(a.id, "late", kNow + 99, kNow + 50);
    REQUIRE_FALSE(again.ok());
    CHECK_THAT(again.error().message, Catch::Contains("already delivered") && Catch::Contains(a.id));
    auto refusedAgain = box.markDelivered(b.id, "P-9", kNow);
    REQUIRE_FALSE(refusedAgain.ok());
    CHECK_THAT(refusedAgain.error().message, Catch::Contains("already refused"));
    auto unknown = box.markRefused("01JZZZZZZZZZZZZZZZZZZZZZZZ", "x", kNow);
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.error().message, Catch::Contains("no such request") && Catch::Contains(dir.file("outbox.db")));
    CHECK(box.find(a.id).value()->state == OutboxState::Delivered);
}

TEST_CASE("outbox: due lists pending requests whose time has come, oldest first, up to the limit", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    Outbox box = openOutbox(dir.file("outbox.db"));
    std::vector<OutboxEntry> entries;
    for (int i = 0; i < 4; ++i) entries.push_back(kiosk.entry(kiosk.request(i, kNow + 100 - 10 * i)));
    for (const auto& e : entries) REQUIRE(box.add(e).ok());
    REQUIRE(box.markRetry(entries[3].id, "silence", kNow + 60, kNow).ok());  // the oldest: not due yet
    REQUIRE(box.markDelivered(entries[0].id, "P-1", kNow).ok());

    auto due = box.due(kNow, 10);
    REQUIRE(due.ok());
    REQUIRE(due.value().size() == 2);
    CHECK(due.value()[0].id == entries[2].id);  // created kNow + 80
    CHECK(due.value()[1].id == entries[1].id);  // created kNow + 90
    CHECK(box.due(kNow, 1).value().size() == 1);
    auto later = box.due(kNow + 60, 10).value();
    REQUIRE(later.size() == 3);
    CHECK(later.front().id == entries[3].id);
}

TEST_CASE("outbox: counts pending, delivered and refused requests", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    Outbox box = openOutbox(dir.file("outbox.db"));
    for (int i = 0; i < 6; ++i) {
        OutboxEntry e = kiosk.entry(kiosk.request(i, kNow + i));
        REQUIRE(box.add(e).ok());
        if (i < 3) REQUIRE(box.markDelivered(e.id, "P-" + std::to_string(i), kNow).ok());
        else if (i == 3) REQUIRE(box.markRefused(e.id, "HTTP 400", kNow).ok());
    }
    auto counts = box.counts();
    REQUIRE(counts.ok());
    CHECK(counts.value().pending == 2);
    CHECK(counts.value().delivered == 3);
    CHECK(counts.value().refused == 1);
    CHECK(outboxStateName(OutboxState::Refused) == "refused");
}

TEST_CASE("outbox: a schema newer than this build is refused, naming the file", "[outbox]") {
    TempDir dir;
    { Outbox box = openOutbox(dir.file("outbox.db")); }
    querySideways(dir.file("outbox.db"), "PRAGMA user_version=2");
    auto box = Outbox::open(dir.file("outbox.db"));
    REQUIRE_FALSE(box.ok());
    CHECK_THAT(box.error().message, Catch::Contains(dir.file("outbox.db")) && Catch::Contains("newer"));
}

TEST_CASE("outbox: a bad path, a missing file and a database that is no outbox are errors naming the file", "[outbox]") {
    TempDir dir;
    std::string noDir = dir.file("no-such-dir/outbox.db");
    auto bad = Outbox::open(noDir);
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::Contains(noDir));

    auto missing = Outbox::open(dir.file("missing.db"), Outbox::Mode::Existing);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().message, Catch::Contains(dir.file("missing.db")) && Catch::Contains("does not exist"));

    { Outbox box = openOutbox(dir.file("other.db")); }
    querySideways(dir.file("other.db"), "DROP TABLE request");
    querySideways(dir.file("other.db"), "PRAGMA user_version=0");
    querySideways(dir.file("other.db"), "CREATE TABLE notes(x)");
    auto other = Outbox::open(dir.file("other.db"));
    REQUIRE_FALSE(other.ok());
    CHECK_THAT(other.error().message, Catch::Contains(dir.file("other.db")) && Catch::Contains("not an outbox"));

    test::writeFile(dir.file("text.db"), std::string(4096, 'x'));
    auto text = Outbox::open(dir.file("text.db"));
    REQUIRE_FALSE(text.ok());
    CHECK_THAT(text.error().message, Catch::Contains(dir.file("text.db")));
}

TEST_CASE("outbox: gongkai stats counts pending, delivered and refused requests", "[outbox]") {
    TempDir dir;
    TestKiosk kiosk;
    REQUIRE(Mirror::open(dir.file("mirror.db"), Mirror::Mode::Create).ok());
    std::string cli = std::string(GONGKAI_CLI_PATH) + " stats --json --db " + dir.file("mirror.db");
    std::string out;
    REQUIRE(test::runCommand(cli, out) == 0);
    auto before = nlohmann::json::parse(out, nullptr, false);
    REQUIRE(before.is_object());
    CHECK(before["outbox"]["present"] == false);  // no request made yet: not an error
    CHECK(before["outbox"]["pending"] == 0);
    {
        Outbox box = openOutbox(dir.file("outbox.db"));  // beside the mirror: the default
        for (int i = 0; i < 5; ++i) {
            OutboxEntry e = kiosk.entry(kiosk.request(i, kNow + i));
            REQUIRE(box.add(e).ok());
            if (i == 0) REQUIRE(box.markRefused(e.id, "HTTP 422", kNow).ok());
            if (i >= 3) REQUIRE(box.markDelivered(e.id, "P-" + std::to_string(i), kNow).ok());
        }
    }
    REQUIRE(test::runCommand(cli, out) == 0);
    auto after = nlohmann::json::parse(out, nullptr, false);
    REQUIRE(after.is_object());
    CHECK(after["outbox"]["present"] == true);
    CHECK(after["outbox"]["pending"] == 2);
    CHECK(after["outbox"]["delivered"] == 2);
    CHECK(after["outbox"]["refused"] == 1);
    std::string moved = dir.file("elsewhere.db");
    std::filesystem::rename(dir.file("outbox.db"), moved);
    std::filesystem::remove(dir.file("outbox.db-wal"));
    std::filesystem::remove(dir.file("outbox.db-shm"));
    REQUIRE(test::runCommand(std::string(GONGKAI_CLI_PATH) + " stats --db " + dir.file("mirror.db") + " --outbox " + moved, out) == 0);
    CHECK_THAT(out, Catch::Contains("pending        2") && Catch::Contains("refused        1"));
}
