// Sections: [1] query text -> MATCH  [2] snippets  [3] search
#include "search.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "pinyin.h"
#include "search_index.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

// [1] Query text -> MATCH. Every whitespace-separated term becomes a group of
// quoted phrases ORed together: the term as typed, and where it has ASCII
// letters, the term with each run of letters read as pinyin (pinyin.h). Terms
// with no token (pure punctuation) are dropped; groups are ANDed. The last
// term of a query is matched as a prefix while the resident is still typing.
namespace {

constexpr std::size_t kMaxTerms = 12;

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    return out + "\"";
}

bool hasTokens(const std::string& text) {
    bool any = false;
    tokenize(text, TokenizeMode::Query, [&](const Token&) { return !(any = true); });
    return any;
}

std::vector<std::string> splitTerms(const std::string& text) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    auto space = [&](std::size_t k) { return text[k] == ' ' || text[k] == '\t' || text[k] == '\n'; };
    while (i < text.size()) {
        while (i < text.size() && space(i)) ++i;
        std::size_t j = i;
        while (j < text.size() && !space(j)) ++j;
        if (j > i) terms.push_back(text.substr(i, j - i));
        i = j;
    }
    return terms;
}

// The term with its letter runs replaced by pinyin tokens; `alternative`
// picks which reading of a run that has several (0 = best). Empty when a run
// cannot be pinyin. `prefix` is set when the result should match as a prefix.
std::string pinyinPhrase(const std::string& term, std::size_t alternative, bool& prefix, bool& varied) {
    std::string out;
    prefix = false;
    for (std::size_t i = 0; i < term.size();) {
        char c = term[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        std::size_t j = i;
        while (j < term.size() && (((term[j] >= 'a' && term[j] <= 'z') || (term[j] >= 'A' && term[j] <= 'Z')) == letter)) ++j;
        std::string run = term.substr(i, j - i);
        if (letter) {
            for (char& ch : run) ch = static_cast<char>(ch | 0x20);
            auto readings = pinyin::segment(run, alternative + 1);
            if (readings.empty()) return {};
            varied = varied || readings.size() > alternative;
            const auto& r = readings[std::min(alternative, readings.size() - 1)];
            for (const auto& t : r.tokens) out += " " + t;
            prefix = j == term.size() && (r.lastIsPrefix || r.tokens.back()[0] == pinyin::kSyllableMark);
        } else {
            out += " " + run;
            prefix = false;
        }
        i = j;
    }
    return out;
}

std::string termGroup(const std::string& term, bool isLast) {
    std::vector<std::string> phrases;
    if (hasTokens(term)) phrases.push_back(quote(term) + (isLast ? "*" : ""));
    bool hasLetters = std::any_of(term.begin(), term.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
    for (std::size_t alt = 0; hasLetters && alt < 4; ++alt) {
        bool prefix = false, varied = false;
        std::string phrase = pinyinPhrase(term, alt, prefix, varied);
        if (phrase.empty() || !hasTokens(phrase)) break;
        std::string quoted = quote(phrase) + (prefix && isLast ? "*" : "");
        if (std::find(phrases.begin(), phrases.end(), quoted) == phrases.end()) phrases.push_back(quoted);
        if (!varied) break;
    }
    if (phrases.empty()) return {};
    if (phrases.size() == 1) return phrases.front();
    std::string group = "(";
    for (std::size_t i = 0; i < phrases.size(); ++i) group += (i ? " OR " : "") + phrases[i];
    return group + ")";
}

}  // namespace

std::string buildMatchExpression(const std::string& userText) {
    std::string out;
    auto terms = splitTerms(userText);
    // Nobody types more at a kiosk; a pasted essay must not cost seconds.
    if (terms.size() > kMaxTerms) terms.resize(kMaxTerms);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        std::string group = termGroup(terms[i], i + 1 == terms.size());
        if (group.empty()) continue;
        if (!out.empty()) out += " AND ";  // FTS5 has no implicit AND before "("
        out += group;
    }
    return out;
}

