#include "search_rank.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "tokenizer.h"

namespace gongkai {

namespace {

constexpr int kTitleColumn = 0;

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

struct PhraseFacts {
    bool any = false, inTitle = false, titleStart = false;
};

PhraseFacts phraseFacts(const Fts5ExtensionApi* api, Fts5Context* fts, int phrase) {
    PhraseFacts f;
    Fts5PhraseIter it;
    int col = -1, off = -1;
    if (api->xPhraseFirst(fts, phrase, &it, &col, &off) != SQLITE_OK || col < 0) return f;
    f.any = true;
    f.inTitle = col == kTitleColumn;  // instances come in column order
    f.titleStart = f.inTitle && off == 0;
    return f;
}

void signals(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nArg, sqlite3_value** args) {
    std::vector<int> groups = parseGroups(nArg > 0 ? sqlite3_value_text(args[0]) : nullptr);
    int phrases = api->xPhraseCount(fts);
    if (groups.empty()) groups.assign(static_cast<std::size_t>(phrases), 1);
    int covered = 0, inTitle = 0, phrase = 0, laterPhrases = 0, titleChars = 0;
    bool exact = false;
    for (int size : groups) {
        bool any = false, title = false;
        int firstAny = -1, firstTitle = -1;  // the group's first phrase found, anywhere / in the title
        for (int k = 0; k < size && phrase < phrases; ++k, ++phrase) {
            PhraseFacts f = phraseFacts(api, fts, phrase);
            if (f.any && firstAny < 0) firstAny = k;
            if (f.inTitle && firstTitle < 0) {
                firstTitle = k;
                titleChars += api->xPhraseSize(fts, phrase) + 1;  // n-1 pairs for n characters
            }
            any = any || f.any;
            title = title || f.inTitle;
            if (groups.size() == 1 && f.titleStart) {
                // A phrase of n characters has n-1 pair tokens (tokenizer.h).
                int titleTokens = 0, tokens = api->xPhraseSize(fts, phrase);
                api->xColumnSize(fts, kTitleColumn, &titleTokens);
                exact = exact || titleTokens == tokens || titleTokens == tokens + 1;
            }
        }
        covered += any;
        inTitle += title;
        laterPhrases += firstTitle >= 0 ? firstTitle : std::max(firstAny, 0);
    }
    double coverageWeight = nArg > 1 ? sqlite3_value_double(args[1]) : kCoverageWeight;
    double titleGroupWeight = nArg > 2 ? sqlite3_value_double(args[2]) : 0;
    double score = coverageWeight * covered + titleGroupWeight * inTitle;
    if (inTitle == static_cast<int>(groups.size())) score += kTitleWeight;
    if (exact) score += kExactWeight;
    score -= kLaterPhraseWeight * laterPhrases;
    int titleTokens = 0;
    if (titleChars > 0 && api->xColumnSize(fts, kTitleColumn, &titleTokens) == SQLITE_OK && titleTokens > 0)
        score += kTitleShareWeight * std::min(1.0, static_cast<double>(titleChars) / titleTokens);
    sqlite3_result_double(ctx, score);
}

}  // namespace

Status registerRankFunction(sqlite3* db) {
    fts5_api* api = fts5ApiOf(db);
    if (!api) return Error{"this SQLite has no FTS5: " + std::string(sqlite3_errmsg(db))};
    int rc = api->xCreateFunction(api, kSignalsFunction, nullptr, signals, nullptr);
    if (rc != SQLITE_OK) return Error{"cannot register the ranking function: " + std::string(sqlite3_errstr(rc))};
    return okStatus();
}

}  // namespace gongkai
