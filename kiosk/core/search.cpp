// Sections: [1] helpers  [2] search (query parsing: search_query.cpp; snippets: search_snippet.cpp)
#include "search.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <deque>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "search_index.h"
#include "search_meta.h"
#include "pinyin_convert.h"
#include "search_query.h"
#include "search_rank.h"
#include "search_snippet.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

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

// Conversions of a pinyin term ORed into a search: each costs the query a walk
// over its pairs' position lists, and a term rarely means more than the first few.
constexpr std::size_t kSearchPinyinCandidates = 4;

// What terms with letters may mean, each term converted once per search.
PinyinConverter cachedConverter(const Mirror& mirror) {
    auto cache = std::make_shared<std::map<std::string, std::vector<std::string>, std::less<>>>();
    return [cache, db = mirror.db()](std::string_view term) {
        auto it = cache->find(term);
        if (it == cache->end()) it = cache->emplace(std::string(term), convertPinyin(db, term, kSearchPinyinCandidates)).first;
        return it->second;
    };
}

}  // namespace

// [2] search. A plan (search_query.h) is ranked over its matches with BM25 and
// field weights plus gongkai_signals (search_rank.h), near-equal scores going
// to the newer record. One pass reads a plan's newest matches, at most
// kWindow + 1, each with its score and facet columns; ranking, facets and the
// window all come from those rows. A plan matching more than kWindow records
// — a single common character, a two-letter pinyin prefix — is ranked over a
// bounded candidate set: its kWindow newest matches and its kWindow newest
// title matches, so every query costs about the same whatever the corpus
// size. Only the hits shown are read in full (record JSON, for the snippet).
namespace {

constexpr int kWindow = kSearchWindow;
constexpr std::uint64_t kFewHits = 3;  // below this, questions get the relaxed plan too

// Filters go one of two ways. Type, domain and dates are checked in the
// window query against the SearchMeta table (gongkai_meta_keep, search_meta.h),
// so that a match outside them costs no table lookups; issuer and validity,
// which the table does not hold, make the query join the typed tables, and
// then every filter is an SQL condition.
struct Filters {
    MetaFilter meta;
    bool joins = false;               // issuer or validity: the typed tables decide
    std::string sql;                  // with joins: " AND ..." conditions, parameters from ?2 on
    std::vector<std::string> values;  // their values
};

Filters filterClause(const SearchQuery& q) {
    Filters f;
    f.meta = {q.type, q.domain, q.fromYear > 0 ? std::to_string(q.fromYear) + "-01-01" : "",
              q.toYear > 0 ? std::to_string(q.toYear) + "-12-31" : ""};
    f.joins = !q.issuer.empty() || !q.validity.empty();
    if (!f.joins) return f;
    auto add = [&](const char* condition, const std::string& value) {
        if (value.empty()) return;
        f.values.push_back(value);
        f.sql += std::string(" AND ") + condition + std::to_string(f.values.size() + 1);
    };
    add("r.type = ?", f.meta.type);
    add("d.domain = ?", f.meta.domain);
    add("d.issuer = ?", q.issuer);
    add("d.validity = ?", q.validity);
    add("d.published_on >= ?", f.meta.from);
    add("d.published_on <= ?", f.meta.to);
    return f;
}

// A window row's type, domain and date are views into the SearchMeta table,
// or into a search's Strings when the typed tables gave them.
using Strings = std::deque<std::string>;

struct Candidate {
    std::int64_t rid = 0;
    std::string_view type, domain, publishedOn;
    double score = 0;
    const std::string* match = nullptr;  // the expression that found it (for highlights)
};

// The parameter gongkai_meta_keep reads its filter from.
constexpr int kFilterParameter = 999;

// The query that reads a window from `index` (search, or search_title for a
// title plan). With joins, the typed tables decide which matches count;
// without, the index alone serves (the SearchMeta table filtering) and the
// rest comes from the table.
std::string windowSql(const std::string& index, const Filters& f) {
    if (!f.joins)
        return "SELECT -rowid, gongkai_signals(" + index + ", ?1000, ?1001, ?1002, ?1003) FROM " + index + " WHERE " +
               index + " MATCH ?1" +
               (f.meta.any() ? std::string(" AND ") + kMetaFilterFunction + "(?" +
                                   std::to_string(kFilterParameter) + ", " + index + ".rowid)"
                             : "");
    return "SELECT r.rid, gongkai_signals(" + index + ", ?1000, ?1001, ?1002, ?1003), r.type, coalesce(d.domain, ''),"
           " coalesce(d.published_on, ''), coalesce(d.validity, '') FROM " + index +
           " JOIN record r ON r.rid = -" + index + ".rowid LEFT JOIN document d ON d.rid = r.rid WHERE " + index +
           " MATCH ?1" + f.sql;
}
// A record the SearchMeta table does not know.
constexpr const char* kMetaSql =
    "SELECT r.type, coalesce(d.domain, ''), coalesce(d.published_on, ''), coalesce(d.validity, '')"
    " FROM record r LEFT JOIN document d ON d.rid = r.rid WHERE r.rid = ?1";

// Repealed and superseded texts stay findable but yield to the current ones.
constexpr double kNotCurrentPenalty = 5;

struct Window {
    std::vector<Candidate> rows;
    RankFeatures features;               // per row
    bool bounded = false;                // the plan has more matches than rows
};

// What the window needs of a record: from the table, else from the typed
// tables (the row's own columns 2-5 when the query joined them), kept in
// `strings`. False for an index row without a record (the join would have
// dropped it), or one the table did not know that fails the filters.
bool metaOf(sqlite3* db, const SearchMeta* table, const MetaFilter& filter, sql::Statement& row, std::int64_t rid,
            Strings& strings, RecordView& m) {
    auto keep = [&](std::string s) -> std::string_view { return strings.emplace_back(std::move(s)); };
    if (!table) {
        m = {keep(row.columnText(2)), keep(row.columnText(3)), keep(row.columnText(4)), isNotCurrent(row.columnText(5))};
        return true;
    }
    if (table->view(rid, m)) return true;
    sql::Statement q(db, kMetaSql, sql::Reuse::Cached);
    q.bind(1, rid);
    if (q.step() != SQLITE_ROW) return false;
    m = {keep(q.columnText(0)), keep(q.columnText(1)), keep(q.columnText(2)), isNotCurrent(q.columnText(3))};
    return filter.passes(m);
}

// The newest matches of `plan` that pass the filters, at most kWindow, with
// what their scores are made of (search_rank.h). `table` is null when
// the filters need joins.
Result<Window> readWindow(sqlite3* db, const MatchPlan& plan, const Filters& f, const SearchMeta* table,
                          Strings& strings) {
    // The index's rowids are -rid (search_index.h): its ascending walk, the
    // cheap direction for FTS5, meets the newest records first.
    const std::string index = plan.titles ? "search_title" : "search";
    sql::Statement st(db, windowSql(index, f) + " ORDER BY " + index + ".rowid LIMIT " + std::to_string(kWindow + 1),
                      sql::Reuse::Cached);
    st.bind(1, plan.expression);
    for (std::size_t i = 0; i < f.values.size(); ++i) st.bind(static_cast<int>(i + 2), f.values[i]);
    FilterBinding binding{table, &f.meta};
    if (table && f.meta.any()) st.bindPointer(kFilterParameter, &binding, kMetaFilterPointer);
    SizeBinding sizes{table, plan.titles};
    if (table) st.bindPointer(1003, &sizes, kSizePointer);
    st.bind(1000, plan.groupSpec());
    st.bind(1001, std::to_string(plan.relaxed ? kRelaxedCoverageWeight : kCoverageWeight));
    st.bind(1002, std::to_string(plan.relaxed ? kRelaxedTitleGroupWeight : 0.0));
    Window w;
    w.rows.reserve(kWindow);
    w.features.reserve(kWindow, static_cast<std::size_t>(
                                    std::accumulate(plan.groupSizes.begin(), plan.groupSizes.end(), 0)));
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        if (w.rows.size() == static_cast<std::size_t>(kWindow)) {
            w.bounded = true;
            break;
        }
        std::int64_t rid = st.columnInt64(0);
        RecordView m;
        if (!metaOf(db, table, f.meta, st, rid, strings, m)) continue;
        double signals = w.features.add(st.columnBlob(1), st.columnBytes(1));
        double penalty = m.notCurrent ? kNotCurrentPenalty : 0;
        w.rows.push_back({rid, m.type, m.domain, m.publishedOn, signals - penalty, &plan.expression});
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error{"search: " + describeSqliteError(db, rc)};
    return w;
}

// Each phrase's document frequency over the whole index, capped (search_rank.h).
Result<std::vector<double>> indexFrequencies(sqlite3* db, const MatchPlan& plan) {
    sql::Statement st(db, std::string("SELECT ") + kFrequencyFunction + "(search, " +
                              std::to_string(kFrequencyCap) + ") FROM search WHERE search MATCH ?1 LIMIT 1",
                      sql::Reuse::Cached);
    st.bind(1, plan.expression);
    int rc = st.step();
    if (rc == SQLITE_ROW) return decodeFrequencies(st.columnBlob(0), st.columnBytes(0));
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return std::vector<double>{};
}

void addBm25(Window& w, const std::vector<double>& documents) {
    auto bm25 = bm25Scores(w.features, documents);
    for (std::size_t i = 0; i < bm25.size(); ++i) w.rows[i].score += bm25[i];
}

// Counted by value first (a few types, domains and years over 300 rows), then
// put into the result's maps once per value. A year is counted by its four
// bytes as a number: each row's date is its own string, and comparing them
// as strings was most of the counting.
void countFacets(const std::vector<Candidate>& window, SearchResult& result) {
    using Counts = std::vector<std::pair<std::string_view, std::uint64_t>>;
    Counts types, domains;
    std::vector<std::pair<std::uint32_t, std::uint64_t>> years;
    auto count = [](Counts& counts, std::string_view value) {
        // Views of the record table's strings: the same value is the same pointer, mostly.
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) {
            return (c.first.data() == value.data() && c.first.size() == value.size()) || c.first == value;
        });
        if (it == counts.end()) counts.emplace_back(value, 1);
        else ++it->second;
    };
    for (const auto& c : window) {
        ++result.total;
        count(types, c.type);
        if (!c.domain.empty()) count(domains, c.domain);
        if (c.publishedOn.size() >= 4) {
            std::uint32_t year;
            std::memcpy(&year, c.publishedOn.data(), sizeof year);
            auto it = std::find_if(years.begin(), years.end(), [&](const auto& y) { return y.first == year; });
            if (it == years.end()) years.emplace_back(year, 1);
            else ++it->second;
        }
    }
    for (auto [name, counts] : {std::pair{"type", &types}, std::pair{"domain", &domains}})
        for (const auto& [value, n] : *counts) result.facets[name][std::string(value)] += n;
    for (const auto& [year, n] : years)
        result.facets["year"][std::string(reinterpret_cast<const char*>(&year), sizeof year)] += n;
}

