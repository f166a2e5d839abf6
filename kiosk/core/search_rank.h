// The ranking signals that BM25 does not give, as an FTS5 auxiliary function
// registered on every connection next to the tokenizer:
//
//   gongkai_signals(search, 'n1,n2,...')
//
// where the argument gives how many phrases each group of the MATCH
// expression has (MatchPlan::groupSpec, search_query.h). It returns
//   kCoverageWeight * groups that have a match      (questions: more words first)
// + kTitleWeight    * 1 when every group is in the title
// + kExactWeight    * 1 when the title is exactly the query
// - kLaterPhraseWeight * k for each group whose first matching phrase is its
//                    k-th (the phrases of a group are the term as typed, then
//                    what its pinyin may mean, likeliest first)
// Each check is O(phrases) per row: it looks at a phrase's first instance only.
#pragma once

#include "result.h"

struct sqlite3;

namespace gongkai {

inline constexpr double kCoverageWeight = 1000;
inline constexpr double kTitleWeight = 30;
inline constexpr double kExactWeight = 60;
inline constexpr double kLaterPhraseWeight = 4;

inline constexpr const char* kSignalsFunction = "gongkai_signals";

Status registerRankFunction(sqlite3* db);

}  // namespace gongkai
