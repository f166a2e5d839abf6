// A thin RAII wrapper over sqlite3_stmt for code inside kiosk/core only.
// Not thread-safe (as the connection). A statement that fails to prepare
// remains usable: step() then returns the prepare error code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace gongkai::sql {

// Statements a connection runs again and again (a search runs a dozen per
// keystroke) can be kept prepared: a connection opts in with
// enableStatementCache() right after opening and calls
// dropStatementCache() before closing. A Statement made with Reuse::Cached
// on such a connection takes a prepared copy of its SQL from the cache (or
// prepares one) and gives it back, reset and unbound, when destroyed; on any
// other connection it is prepared as usual. Each connection's cache is used
// by that connection's thread only; the registry itself is thread-safe.
void enableStatementCache(sqlite3* db);
void dropStatementCache(sqlite3* db);

enum class Reuse { Once, Cached };

namespace detail {
sqlite3_stmt* takeCached(sqlite3* db, std::string_view text, bool& cached);  // nullptr: not cached
void giveBack(sqlite3* db, std::string_view text, sqlite3_stmt* stmt);
}  // namespace detail

class Statement {
public:
    Statement(sqlite3* db, std::string_view text, Reuse reuse = Reuse::Once) : m_db(db) {
        if (reuse == Reuse::Cached) {
            m_stmt = detail::takeCached(db, text, m_cached);
            if (m_cached) m_text = text;
            if (m_stmt) return;
        }
        m_prepareRc = sqlite3_prepare_v2(db, text.data(), static_cast<int>(text.size()), &m_stmt, nullptr);
    }
    ~Statement() {
        if (m_cached && m_stmt) {
            sqlite3_reset(m_stmt);
            sqlite3_clear_bindings(m_stmt);
            detail::giveBack(m_db, m_text, m_stmt);
        } else {
            sqlite3_finalize(m_stmt);
        }
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    int step() { return m_stmt ? sqlite3_step(m_stmt) : (m_prepareRc ? m_prepareRc : SQLITE_MISUSE); }
    void reset() {
        if (m_stmt) {
            sqlite3_reset(m_stmt);
            sqlite3_clear_bindings(m_stmt);
        }
    }
    Statement& bind(int i, std::string_view v) {
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bindBlob(int i, const void* p, std::size_t n) {
        sqlite3_bind_blob(m_stmt, i, p, static_cast<int>(n), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(m_stmt, i, v);
        return *this;
    }
    // `p` must outlive the statement's run; `type` names it for sqlite3_value_pointer.
    Statement& bindPointer(int i, void* p, const char* type) {
        sqlite3_bind_pointer(m_stmt, i, p, type, nullptr);
        return *this;
    }
    Statement& bindNull(int i) {
        sqlite3_bind_null(m_stmt, i);
        return *this;
    }
    int columnInt(int i) const { return sqlite3_column_int(m_stmt, i); }
    std::int64_t columnInt64(int i) const { return sqlite3_column_int64(m_stmt, i); }
    double columnDouble(int i) const { return sqlite3_column_double(m_stmt, i); }
    std::string columnText(int i) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i))) : std::string();
    }
    std::string_view columnView(int i) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, i));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i))) : std::string_view();
    }
    const void* columnBlob(int i) const { return sqlite3_column_blob(m_stmt, i); }
    int columnBytes(int i) const { return sqlite3_column_bytes(m_stmt, i); }
    bool isNull(int i) const { return sqlite3_column_type(m_stmt, i) == SQLITE_NULL; }
    sqlite3* db() const { return m_db; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_prepareRc = SQLITE_OK;
    bool m_cached = false;  // the connection keeps statements: give this one back
    std::string m_text;     // the SQL, as the cache's key
};

}  // namespace gongkai::sql
