// gongkai-sync's write side of the mirror: applying a verified feed version
// (a snapshot, or a chain of deltas) in ONE transaction together with the
// sync state, committed only when the mirror's state digest equals the
// manifest's (STYLE.md rule 8). Anything else — a bad line, a digest
// mismatch, a shrink the manifest does not allow, SQLITE_FULL, an abort
// request — rolls back and leaves the mirror exactly as it was.
//
// The files given here have been size- and hash-checked by the caller
// against the signed manifest; this code still treats them as untrusted
// input (a bug or a disk error must not corrupt the mirror).
//
// Not thread-safe: one Mirror per thread, as everywhere in core.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "apply.h"
#include "digest.h"
#include "mirror.h"
#include "result.h"

namespace gongkai {

struct FeedApply {
    enum class Kind { Snapshot, Deltas };
    Kind kind = Kind::Snapshot;
    // Snapshot: one file, every record sorted by (type, id), upserts only;
    // the mirror becomes exactly this set (records not in it are deleted).
    // Deltas: the chain in order; each applies like an import.
    std::vector<std::string> files;
    StateDigest expected;           // the manifest's state digest
    bool allowShrink = false;       // the manifest's "shrink"
    SyncState state;                // written in the same transaction
    // Bytes done/total over all files; returning false aborts (rolls back).
    // `stop`, when set, is checked before every record (a SIGTERM from the
    // daemon's signal thread); set, it aborts the same way.
    const std::atomic<bool>* stop = nullptr;
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

struct FeedApplyStats {
    ApplyStats apply;
    std::uint64_t recordsBefore = 0, recordsAfter = 0;
};

Result<FeedApplyStats> applyFeed(Mirror& mirror, const FeedApply& request);

// Records the outcome of an attempt that changed no records (up to date, or
// refused): last_attempt, last_error, and optionally last_success and stale.
// A failure to write it is returned (the caller logs it; the data is intact).
struct SyncAttempt {
    std::string at;             // UTC "YYYY-MM-DDTHH:MM:SSZ"
    std::string error;          // "" when the attempt succeeded
    bool success = false;       // also sets last_success = at
    int stale = -1;             // 0/1 to set sync_state.stale, -1 to leave it
    std::string expires;        // when non-empty (and success), sync_state.expires
};
Status recordSyncAttempt(Mirror& mirror, const SyncAttempt& attempt);

// The blobs the mirror's records name (attachments' sha256, image blocks'
// img), as lowercase hex, sorted, without duplicates.
Result<std::vector<std::string>> referencedBlobs(Mirror& mirror);

// PRAGMA quick_check; ok when SQLite answers "ok".
Status quickCheck(Mirror& mirror);

// The record count of the mirror.
std::uint64_t recordCount(Mirror& mirror);

}  // namespace gongkai
