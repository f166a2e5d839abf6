// The ranking signals that BM25 does not give, as an FTS5 auxiliary function
// registered on every connection next to the tokenizer:
//
//   gongkai_signals(search, 'n1,n2,...' [, coverage weight [, title group weight]])
//
// where the first argument gives how many phrases each group of the MATCH
// expression has (MatchPlan::groupSpec, search_query.h). It returns
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
#pragma once

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

Status registerRankFunction(sqlite3* db);

}  // namespace gongkai
