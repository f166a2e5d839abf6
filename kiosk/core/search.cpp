// Sections: [2] snippets  [3] search (query parsing: search_query.cpp)
#include "search.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "search_index.h"
#include "pinyin_convert.h"
#include "search_query.h"
#include "search_rank.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

// [2] Snippets: a window of the record's text around the first token that the
// query contains, with every such token highlighted (in characters).
namespace {

using TokenSet = std::set<std::string, std::less<>>;

constexpr int kSnippetBefore = 20;   // characters
constexpr int kSnippetLength = 80;

// The tokens to highlight: those of the MATCH expression (pinyin has
// already become Chinese text there).
TokenSet queryTokens(const std::string& match) {
    TokenSet tokens;
    tokenize(match, TokenizeMode::Query, [&](const Token& t) {
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

std::vector<std::pair<int, int>> matchingSpans(const std::string& text, const TokenSet& tokens) {
    std::vector<std::pair<int, int>> spans;  // byte ranges of matching tokens
    // Only the snippet's window matters: stop a little past it.
    constexpr int kWindowBytes = (kSnippetLength + kSnippetBefore) * 4;
    tokenize(text, TokenizeMode::Document, [&](const Token& t) {
        if (!spans.empty() && t.start > spans.front().first + kWindowBytes) return false;
        if (tokens.find(t.text) != tokens.end()) spans.emplace_back(t.start, t.end);
        return spans.size() < 64;
    });
    return spans;
}

// The snippet comes from the first field with a match: body, summary, title, ref.
void makeSnippet(SearchHit& hit, const IndexedText& fields, const TokenSet& tokens) {
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

namespace {

// One read transaction over the dozen statements of a search: one snapshot,
// one lock, and the page cache stays valid in between.
class ReadTransaction {
public:
    explicit ReadTransaction(sqlite3* db) : m_db(db), m_began(sqlite3_get_autocommit(db) != 0) {
        if (m_began) m_began = sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~ReadTransaction() {
        if (m_began) sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    sqlite3* m_db;
    bool m_began;
};

// What terms with letters may mean, each term converted once per search.
PinyinConverter cachedConverter(const Mirror& mirror) {
    auto cache = std::make_shared<std::map<std::string, std::vector<std::string>, std::less<>>>();
    return [cache, db = mirror.db()](std::string_view term) {
        auto it = cache->find(term);
        if (it == cache->end()) it = cache->emplace(std::string(term), convertPinyin(db, term)).first;
        return it->second;
    };
}

}  // namespace

// [3] search. A plan (search_query.h) is ranked over its matches with BM25 and
// field weights plus gongkai_signals (search_rank.h), near-equal scores going
// to the newer record. A plan matching more than kWindow records — a single
// common character, a two-letter pinyin prefix — is ranked over a bounded
// candidate set: its kWindow newest matches and its kWindow newest title
// matches, so every query costs about the same whatever the corpus size.
namespace {

constexpr int kWindow = kSearchWindow;
constexpr std::uint64_t kFewHits = 3;  // below this, questions get the relaxed plan too

struct Filters {
    std::string sql;                  // " AND ..." conditions, parameters from ?2 on
    std::vector<std::string> values;  // their values
};

Filters filterClause(const SearchQuery& q) {
    Filters f;
    auto add = [&](const char* condition, const std::string& value) {
        if (value.empty()) return;
        f.values.push_back(value);
        f.sql += std::string(" AND ") + condition + std::to_string(f.values.size() + 1);
    };
    add("r.type = ?", q.type);
    add("d.domain = ?", q.domain);
    add("d.issuer = ?", q.issuer);
    add("d.validity = ?", q.validity);
    add("d.published_on >= ?", q.fromYear > 0 ? std::to_string(q.fromYear) + "-01-01" : "");
    add("d.published_on <= ?", q.toYear > 0 ? std::to_string(q.toYear) + "-12-31" : "");
    return f;
}

constexpr const char* kMatchFrom =
    " FROM search JOIN record r ON r.rid = search.rowid LEFT JOIN document d ON d.rid = r.rid"
    " WHERE search MATCH ?1";

// SQL over the matches of ?1 that pass the filters and lie above `floor` (a
// rowid; 0 for all); bindMatch gives it its parameters.
std::string matchSql(const std::string& select, const Filters& f, std::int64_t floor, const std::string& tail) {
    std::string window = floor > 0 ? " AND search.rowid > " + std::to_string(floor) : "";
    return select + kMatchFrom + f.sql + window + tail;
}

void bindMatch(sql::Statement& st, const std::string& match, const Filters& f) {
    st.bind(1, match);
    for (std::size_t i = 0; i < f.values.size(); ++i) st.bind(static_cast<int>(i + 2), f.values[i]);
}

// The rowid of the (kWindow+1)-th newest match, or 0 when there are no more than kWindow.
Result<std::int64_t> windowFloor(sqlite3* db, const std::string& match, const Filters& f) {
    sql::Statement st(db, matchSql("SELECT search.rowid", f, 0,
                                   " ORDER BY search.rowid DESC LIMIT 1 OFFSET " + std::to_string(kWindow)));
    bindMatch(st, match, f);
    int rc = st.step();
    if (rc == SQLITE_ROW) return st.columnInt64(0);
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return std::int64_t{0};
}

Status countFacets(sqlite3* db, const std::string& match, const Filters& f, std::int64_t floor,
                   SearchResult& result) {
    sql::Statement st(db, matchSql("SELECT r.type, coalesce(d.domain, ''), substr(coalesce(d.published_on, ''), 1, 4),"
                                   " count(*)", f, floor, " GROUP BY 1, 2, 3"));
    bindMatch(st, match, f);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto n = static_cast<std::uint64_t>(st.columnInt64(3));
        result.total += n;
        result.facets["type"][st.columnText(0)] += n;
        if (auto domain = st.columnText(1); !domain.empty()) result.facets["domain"][domain] += n;
        if (auto year = st.columnText(2); !year.empty()) result.facets["year"][year] += n;
    }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return okStatus();
}

struct Ranked {
    std::string id, type, json, match;  // match: the expression that found it (for highlights)
    double score = 0;
    std::string publishedOn;
};

// The order of rankPlan's SQL, for merging lists.
bool rankedBefore(const Ranked& a, const Ranked& b, SearchSort sort) {
    if (sort == SearchSort::Newest && a.publishedOn != b.publishedOn) return a.publishedOn > b.publishedOn;
    if (a.score != b.score) return a.score > b.score;
    return a.publishedOn > b.publishedOn;
}

// Repealed and superseded texts stay findable but yield to the current ones.
constexpr const char* kScore =
    "-bm25(search, 10.0, 8.0, 3.0, 1.0) + gongkai_signals(search, ?1000, ?1001, ?1002)"
    " - CASE WHEN d.validity IN ('失效', '废止', '已废止', '已失效', '已修改') THEN 5 ELSE 0 END";

Status rankPlan(sqlite3* db, const MatchPlan& plan, const Filters& f, std::int64_t floor,
                const SearchQuery& q, std::vector<Ranked>& out) {
    std::string order = q.sort == SearchSort::Newest
        ? " ORDER BY coalesce(d.published_on, '') DESC, score DESC"
        : " ORDER BY score DESC, coalesce(d.published_on, '') DESC";
    sql::Statement st(db, matchSql(std::string("SELECT r.id, r.type, r.json, ") + kScore +
                                       " AS score, coalesce(d.published_on, '')", f, floor,
                                   order + " LIMIT " + std::to_string(std::max(0, q.limit))));
    bindMatch(st, plan.expression, f);
    st.bind(1000, plan.groupSpec());
    st.bind(1001, std::to_string(plan.relaxed ? kRelaxedCoverageWeight : kCoverageWeight));
    st.bind(1002, std::to_string(plan.relaxed ? kRelaxedTitleGroupWeight : 0.0));
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), plan.expression, st.columnDouble(3),
                       st.columnText(4)});
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return okStatus();
}

// Ranks one plan into `result` (total, facets) and `ranked` (best first, at most q.limit).
Status runPlan(sqlite3* db, const MatchPlan& plan, const Filters& f, const SearchQuery& q,
               SearchResult& result, std::vector<Ranked>& ranked) {
    auto floor = windowFloor(db, plan.expression, f);
    if (!floor) return floor.error();
    if (auto s = countFacets(db, plan.expression, f, floor.value(), result); !s) return s;
    if (auto s = rankPlan(db, plan, f, floor.value(), q, ranked); !s) return s;
    if (floor.value() == 0) return okStatus();
    // Bounded: the newest title matches compete too.
    MatchPlan title = titleOnly(plan);
    auto titleFloor = windowFloor(db, title.expression, f);
    if (!titleFloor) return titleFloor.error();
    if (auto s = rankPlan(db, title, f, titleFloor.value(), q, ranked); !s) return s;
    return okStatus();
}

void mergeInto(std::vector<Ranked>& into, std::vector<Ranked>&& more, const SearchQuery& q, bool sortAll) {
    for (auto& r : more)
        if (std::none_of(into.begin(), into.end(), [&](const Ranked& x) { return x.id == r.id; }))
            into.push_back(std::move(r));
    if (sortAll)
        std::stable_sort(into.begin(), into.end(), [&](const Ranked& a, const Ranked& b) { return rankedBefore(a, b, q.sort); });
    if (into.size() > static_cast<std::size_t>(std::max(0, q.limit))) into.resize(static_cast<std::size_t>(q.limit));
}

SearchHit makeHit(const Ranked& r, const TokenSet& highlight) {
    SearchHit hit;
    hit.id = r.id;
    hit.type = r.type;
    auto record = nlohmann::json::parse(r.json, nullptr, false);
    auto text = indexedText(hit.type, record).value_or(IndexedText{});
    hit.title = text.title;
    if (record.is_object()) {
        hit.docNo = record.value("doc_no", "");
        hit.publishedOn = record.value("published_on", "");
    }
    hit.score = r.score;
    makeSnippet(hit, text, highlight);
    return hit;
}

}  // namespace

Result<std::vector<Suggestion>> suggestTitles(const Mirror& mirror, const std::string& text, int limit) {
    ReadTransaction transaction(mirror.db());
    PinyinConverter convert = cachedConverter(mirror);
    MatchPlan title = titleOnly(strictMatch(text, convert));
    std::vector<Suggestion> out;
    if (title.expression.empty()) return out;
    SearchQuery q;
    q.limit = limit;
    auto floor = windowFloor(mirror.db(), title.expression, {});
    if (!floor) return floor.error();
    std::vector<Ranked> ranked;
    if (auto s = rankPlan(mirror.db(), title, {}, floor.value(), q, ranked); !s) return s.error();
    for (const auto& r : ranked) {
        auto record = nlohmann::json::parse(r.json, nullptr, false);
        auto fields = indexedText(r.type, record).value_or(IndexedText{});
        out.push_back({r.id, r.type, fields.title});
    }
    return out;
}

std::vector<std::string> explainQuery(const Mirror& mirror, const std::string& text) {
    ReadTransaction transaction(mirror.db());
    PinyinConverter convert = cachedConverter(mirror);
    return {strictMatch(text, convert).expression, relaxedMatch(text, convert).expression};
}

Result<SearchResult> search(const Mirror& mirror, const SearchQuery& query) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    ReadTransaction transaction(mirror.db());
    PinyinConverter convert = cachedConverter(mirror);
    MatchPlan strict = strictMatch(query.text, convert);
    if (strict.expression.empty()) return result;
    sqlite3* db = mirror.db();
    Filters f = filterClause(query);
    std::vector<Ranked> ranked, bounded;
    if (auto s = runPlan(db, strict, f, query, result, bounded); !s) return s.error();
    mergeInto(ranked, std::move(bounded), query, true);
    if (result.total < kFewHits) {
        // A question in plain words: drop the question words, rank by coverage.
        MatchPlan relaxed = relaxedMatch(query.text, convert);
        if (!relaxed.expression.empty() && relaxed.expression != strict.expression) {
            SearchResult wider;
            std::vector<Ranked> more;
            if (auto s = runPlan(db, relaxed, f, query, wider, more); !s) return s.error();
            std::stable_sort(more.begin(), more.end(),
                             [&](const Ranked& a, const Ranked& b) { return rankedBefore(a, b, query.sort); });
            mergeInto(ranked, std::move(more), query, false);  // strict hits stay first
            if (wider.total > result.total) {
                result.total = wider.total;
                result.facets = std::move(wider.facets);
            }
        }
    }
    std::map<std::string, TokenSet> tokensOf;  // per MATCH expression (strict, relaxed)
    for (const auto& r : ranked) {
        auto it = tokensOf.find(r.match);
        if (it == tokensOf.end()) it = tokensOf.emplace(r.match, queryTokens(r.match)).first;
        result.hits.push_back(makeHit(r, it->second));
    }
    result.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace gongkai
