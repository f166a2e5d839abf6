// Gongkai's FTS5 tokenizer ("gongkai"), after Lucene's CJK analyzer:
//  * normalisation: full-width ASCII to half-width, ideographic space to space,
//    ASCII case folded, traditional characters to simplified (Unihan);
//  * CJK text: in documents, every character is a token and the two-character
//    pair starting there is a colocated token (so highlights stay exact and
//    two-character words such as 低保 match); in queries, a run of two or more
//    characters becomes the pairs starting at each of its positions but the
//    last, a phrase that lines up with document positions and never touches
//    the long position lists of single characters; one character alone stays
//    a character;
//  * pinyin is not in the index: it is expanded at query time into Chinese
//    text through the mirror's vocabulary of pairs (pinyin_convert.h);
//  * Latin letters and digits: runs of one class are words ("国发2019" gives
//    国, 国发, 发, 2019), so document numbers match whatever their brackets;
//    a year in brackets followed by a number (〔2019〕4 of 国发〔2019〕4号)
//    also gives the token "2019〕4" (colocated with the year in documents,
//    instead of it in queries): a document number's phrase then has one
//    rare token to find its few rows by;
//  * everything else (punctuation, brackets 〔〕[]（）, spaces) separates.
// The tokenizer must be registered on every connection before the search
// index is touched: Mirror::open does so. Changing what it emits, or how the
// index is laid out, means raising kTokenizerVersion, which makes writers
// rebuild the index.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "result.h"

struct sqlite3;
struct fts5_api;

namespace gongkai {

inline constexpr int kTokenizerVersion = 5;  // 5: document number tokens; 4: index rowids are -rid
inline constexpr const char* kTokenizerName = "gongkai";

// QueryPrefix: a query whose last token is a prefix (FTS5's "..."*): a
// document number at its very end keeps its year, its number being unfinished.
enum class TokenizeMode { Document, Query, QueryPrefix };

struct Token {
    std::string_view text;  // normalised; valid only during the callback
    int start = 0, end = 0; // byte offsets in the input
    bool colocated = false; // at the same position as the previous token
};

// Calls emit(const Token&) for each token; emit returns false to stop.
// Invalid UTF-8 bytes separate tokens, they never fail.
template <class Emit>
void tokenize(std::string_view text, TokenizeMode mode, Emit&& emit);

// One code point after normalisation (case, width, traditional->simplified).
char32_t normalizeCodepoint(char32_t cp);

// Registers the tokenizer on `db` (idempotent per connection).
Status registerTokenizer(sqlite3* db);

// The connection's FTS5 API, or null when this SQLite has no FTS5.
fts5_api* fts5ApiOf(sqlite3* db);

}  // namespace gongkai

#include "tokenizer_impl.h"
