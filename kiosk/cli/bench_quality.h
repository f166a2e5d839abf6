// Search quality: a labelled query set (tests/quality/queries.tsv) run
// through gongkai::search, with recall@10 per query class and overall, and
// the list of misses. Used by `gongkai bench quality` and by the [slow]
// quality test over ../shared/corpus.
//
// File format (UTF-8, tab-separated): blank lines and lines starting with
// `#` are ignored; the first other line is the header
// `class<TAB>query<TAB>expect<TAB>filters<TAB>note`; every further line has
// 3 to 5 columns (filters and note may be left off):
//   class    one of kQualityClasses
//   query    what the user typed (non-empty)
//   expect   comma-separated record ids that must all be in the top 10
//   filters  `key=value` items joined by `;`, keys: type domain issuer
//            validity from to (years) sort (relevance|newest)
//   note     free text: why these ids
//
// Errors are values: a malformed file yields one Error whose message lists
// every bad line (up to 20) as "FILE:LINE: what is wrong". Nothing here
// keeps state; evaluateQuality uses the Mirror from one thread at a time,
// like gongkai::search.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/mirror.h"
#include "core/result.h"
#include "core/search.h"

namespace gongkai::cli {

// The query classes, in report order.
extern const std::vector<std::string> kQualityClasses;

inline constexpr int kQualityTopN = 10;  // recall is measured in the top N

struct QualityQuery {
    std::string location;  // "FILE:LINE", for messages
    std::string queryClass;
    SearchQuery search;  // text and filters; limit is set when evaluated
    std::vector<std::string> expect;
    std::string note;
};

// Parses a labelled set; see the format above.
Result<std::vector<QualityQuery>> parseQualityQueries(const std::string& text, const std::string& fileName);
// Reads and parses FILE; a missing or unreadable file is an error naming it.
Result<std::vector<QualityQuery>> loadQualityQueries(const std::string& path);

struct QualityMiss {
    std::string location, queryClass, text;
    std::vector<std::string> missing;  // expected ids not in the top N
    std::vector<std::string> top;      // what came first instead: "id title", up to 3
};

struct ClassRecall {
    std::string queryClass;
    int queries = 0;
    int complete = 0;    // queries with every expected id in the top N
    double recall = 0;   // mean of the queries' recall@N
};

struct QualityReport {
    std::vector<ClassRecall> classes;  // kQualityClasses order, classes with queries only
    int queries = 0;
    int complete = 0;
    double recall = 0;        // overall: mean recall@N over all queries
    double maxMs = 0;         // slowest query, as measured by the engine
    std::vector<QualityMiss> misses;  // file order
};

// Runs every query (limit kQualityTopN). A search error stops the run and is
// returned with the query's location.
Result<QualityReport> evaluateQuality(const Mirror& mirror, const std::vector<QualityQuery>& queries);

std::string formatQualityReport(const QualityReport& report);  // table, then misses
nlohmann::json qualityReportJson(const QualityReport& report);

// tests/quality/queries.tsv looked for under the working directory, the
// executable's directory and their parents; empty when not found.
std::string defaultQualityQueriesPath();

// gongkai bench quality --db MIRROR [--queries FILE] [--json] [--min-recall R]
// Exit status 0; 1 on errors (bad file, no mirror); 2 when overall recall is
// below --min-recall.
void addBenchQualityCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
