#include "search_rank.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "search_meta.h"
#include "tokenizer.h"

namespace gongkai {

namespace {

constexpr int kTitleColumn = 0;
constexpr int kCountedInstances = 32;

std::vector<int> parseGroups(const unsigned char* spec) {
    std::vector<int> sizes;
    std::string_view s(spec ? reinterpret_cast<const char*>(spec) : "");
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = s.find(',', i);
        if (j == std::string_view::npos) j = s.size();
        int n = 0;
        std::from_chars(s.data() + i, s.data() + j, n);
        if (n > 0) sizes.push_back(n);
        i = j + 1;
    }
    return sizes;
}

// What gongkai_signals needs of its arguments and of the table, read on a
// query's first row and kept with the query (xSetAuxdata): a window of 300
// rows used to parse the group spec and the weights 300 times.
struct SignalQuery {
    std::vector<int> groups;
    double coverageWeight = kCoverageWeight, titleGroupWeight = 0;
    double averageLength = 1, rows = 0;
    const SizeBinding* sizes = nullptr;  // rows' sizes from the SearchMeta table, when bound
    std::vector<double> out;              // the row's blob, reused
};

// A row's sizes in tokens: from the table when it knows the row, else from
// FTS5 (a lookup in the index's docsize table per row).
struct RowSizes {
    int tokens = 0, titleTokens = 0;
};

RowSizes rowSizes(const Fts5ExtensionApi* api, Fts5Context* fts, const SignalQuery& q) {
    RowSizes r;
    if (q.sizes && q.sizes->table && q.sizes->table->sizes(-api->xRowid(fts), r.tokens, r.titleTokens)) {
        if (q.sizes->titles) r.tokens = r.titleTokens;
        return r;
    }
    api->xColumnSize(fts, -1, &r.tokens);
    api->xColumnSize(fts, kTitleColumn, &r.titleTokens);
    return r;
}

SignalQuery* signalQuery(const Fts5ExtensionApi* api, Fts5Context* fts, int nArg, sqlite3_value** args) {
    if (auto* q = static_cast<SignalQuery*>(api->xGetAuxdata(fts, 0))) return q;
    auto* q = new SignalQuery;
    q->groups = parseGroups(nArg > 0 ? sqlite3_value_text(args[0]) : nullptr);
    int phrases = api->xPhraseCount(fts);
    if (q->groups.empty()) q->groups.assign(static_cast<std::size_t>(phrases), 1);
    if (nArg > 1) q->coverageWeight = sqlite3_value_double(args[1]);
    if (nArg > 2) q->titleGroupWeight = sqlite3_value_double(args[2]);
    if (nArg > 3) q->sizes = static_cast<const SizeBinding*>(sqlite3_value_pointer(args[3], kSizePointer));
    sqlite3_int64 rows = 0, total = 0;
    api->xRowCount(fts, &rows);
    api->xColumnTotalSize(fts, -1, &total);
    q->rows = static_cast<double>(rows);
    q->averageLength = rows > 0 ? static_cast<double>(total) / static_cast<double>(rows) : 1.0;
    q->out.assign(4 + static_cast<std::size_t>(std::max(0, phrases)), 0.0);
    if (api->xSetAuxdata(fts, q, [](void* p) { delete static_cast<SignalQuery*>(p); }) != SQLITE_OK) return nullptr;
    return q;
}

// Where a phrase first occurs in the row, and its frequency weighted by
// column. BM25 saturates long before a common character's hundredth instance
// in a law: counting stops at kCountedInstances.
struct PhraseFacts {
    bool any = false, inTitle = false, titleStart = false;
    double frequency = 0;
};

PhraseFacts phraseFacts(const Fts5ExtensionApi* api, Fts5Context* fts, int phrase) {
    constexpr int kColumns = static_cast<int>(std::size(kColumnWeights));
    PhraseFacts f;
    Fts5PhraseIter it;
    int col = -1, off = -1;
    if (api->xPhraseFirst(fts, phrase, &it, &col, &off) != SQLITE_OK || col < 0) return f;
    f.any = true;
    f.inTitle = col == kTitleColumn;  // instances come in column order
    f.titleStart = f.inTitle && off == 0;
    for (int seen = 0; col >= 0 && seen < kCountedInstances; api->xPhraseNext(fts, &it, &col, &off), ++seen)
        if (col < kColumns) f.frequency += kColumnWeights[col];
    return f;
}

// Fills out[0] (the signals) and out[4...] (the phrase frequencies).
void scoreRow(const Fts5ExtensionApi* api, Fts5Context* fts, const SignalQuery& q, const RowSizes& sizes,
              std::vector<double>& out) {
    int phrases = std::min(api->xPhraseCount(fts), static_cast<int>(out.size()) - 4);
    int covered = 0, inTitle = 0, phrase = 0, laterPhrases = 0, titleChars = 0;
    bool exact = false;
    for (int size : q.groups) {
        bool any = false, title = false;
        int firstAny = -1, firstTitle = -1;  // the group's first phrase found, anywhere / in the title
        for (int k = 0; k < size && phrase < phrases; ++k, ++phrase) {
            PhraseFacts f = phraseFacts(api, fts, phrase);
            out[4 + static_cast<std::size_t>(phrase)] = f.frequency;
            if (f.any && firstAny < 0) firstAny = k;
            if (f.inTitle && firstTitle < 0) {
                firstTitle = k;
                titleChars += api->xPhraseSize(fts, phrase) + 1;  // n-1 pairs for n characters
            }
            any = any || f.any;
            title = title || f.inTitle;
            if (q.groups.size() == 1 && f.titleStart) {
                // A phrase of n characters has n-1 pair tokens (tokenizer.h).
                int titleTokens = sizes.titleTokens, tokens = api->xPhraseSize(fts, phrase);
                exact = exact || titleTokens == tokens || titleTokens == tokens + 1;
            }
        }
        covered += any;
        inTitle += title;
        laterPhrases += firstTitle >= 0 ? firstTitle : std::max(firstAny, 0);
    }
    for (; phrase < phrases; ++phrase) out[4 + static_cast<std::size_t>(phrase)] = phraseFacts(api, fts, phrase).frequency;
    double score = q.coverageWeight * covered + q.titleGroupWeight * inTitle;
    if (inTitle == static_cast<int>(q.groups.size())) score += kTitleWeight;
    if (exact) score += kExactWeight;
    score -= kLaterPhraseWeight * laterPhrases;
    if (titleChars > 0 && sizes.titleTokens > 0)
        score += kTitleShareWeight * std::min(1.0, static_cast<double>(titleChars) / sizes.titleTokens);
    out[0] = score;
}

// Blob layout: signals, length, average length, rows, then one weighted
// frequency per phrase; doubles in the machine's order (never stored).
void signals(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nArg, sqlite3_value** args) {
    SignalQuery* q = signalQuery(api, fts, nArg, args);
    if (!q) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    std::vector<double>& out = q->out;
    std::fill(out.begin(), out.end(), 0.0);
    RowSizes sizes = rowSizes(api, fts, *q);
    scoreRow(api, fts, *q, sizes, out);
    out[1] = sizes.tokens;
    out[2] = q->averageLength;
    out[3] = q->rows;
    sqlite3_result_blob(ctx, out.data(), static_cast<int>(out.size() * sizeof(double)), SQLITE_TRANSIENT);
}

int countUpTo(const Fts5ExtensionApi*, Fts5Context*, void* data) {
    auto* counter = static_cast<std::pair<int, int>*>(data);  // count, cap
    return ++counter->first >= counter->second ? SQLITE_DONE : SQLITE_OK;
}

// gongkai_df(search, cap): per phrase, the rows that have it, counted up to cap.
void documentFrequencies(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nArg,
                         sqlite3_value** args) {
    int cap = nArg > 0 ? sqlite3_value_int(args[0]) : kFrequencyCap;
    std::vector<double> out;
    for (int p = 0; p < api->xPhraseCount(fts); ++p) {
        std::pair<int, int> counter{0, std::max(1, cap)};
        int rc = api->xQueryPhrase(fts, p, &counter, countUpTo);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
        out.push_back(counter.first);
    }
    sqlite3_result_blob(ctx, out.data(), static_cast<int>(out.size() * sizeof(double)), SQLITE_TRANSIENT);
}

}  // namespace

