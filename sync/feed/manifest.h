// The feed's manifest.json (DESIGN.md "Feed repository"): the only signed
// file. Its shape:
//   {"signed": {
//      "format": "gongkai-feed/1",
//      "feed_id": "county-feed",
//      "version": 7,                       // increasing integer, from 1
//      "created": "2026-11-28T09:00:00Z",  // UTC
//      "expires": "2026-12-28T09:00:00Z",
//      "min_reader": 1,                    // record format gongkai-records/1
//      "records": 13478,                   // records in the snapshot
//      "state_digest": "<64 hex>",         // of the snapshot's record set
//      "shrink": false,                    // true: may remove > half the records
//      "snapshot": {"path": "snapshots/7.ndjson.zst", "size": N, "sha256": "<hex>"},
//      "deltas": [{"from": 6, "to": 7, "path": "deltas/6-7.ndjson.zst",
//                  "size": N, "sha256": "<hex>"}, ...],
//      "blobs": {"count": N, "bytes": N, "max_size": N}
//    },
//    "signatures": [{"keyid": "<16 hex>", "sig": "<base64>"}]}
// Each signature is Ed25519 over canonicalJson(signed) (core/record.h: keys
// sorted, no whitespace, UTF-8, integers only).
//
// Blobs are not listed: records name them by SHA-256 (attachments, image
// blocks), which the signed snapshot and deltas already authenticate; a blob
// is fetched from blobs/ab/abcdef... and capped at blobs.max_size.
//
// Pure functions over bytes; any thread. Errors say what is wrong in words
// an operator can act on, and which check failed first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "feed/keys.h"

namespace gongkai::feed {

inline constexpr const char* kFeedFormat = "gongkai-feed/1";
inline constexpr std::int64_t kReaderVersion = 1;  // record formats this build reads, at most

struct FileRef {
    std::string path;      // relative to the feed root, '/'-separated, no "..", no leading '/'
    std::uint64_t size = 0;
    std::string sha256;    // 64 lowercase hex digits
};

struct DeltaRef {
    std::int64_t from = 0, to = 0;
    FileRef file;
};

struct BlobSummary {
    std::uint64_t count = 0, bytes = 0, maxSize = 0;
};

struct Manifest {
    std::string format = kFeedFormat;
    std::string feedId;
    std::int64_t version = 0;
    std::string created, expires;  // "YYYY-MM-DDTHH:MM:SSZ"
    std::int64_t minReader = 1;
    std::uint64_t records = 0;
    std::string stateDigest;
    bool shrink = false;
    FileRef snapshot;
    std::vector<DeltaRef> deltas;
    BlobSummary blobs;
};

nlohmann::json signedPart(const Manifest& manifest);

// The whole manifest.json text, signed by every key given (at least one).
std::string signManifest(const Manifest& manifest, const std::vector<SecretKey>& keys);

// Why a manifest is refused; the client records it and logs the message.
enum class ManifestProblem {
    Malformed,       // not JSON, missing or mistyped field, bad path, bad hex
    Unsigned,        // no signatures
    UnknownKey,      // signed only by keys that are not trusted
    BadSignature,    // a trusted key's signature does not verify
};

struct ManifestError {
    ManifestProblem problem = ManifestProblem::Malformed;
    std::string message;
};

struct VerifiedManifest {
    Manifest manifest;
    std::vector<std::string> keyIds;  // trusted keys whose signature verified
};

// Parses `bytes` and accepts it when at least one signature by a key in
// `trusted` verifies (and no trusted key's signature fails). Checks the shape
// of every field, including that paths stay inside the feed.
// It does not judge feed id, version, min_reader or expiry: the client does.
std::variant<VerifiedManifest, ManifestError> verifyManifest(std::string_view bytes,
                                                             const std::vector<PublicKey>& trusted);

// Parses without checking signatures (for `gongkai stats`-like tools and
// tests). Error on malformed input.
Result<Manifest> parseManifestUnverified(std::string_view bytes);

// Times as used in manifests: "YYYY-MM-DDTHH:MM:SSZ" <-> seconds since epoch.
std::string formatUtc(std::int64_t epochSeconds);
std::optional<std::int64_t> parseUtc(std::string_view text);

}  // namespace gongkai::feed
