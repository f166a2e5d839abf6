// `gongkai bench search`: Gongkai's search against two baselines — SQLite
// FTS5 trigram (with the LIKE fallback under three characters) and Xapian
// with CJK n-grams — on the same records in the same run.
//
// For each corpus (a generated corpus of --docs N merged with
// ../shared/corpus, or the --corpus files) it imports the records into a new
// mirror through the real import path, extracts gongkai::indexedText() of
// every searchable record into a text store, builds each engine's index from
// the same text, derives a query set by class (bench_search_queries.h), and
// times every query --runs times per engine, after a pass over all queries
// and one warm-up run of it. It reports build
// time, MB/s of indexed UTF-8 text, index size, p50/p95/p99 per class and
// engine, mean hits, and recall on the two-character class against an
// instr() ground truth.
//
// Contract: runSearchBench works in options.workDir (a new temporary
// directory when empty), removes what it created there unless options.keep,
// and refuses up front when the disk has too little free space for a corpus
// (its engines one at a time, options.keepFreeGb left over), and again before
// each engine or index rebuild that would not leave that much. With options.reuse, a corpus whose mirror and text store
// are already in the work directory (an earlier --keep run) is measured
// again as it is: what is there is neither removed nor rebuilt, and the
// import and build figures are left out. Errors are values. `log` receives progress lines (may be
// empty). Not thread-safe; uses the calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"

namespace gongkai::cli {

struct SearchBenchOptions {
    std::vector<std::uint64_t> docs{10000, 100000};  // generated corpus sizes
    std::vector<std::string> corpus;                  // record files instead of generating
    std::vector<std::string> engines{"gongkai", "trigram", "xapian"};
    std::string workDir;
    bool keep = false;
    bool reuse = false;        // measure again in a kept --work-dir: no generating, importing or building
    bool sharedCorpus = true;  // merge ../shared/corpus into generated corpora
    std::vector<std::string> classes;  // query classes to run (bench_search_queries.h ids); empty: all
    int queriesPerClass = 20;
    int runs = 5;              // timed runs per query, after one warm-up
    std::uint64_t seed = 1;    // corpus generator and query set
    // Free disk every step must leave. When the disk cannot hold every
    // engine's index at once (1 000 000 documents), each engine is built,
    // queried and deleted before the next (trigram, whose index shares the
    // text store, last), and the report says "one_engine_at_a_time".
    double keepFreeGb = 2;
    bool oneEngineAtATime = false;  // even when the disk could hold them all
};

// One JSON object: {"options", "corpora": [{"name", "records", "text_bytes",
// "import", "engines": {name: {build_s, mb_s, index_bytes, ...}},
// "classes": {class: {"label", "queries", name: {p50_ms, p95_ms, p99_ms,
// queries, mean_hits, answered, errors} or null for n/a}},
// "recall_2char": {"truth_queries", name: fraction, "trigram_index_only"}},
// "queries": [{"class", "text"}]]}. Gongkai's build_s is rebuildSearchIndex
// on the imported mirror; "import" holds the full import time.
Result<nlohmann::json> runSearchBench(const SearchBenchOptions& options,
                                      const std::function<void(const std::string&)>& log);

// The readable tables for a runSearchBench result.
std::string formatSearchBench(const nlohmann::json& report);

void addBenchSearchCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
