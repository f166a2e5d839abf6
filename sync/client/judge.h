// What the client makes of a verified manifest, before fetching anything
// else (DESIGN.md threat model and expiry rules): refuse it, call the mirror
// up to date, or fetch and apply it; and which files to fetch.
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/mirror.h"
#include "feed/manifest.h"
#include "net/source.h"

namespace gongkai::sync {

struct Judgement {
    enum class Kind { Apply, UpToDate, Reject };
    Kind kind = Kind::Reject;
    std::string reason;          // for Reject: one line, names what is wrong
    bool stale = false;          // the manifest has expired (by the corrected clock)
    std::int64_t now = 0;        // the clock, raised to the manifest's `created` if behind it
};

// `mirror` is the mirror's sync state (version 0 and an empty feed id for a
// mirror that never synced); `foreign` true when that state belongs to
// another feed id counts as version 0 (a mirror being rebuilt passes an empty
// state).
Judgement judgeManifest(const feed::Manifest& manifest, const SyncState& mirror, const std::string& feedId,
                        std::int64_t clockNow);

struct FetchPlan {
    bool snapshot = true;
    std::vector<feed::DeltaRef> chain;   // in order, when !snapshot
    std::uint64_t bytes = 0;             // what the plan downloads (without blobs)
};

// The shortest delta chain (fewest files, then fewest bytes) from
// `fromVersion` to the manifest's version; the snapshot when there is none,
// when it would not be smaller than the snapshot, or when fromVersion is 0.
FetchPlan planFetch(const feed::Manifest& manifest, std::int64_t fromVersion);

}  // namespace gongkai::sync
