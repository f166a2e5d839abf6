// outbox.db (core/outbox.h). Sections: [1] helpers, [2] opening and the
// schema, [3] add and the queries, [4] the marks.
#include "core/outbox.h"

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <utility>

#include "core/mirror.h"  // describeSqliteError
#include "core/sql.h"

namespace gongkai {

namespace {

// [1]
constexpr int kOutboxSchemaVersion = 1;

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS request("
    " id TEXT PRIMARY KEY, created_at TEXT NOT NULL, slip TEXT NOT NULL, body TEXT NOT NULL,"
    " signature TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','refused')),"
    " attempts INTEGER NOT NULL DEFAULT 0, next_attempt INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT NOT NULL DEFAULT '', portal_id TEXT NOT NULL DEFAULT '',"
    " updated_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX IF NOT EXISTS request_due ON request(state, next_attempt);";

constexpr const char* kColumns =
    "id, created_at, slip, body, signature, state, attempts, next_attempt, last_error, portal_id";

std::int64_t wallNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

Error failure(const std::string& path, const std::string& what, sqlite3* db, int rc) {
    return Error{"outbox " + path + ": " + what + ": " + describeSqliteError(db, rc)};
}

Status exec(sqlite3* db, const std::string& path, const char* what, const char* sqlText) {
    int rc = sqlite3_exec(db, sqlText, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return failure(path, what, db, rc);
    return okStatus();
}

OutboxState stateFromName(std::string_view name) {
    if (name == "delivered") return OutboxState::Delivered;
    if (name == "refused") return OutboxState::Refused;
    return OutboxState::Pending;
}

OutboxEntry readEntry(const sql::Statement& q) {
    OutboxEntry e;
    e.id = q.columnText(0);
    e.createdAt = q.columnText(1);
    e.slip = q.columnText(2);
    e.body = q.columnText(3);
    e.signature = q.columnText(4);
    e.state = stateFromName(q.columnView(5));
    e.attempts = q.columnInt(6);
    e.nextAttempt = q.columnInt64(7);
    e.lastError = q.columnText(8);
    e.portalId = q.columnText(9);
    return e;
}

// [2] The schema version and whether the file holds anything at all.
Status readVersion(sqlite3* db, const std::string& path, int& version, int& objects) {
    sql::Statement q(db, "SELECT (SELECT user_version FROM pragma_user_version),"
                         " (SELECT count(*) FROM sqlite_master)");
    int rc = q.step();
    if (rc != SQLITE_ROW) return failure(path, "cannot read the schema version", db, rc);
    version = q.columnInt(0);
    objects = q.columnInt(1);
    if (version > kOutboxSchemaVersion)
        return Error{"outbox " + path + ": schema version " + std::to_string(version) +
                     " is newer than this program knows (" + std::to_string(kOutboxSchemaVersion) + "): update gongkai"};
    if (version == 0 && objects > 0)
        return Error{"outbox " + path + ": not an outbox (an SQLite file with other tables and no outbox schema)"};
    return okStatus();
}

// A file at the current version is used as it is (no write lock: `gongkai
// stats` may open it without write access). user_version 0 with no tables is
// a new file (ours, or one another process has just created and not yet
// given its schema): it gets the schema in one transaction, checked again
// inside it, so the two processes cannot both do it halfway.
Status ensureSchema(sqlite3* db, const std::string& path) {
    int version = 0, objects = 0;
    if (auto s = readVersion(db, path, version, objects); !s || version == kOutboxSchemaVersion) return s;
    if (auto s = exec(db, path, "cannot start the schema transaction", "BEGIN IMMEDIATE"); !s) return s;
    Status result = readVersion(db, path, version, objects);
    if (result && version == 0) {
        std::string create = std::string(kSchema) + "PRAGMA user_version=" + std::to_string(kOutboxSchemaVersion);
        int rc = sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) result = failure(path, "cannot create the schema", db, rc);
    }
    if (!result) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return result;
    }
    return exec(db, path, "cannot commit the schema", "COMMIT");
}

}  // namespace

std::string outboxStateName(OutboxState state) {
    switch (state) {
    case OutboxState::Delivered: return "delivered";
    case OutboxState::Refused: return "refused";
    case OutboxState::Pending: break;
    }
    return "pending";
}

Result<Outbox> Outbox::open(const std::string& path, Mode mode) {
    std::error_code ec;
    if (mode == Mode::Existing && !std::filesystem::exists(path, ec))
        return Error{"outbox " + path + ": the file does not exist"};
    if (mode == Mode::Create)
        if (auto s = createSharedDatabaseFile(path); !s) return Error{"outbox " + path + ": " + s.error().message};
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0);
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    Outbox box(db, path);  // closes the connection on every early return
    if (rc != SQLITE_OK) return failure(path, "cannot open", db, rc);
    sqlite3_busy_timeout(db, 5000);
    // WAL: the kiosk's add and gongkai-sync's marks do not block readers.
    // synchronous=FULL: in WAL mode NORMAL may lose the last commits on a
    // power cut; a request the resident was shown a slip for must not be.
    if (auto s = exec(db, path, "cannot switch to WAL", "PRAGMA journal_mode=WAL"); !s) return s.error();
    if (auto s = exec(db, path, "cannot set synchronous=FULL", "PRAGMA synchronous=FULL"); !s) return s.error();
    if (auto s = ensureSchema(db, path); !s) return s.error();
    return box;
}

