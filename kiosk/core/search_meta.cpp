#include "search_meta.h"

#include <map>
#include <mutex>
#include <unordered_map>

#include <sqlite3.h>

#include "mirror.h"
#include "sql.h"

namespace gongkai {

namespace {

// A mirror whose rids are this sparse is not worth a table: the window
// query's joins serve it.
constexpr std::int64_t kMaxRid = 1 << 24;

}  // namespace

std::string tokenizerVersionOf(sqlite3* db) {
    sql::Statement q(db, "SELECT value FROM meta WHERE key = 'tokenizer_version'", sql::Reuse::Cached);
    return q.step() == SQLITE_ROW ? q.columnText(0) : "";
}

bool isNotCurrent(const std::string& validity) {
    return validity == "失效" || validity == "废止" || validity == "已废止" || validity == "已失效" ||
           validity == "已修改";
}

namespace {

// An SQLite varint (FTS5 writes its sizes with them); false past `end`.
bool readVarint(const unsigned char*& p, const unsigned char* end, std::uint64_t& v) {
    v = 0;
    for (int i = 0; i < 9; ++i) {
        if (p >= end) return false;
        unsigned char b = *p++;
        if (i == 8) {
            v = (v << 8) | b;
            return true;
        }
        v = (v << 7) | (b & 0x7F);
        if (!(b & 0x80)) return true;
    }
    return true;
}

}  // namespace

// search_docsize: one row per index rowid (-rid), a varint per column
// (title, ref, summary, body).
template <class Slot>
Status SearchMeta::readSizes(sqlite3* db, Slot slot) {
    sql::Statement sizes(db, "SELECT id, sz FROM search_docsize");
    int rc;
    while ((rc = sizes.step()) == SQLITE_ROW) {
        Entry* e = slot(-sizes.columnInt64(0));
        if (!e || !e->known) continue;
        auto* p = static_cast<const unsigned char*>(sizes.columnBlob(1));
        const unsigned char* end = p + sizes.columnBytes(1);
        std::uint64_t total = 0, v = 0, title = 0;
        int columns = 0;
        for (; p && readVarint(p, end, v); ++columns) {
            if (columns == 0) title = v;
            total += v;
        }
        if (columns == 0 || total > UINT32_MAX || title > UINT16_MAX) continue;
        e->tokens = static_cast<std::uint32_t>(total);
        e->titleTokens = static_cast<std::uint16_t>(title);
        e->sized = true;
    }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    return okStatus();
}

Result<std::shared_ptr<const SearchMeta>> SearchMeta::read(sqlite3* db) {
    auto meta = std::make_shared<SearchMeta>();
    std::unordered_map<std::string, std::uint32_t> ids{{"", 0}};
    auto intern = [&](std::string_view s) {
        auto [it, added] = ids.try_emplace(std::string(s), static_cast<std::uint32_t>(meta->m_strings.size()));
        if (added) meta->m_strings.emplace_back(s);
        return it->second;
    };
    auto slot = [&](std::int64_t rid) -> Entry* {
        if (rid < 0 || rid >= kMaxRid) return nullptr;
        if (static_cast<std::size_t>(rid) >= meta->m_entries.size())
            meta->m_entries.resize(static_cast<std::size_t>(rid) + 1 + meta->m_entries.size() / 2);
        return &meta->m_entries[static_cast<std::size_t>(rid)];
    };
    // The (type, id) index covers rid and type: the records' JSON is never read.
    sql::Statement records(db, "SELECT rid, type FROM record");
    int rc;
    while ((rc = records.step()) == SQLITE_ROW)
        if (Entry* e = slot(records.columnInt64(0))) {
            e->known = true;
            e->type = intern(records.columnView(1));
        }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    sql::Statement documents(db, "SELECT rid, coalesce(domain, ''), coalesce(published_on, ''),"
                                 " coalesce(validity, '') FROM document");
    while ((rc = documents.step()) == SQLITE_ROW)
        if (Entry* e = slot(documents.columnInt64(0)); e && e->known) {
            e->domain = intern(documents.columnView(1));
            e->published = intern(documents.columnView(2));
            e->notCurrent = isNotCurrent(documents.columnText(3));
        }
    if (rc != SQLITE_DONE) return Error{"search: " + describeSqliteError(db, rc)};
    if (auto s = readSizes(db, [&](std::int64_t rid) { return slot(rid); }); !s) return s.error();
    return std::shared_ptr<const SearchMeta>(std::move(meta));
}

Result<std::shared_ptr<const SearchMeta>> SearchMeta::forMirror(sqlite3* db) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const SearchMeta>> tables;
    // Inside a write transaction the state may yet be rolled back: not kept.
    if (sqlite3_txn_state(db, "main") == SQLITE_TXN_WRITE) return read(db);
    // A reindex for a new tokenizer changes the sizes but not the records.
    std::string state = mirrorStateKey(db) + "|" + tokenizerVersionOf(db);
    {
        std::lock_guard lock(mutex);
        if (auto it = tables.find(state); it != tables.end()) return it->second;
    }
    auto table = read(db);  // outside the lock: another mirror's searches go on meanwhile
    if (!table) return table.error();
    std::lock_guard lock(mutex);
    if (tables.size() >= 2) tables.clear();  // older states; searches still using one keep it alive
    tables.emplace(state, table.value());
    return table.value();
}

