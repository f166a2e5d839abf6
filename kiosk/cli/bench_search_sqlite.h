// A minimal SQLite handle for `gongkai bench search` only. The benchmark's
// baselines (an FTS5 trigram table, ground-truth scans, dbstat sizes) are
// measuring instruments, not product code, so this is the one place outside
// kiosk/core that includes sqlite3.h; product code keeps going through core.
//
// Contract: BenchDb owns its connection (closed in the destructor); Stmt
// owns its statement and must not outlive its BenchDb. Errors are values
// naming the SQLite message. Not thread-safe (one thread per BenchDb).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gongkai::cli {

class BenchStmt {
public:
    BenchStmt(sqlite3* db, std::string_view sql);
    ~BenchStmt();
    BenchStmt(const BenchStmt&) = delete;
    BenchStmt& operator=(const BenchStmt&) = delete;

    bool prepared() const { return m_stmt != nullptr; }
    BenchStmt& bind(int i, std::string_view v);
    BenchStmt& bind(int i, std::int64_t v);
    bool row();   // steps; true while a row is available (errors end iteration: see done())
    bool done() const { return m_done; }  // true after a clean end of rows
    void reset();
    std::int64_t integer(int i) const;
    std::string_view text(int i) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    bool m_done = false;
};

class BenchDb {
public:
    static Result<std::unique_ptr<BenchDb>> open(const std::string& path, bool readOnly);
    ~BenchDb();
    BenchDb(const BenchDb&) = delete;
    BenchDb& operator=(const BenchDb&) = delete;

    sqlite3* handle() const { return m_db; }
    Status exec(const std::string& sql);
    std::string lastError() const;
    // First column of the first row as an integer (0 when NULL or no row).
    Result<std::int64_t> scalar(const std::string& sql);

private:
    BenchDb() = default;
    sqlite3* m_db = nullptr;
};

}  // namespace gongkai::cli
