// Line-by-line reading of a record file for the benchmark generator: plain
// NDJSON, or zstd-compressed when the name ends in ".zst" (decompressed in a
// streaming fashion, so memory stays at a buffer plus the longest line).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongkai::benchgen {

// Calls `onLine` for every line (without its newline; a final line without
// one too). Stops at the first error from `onLine` and returns it. Errors
// name `path`: cannot open, read error, corrupt or truncated zstd data.
Status forEachLine(const std::string& path,
                   const std::function<Status(std::string_view line, std::uint64_t lineNo)>& onLine);

}  // namespace gongkai::benchgen
