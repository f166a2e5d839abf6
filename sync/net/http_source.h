// http:// and https:// sources through libcurl. This header exposes no curl
// type; http_source.cpp is the only file of the product that includes curl.
//
// Behaviour beyond net/source.h:
// * Only http and https, for the request and for redirects (at most 5).
// * Nothing is written to destPath unless the final answer is 200 or 206:
//   error bodies are not read, and a 304 leaves destPath untouched.
// * Resume (exactSize, no validators, 0 < existing size < maxBytes): sends
//   `Range: bytes=N-`; a 206 must say `Content-Range: bytes N-…`, or the
//   fetch fails (HttpError) and the partial file is removed; a 200 rewrites
//   the file from zero in the same request; a 416 restarts once without Range.
//   An existing file of maxBytes or more is downloaded again from zero.
// * TooLarge removes destPath (a file cut at the cap is not a prefix worth
//   resuming); Truncated, Stalled and Network keep it for the next attempt.
// * Stalled: no byte (header or body) for FetchLimits.stallSeconds once the
//   request was sent; the connect phase is bounded by connectSeconds.
// * A progress callback returning false ends the fetch as Network ("cancelled").
// * Content is taken as sent: no Accept-Encoding, so the bytes are the file's.
//
// Not thread-safe: one source per thread (each holds one curl handle, which
// keeps its connection alive between fetches). curl_global_init runs once per
// process (std::call_once), on the first openHttpSource.
#pragma once

#include <memory>
#include <string>

#include "net/source.h"

namespace gongkai::net {

// Error for a URL curl cannot parse or one without a host.
Result<std::unique_ptr<Source>> openHttpSource(const std::string& baseUrl, const FetchLimits& limits);

}  // namespace gongkai::net
