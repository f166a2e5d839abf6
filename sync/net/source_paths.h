// Helpers shared by the sources (private to net/): joining a base URL or
// directory with a feed-relative path, refusing relative paths that could
// leave the feed, a failed outcome, and writing a buffer whole. Any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "net/source.h"

namespace gongkai::net {

// base + "/" + relative, with no doubled or missing slash between them.
std::string joinPath(std::string_view base, std::string_view relative);

// Why `relative` may not be fetched (empty, a ".." or "." segment, a
// backslash or a control byte), or nullopt when it is fine. Leading slashes
// are allowed: joinPath drops them, so the path stays inside the base.
std::optional<std::string> badRelativePath(std::string_view relative);

// An outcome that failed with `problem`, saying `message`.
FetchOutcome failure(FetchProblem problem, std::string message);

// Writes all of `data` to `fd`, retrying short and interrupted writes;
// false with errno set.
bool writeAll(int fd, const char* data, std::size_t size);

}  // namespace gongkai::net