std::vector<double> decodeFrequencies(const void* blob, int bytes) {
    std::vector<double> v;
    if (!blob || bytes % sizeof(double) != 0) return v;
    v.resize(static_cast<std::size_t>(bytes) / sizeof(double));
    std::memcpy(v.data(), blob, static_cast<std::size_t>(bytes));
    return v;
}

void RankFeatures::reserve(std::size_t rows, std::size_t phrases) {
    m_rows.reserve(rows);
    m_frequencies.reserve(rows * phrases);
}

double RankFeatures::add(const void* blob, int bytes) {
    Row row;
    row.first = m_frequencies.size();
    if (!blob || bytes < static_cast<int>(4 * sizeof(double)) || bytes % sizeof(double) != 0) {
        m_rows.push_back(row);
        return 0;
    }
    double head[4];
    std::memcpy(head, blob, sizeof head);
    row.length = head[1];
    row.averageLength = head[2] > 0 ? head[2] : 1.0;
    row.rows = head[3];
    row.phrases = static_cast<std::size_t>(bytes) / sizeof(double) - 4;
    m_frequencies.resize(row.first + row.phrases);
    std::memcpy(m_frequencies.data() + row.first, static_cast<const char*>(blob) + sizeof head,
                row.phrases * sizeof(double));
    m_rows.push_back(row);
    return head[0];
}

