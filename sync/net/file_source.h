// A feed on a local or mounted file system (a USB copy): file:///media/usb/feed.
// Same contract as every Source (net/source.h): a file larger than maxBytes
// is refused before copying (TooLarge), a missing one is NotFound, a shorter
// one with exactSize is Truncated; the copy is capped while it runs too (the
// file could grow), goes in 64 KiB chunks through the progress callback, and
// always starts from zero (no resume: a local copy is cheap). Conditional
// fetches are ignored (always copied; validators stay empty). A write error
// is LocalIo with the OS reason, a read error Network ("read failure").
//
// Not thread-safe (one Source per thread, as every Source).
#pragma once

#include <memory>
#include <string>

#include "net/source.h"

namespace gongkai::net {

// `baseUrl` is file://PATH with an absolute PATH (percent-escapes decoded),
// or file://localhost/PATH. Error for any other host or a relative path.
Result<std::unique_ptr<Source>> openFileSource(const std::string& baseUrl);

}  // namespace gongkai::net
