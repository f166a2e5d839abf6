#include "sql.h"

#include <map>
#include <mutex>
#include <unordered_map>

namespace gongkai::sql {

namespace {

// Idle prepared statements per SQL text. A statement in use is out of the
// cache, so the same SQL can run nested (it gets a second copy).
using Idle = std::multimap<std::string, sqlite3_stmt*, std::less<>>;

// Far more than the product's distinct statements; past it, idle copies are
// finalized rather than kept (filters combine into a few dozen texts).
constexpr std::size_t kMaxIdle = 256;

std::mutex g_mutex;
std::unordered_map<sqlite3*, Idle>& registry() {
    static auto* r = new std::unordered_map<sqlite3*, Idle>();  // never destroyed: used until exit
    return *r;
}

}  // namespace

void enableStatementCache(sqlite3* db) {
    std::lock_guard lock(g_mutex);
    registry().try_emplace(db);
}

void dropStatementCache(sqlite3* db) {
    Idle idle;
    {
        std::lock_guard lock(g_mutex);
        auto it = registry().find(db);
        if (it == registry().end()) return;
        idle = std::move(it->second);
        registry().erase(it);
    }
    for (auto& [text, stmt] : idle) sqlite3_finalize(stmt);
}

namespace detail {

sqlite3_stmt* takeCached(sqlite3* db, std::string_view text, bool& cached) {
    std::lock_guard lock(g_mutex);
    auto it = registry().find(db);
    cached = it != registry().end();
    if (!cached) return nullptr;
    auto found = it->second.find(text);
    if (found == it->second.end()) return nullptr;
    sqlite3_stmt* stmt = found->second;
    it->second.erase(found);
    return stmt;
}

void giveBack(sqlite3* db, std::string_view text, sqlite3_stmt* stmt) {
    {
        std::lock_guard lock(g_mutex);
        auto it = registry().find(db);
        if (it != registry().end() && it->second.size() < kMaxIdle) {
            it->second.emplace(std::string(text), stmt);
            return;
        }
    }
    sqlite3_finalize(stmt);
}

}  // namespace detail

}  // namespace gongkai::sql