bool rankedBefore(const Candidate& a, const Candidate& b, SearchSort sort) {
    if (sort == SearchSort::Newest && a.publishedOn != b.publishedOn) return a.publishedOn > b.publishedOn;
    if (a.score != b.score) return a.score > b.score;
    return a.publishedOn > b.publishedOn;
}

// Keeps the best `limit` of `list`, best first.
void keepBest(std::vector<Candidate>& list, const SearchQuery& q) {
    auto limit = static_cast<std::size_t>(std::max(0, q.limit));
    auto before = [&](const Candidate& a, const Candidate& b) { return rankedBefore(a, b, q.sort); };
    if (list.size() > limit) {
        std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(limit), list.end(), before);
        list.resize(limit);
    } else {
        std::stable_sort(list.begin(), list.end(), before);
    }
}

// Appends the candidates of `more` that `into` does not have.
void addNew(std::vector<Candidate>& into, std::vector<Candidate>&& more) {
    std::vector<std::int64_t> have;
    have.reserve(into.size());
    for (const auto& c : into) have.push_back(c.rid);
    std::sort(have.begin(), have.end());
    for (auto& c : more)
        if (!std::binary_search(have.begin(), have.end(), c.rid)) into.push_back(std::move(c));
}

// Ranks one plan: counts its window into `result` (total, facets) and leaves
// its best q.limit candidates in `best`, best first. The candidates point to
// plan.expression: `plan` must outlive them.
Status runPlan(sqlite3* db, const MatchPlan& plan, const MatchPlan& titlePlan, const Filters& f,
               const SearchMeta* table, const SearchQuery& q, SearchResult& result, std::vector<Candidate>& best,
               Strings& strings) {
    auto window = readWindow(db, plan, f, table, strings);
    if (!window) return window.error();
    countFacets(window.value().rows, result);
    if (!window.value().bounded) {
        addBm25(window.value(), {});
        best = std::move(window.value().rows);
        keepBest(best, q);
        return okStatus();
    }
    // Bounded: the newest title matches compete too. A question's words are
    // single pairs whose frequency in the whole index is cheap to count and
    // decides which words matter; other plans' phrases keep their rarity
    // relative to each other within the window.
    Result<std::vector<double>> documents = std::vector<double>{};
    if (plan.relaxed) documents = indexFrequencies(db, plan);
    if (!documents) return documents.error();
    auto titles = readWindow(db, titlePlan, f, table, strings);
    if (!titles) return titles.error();
    addBm25(window.value(), documents.value());
    addBm25(titles.value(), documents.value());
    best = std::move(window.value().rows);
    for (auto& c : titles.value().rows) c.match = &plan.expression;  // highlight what the plan matches
    addNew(best, std::move(titles.value().rows));
    keepBest(best, q);
    return okStatus();
}

