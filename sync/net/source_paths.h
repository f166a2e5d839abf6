// Helpers shared by the sources (private to net/): joining a base URL or
// directory with a feed-relative path, and refusing relative paths that could
// leave the feed. Pure functions; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::net {

// base + "/" + relative, with no doubled or missing slash between them.
std::string joinPath(std::string_view base, std::string_view relative);

// Why `relative` may not be fetched (empty, a ".." or "." segment, a
// backslash or a control byte), or nullopt when it is fine. Leading slashes
// are allowed: joinPath drops them, so the path stays inside the base.
std::optional<std::string> badRelativePath(std::string_view relative);

}  // namespace gongkai::net
