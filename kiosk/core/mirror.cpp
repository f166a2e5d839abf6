#include "mirror.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "schema.sql.h"
#include "search_index.h"
#include "search_rank.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string describeSqliteError(sqlite3* db, int rc) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xFF) {
    case SQLITE_FULL: return "the disk is full (" + detail + ")";
    case SQLITE_NOTADB: return "not an SQLite database (" + detail + ")";
    case SQLITE_CORRUPT: return "the database file is corrupt (" + detail + ")";
    case SQLITE_READONLY: return "the database is read-only: check the permissions of the file and its directory (" + detail + ")";
    case SQLITE_CANTOPEN: return "cannot open the database file (" + detail + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "the database is locked by another process (" + detail + ")";
    case SQLITE_IOERR: return "I/O error (" + detail + ")";
    default: return detail;
    }
}

namespace {

Status checkCreatable(const std::string& path) {
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return Error{"cannot create mirror " + path + ": directory " + dir.string() + " does not exist"};
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return Error{"cannot create mirror " + path + ": directory " + dir.string() +
                     " is not writable (" + std::strerror(errno) + ")"};
    return okStatus();
}

}  // namespace

Status createSharedDatabaseFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) return ::close(fd), okStatus();
    if (errno == EEXIST) return okStatus();  // made meanwhile: SQLite opens it as it is
    return Error{std::string("cannot create the file: ") + std::strerror(errno)};
}

Result<std::unique_ptr<Mirror>> Mirror::open(const std::string& path, Mode mode) {
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (!exists && mode != Mode::Create) return Error{"mirror " + path + " does not exist"};
    if (exists && fs::is_directory(path, ec)) return Error{"mirror " + path + " is a directory"};
    if (!exists) {
        if (auto s = checkCreatable(path); !s) return s.error();
        if (auto s = createSharedDatabaseFile(path); !s) return Error{"mirror " + path + ": " + s.error().message};
    }

    std::unique_ptr<Mirror> m(new Mirror());
    m->m_path = path;
    int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
              : mode == Mode::Create   ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READWRITE;
    int rc = sqlite3_open_v2(path.c_str(), &m->m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) return Error{"mirror " + path + ": " + describeSqliteError(m->m_db, rc)};
    sqlite3_extended_result_codes(m->m_db, 1);
    sqlite3_busy_timeout(m->m_db, 5000);

    // Reading the header is the first real access: a file that is not SQLite fails here,
    // before anything is written to it.
    sql::Statement q(m->m_db, "SELECT (SELECT user_version FROM pragma_user_version),"
                              " (SELECT application_id FROM pragma_application_id),"
                              " (SELECT count(*) FROM sqlite_schema)");
    rc = q.step();
    if (rc != SQLITE_ROW) return Error{"mirror " + path + ": " + describeSqliteError(m->m_db, rc)};
    int version = q.columnInt(0);
    std::int64_t appId = q.columnInt64(1);
    std::int64_t objects = q.columnInt64(2);
    q.reset();

    if (version > kSchemaVersion)
        return Error{"mirror " + path + " has schema version " + std::to_string(version) +
                     ", newer than this program supports (" + std::to_string(kSchemaVersion) +
                     "); install a newer Gongkai — the mirror was not modified"};
    if ((appId != 0 && appId != kApplicationId) || (appId == 0 && objects > 0))
        return Error{"mirror " + path + " is an SQLite database but not a Gongkai mirror; refusing to modify it"};
    if (auto s = registerTokenizer(m->m_db); !s) return Error{"mirror " + path + ": " + s.error().message};
    if (auto s = registerRankFunction(m->m_db); !s) return Error{"mirror " + path + ": " + s.error().message};
    sql::enableStatementCache(m->m_db);
    // The search index's hot pages (the segments of common characters) stay
    // in memory between queries instead of being read again from the OS.
    if (auto s = m->exec("PRAGMA cache_size=-" + std::to_string(kPageCacheKiB)); !s) return s.error();
    if (mode == Mode::ReadOnly) {
        if (version < kSchemaVersion)
            return Error{"mirror " + path + " has schema version " + std::to_string(version) +
                         " and must be upgraded by a writer (gongkai import or gongkai-sync) first"};
        return m;
    }
    if (auto s = m->exec("PRAGMA journal_mode=WAL"); !s) return Error{"mirror " + path + ": " + s.error().message};
    if (auto s = m->exec("PRAGMA synchronous=NORMAL"); !s) return s.error();
    if (version < kSchemaVersion)
        if (auto s = m->migrate(); !s) return Error{"mirror " + path + ": " + s.error().message};
    if (auto s = configureSearchIndex(m->m_db); !s) return Error{"mirror " + path + ": " + s.error().message};
    if (auto s = m->reindexIfStale(); !s) return Error{"mirror " + path + ": " + s.error().message};
    return m;
}

