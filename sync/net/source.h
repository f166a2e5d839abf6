// Where a feed comes from: one base URL, http://, https:// or file://
// (a USB copy). The only code that includes curl is net/http_source.cpp.
//
// Every download is capped at the size the caller declares (the manifest's
// size for signed files, a fixed cap for manifest.json): a server that sends
// more is cut off and the file reported as too large, never read to the end.
// Downloads go to a caller-given path in a staging directory; when that file
// already holds a prefix of the wanted one (an interrupted earlier attempt),
// an HTTP source resumes it with Range and checks the server honoured it.
// Stalls (no byte for `stallSeconds`) and connect failures are errors.
//
// Not thread-safe: one Source per thread. Errors are values and say what
// happened, naming the URL ("http://…/manifest.json: HTTP 500",
// "…: more than the declared 1234 bytes", "…: stalled for 10 s").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace gongkai::net {

struct FetchLimits {
    double connectSeconds = 10;
    double stallSeconds = 15;    // no byte received for this long: give up
};

// For conditional GET of manifest.json: the validators of the copy we have.
struct Validators {
    std::string etag, lastModified;
};

enum class FetchProblem {
    None,
    NotFound,        // 404 or missing file
    TooLarge,        // more bytes than declared (or Content-Length says so)
    Truncated,       // the connection ended before the declared size / Content-Length
    Stalled,
    HttpError,       // other HTTP status (5xx, 4xx)
    Network,         // connect / DNS / TLS / read failure
    LocalIo,         // cannot write the staging file (disk full …)
};

struct FetchOutcome {
    FetchProblem problem = FetchProblem::None;
    std::string message;          // empty when problem == None
    bool notModified = false;     // 304 to a conditional GET: dest untouched
    std::uint64_t bytes = 0;      // size of dest after the fetch
    std::uint64_t transferred = 0;  // bytes moved over the wire this time
    bool resumed = false;         // a Range request continued a partial file
    Validators validators;        // from the response (http only)
    bool ok() const { return problem == FetchProblem::None; }
};

// Called as bytes arrive (total 0 when unknown). Returning false aborts.
using FetchProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

class Source {
public:
    virtual ~Source() = default;
    virtual const std::string& url() const = 0;   // the base URL as given

    // Fetches BASE/relativePath into destPath. `exactSize` true: the file
    // must be exactly maxBytes long (signed files); false: at most maxBytes
    // (manifest.json). `conditional` non-null: send If-None-Match /
    // If-Modified-Since and report notModified on 304. An existing destPath
    // shorter than maxBytes is resumed when exactSize is true.
    virtual FetchOutcome fetch(const std::string& relativePath, const std::string& destPath,
                               std::uint64_t maxBytes, bool exactSize, const Validators* conditional,
                               const FetchProgress& progress = {}) = 0;
};

// http://, https:// or file:// (file:///media/usb/feed). Error for any other
// scheme or a malformed URL.
Result<std::unique_ptr<Source>> openSource(const std::string& baseUrl, const FetchLimits& limits = {});

}  // namespace gongkai::net
