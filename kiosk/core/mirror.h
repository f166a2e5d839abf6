// The kiosk's local SQLite mirror: opening, creating and migrating it.
//
// Schema (see data/SCHEMA.md): `record` holds every record's canonical line
// verbatim (known and unknown types, unknown fields included) and is the
// source of truth; the typed tables (`domain`, `document`, ...) hold the
// columns that screens filter and sort on, keyed by the record's rowid.
// `meta` holds the mirror version (our own counter, raised by every applied
// change) and the state digest; `sync_state` is gongkai-sync's.
//
// A Mirror owns one sqlite3 connection. It is not thread-safe: use one Mirror
// per thread. A mirror with a newer schema than this binary knows is refused
// before anything is written.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "digest.h"
#include "result.h"

struct sqlite3;

namespace gongkai {

inline constexpr int kSchemaVersion = 5;
inline constexpr std::int32_t kApplicationId = 0x474B4D31;  // "GKM1"
inline constexpr int kPageCacheKiB = 32 * 1024;             // SQLite page cache per connection, at most

struct SyncState {
    std::string feedId;
    std::int64_t version = 0;
    std::string stateDigest;
    std::string created, expires, source;
    std::string lastAttempt, lastSuccess, lastError;
    bool stale = false;
};

class Mirror {
public:
    enum class Mode {
        ReadOnly,   // the kiosk and read-only tools; the file must exist
        ReadWrite,  // must exist; migrated to kSchemaVersion if older
        Create,     // created when missing, then as ReadWrite
    };
    static Result<std::unique_ptr<Mirror>> open(const std::string& path, Mode mode);
    ~Mirror();
    Mirror(const Mirror&) = delete;
    Mirror& operator=(const Mirror&) = delete;

    const std::string& path() const { return m_path; }
    sqlite3* db() const { return m_db; }  // for code in kiosk/core only

    int schemaVersion() const;
    std::int64_t mirrorVersion() const;
    StateDigest stateDigest() const;
    SyncState syncState() const;
    std::map<std::string, std::uint64_t> recordCounts() const;  // records per type

    // Runs SQL that returns no rows; the error names the statement's failure.
    Status exec(const std::string& sql);

    // Rebuilds the search index from the records, in one transaction: on any
    // failure the old index stays as it was. Opening a writable mirror does
    // this by itself when the index was built by another tokenizer version.
    Status reindex();

private:
    Mirror() = default;
    Status migrate();
    Status reindexIfStale();  // rebuilds the search index after a tokenizer change

    std::string m_path;
    sqlite3* m_db = nullptr;
};

// Names `db`'s mirror in its current state (file, mirror version, state
// digest): it changes with every commit that changes records. The key of the
// process-wide caches built from a mirror's contents (search, pinyin, input
// method). Used by core code only.
std::string mirrorStateKey(sqlite3* db);

// Describes a SQLite failure in words a counter clerk can act on
// ("disk is full", "not an SQLite database", ...). Used by core code only.
std::string describeSqliteError(sqlite3* db, int rc);

// Creates the empty file of a new SQLite database with mode 0666 less the
// umask, when it does not exist yet. SQLite would create it 0644 (less the
// umask) and gives its -wal and -shm the database's mode; the kiosk and
// gongkai-sync are different users of one group (UMask=0007, DESIGN.md's
// file table), so the mirror and outbox.db must come out 0660 for both to
// write them. An existing file is left as it is. Errors say why (the
// caller names the file).
Status createSharedDatabaseFile(const std::string& path);

}  // namespace gongkai
