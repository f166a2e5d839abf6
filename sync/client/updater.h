// One sync attempt (`gongkai-sync --once`, and each round of the daemon):
//
//  1. open the mirror; one that fails to open or fails PRAGMA quick_check is
//     marked for a rebuild from the snapshot into a new file, swapped in;
//  2. for each source in order of preference, until one succeeds:
//     fetch manifest.json (conditional GET, capped), verify its signatures
//     against the pinned keys, judge feed id / min_reader / version / expiry
//     (client/judge.h) before anything else is fetched; plan the shortest
//     delta chain or the snapshot; download into staging, checking sizes and
//     hashes; apply in ONE transaction with the sync state, committed only
//     when the state digest equals the manifest's; fetch the blobs the
//     records name, then remove unreferenced ones;
//  3. record the attempt in sync_state and sync-status.json, clean staging.
//
// A refusal or failure leaves the mirror's records exactly as they were
// (only sync_state's last_attempt / last_error change).
// Not thread-safe: one attempt at a time per mirror. `keepGoing` may be
// flipped from a signal thread to abort an apply (it rolls back).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "client/staging.h"
#include "client/sync_log.h"
#include "core/feed_apply.h"
#include "feed/keys.h"
#include "net/source.h"

namespace gongkai::sync {

struct SyncOptions {
    std::vector<std::string> sources;      // feed base URLs, most preferred first
    std::string dbPath;
    std::string blobsDir;                  // empty: blobs are not fetched
    std::string stagingDir;                // empty: <db dir>/staging
    std::string statusFile;                // empty: <db dir>/sync-status.json
    std::vector<feed::PublicKey> trusted;  // one or two pinned keys (required)
    std::string feedId;                    // required
    net::FetchLimits limits;
    std::uint64_t maxManifestBytes = 4u << 20;
    bool preferSnapshot = false;           // fetch the snapshot even when deltas would do
    std::function<std::int64_t()> clock;   // epoch seconds; default: the system clock
    const std::atomic<bool>* stop = nullptr;  // set: abort an apply (rolls back)
};

struct SyncReport {
    enum class Outcome { UpToDate, Updated, Rejected, Unreachable, Local };
    Outcome outcome = Outcome::Unreachable;
    std::string message;          // one line for the log; the reason when not ok
    std::string source;           // the source that answered
    std::int64_t fromVersion = 0, toVersion = 0;
    bool viaDeltas = false, stale = false, repaired = false;
    std::uint64_t downloaded = 0;     // bytes over the wire (manifest, files, blobs)
    double applySeconds = 0;
    FeedApplyStats stats;
    std::uint64_t blobsFetched = 0, blobsRemoved = 0, blobsFailed = 0;
    bool ok() const { return outcome == Outcome::UpToDate || outcome == Outcome::Updated; }
};

// Checks the options (sources, keys, feed id, db path) before any attempt.
Status validateOptions(const SyncOptions& options);

SyncReport syncOnce(const SyncOptions& options, SyncLog& log);

// The process exit status for --once: 0 up to date or updated, 3 rejected,
// 4 unreachable, 5 local problem.
int exitCodeFor(const SyncReport& report);

}  // namespace gongkai::sync
