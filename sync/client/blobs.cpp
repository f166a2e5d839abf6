#include "client/blobs.h"

#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace gongkai::sync {

std::string blobPath(const std::string& blobsDir, const std::string& hex) {
    return blobsDir + "/" + hex.substr(0, 2) + "/" + hex;
}

namespace {

// Fetches one blob through staging (size-capped, hash-checked) and moves it
// into place by rename, so the kiosk never sees half a file.
bool fetchBlob(net::Source& source, Staging& staging, const std::string& blobsDir, const std::string& hex,
               std::uint64_t maxSize, BlobRound& round) {
    std::string staged = staging.dir() + "/" + hex + ".blob.part";
    std::error_code ec;
    fs::remove(staged, ec);
    auto outcome = source.fetch("blobs/" + hex.substr(0, 2) + "/" + hex, staged, maxSize, false, nullptr, {});
    round.transferred += outcome.transferred;
    std::string error;
    if (!outcome.ok()) error = outcome.message;
    else if (!staging.fileHashIs(staged, hex)) error = "blob " + hex + ": content does not match its name";
    if (error.empty()) {
        fs::create_directories(fs::path(blobPath(blobsDir, hex)).parent_path(), ec);
        fs::rename(staged, blobPath(blobsDir, hex), ec);
        if (ec) error = "blob " + hex + ": " + ec.message();
    }
    if (!error.empty()) {
        fs::remove(staged, ec);
        if (round.firstError.empty()) round.firstError = error;
        return false;
    }
    return true;
}

}  // namespace

BlobRound syncBlobs(net::Source& source, Staging& staging, const std::string& blobsDir,
                    const std::vector<std::string>& referenced, std::uint64_t maxSize, SyncLog& log) {
    BlobRound round;
    std::error_code ec;
    for (const auto& hex : referenced) {
        if (fs::exists(blobPath(blobsDir, hex), ec)) continue;
        if (fetchBlob(source, staging, blobsDir, hex, maxSize, round)) ++round.fetched;
        else ++round.failed;
    }
    std::set<std::string> keep(referenced.begin(), referenced.end());
    for (const auto& entry : fs::recursive_directory_iterator(blobsDir, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        if (keep.count(entry.path().filename().string())) continue;
        if (fs::remove(entry.path(), ec)) ++round.removed;
    }
    if (round.failed > 0)
        log.event("blobs: " + std::to_string(round.failed) + " could not be fetched (first: " + round.firstError + ")");
    return round;
}

}  // namespace gongkai::sync
