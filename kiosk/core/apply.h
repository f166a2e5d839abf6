// Applying records to the mirror: one batch = one transaction
// (BEGIN IMMEDIATE ... COMMIT), all-or-nothing. Each upsert replaces the
// whole record, each delete removes it; the state digest, the typed tables
// and the glyph counts follow in the same transaction, and the mirror version
// rises by one at commit when anything changed.
//
// Used by `gongkai import` (importRecordFile) and later by gongkai-sync
// (Batch, with the manifest's digest checked before COMMIT).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "digest.h"
#include "mirror.h"
#include "record.h"
#include "result.h"

namespace gongkai {

struct ApplyStats {
    std::uint64_t lines = 0;      // record lines read (blank lines not counted)
    std::uint64_t upserts = 0;    // upserts that changed the mirror
    std::uint64_t deletes = 0;    // deletes that removed a record
    std::uint64_t unchanged = 0;  // identical upserts, deletes of absent ids
    std::uint64_t unknownType = 0;
    std::uint64_t textBytes = 0;  // uncompressed bytes read
    std::map<std::string, std::uint64_t> perType;  // lines per type
    bool changed = false;
    std::int64_t mirrorVersion = 0;  // after commit
    StateDigest digest;              // after commit
};

class Batch {
public:
    // Begins the transaction (BEGIN IMMEDIATE). Check ok() before use.
    explicit Batch(Mirror& mirror);
    ~Batch();  // rolls back unless committed
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    Status status() const;
    Status apply(const Record& record);
    // Writes the search index rows the applied records queued (commit does
    // it too), asking `stop` between rows; a stop fails the batch with an
    // "interrupted" error. For a caller that must stop promptly on request.
    Status writeIndex(const std::function<bool()>& stop);
    // Commits; when `expected` is given and the digest differs, rolls back.
    Status commit(const std::optional<StateDigest>& expected = std::nullopt);
    void rollback();
    const ApplyStats& stats() const { return m_stats; }
    ApplyStats& stats() { return m_stats; }

private:
    struct Impl;
    Mirror& m_mirror;
    std::unique_ptr<Impl> m_impl;
    ApplyStats m_stats;
};

// Progress: uncompressed-or-file bytes done and total (file size).
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Reads a record file line by line and calls `onRecord` for each valid
// record while no bad line has been seen; after a bad line the rest is still
// checked so that the error can list every bad line (up to 20) as
// "FILE:LINE: message". Blank lines are skipped. An empty file is an error.
// `lines` receives the number of record lines read.
Status scanRecordFile(const std::string& path,
                      const std::function<Status(const Record&, std::uint64_t lineNo)>& onRecord,
                      const ProgressFn& progress, std::uint64_t& lines, std::uint64_t& textBytes);

// Imports one record file in one transaction. On any bad line nothing from
// the file is applied; the error lists the bad lines (up to 20) as
// "FILE:LINE: message".
Result<ApplyStats> importRecordFile(Mirror& mirror, const std::string& path,
                                    const ProgressFn& progress = {});

// The state digest of record files (as a mirror holding exactly them would
// have), applying the same supersede/delete rules without a database.
Result<StateDigest> digestRecordFiles(const std::vector<std::string>& paths);

}  // namespace gongkai
