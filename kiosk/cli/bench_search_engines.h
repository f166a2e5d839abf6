// `gongkai bench search`: the three engines under test behind one interface,
// and the text store they are all built from.
//
// The text store (text.db, table `plain`) holds, per searchable record of the
// benchmark mirror, exactly gongkai::indexedText() (title, ref, summary,
// body) plus type, year and doc_no. It is extracted once from the mirror the
// real import built; the trigram baseline lives in the same file (its FTS5
// table uses `plain` as external content), Xapian is fed from it, ground
// truth is an instr() scan over it.
//
// Contract: engines own their databases; not thread-safe; run() returns the
// number of hits (<= 20) or an Error (a Xapian query parse failure, an SQLite
// error). Building reports time, text throughput and index size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/bench_search_sqlite.h"
#include "core/apply.h"
#include "core/result.h"

namespace gongkai::cli {

inline constexpr int kBenchHitLimit = 20;

struct BenchQuery {
    std::string cls;    // "cjk1", "cjk2", ... (see bench_search_queries.h)
    std::string text;
    std::string type;   // filter; empty: none
    int fromYear = 0, toYear = 0;
};

class BenchEngine {
public:
    virtual ~BenchEngine() = default;
    virtual Result<int> run(const BenchQuery& query) = 0;
};

// Extracts the text store from a mirror file into `textDb` (created).
// Returns {records, text_bytes, extract_s, parse_s}: parse_s is the part
// spent in JSON parsing and indexedText(), comparable to the same work inside
// rebuildSearchIndex.
Result<nlohmann::json> extractTextStore(const std::string& mirrorPath, const std::string& textDb);

// Each builder fills `report` (build_s, mb_s, ...) and returns an engine
// ready for queries. With `reuse`, an index already in place (a kept
// --work-dir) is opened as it is, and build_s and mb_s are left out.
// Gongkai: measures the index the import built, times rebuildSearchIndex in
// one transaction on the imported mirror (the index build), then opens it
// read-only. Xapian's builder also measures its index (a directory's size).
Result<std::unique_ptr<BenchEngine>> buildGongkai(const std::string& mirrorPath, std::uint64_t textBytes,
                                                   nlohmann::json& report, bool reuse = false);
Result<std::unique_ptr<BenchEngine>> buildTrigram(const std::string& textDb, std::uint64_t textBytes,
                                                   nlohmann::json& report, bool reuse = false);
Result<std::unique_ptr<BenchEngine>> buildXapian(const std::string& textDb, const std::string& dir,
                                                  std::uint64_t textBytes, nlohmann::json& report,
                                                  bool reuse = false);

// An index's size on disk, added to `report` (index_bytes, ...) after the
// queries: measuring reads every page of the index, and at
// 1 000 000 documents, where the files are larger than memory, that evicted
// what the queries then read again.
Status measureGongkaiIndex(const std::string& mirrorPath, nlohmann::json& report);
Status measureTrigramIndex(const std::string& textDb, nlohmann::json& report);

// Whether a kept work directory already has a baseline's index, which the
// builders above open as it is with `reuse` (else they build it).
Result<bool> trigramIndexBuilt(BenchDb& textStore);
bool xapianIndexBuilt(const std::string& dir);

// The text store's record count and indexed UTF-8 bytes ({records, text_bytes}).
Result<nlohmann::json> textStoreSize(const std::string& textDb);

// Whether the trigram index alone (MATCH, no LIKE fallback) finds `text`;
// needs the table buildTrigram created in the text store.
Result<bool> trigramIndexMatches(BenchDb& textStore, const std::string& text);

// Gongkai's import comes first (the text store is extracted from its mirror);
// this imports `files` into a new mirror as importRecordFile does (Batch),
// committing every kImportChunkRecords records, and reports {import_s,
// record_lines}.
inline constexpr std::uint64_t kImportChunkRecords = 200000;
// `progress` follows the first file (the generated corpus, most of it).
Status importBenchMirror(const std::vector<std::string>& files, const std::string& mirrorPath,
                         nlohmann::json& report, const ProgressFn& progress = {});

}  // namespace gongkai::cli
