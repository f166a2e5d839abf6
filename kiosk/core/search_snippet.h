// Snippets for search hits: a window of a record's indexed text around the
// first token the query contains, with every such token highlighted.
//
// The record's canonical JSON line is read with a SAX pass that stops at the
// first paragraph of the body with a match, so a hit in a 100 000-character
// law costs about as much as one in a short notice: no document tree is built
// and the text after the match is never read. Pure functions; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongkai {

using TokenSet = std::set<std::string, std::less<>>;

// The tokens to highlight for a MATCH expression (pinyin has already become
// Chinese text there).
TokenSet highlightTokens(const std::string& matchExpression);

struct Snippet {
    std::string text;                             // one line, at most kSnippetLength characters
    std::vector<std::pair<int, int>> highlights;  // [start, length] in characters of text
};

inline constexpr int kSnippetLength = 80;  // characters
inline constexpr int kSnippetBefore = 20;  // characters shown before the first match

// The snippet comes from the first piece of text (a paragraph, heading, table
// cell or field) with a match, looking in the body first, then the summary,
// the title and the reference fields; without a match, the body's opening.
// Invalid JSON gives an empty snippet.
Snippet snippetOf(std::string_view recordJson, std::string_view type, const TokenSet& tokens);

}  // namespace gongkai