std::string mirrorStateKey(sqlite3* db) {
    sql::Statement q(db, "SELECT group_concat(value, '|') FROM meta WHERE key IN ('mirror_version', 'state_digest')",
                     sql::Reuse::Cached);
    std::string state = q.step() == SQLITE_ROW ? q.columnText(0) : "";
    const char* file = sqlite3_db_filename(db, "main");
    return std::string(file ? file : "") + "|" + state;
}

Mirror::~Mirror() {
    sql::dropStatementCache(m_db);
    if (m_db) sqlite3_close_v2(m_db);
}

Status Mirror::exec(const std::string& statement) {
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &err);
    if (err) sqlite3_free(err);
    if (rc != SQLITE_OK) return Error{describeSqliteError(m_db, rc)};
    return okStatus();
}

Status Mirror::migrate() {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s;
    sql::Statement q(m_db, "SELECT user_version FROM pragma_user_version");
    q.step();
    int version = q.columnInt(0);
    q.reset();
    constexpr int kCount = static_cast<int>(std::size(kMigrations));
    static_assert(kCount == kSchemaVersion);
    for (int v = version; v < kCount; ++v) {
        if (auto s = exec(kMigrations[v]); !s) {
            (void)exec("ROLLBACK");
            return Error{"migration to schema " + std::to_string(v + 1) + " failed: " + s.error().message};
        }
    }
    auto s = exec("PRAGMA user_version=" + std::to_string(kSchemaVersion) +
                  "; PRAGMA application_id=" + std::to_string(kApplicationId) + "; COMMIT");
    if (!s) (void)exec("ROLLBACK");
    return s;
}

Status Mirror::reindexIfStale() {
    sql::Statement q(m_db, "SELECT value FROM meta WHERE key='tokenizer_version'");
    if (q.step() == SQLITE_ROW && q.columnText(0) == std::to_string(kTokenizerVersion)) return okStatus();
    q.reset();
    return reindex();
}

Status Mirror::reindex() {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s;
    if (auto s = rebuildSearchIndex(m_db); !s) {
        (void)exec("ROLLBACK");
        return Error{"rebuilding the search index failed: " + s.error().message};
    }
    return exec("COMMIT");
}

int Mirror::schemaVersion() const {
    sql::Statement q(m_db, "SELECT user_version FROM pragma_user_version");
    return q.step() == SQLITE_ROW ? q.columnInt(0) : -1;
}

std::int64_t Mirror::mirrorVersion() const {
    sql::Statement q(m_db, "SELECT value FROM meta WHERE key='mirror_version'");
    return q.step() == SQLITE_ROW ? std::stoll(q.columnText(0)) : 0;
}

StateDigest Mirror::stateDigest() const {
    sql::Statement q(m_db, "SELECT value FROM meta WHERE key='state_digest'");
    if (q.step() != SQLITE_ROW) return {};
    return StateDigest::fromHex(q.columnText(0)).value_or(StateDigest{});
}

SyncState Mirror::syncState() const {
    SyncState s;
    sql::Statement q(m_db, "SELECT feed_id, version, state_digest, created, expires, source,"
                           " last_attempt, last_success, last_error, stale FROM sync_state");
    if (q.step() != SQLITE_ROW) return s;
    s.feedId = q.columnText(0);
    s.version = q.columnInt64(1);
    s.stateDigest = q.columnText(2);
    s.created = q.columnText(3);
    s.expires = q.columnText(4);
    s.source = q.columnText(5);
    s.lastAttempt = q.columnText(6);
    s.lastSuccess = q.columnText(7);
    s.lastError = q.columnText(8);
    s.stale = q.columnInt(9) != 0;
    return s;
}

std::map<std::string, std::uint64_t> Mirror::recordCounts() const {
    std::map<std::string, std::uint64_t> counts;
    sql::Statement q(m_db, "SELECT type, count(*) FROM record GROUP BY type");
    while (q.step() == SQLITE_ROW) counts[q.columnText(0)] = static_cast<std::uint64_t>(q.columnInt64(1));
    return counts;
}

}  // namespace gongkai