// The SearchMeta table, unless the filters need joins or it cannot be read
// (null: the joins serve).
std::shared_ptr<const SearchMeta> metaTable(sqlite3* db, const Filters& f) {
    if (f.joins) return nullptr;
    auto table = SearchMeta::forMirror(db);
    return table ? table.value() : nullptr;
}

// What a hit shows besides its snippet, from its type's table (the type is
// known: one join, not one per searchable type). Built once per process.
const std::string& hitSql(std::string_view type) {
    struct Shown {
        std::string_view type, table, title;
    };
    static constexpr Shown kShown[] = {
        {"document", "document", "t.title"},
        {"service_guide", "service_guide", "t.name"},
        {"consultation", "consultation", "t.title"},
        {"agency", "agency", "t.name"},
        {"domain", "domain", "t.name"},
        {"catalog_item", "catalog_item", "t.level1 || coalesce(char(10) || t.level2, '')"},
    };
    static const auto kSql = [] {
        std::vector<std::pair<std::string_view, std::string>> sql;
        for (const auto& s : kShown) {
            bool document = s.type == "document";
            sql.emplace_back(s.type, "SELECT r.id, r.json, coalesce(" + std::string(s.title) + ", ''), " +
                                         (document ? "coalesce(t.doc_no, ''), coalesce(t.published_on, '')" : "'', ''") +
                                         " FROM record r LEFT JOIN " + std::string(s.table) +
                                         " t ON t.rid = r.rid WHERE r.rid = ?1");
        }
        return sql;
    }();
    static const std::string kOther = "SELECT r.id, r.json, '', '', '' FROM record r WHERE r.rid = ?1";
    for (const auto& [name, sql] : kSql)
        if (name == type) return sql;
    return kOther;
}

