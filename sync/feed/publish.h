// `gongkai publish`: builds the next version of a feed from the full current
// record set (DESIGN.md "Feed repository").
//
//   DIR/manifest.json                 signed (feed/manifest.h), written last
//   DIR/snapshots/V.ndjson.zst        every record at V, canonical upsert lines
//                                     sorted by (type, id) bytewise
//   DIR/deltas/A-V.ndjson.zst         the changes from A to V for each of the
//                                     last K versions A (upserts and deletes,
//                                     sorted by (type, id)); applying it to a
//                                     mirror at A gives exactly V
//   DIR/blobs/ab/abcdef...            files from --blobs DIR named by SHA-256
//
// Input: record files (plain or zstd) with the import rules: later lines for
// the same (type, id) supersede earlier ones, a delete removes, a bad line is
// an error naming FILE:LINE and nothing is written. Memory stays bounded
// (1 000 000 records within 1 GB): lines are spooled to a temporary file and
// only (type, id, offset) keys are sorted; deltas are a merge of two sorted
// snapshots.
//
// Write order: blobs, deltas, snapshot, manifest, each written to a temporary
// name in DIR and renamed, so a reader never sees a half-published version.
// Snapshots older than the last K versions and deltas no manifest lists are
// removed after the manifest is in place.
//
// An unchanged record set (same state digest as the current manifest)
// publishes nothing. With the same `now`, the same input gives byte-identical
// files. A snapshot that would drop more than half of the previous version's
// records is refused unless allowShrink, which sets "shrink": true.
//
// Not thread-safe; one publisher per feed directory at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "feed/keys.h"
#include "feed/manifest.h"

namespace gongkai::feed {

struct PublishOptions {
    std::vector<std::string> records;   // record files: the full current set
    std::string feedDir;
    std::vector<SecretKey> keys;        // at least one
    std::string feedId;
    std::string blobsDir;               // empty: no blobs
    int expiresDays = 30;
    int keepDeltas = 5;                 // K
    std::optional<std::int64_t> now;    // epoch seconds; default: the clock
    bool allowShrink = false;
};

struct PublishResult {
    bool published = false;   // false: the record set was unchanged
    Manifest manifest;        // the current manifest either way
    std::uint64_t snapshotBytes = 0;
    std::vector<std::uint64_t> deltaBytes;
};

Result<PublishResult> publishFeed(const PublishOptions& options);

}  // namespace gongkai::feed
