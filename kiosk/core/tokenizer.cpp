// Registration of the "gongkai" FTS5 tokenizer; the tokenizing itself is in
// tokenizer_impl.h so that tests and benchmarks can run it without SQLite.
#include "tokenizer.h"

#include <sqlite3.h>

namespace gongkai {

char32_t normalizeCodepoint(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    else if (cp == 0x3000) cp = ' ';                // ideographic space
    if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
    if (cp < 0x80) return cp;
    return hanzi::toSimplified(cp);
}

namespace {

// FTS5 keeps no per-instance state for us: the tokenizer object is a tag.
struct Instance {};

int xCreate(void*, const char**, int, Fts5Tokenizer** out) {
    *out = reinterpret_cast<Fts5Tokenizer*>(new Instance());
    return SQLITE_OK;
}

void xDelete(Fts5Tokenizer* t) { delete reinterpret_cast<Instance*>(t); }

int xTokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n,
              int (*xToken)(void*, int, const char*, int, int, int)) {
    TokenizeMode mode = !(flags & FTS5_TOKENIZE_QUERY) ? TokenizeMode::Document
                        : (flags & FTS5_TOKENIZE_PREFIX) ? TokenizeMode::QueryPrefix
                                                         : TokenizeMode::Query;
    int rc = SQLITE_OK;
    tokenize(std::string_view(text, static_cast<std::size_t>(n)), mode, [&](const Token& t) {
        rc = xToken(ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(),
                    static_cast<int>(t.text.size()), t.start, t.end);
        return rc == SQLITE_OK;
    });
    return rc;
}

}  // namespace

fts5_api* fts5ApiOf(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

Status registerTokenizer(sqlite3* db) {
    fts5_api* api = fts5ApiOf(db);
    if (!api) return Error{"this SQLite has no FTS5: " + std::string(sqlite3_errmsg(db))};
    fts5_tokenizer tokenizer{xCreate, xDelete, xTokenize};
    int rc = api->xCreateTokenizer(api, kTokenizerName, nullptr, &tokenizer, nullptr);
    if (rc != SQLITE_OK) return Error{"cannot register the search tokenizer: " + std::string(sqlite3_errstr(rc))};
    return okStatus();
}

}  // namespace gongkai