Result<std::vector<SearchHit>> makeHits(sqlite3* db, const std::vector<Candidate>& best) {
    std::vector<SearchHit> hits;
    std::map<const std::string*, TokenSet> tokensOf;  // per MATCH expression (strict, relaxed)
    // One statement per type among the hits (most are of one), reset between them.
    std::vector<std::pair<std::string_view, std::unique_ptr<sql::Statement>>> statements;
    for (const auto& c : best) {
        auto found = std::find_if(statements.begin(), statements.end(), [&](const auto& s) { return s.first == c.type; });
        if (found == statements.end())
            found = statements.insert(statements.end(),
                                      {c.type, std::make_unique<sql::Statement>(db, hitSql(c.type), sql::Reuse::Cached)});
        sql::Statement& st = *found->second;
        st.reset();
        st.bind(1, c.rid);
        if (int rc = st.step(); rc != SQLITE_ROW) return Error{"search: " + describeSqliteError(db, rc)};
        auto it = tokensOf.find(c.match);
        if (it == tokensOf.end()) it = tokensOf.emplace(c.match, highlightTokens(*c.match)).first;
        Snippet snippet = snippetOf(st.columnView(1), c.type, it->second);
        hits.push_back({st.columnText(0), std::string(c.type), st.columnText(2), st.columnText(3), st.columnText(4), c.score,
                        std::move(snippet.text), std::move(snippet.highlights)});
    }
    return hits;
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
    SearchResult ignored;
    std::vector<Candidate> best;
    auto table = metaTable(mirror.db(), {});
    Strings strings;
    if (auto s = runPlan(mirror.db(), title, title, {}, table.get(), q, ignored, best, strings); !s) return s.error();
    auto hits = makeHits(mirror.db(), best);
    if (!hits) return hits.error();
    for (auto& h : hits.value()) out.push_back({std::move(h.id), std::move(h.type), std::move(h.title)});
    return out;
}

