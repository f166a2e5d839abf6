// Attachments and images (DESIGN.md "blob"): content-addressed files in the
// blob directory as ab/abcdef… (the SHA-256 in hex). After a commit the
// client fetches every blob the mirror's records name that is missing,
// capped at the manifest's blobs.max_size and checked against its name, and
// then removes the blobs no record names any more. A blob that cannot be
// fetched is counted and logged; the kiosk shows a placeholder for it.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "client/staging.h"
#include "client/sync_log.h"
#include "net/source.h"

namespace gongkai::sync {

struct BlobRound {
    std::uint64_t fetched = 0, failed = 0, removed = 0, transferred = 0;
    std::string firstError;
};

std::string blobPath(const std::string& blobsDir, const std::string& hex);

BlobRound syncBlobs(net::Source& source, Staging& staging, const std::string& blobsDir,
                    const std::vector<std::string>& referenced, std::uint64_t maxSize, SyncLog& log);

}  // namespace gongkai::sync
