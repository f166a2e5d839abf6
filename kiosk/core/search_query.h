// What a resident typed, turned into FTS5 MATCH expressions that can never
// break FTS5's syntax (every term becomes quoted phrases).
//
// Strict: every whitespace-separated term becomes a group of phrases ORed
// together — the term as typed and, where it has ASCII letters, the Chinese
// text its pinyin may mean (pinyin_convert.h) — and the groups are ANDed. The
// last term matches as a prefix while the resident is still typing.
//
// Relaxed, for questions in plain words ("上下班路上出了车祸算不算工伤"): the
// question words are dropped, each remaining CJK run of three or more
// characters becomes its overlapping two-character words, and the groups are
// ORed so that a document needs only some of them; the ranking then counts
// how many groups a document has (search_rank.h).
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct MatchPlan {
    std::string expression;        // FTS5 MATCH; empty when nothing is searchable
    std::vector<int> groupSizes;   // phrases per group, in expression order
    bool relaxed = false;          // groups ORed: ranked by coverage (search_rank.h)
    bool titles = false;           // matches in titles only: asked of search_title (search_index.h)
    std::string groupSpec() const; // "1,3,1": the ranking function's argument
};

// What a term with letters may mean in Chinese (convertPinyin bound to a mirror).
using PinyinConverter = std::function<std::vector<std::string>(std::string_view term)>;

MatchPlan strictMatch(const std::string& userText, const PinyinConverter& convert);
MatchPlan relaxedMatch(const std::string& userText, const PinyinConverter& convert);

// Whether `userText` is one document number (国发〔2019〕4号 in any bracket
// style, or 国发2019 4号): a term whose tokens include a year-and-number
// token (tokenizer.h), and nothing else typed.
bool isDocumentNumber(const std::string& userText);

// The plan restricted to titles: the same expression, asked of the titles' own index.
MatchPlan titleOnly(const MatchPlan& plan);

// The user's text with question words ("怎么", "算不算", "吗") removed, after
// normalisation (width, case, traditional -> simplified). Words stay apart.
std::string dropQuestionWords(const std::string& userText);

}  // namespace gongkai
