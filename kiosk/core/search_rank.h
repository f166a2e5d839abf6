// Ranking: BM25 with field weights plus the signals BM25 does not give.
//
// An FTS5 auxiliary function registered on every connection next to the
// tokenizer gives, for each match, what its score is made of:
//
//   gongkai_signals(search, 'n1,n2,...' [, coverage weight [, title group weight [, ?sizes]]])
//
// where the first argument gives how many phrases each group of the MATCH
// expression has (MatchPlan::groupSpec, search_query.h). It returns a blob
// (RankFeatures::add): each phrase's frequency in the row
// weighted by column (kColumnWeights), the row's length, and the signals:
//   coverage weight * groups that have a match (questions: more words first;
//                     kCoverageWeight by default)
// + title group weight * groups that match in the title (0 by default)
// + kTitleWeight    * 1 when every group is in the title
// + kExactWeight    * 1 when the title is exactly the query
// + kTitleShareWeight * the share of the title the query's words cover
//                    (宪法 is most of 中华人民共和国宪法, little of 宪法宣誓办法)
// - kLaterPhraseWeight * k for each group whose first phrase in the title (or
//                    else anywhere) is its k-th (the phrases of a group are the
//                    term as typed, then what its pinyin may mean, likeliest first)
// Each check is O(phrases) per row: it looks at a phrase's first instance only.
// The row's sizes (its length for BM25, its title's) come from ?sizes, a
// SizeBinding (search_meta.h) bound with sqlite3_bind_pointer, when its table
// knows the row; else from FTS5, which looks them up row by row.
//
// bm25Scores() then scores a set of matches the way FTS5's bm25() does, but
// with each phrase's document frequency counted in that set instead of over
// the whole table: SQLite's bm25() runs every phrase over the whole index
// once per query to count it, which costs more than the search itself when a
// phrase is common (户籍 at 100 000 documents: 0.3 ms to find the newest 300
// matches, 5 ms with bm25()). Within a set that holds every match the counts
// are exact; within a bounded window they keep the phrases' relative rarity.
#pragma once

#include <vector>

#include "result.h"

struct sqlite3;

namespace gongkai {

inline constexpr double kCoverageWeight = 1000;
// For questions, where a document needs only some of the words, a word in the
// title counts for more than one in the body: 行政复议法 answers
// 对行政处罚不服怎么申请复议 better than a regulation quoting the whole phrase.
inline constexpr double kRelaxedCoverageWeight = 100;
inline constexpr double kRelaxedTitleGroupWeight = 150;
inline constexpr double kTitleWeight = 30;
inline constexpr double kExactWeight = 60;
inline constexpr double kLaterPhraseWeight = 3;
inline constexpr double kTitleShareWeight = 100;

inline constexpr const char* kSignalsFunction = "gongkai_signals";

// bm25 column weights: title, ref (文号, 索引号), summary, body.
inline constexpr double kColumnWeights[] = {10.0, 8.0, 3.0, 1.0};

// The rows of a window with what their scores are made of, each decoded
// from the blob gongkai_signals returned, kept flat: a window's 300 rows
// used to allocate a vector of frequencies each.
class RankFeatures {
public:
    void reserve(std::size_t rows, std::size_t phrases);
    // Adds a row; a malformed blob gives zeros. Returns the row's signals.
    double add(const void* blob, int bytes);
    std::size_t size() const { return m_rows.size(); }

private:
    struct Row {
        double length = 0, averageLength = 1, rows = 0;  // tokens in the row; over the table; rows in the table
        std::size_t first = 0, phrases = 0;              // its frequencies in m_frequencies
    };
    std::vector<Row> m_rows;
    std::vector<double> m_frequencies;  // per row, per phrase, weighted by column

    friend std::vector<double> bm25Scores(const RankFeatures& rows, std::vector<double> documents);
};

// BM25 (k1 = 1.2, b = 0.75, as FTS5) of each of `rows`, signals not
// included. `documents` gives each phrase's document frequency; empty: count
// them among `rows` (exact when `rows` holds every match).
std::vector<double> bm25Scores(const RankFeatures& rows, std::vector<double> documents = {});

// For a bounded window, whose rows say little about how common a phrase is
// in the whole mirror:
//   gongkai_df(search [, cap])  -- on any one row of a MATCH
// returns a blob of each phrase's document frequency over the whole index,
// counted up to `cap` (kFrequencyCap): a phrase found that often is common,
// and counting further would cost more than the search.
inline constexpr const char* kFrequencyFunction = "gongkai_df";
inline constexpr int kFrequencyCap = 1000;
std::vector<double> decodeFrequencies(const void* blob, int bytes);

// Registers gongkai_signals, gongkai_df and the window filter
// (gongkai_meta_keep, search_meta.h) on `db`.
Status registerRankFunction(sqlite3* db);

}  // namespace gongkai
