// Where the benchmarks find their inputs: record files beside the source tree
// or the working directory. Pure functions over the file system.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gongkai::cli {

// The files ending in `suffix` in the first of `dirs` that has any, sorted.
std::vector<std::string> findFiles(const std::vector<std::filesystem::path>& dirs, const std::string& suffix);

// ../shared/corpus/*.ndjson.zst, looked for from the working directory up.
std::vector<std::string> sharedCorpus();

// data/demo/*.ndjson, looked for the same way.
std::vector<std::string> demoRecordFiles();

}  // namespace gongkai::cli