Outbox::Outbox(Outbox&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Outbox& Outbox::operator=(Outbox&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Outbox::~Outbox() { sqlite3_close_v2(m_db); }

std::string Outbox::journalMode() const {
    sql::Statement q(m_db, "PRAGMA journal_mode");
    return q.step() == SQLITE_ROW ? q.columnText(0) : std::string();
}

int Outbox::synchronousLevel() const {
    sql::Statement q(m_db, "PRAGMA synchronous");
    return q.step() == SQLITE_ROW ? q.columnInt(0) : -1;
}

int Outbox::busyTimeoutMs() const {
    sql::Statement q(m_db, "PRAGMA busy_timeout");
    return q.step() == SQLITE_ROW ? q.columnInt(0) : -1;
}

// [3] INSERT OR IGNORE: an id already there (a retry after a crash between
// the write and the screen) keeps its row, whatever state it has reached.
Status Outbox::add(const OutboxEntry& e) {
    sql::Statement q(m_db, "INSERT OR IGNORE INTO request(id, created_at, slip, body, signature, state,"
                           " attempts, next_attempt, last_error, portal_id, updated_at)"
                           " VALUES(?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, '', '', ?7)");
    q.bind(1, e.id).bind(2, e.createdAt).bind(3, e.slip).bind(4, e.body).bind(5, e.signature);
    q.bind(6, e.nextAttempt).bind(7, wallNow());
    if (e.id.empty()) return Error{"outbox " + m_path + ": cannot add a request without an id"};
    if (int rc = q.step(); rc != SQLITE_DONE) return failure(m_path, "cannot add request " + e.id, m_db, rc);
    return okStatus();
}

Result<std::vector<OutboxEntry>> Outbox::due(std::int64_t now, std::size_t limit) const {
    sql::Statement q(m_db, std::string("SELECT ") + kColumns +
                               " FROM request WHERE state = 'pending' AND next_attempt <= ?1"
                               " ORDER BY created_at, id LIMIT ?2");
    q.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<OutboxEntry> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) out.push_back(readEntry(q));
    if (rc != SQLITE_DONE) return failure(m_path, "cannot list the due requests", m_db, rc);
    return out;
}

Result<std::optional<OutboxEntry>> Outbox::find(const std::string& id) const {
    sql::Statement q(m_db, std::string("SELECT ") + kColumns + " FROM request WHERE id = ?1");
    q.bind(1, id);
    int rc = q.step();
    if (rc == SQLITE_ROW) return std::optional<OutboxEntry>(readEntry(q));
    if (rc != SQLITE_DONE) return failure(m_path, "cannot read request " + id, m_db, rc);
    return std::optional<OutboxEntry>();
}

Result<OutboxCounts> Outbox::counts() const {
    sql::Statement q(m_db, "SELECT count(*) FILTER (WHERE state = 'pending'),"
                           " count(*) FILTER (WHERE state = 'delivered'),"
                           " count(*) FILTER (WHERE state = 'refused') FROM request");
    int rc = q.step();
    if (rc != SQLITE_ROW) return failure(m_path, "cannot count the requests", m_db, rc);
    return OutboxCounts{q.columnInt64(0), q.columnInt64(1), q.columnInt64(2)};
}

// [4] Each mark is one UPDATE guarded by state = 'pending', so a mark can
// never undo a settlement, even one another process made meanwhile.
namespace {

Status runMark(sqlite3* db, const std::string& path, const std::string& id, const char* what,
               sql::Statement& q) {
    int rc = q.step();
    if (rc != SQLITE_DONE) return failure(path, std::string("cannot mark request ") + id + " " + what, db, rc);
    if (sqlite3_changes(db) == 1) return okStatus();
    sql::Statement state(db, "SELECT state FROM request WHERE id = ?1");
    state.bind(1, id);
    if (state.step() != SQLITE_ROW)
        return Error{"outbox " + path + ": cannot mark request " + id + " " + what + ": no such request"};
    return Error{"outbox " + path + ": cannot mark request " + id + " " + what + ": it is already " +
                 state.columnText(0)};
}

}  // namespace

Status Outbox::markDelivered(const std::string& id, const std::string& portalId, std::int64_t now) {
    sql::Statement q(m_db, "UPDATE request SET state = 'delivered', portal_id = ?2, attempts = attempts + 1,"
                           " last_error = '', updated_at = ?3 WHERE id = ?1 AND state = 'pending'");
    q.bind(1, id).bind(2, portalId).bind(3, now);
    return runMark(m_db, m_path, id, "delivered", q);
}

Status Outbox::markRefused(const std::string& id, const std::string& reason, std::int64_t now) {
    sql::Statement q(m_db, "UPDATE request SET state = 'refused', last_error = ?2, attempts = attempts + 1,"
                           " updated_at = ?3 WHERE id = ?1 AND state = 'pending'");
    q.bind(1, id).bind(2, reason).bind(3, now);
    return runMark(m_db, m_path, id, "refused", q);
}

Status Outbox::markRetry(const std::string& id, const std::string& error, std::int64_t nextAttempt,
                         std::int64_t now) {
    sql::Statement q(m_db, "UPDATE request SET last_error = ?2, next_attempt = ?3, attempts = attempts + 1,"
                           " updated_at = ?4 WHERE id = ?1 AND state = 'pending'");
    q.bind(1, id).bind(2, error).bind(3, nextAttempt).bind(4, now);
    return runMark(m_db, m_path, id, "for a retry", q);
}

}  // namespace gongkai