// [2] Snippets: a window of the record's text around the first token that the
// query contains, with every such token highlighted (in characters).
namespace {

constexpr int kSnippetBefore = 20;   // characters
constexpr int kSnippetLength = 80;

// The tokens to highlight: those of the MATCH expression, without pinyin
// initials when there are syllables (an initial alone would light up every
// character that starts with that letter).
std::set<std::string> queryTokens(const std::string& match) {
    std::set<std::string> tokens;
    bool syllables = false;
    tokenize(match, TokenizeMode::Query, [&](const Token& t) {
        tokens.emplace(t.text);
        syllables = syllables || t.text.front() == pinyin::kSyllableMark;
        return true;
    });
    if (syllables)
        std::erase_if(tokens, [](const std::string& t) { return t.front() == pinyin::kInitialMark; });
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
namespace {

// The WHERE conditions of the query's filters, with their values to bind
// from parameter 2 on (parameter 1 is the MATCH expression).
std::string filterClause(const SearchQuery& q, std::vector<std::string>& values) {
    std::string sql;
    auto add = [&](const char* condition, const std::string& value) {
        if (value.empty()) return;
        values.push_back(value);
        sql += std::string(" AND ") + condition + std::to_string(values.size() + 1);
    };
    add("r.type = ?", q.type);
    add("d.domain = ?", q.domain);
    add("d.issuer = ?", q.issuer);
    add("d.validity = ?", q.validity);
    add("d.published_on >= ?", q.fromYear > 0 ? std::to_string(q.fromYear) + "-01-01" : "");
    add("d.published_on <= ?", q.toYear > 0 ? std::to_string(q.toYear) + "-12-31" : "");
    return sql;
}

constexpr const char* kMatchFrom =
    " FROM search JOIN record r ON r.rid = search.rowid LEFT JOIN document d ON d.rid = r.rid"
    " WHERE search MATCH ?1";

Status countFacets(sqlite3* db, const std::string& match, const std::string& filters,
                   const std::vector<std::string>& values, SearchResult& result) {
    sql::Statement facets(db, "SELECT r.type, coalesce(d.domain, ''), substr(coalesce(d.published_on, ''), 1, 4),"
                              " count(*)" + std::string(kMatchFrom) + filters + " GROUP BY 1, 2, 3");
    facets.bind(1, match);
    for (std::size_t i = 0; i < values.size(); ++i) facets.bind(static_cast<int>(i + 2), values[i]);
    int rc;
    while ((rc = facets.step()) == SQLITE_ROW) {
        auto n = static_cast<std::uint64_t>(facets.columnInt64(3));
        result.total += n;
        result.facets["type"][facets.columnText(0)] += n;
        if (auto domain = facets.columnText(1); !domain.empty()) result.facets["domain"][domain] += n;
        if (auto year = facets.columnText(2); !year.empty()) result.facets["year"][year] += n;
    }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return okStatus();
}

}  // namespace

Result<SearchResult> search(const Mirror& mirror, const SearchQuery& query) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    std::string match = buildMatchExpression(query.text);
    if (match.empty()) return result;
    sqlite3* db = mirror.db();
    std::vector<std::string> values;
    std::string filters = filterClause(query, values);
    if (auto s = countFacets(db, match, filters, values, result); !s) return s.error();

    std::string order = query.sort == SearchSort::Newest
        ? " ORDER BY coalesce(d.published_on, '') DESC, score DESC"
        : " ORDER BY score DESC, coalesce(d.published_on, '') DESC";
    sql::Statement q(db, "SELECT r.id, r.type, r.json, -bm25(search, 10.0, 8.0, 3.0, 1.0) AS score" +
                             std::string(kMatchFrom) + filters + order + " LIMIT " +
                             std::to_string(std::max(0, query.limit)));
    q.bind(1, match);
    for (std::size_t i = 0; i < values.size(); ++i) q.bind(static_cast<int>(i + 2), values[i]);
    // Highlight what the MATCH expression searched for (pinyin tokens included).
    auto tokens = queryTokens(match);
    int rc;
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
