// Baseline 1: SQLite FTS5 with the trigram tokenizer, as an application would
// set it up: an external-content FTS5 table over `plain`, MATCH ordered by
// rank for queries of three characters or more, and the usual fallback for
// shorter ones, a LIKE scan over the plain table (MATCH cannot find them,
// and LIKE on the trigram table silently returns nothing for two characters).
#include <chrono>
#include <map>

#include "cli/bench_search_engines.h"
#include "cli/bench_search_queries.h"

namespace gongkai::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string quotePhrase(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string likePattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

class TrigramEngine : public BenchEngine {
public:
    explicit TrigramEngine(std::unique_ptr<BenchDb> db) : m_db(std::move(db)) {}

    Result<int> run(const BenchQuery& q) override {
        bool shortQuery = codePointCount(q.text) < 3;
        std::string sql = shortQuery
            ? "SELECT rowid, title FROM plain WHERE (title LIKE ?1 ESCAPE '\\' OR ref LIKE ?1 ESCAPE '\\'"
              " OR summary LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\')"
            : "SELECT p.rowid, p.title FROM fts JOIN plain p ON p.rowid = fts.rowid WHERE fts MATCH ?1";
        std::string prefix = shortQuery ? "" : "p.";
        if (!q.type.empty()) sql += " AND " + prefix + "type = ?2";
        if (q.fromYear) sql += " AND " + prefix + "year >= ?3";
        if (q.toYear) sql += " AND " + prefix + "year <= ?4";
        sql += shortQuery ? " LIMIT 20" : " ORDER BY fts.rank LIMIT 20";
        auto& st = statement(sql);
        if (!st.prepared()) return Error{"trigram: " + m_db->lastError()};
        st.bind(1, shortQuery ? likePattern(q.text) : quotePhrase(q.text));
        if (!q.type.empty()) st.bind(2, q.type);
        if (q.fromYear) st.bind(3, std::int64_t{q.fromYear});
        if (q.toYear) st.bind(4, std::int64_t{q.toYear});
        int hits = 0;
        std::size_t titleBytes = 0;  // read the title, as a result list would
        while (st.row()) {
            ++hits;
            titleBytes += st.text(1).size();
        }
        bool ok = st.done();
        st.reset();
        if (!ok) return Error{"trigram: " + m_db->lastError()};
        m_titleBytes += titleBytes;
        return hits;
    }

private:
    BenchStmt& statement(const std::string& sql) {
        auto it = m_cache.find(sql);
        if (it == m_cache.end()) it = m_cache.emplace(sql, std::make_unique<BenchStmt>(m_db->handle(), sql)).first;
        return *it->second;
    }

    std::unique_ptr<BenchDb> m_db;
    std::map<std::string, std::unique_ptr<BenchStmt>> m_cache;  // destroyed before m_db
    std::size_t m_titleBytes = 0;  // keeps the title reads from being optimised away
};

}  // namespace

Result<bool> trigramIndexMatches(BenchDb& textStore, const std::string& text) {
    BenchStmt st(textStore.handle(), "SELECT EXISTS(SELECT 1 FROM fts WHERE fts MATCH ?1)");
    st.bind(1, quotePhrase(text));
    if (!st.row()) return Error{"trigram: " + textStore.lastError()};
    return st.integer(0) != 0;
}

Result<bool> trigramIndexBuilt(BenchDb& textStore) {
    auto tables = textStore.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'fts'");
    if (!tables) return tables.error();
    return tables.value() > 0;
}

Result<std::unique_ptr<BenchEngine>> buildTrigram(const std::string& textDb, std::uint64_t textBytes,
                                                   nlohmann::json& report, bool reuse) {
    auto db = BenchDb::open(textDb, false);
    if (!db) return db.error();
    auto& d = *db.value();
    auto built = trigramIndexBuilt(d);
    if (!built) return built.error();
    if (reuse && built.value()) return std::unique_ptr<BenchEngine>(std::make_unique<TrigramEngine>(std::move(db.value())));
    if (auto s = d.exec("CREATE VIRTUAL TABLE fts USING fts5(title, ref, summary, body,"
                        " content='plain', content_rowid='rowid', tokenize='trigram')");
        !s)
        return s.error();
    auto start = Clock::now();
    for (const char* sql : {"BEGIN", "INSERT INTO fts(fts) VALUES ('rebuild')", "COMMIT"})
        if (auto s = d.exec(sql); !s) return s.error();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report["build_s"] = seconds;
    report["mb_s"] = static_cast<double>(textBytes) / 1e6 / seconds;
    return std::unique_ptr<BenchEngine>(std::make_unique<TrigramEngine>(std::move(db.value())));
}

Status measureTrigramIndex(const std::string& textDb, nlohmann::json& report) {
    auto db = BenchDb::open(textDb, true);
    if (!db) return db.error();
    auto index = db.value()->scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts%'");
    auto plain = db.value()->scalar("SELECT sum(pgsize) FROM dbstat WHERE name = 'plain'");
    if (!index) return index.error();
    if (!plain) return plain.error();
    report["index_bytes"] = index.value();
    report["text_table_bytes"] = plain.value();
    return okStatus();
}

}  // namespace gongkai::cli
