// The staging directory of one sync attempt (default <mirror dir>/staging):
// signed files are downloaded to <sha256>.part, checked against the size and
// SHA-256 the manifest gives, and only then applied. A file whose transfer
// was interrupted (truncated, stalled, network) is kept so the next attempt
// resumes it with Range; everything else is removed at the end of every
// attempt, successful or not (Staging::cleanup). The last verified manifest
// of each source and its HTTP validators are kept for conditional GET.
//
// Not thread-safe; one attempt at a time (gongkai-sync is one process).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/result.h"
#include "feed/manifest.h"
#include "net/source.h"

namespace gongkai::sync {

// Why an attempt on one source failed: decides the log wording, the exit
// code and whether the next source is tried.
struct SyncFailure {
    enum class Kind {
        Unreachable,  // network, HTTP errors, truncated or stalled transfers
        Rejected,     // signature, key, feed id, rollback, size/hash, malformed, digest
        Local,        // disk full, unwritable state directory, mirror problems
    };
    Kind kind = Kind::Unreachable;
    std::string message;
};

class Staging {
public:
    explicit Staging(std::string dir);
    Status prepare();  // creates the directory

    // Downloads `file` from `source` (resuming an interrupted copy) and
    // checks size and SHA-256; returns the staged path.
    std::variant<std::string, SyncFailure> fetchSigned(net::Source& source, const feed::FileRef& file,
                                                      const net::FetchProgress& progress,
                                                      std::uint64_t& transferred);

    // manifest.json of `source`, conditional on the cached copy's validators:
    // the body (fresh, or the cached copy on 304).
    std::variant<std::string, SyncFailure> fetchManifest(net::Source& source, std::uint64_t maxBytes,
                                                        bool& notModified);
    // After the manifest was verified and acted on: keep it and its validators.
    void keepManifest(const net::Source& source);
    void forgetManifest(const net::Source& source);

    // Whether the file's SHA-256 (streamed) is `hex`.
    static bool fileHashIs(const std::string& path, const std::string& hex);

    // Removes every staged file except interrupted transfers.
    void cleanup();
    const std::string& dir() const { return m_dir; }

private:
    std::string manifestBase(const net::Source& source) const;
    std::string m_dir;
    std::set<std::string> m_keep;       // interrupted .part files of this attempt
    net::Validators m_pendingValidators;
};

SyncFailure failureFrom(const net::FetchOutcome& outcome);

}  // namespace gongkai::sync
