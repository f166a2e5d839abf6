// Full-text search over the mirror (records of every searched type in one
// ranked list): words, document numbers in any bracket style, traditional
// characters, pinyin (expanded into Chinese through the mirror's vocabulary,
// pinyin_convert.h) and questions in plain words (search_query.h); BM25 with
// field weights plus the signals of search_rank.h; filters, facets, snippets
// with highlight ranges, title suggestions.
//
// Whatever the user typed is turned into quoted FTS5 phrases, so FTS5 query
// syntax (quotes, -, *, :, parentheses, AND/OR/NOT/NEAR) can never break a
// query. A query with no searchable characters returns no hits, not an error.
// Uses the Store's Mirror; one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "mirror.h"
#include "result.h"

namespace gongkai {

enum class SearchSort { Relevance, Newest };

// A query matching more records than this is ranked over its kSearchWindow
// newest matches and its kSearchWindow newest title matches; its total and
// facets then count the window (the UI shows "300+").
inline constexpr int kSearchWindow = 300;

struct SearchQuery {
    std::string text;
    int limit = 20;
    std::string type;  // empty: every type
    // Document filters (a record that is not a document never passes one).
    std::string domain, issuer, validity;
    int fromYear = 0, toYear = 0;  // published_on years, inclusive; 0: open
    SearchSort sort = SearchSort::Relevance;
};

struct SearchHit {
    std::string id, type, title, docNo, publishedOn;
    double score = 0;         // higher is better
    std::string snippet;      // plain text around the first match
    std::vector<std::pair<int, int>> highlights;  // [start, length] in characters of snippet
};

struct SearchResult {
    std::uint64_t total = 0;
    double tookMs = 0;
    std::vector<SearchHit> hits;
    // Facet counts over every match: by "type", "domain" (id) and "year".
    std::map<std::string, std::map<std::string, std::uint64_t>> facets;
};

// The FTS5 MATCH expression for user input (empty when nothing is searchable).
std::string buildMatchExpression(const std::string& userText);

Result<SearchResult> search(const Mirror& mirror, const SearchQuery& query);

struct Suggestion {
    std::string id, type, title;
};

// Titles for search-as-you-type: records whose title has what was typed so
// far (pinyin included), best title match first, newer first on a tie.
Result<std::vector<Suggestion>> suggestTitles(const Mirror& mirror, const std::string& text, int limit = 8);

// The MATCH expressions search() would run for `text`, strict then relaxed
// (for operators asking why a query finds what it finds).
std::vector<std::string> explainQuery(const Mirror& mirror, const std::string& text);

}  // namespace gongkai
