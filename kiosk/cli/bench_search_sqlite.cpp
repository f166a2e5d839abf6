#include "cli/bench_search_sqlite.h"

#include <sqlite3.h>

namespace gongkai::cli {

BenchStmt::BenchStmt(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

BenchStmt::~BenchStmt() { sqlite3_finalize(m_stmt); }

BenchStmt& BenchStmt::bind(int i, std::string_view v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}

BenchStmt& BenchStmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}

bool BenchStmt::row() {
    if (!m_stmt) return false;
    int rc = sqlite3_step(m_stmt);
    m_done = rc == SQLITE_DONE;
    return rc == SQLITE_ROW;
}

void BenchStmt::reset() {
    if (!m_stmt) return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_done = false;
}

std::int64_t BenchStmt::integer(int i) const { return sqlite3_column_int64(m_stmt, i); }

std::string_view BenchStmt::text(int i) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i))) : std::string_view();
}

Result<std::unique_ptr<BenchDb>> BenchDb::open(const std::string& path, bool readOnly) {
    std::unique_ptr<BenchDb> db(new BenchDb());
    int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db->m_db, flags, nullptr) != SQLITE_OK)
        return Error{path + ": " + db->lastError()};
    return db;
}

BenchDb::~BenchDb() { sqlite3_close(m_db); }

Status BenchDb::exec(const std::string& sql) {
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{lastError() + " (in: " + sql.substr(0, 80) + ")"};
    return okStatus();
}

std::string BenchDb::lastError() const { return m_db ? sqlite3_errmsg(m_db) : "out of memory"; }

Result<std::int64_t> BenchDb::scalar(const std::string& sql) {
    BenchStmt st(m_db, sql);
    if (!st.prepared()) return Error{lastError() + " (in: " + sql.substr(0, 80) + ")"};
    if (st.row()) return st.integer(0);
    if (!st.done()) return Error{lastError()};
    return std::int64_t{0};
}

}  // namespace gongkai::cli
