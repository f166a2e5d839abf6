// `gongkai bench search`: timing the query set on one engine, and the
// nearest-rank percentile used for every figure. Not thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/bench_search_engines.h"

namespace gongkai::cli {

struct EngineTiming {
    nlohmann::json classes;  // class id -> {p50_ms, p95_ms, p99_ms, queries, mean_hits, answered, errors}
    std::vector<int> hits;   // per query of the set: hits, or -1 (not run, or an error)
    std::string firstError;  // the first query error, for the log
};

// Nearest-rank percentile of a sample (p in 0..100); 0 for an empty sample.
double benchPercentile(std::vector<double> v, double p);

// Runs every query once (a warm cache: each query's pages read before any
// is timed), then each query once more to warm up and `runs` times timed
// (wall clock around the engine call, in ms; every timed run is one sample
// of its class).
// Queries of pinyin-only classes are skipped unless `pinyin`.
EngineTiming measureEngine(BenchEngine& engine, const std::vector<BenchQuery>& queries, int runs, bool pinyin);

}  // namespace gongkai::cli
