// Sections: [1] query text -> MATCH  [2] snippets  [3] search
#include "search.h"

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "search_index.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

// [1] Every whitespace-separated term becomes a quoted phrase (quotes doubled);
// terms with no token (pure punctuation) are dropped. Phrases are ANDed.
std::string buildMatchExpression(const std::string& userText) {
    std::string out;
    std::size_t i = 0;
    while (i < userText.size()) {
        while (i < userText.size() && (userText[i] == ' ' || userText[i] == '\t' || userText[i] == '\n')) ++i;
        std::size_t j = i;
        while (j < userText.size() && userText[j] != ' ' && userText[j] != '\t' && userText[j] != '\n') ++j;
        std::string term = userText.substr(i, j - i);
        i = j;
        bool searchable = false;
        tokenize(term, TokenizeMode::Query, [&](const Token&) { return !(searchable = true); });
        if (!searchable) continue;
        std::string quoted = "\"";
        for (char c : term) {
            if (c == '"') quoted += "\"\"";
            else quoted.push_back(c);
        }
        if (!out.empty()) out += " ";
        out += quoted + "\"";
    }
    return out;
}

// [2] Snippets: a window of the record's text around the first token that the
// query contains, with every such token highlighted (in characters).
namespace {

constexpr int kSnippetBefore = 20;   // characters
constexpr int kSnippetLength = 80;

std::set<std::string> queryTokens(const std::string& text) {
    std::set<std::string> tokens;
    tokenize(text, TokenizeMode::Query, [&](const Token& t) {
        tokens.emplace(t.text);
        return true;
    });
    return tokens;
}

int charIndexOfByte(const std::string& s, int byte) {
    int chars = 0;
    for (int i = 0; i < byte && i < static_cast<int>(s.size()); ++i)
        if ((static_cast<unsigned char>(s[static_cast<std::size_t>(i)]) & 0xC0) != 0x80) ++chars;
    return chars;
}

std::string substrChars(const std::string& s, int from, int count) {
    std::size_t b = 0;
    int c = 0;
    while (b < s.size() && c < from) {
        ++b;
        while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
        ++c;
    }
    std::size_t e = b;
    for (int k = 0; e < s.size() && k < count; ++k) {
        ++e;
        while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
    }
    return s.substr(b, e - b);
}

std::vector<std::pair<int, int>> matchingSpans(const std::string& text, const std::set<std::string>& tokens) {
    std::vector<std::pair<int, int>> spans;  // byte ranges of matching tokens
    tokenize(text, TokenizeMode::Document, [&](const Token& t) {
        if (tokens.count(std::string(t.text))) spans.emplace_back(t.start, t.end);
        return spans.size() < 64;
    });
    return spans;
}

// The snippet comes from the first field with a match: body, summary, title, ref.
void makeSnippet(SearchHit& hit, const IndexedText& fields, const std::set<std::string>& tokens) {
    const std::string* chosen = &fields.body;
    std::vector<std::pair<int, int>> spans;
    for (const std::string* f : {&fields.body, &fields.summary, &fields.title, &fields.ref}) {
        spans = matchingSpans(*f, tokens);
        if (!spans.empty()) {
            chosen = f;
            break;
        }
    }
    const std::string& text = *chosen;
    int first = spans.empty() ? 0 : charIndexOfByte(text, spans.front().first);
    int from = std::max(0, first - kSnippetBefore);
    std::string snippet = substrChars(text, from, kSnippetLength);
    for (char& c : snippet)
        if (c == '\n') c = ' ';
    hit.snippet = snippet;
    int length = 0;
    for (std::size_t i = 0; i < snippet.size(); ++i)
        if ((static_cast<unsigned char>(snippet[i]) & 0xC0) != 0x80) ++length;
    int lastEnd = -1;
    for (auto [b, e] : spans) {
        int start = charIndexOfByte(text, b) - from, end = charIndexOfByte(text, e) - from;
        if (start < 0 || start >= length) continue;
        end = std::min(end, length);
        if (start < lastEnd) start = lastEnd;  // merge overlapping pairs
        if (end <= start) continue;
        if (!hit.highlights.empty() && hit.highlights.back().first + hit.highlights.back().second == start)
            hit.highlights.back().second += end - start;
        else hit.highlights.emplace_back(start, end - start);
        lastEnd = end;
    }
}

}  // namespace

// [3] search
Result<SearchResult> search(const Mirror& mirror, const SearchQuery& query) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    std::string match = buildMatchExpression(query.text);
    if (match.empty()) return result;
    sqlite3* db = mirror.db();
    std::string typeFilter = query.type.empty() ? "" : " AND r.type = ?3";
    // Facets and the total in one pass over the matches.
    sql::Statement facets(db,
        "SELECT r.type, coalesce(d.domain, ''), substr(coalesce(d.published_on, ''), 1, 4), count(*)"
        " FROM search JOIN record r ON r.rid = search.rowid LEFT JOIN document d ON d.rid = r.rid"
        " WHERE search MATCH ?1" + std::string(query.type.empty() ? "" : " AND r.type = ?2") +
        " GROUP BY 1, 2, 3");
    facets.bind(1, match);
    if (!query.type.empty()) facets.bind(2, query.type);
    int rc;
    while ((rc = facets.step()) == SQLITE_ROW) {
        auto n = static_cast<std::uint64_t>(facets.columnInt64(3));
        result.total += n;
        result.facets["type"][facets.columnText(0)] += n;
        if (auto domain = facets.columnText(1); !domain.empty()) result.facets["domain"][domain] += n;
        if (auto year = facets.columnText(2); !year.empty()) result.facets["year"][year] += n;
    }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};

    sql::Statement q(db,
        "SELECT r.id, r.type, r.json, -bm25(search, 10.0, 8.0, 3.0, 1.0) AS score"
        " FROM search JOIN record r ON r.rid = search.rowid"
        " WHERE search MATCH ?1" + typeFilter +
        " ORDER BY score DESC, json_extract(r.json, '$.published_on') DESC LIMIT ?2");
    q.bind(1, match).bind(2, static_cast<std::int64_t>(query.limit));
    if (!query.type.empty()) q.bind(3, query.type);
    auto tokens = queryTokens(query.text);
    while ((rc = q.step()) == SQLITE_ROW) {
        SearchHit hit;
        hit.id = q.columnText(0);
        hit.type = q.columnText(1);
        auto record = nlohmann::json::parse(q.columnView(2), nullptr, false);
        auto text = indexedText(hit.type, record).value_or(IndexedText{});
        hit.title = text.title;
        hit.docNo = record.value("doc_no", "");
        hit.publishedOn = record.value("published_on", "");
        hit.score = q.columnDouble(3);
        makeSnippet(hit, text, tokens);
        result.hits.push_back(std::move(hit));
    }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    result.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace gongkai