bool MetaFilter::passes(const RecordView& r) const {
    if (!type.empty() && r.type != type) return false;
    if (!domain.empty() && r.domain != domain) return false;
    if (!from.empty() && (r.publishedOn.empty() || r.publishedOn < from)) return false;  // as SQL: NULL fails
    if (!to.empty() && (r.publishedOn.empty() || r.publishedOn > to)) return false;
    return true;
}

bool SearchMeta::view(std::int64_t rid, RecordView& out) const {
    if (rid < 0 || static_cast<std::size_t>(rid) >= m_entries.size()) return false;
    const Entry& e = m_entries[static_cast<std::size_t>(rid)];
    if (!e.known) return false;
    out = {m_strings[e.type], m_strings[e.domain], m_strings[e.published], e.notCurrent};
    return true;
}

bool SearchMeta::sizes(std::int64_t rid, int& tokens, int& titleTokens) const {
    if (rid < 0 || static_cast<std::size_t>(rid) >= m_entries.size()) return false;
    const Entry& e = m_entries[static_cast<std::size_t>(rid)];
    if (!e.sized) return false;
    tokens = static_cast<int>(e.tokens);
    titleTokens = e.titleTokens;
    return true;
}

bool SearchMeta::find(std::int64_t rid, RecordMeta& out) const {
    if (rid < 0 || static_cast<std::size_t>(rid) >= m_entries.size()) return false;
    const Entry& e = m_entries[static_cast<std::size_t>(rid)];
    if (!e.known) return false;
    out.type = m_strings[e.type];
    out.domain = m_strings[e.domain];
    out.publishedOn = m_strings[e.published];
    out.notCurrent = e.notCurrent;
    return true;
}

namespace {

void keepRow(sqlite3_context* ctx, int, sqlite3_value** args) {
    auto* b = static_cast<const FilterBinding*>(sqlite3_value_pointer(args[0], kMetaFilterPointer));
    RecordView r;
    bool keep = !b || !b->table || !b->filter || !b->table->view(-sqlite3_value_int64(args[1]), r) ||
                b->filter->passes(r);
    sqlite3_result_int(ctx, keep);
}

}  // namespace

Status registerMetaFilter(sqlite3* db) {
    int rc = sqlite3_create_function_v2(db, kMetaFilterFunction, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                        keepRow, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Error{"cannot register the search filter: " + std::string(sqlite3_errstr(rc))};
    return okStatus();
}

}  // namespace gongkai
