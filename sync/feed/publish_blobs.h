// Blobs of a feed (internal to sync/feed/publish*.cpp): attachments and
// images, stored as DIR/blobs/ab/abcdef... by their SHA-256.
// Not thread-safe; errors name the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "feed/manifest.h"

namespace gongkai::feed::detail {

struct BlobSource {
    std::string path;  // the file in the --blobs directory
    std::string sha256;
    std::uint64_t size = 0;
};

// Hashes every regular file under `dir` (recursively), sorted by hash. A file
// named by 64 hex digits must have that hash; any other name is stored by
// the hash of its content.
Result<std::vector<BlobSource>> scanBlobSources(const std::string& dir);

// Copies the blobs the feed does not hold yet into feedDir/blobs/ab/<hex>
// (through `stagingDir`, renamed into place), checking each hash again as it
// is copied. Returns how many were copied.
Result<std::uint64_t> installBlobs(const std::vector<BlobSource>& blobs, const std::string& feedDir,
                                   const std::string& stagingDir);

// Count, bytes and largest size of the blobs in feedDir/blobs.
Result<BlobSummary> summarizeBlobs(const std::string& feedDir);

// "blobs/ab/abcdef..." for a hash.
std::string blobPath(const std::string& sha256Hex);

}  // namespace gongkai::feed::detail
