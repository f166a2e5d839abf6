// `gongkai bench gen`: a deterministic generator of benchmark corpora in the
// record format — document records whose titles, bodies and metadata read like
// county publications, with realistic lengths (titles 10–40 characters, bodies
// with a median near 1,500 characters and a long tail to 30,000). The same
// options always give the same bytes. Output streams to a zstd file, so a
// million documents need no more memory than one.
//
// Contract: the uncompressed text depends only on the options and the bytes
// of the source files (own PRNG, integer arithmetic, no hash-map order), so it
// is the same on every machine; the .zst bytes also depend on the libzstd
// version. The corpus is written to OUT.tmp and renamed to OUT when complete;
// on error OUT.tmp is removed and OUT left untouched. Errors are values whose
// message names the file (and line): an output that cannot be created or
// written, a source that cannot be read, corrupt zstd, a line that is not
// JSON. Reentrant (no shared state); `progress` runs on the calling thread
// every 1,000 documents and after the last one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai {

struct BenchGenOptions {
    std::uint64_t docs = 10000;
    std::uint64_t seed = 1;
    std::string out;                   // FILE.ndjson.zst (or plain .ndjson)
    std::vector<std::string> sources;  // record files to draw vocabulary and phrasing from
};

struct BenchGenSummary {
    std::uint64_t docs = 0;
    std::uint64_t textBytes = 0;  // uncompressed bytes written
    double seconds = 0;
};

Result<BenchGenSummary> generateBenchCorpus(
    const BenchGenOptions& options,
    const std::function<void(std::uint64_t done, std::uint64_t total)>& progress = {});

}  // namespace gongkai