std::vector<double> bm25Scores(const RankFeatures& rows, std::vector<double> documents) {
    constexpr double k1 = 1.2, b = 0.75;
    const double* frequencies = rows.m_frequencies.data();
    if (documents.empty())  // per phrase: rows with it
        for (const auto& r : rows.m_rows) {
            if (documents.size() < r.phrases) documents.resize(r.phrases, 0.0);
            for (std::size_t p = 0; p < r.phrases; ++p) documents[p] += frequencies[r.first + p] > 0;
        }
    // Each phrase's idf, computed again only when a row counts the table's
    // rows differently (they all come from one table: once per search).
    std::vector<double> idf(documents.size());
    double idfRows = -1;
    std::vector<double> scores;
    scores.reserve(rows.m_rows.size());
    for (const auto& r : rows.m_rows) {
        if (r.rows != idfRows) {
            idfRows = r.rows;
            for (std::size_t p = 0; p < documents.size(); ++p)
                idf[p] = std::max(1e-6, std::log((r.rows - documents[p] + 0.5) / (documents[p] + 0.5)));
        }
        double score = 0;
        for (std::size_t p = 0; p < r.phrases && p < documents.size(); ++p) {
            double freq = frequencies[r.first + p];
            score += idf[p] * freq * (k1 + 1) / (freq + k1 * (1 - b + b * r.length / r.averageLength));
        }
        scores.push_back(score);
    }
    return scores;
}

Status registerRankFunction(sqlite3* db) {
    fts5_api* api = fts5ApiOf(db);
    if (!api) return Error{"this SQLite has no FTS5: " + std::string(sqlite3_errmsg(db))};
    int rc = api->xCreateFunction(api, kSignalsFunction, nullptr, signals, nullptr);
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, kFrequencyFunction, nullptr, documentFrequencies, nullptr);
    if (rc != SQLITE_OK) return Error{"cannot register the ranking function: " + std::string(sqlite3_errstr(rc))};
    return registerMetaFilter(db);
}

}  // namespace gongkai