std::vector<std::string> explainQuery(const Mirror& mirror, const std::string& text) {
    ReadTransaction transaction(mirror.db());
    PinyinConverter convert = cachedConverter(mirror);
    return {strictMatch(text, convert).expression, relaxedMatch(text, convert).expression};
}

// A reader of a mirror whose index a writer has yet to rebuild for this
// program (after an upgrade) gets a clear error rather than no hits.
Status checkIndexVersion(sqlite3* db) {
    sql::Statement q(db, "SELECT value FROM meta WHERE key = 'tokenizer_version'", sql::Reuse::Cached);
    if (q.step() == SQLITE_ROW && q.columnText(0) == std::to_string(kTokenizerVersion)) return okStatus();
    return Error{"search: the mirror's search index is not yet rebuilt for this version (gongkai-sync or "
                 "gongkai reindex rebuilds it)"};
}

Result<SearchResult> search(const Mirror& mirror, const SearchQuery& query) {
    auto started = std::chrono::steady_clock::now();
    SearchResult result;
    ReadTransaction transaction(mirror.db());
    if (auto s = checkIndexVersion(mirror.db()); !s) return s.error();
    PinyinConverter convert = cachedConverter(mirror);
    MatchPlan strict = strictMatch(query.text, convert);
    if (strict.expression.empty()) return result;
    sqlite3* db = mirror.db();
    Filters f = filterClause(query);
    std::vector<Candidate> best;
    auto table = metaTable(db, f);
    Strings strings;
    if (auto s = runPlan(db, strict, titleOnly(strict), f, table.get(), query, result, best, strings); !s)
        return s.error();
    // A document number that found its document is answered: the relaxed
    // plan would add every text sharing the issuer's abbreviation or a
    // number (国办, 办发, [2010]2 for 国办发〔2010〕2号), which is not what
    // was asked, and costs three times the search.
    MatchPlan relaxed;
    if (result.total < kFewHits && !(result.total > 0 && isDocumentNumber(query.text)))
        relaxed = relaxedMatch(query.text, convert);
    if (!relaxed.expression.empty() && relaxed.expression != strict.expression) {
        // A question in plain words: drop the question words, rank by coverage;
        // the strict hits stay first.
        SearchResult wider;
        std::vector<Candidate> more;
        if (auto s = runPlan(db, relaxed, titleOnly(relaxed), f, table.get(), query, wider, more, strings); !s)
            return s.error();
        addNew(best, std::move(more));
        best.resize(std::min(best.size(), static_cast<std::size_t>(std::max(0, query.limit))));
        if (wider.total > result.total) {
            result.total = wider.total;
            result.facets = std::move(wider.facets);
        }
    }
    auto hits = makeHits(db, best);
    if (!hits) return hits.error();
    result.hits = std::move(hits.value());
    result.tookMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace gongkai
