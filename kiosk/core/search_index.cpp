#include "search_index.h"

#include <algorithm>
#include <initializer_list>

#include <sqlite3.h>

#include "mirror.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

namespace {

using J = nlohmann::json;

void appendField(std::string& out, const J& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end()) return;
    auto add = [&](const J& v) {
        if (!v.is_string()) return;
        if (!out.empty()) out.push_back('\n');
        out += v.get_ref<const std::string&>();
    };
    if (it->is_array())
        for (const auto& v : *it) add(v);
    else add(*it);
}

void appendBlocks(std::string& out, const J& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end() || !it->is_array()) return;
    for (const auto& block : *it) {
        if (!block.is_object()) continue;
        for (const char* key : {"h", "p", "caption"}) appendField(out, block, key);
        if (auto t = block.find("table"); t != block.end() && t->is_array())
            for (const auto& row : *t) {
                if (!row.is_array()) continue;
                for (const auto& cell : row)
                    if (cell.is_string()) out += "\n" + cell.get<std::string>();
            }
    }
}

struct Layout {
    const char* type;
    std::vector<const char*> title, ref, summary, body;
};

const std::vector<Layout>& layouts() {
    static const std::vector<Layout> kLayouts = {
        {"document", {"title"}, {"doc_no", "index_no"}, {"summary", "issuer", "topic", "kind"}, {}},
        {"catalog_item", {"level1", "level2"}, {}, {"subject", "basis"},
         {"content", "time_limit", "channels", "audience", "mode"}},
        {"service_guide", {"name"}, {}, {"agency", "basis"},
         {"conditions", "materials", "steps", "time_limit", "fee", "place", "hours", "phone"}},
        {"consultation", {"title"}, {}, {"agency"}, {"respond"}},
        {"agency", {"name"}, {}, {"kind"}, {"address", "phone", "hours"}},
        {"domain", {"name"}, {}, {"lead_units", "partner_units"}, {}},
    };
    return kLayouts;
}

}  // namespace

std::optional<IndexedText> indexedText(const std::string& type, const J& record) {
    for (const auto& layout : layouts()) {
        if (type != layout.type) continue;
        IndexedText t;
        for (const char* f : layout.title) appendField(t.title, record, f);
        for (const char* f : layout.ref) appendField(t.ref, record, f);
        for (const char* f : layout.summary) appendField(t.summary, record, f);
        for (const char* f : layout.body) appendField(t.body, record, f);
        appendBlocks(t.body, record, "body");
        return t;
    }
    return std::nullopt;
}

TextField indexedFieldOf(std::string_view type, std::string_view key) {
    auto has = [&](const std::vector<const char*>& names) {
        return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
    };
    for (const auto& layout : layouts()) {
        if (type != layout.type) continue;
        if (has(layout.title)) return TextField::Title;
        if (has(layout.ref)) return TextField::Ref;
        if (has(layout.summary)) return TextField::Summary;
        if (has(layout.body)) return TextField::Body;
        return TextField::None;
    }
    return TextField::None;
}

struct SearchIndexWriter::Statements {
    sql::Statement insert, remove;            // search
    sql::Statement insertTitle, removeTitle;  // search_title
    explicit Statements(sqlite3* db)
        : insert(db, "INSERT INTO search(rowid, title, ref, summary, body) VALUES (?1, ?2, ?3, ?4, ?5)"),
          remove(db, "INSERT INTO search(search, rowid, title, ref, summary, body)"
                     " VALUES ('delete', ?1, ?2, ?3, ?4, ?5)"),
          insertTitle(db, "INSERT INTO search_title(rowid, title) VALUES (?1, ?2)"),
          removeTitle(db, "INSERT INTO search_title(search_title, rowid, title) VALUES ('delete', ?1, ?2)") {}
};

struct SearchIndexWriter::Pending {
    bool remove = false;
    std::int64_t rid = 0;
    IndexedText text;
};

SearchIndexWriter::SearchIndexWriter(sqlite3* db) : m_st(std::make_unique<Statements>(db)), m_db(db) {}
SearchIndexWriter::~SearchIndexWriter() = default;

namespace {

Status finish(sql::Statement& st) {
    int rc = st.step();
    st.reset();
    if (rc != SQLITE_DONE) return Error{"search index: " + describeSqliteError(st.db(), rc)};
    return okStatus();
}

Status run(sql::Statement& st, std::int64_t rid, const IndexedText& t) {
    st.bind(1, -rid).bind(2, t.title).bind(3, t.ref).bind(4, t.summary).bind(5, t.body);
    return finish(st);
}

Status runTitle(sql::Statement& st, std::int64_t rid, const IndexedText& t) {
    st.bind(1, -rid).bind(2, t.title);
    return finish(st);
}

// Sets an FTS5 option of the search index.
Status setIndexOption(sqlite3* db, const char* option, int value) {
    sql::Statement set(db, "INSERT INTO search(search, rank) VALUES (?1, ?2)");
    set.bind(1, option).bind(2, std::int64_t{value});
    if (int rc = set.step(); rc != SQLITE_DONE) return Error{"search index settings: " + describeSqliteError(db, rc)};
    return okStatus();
}

std::size_t sizeOf(const IndexedText& t) { return t.title.size() + t.ref.size() + t.summary.size() + t.body.size(); }

}  // namespace

// One burst of index statements and nothing between them: FTS5 keeps their
// terms in memory and writes them as one segment. The whole burst goes to
// `search` before any of it goes to `search_title`, so that a write to one
// table never makes the other write out half its terms.
Status SearchIndexWriter::writeQueued(const std::function<bool()>& stop) {
    // Rising index rowids (-rid): FTS5 writes its terms out as a segment
    // before every row whose rowid is below the one before, and records come
    // in rising rid order, so a burst made a segment per record, and merging
    // them was most of a rebuild. Stable: a record's removal stays before its new text.
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const Pending& a, const Pending& b) { return a.rid > b.rid; });
    Status s = okStatus();
    for (bool titles : {false, true}) {
        for (const auto& p : m_pending) {
            if (stop && stop()) {
                s = Error{"interrupted while writing the search index"};
                break;
            }
            if (titles) s = runTitle(p.remove ? m_st->removeTitle : m_st->insertTitle, p.rid, p.text);
            else s = run(p.remove ? m_st->remove : m_st->insert, p.rid, p.text);
            if (!s) break;
        }
        if (!s) break;
    }
    m_pending.clear();
    m_pendingBytes = 0;
    return s;
}

Status SearchIndexWriter::add(std::int64_t rid, const std::string& type, const J& record) {
    auto text = indexedText(type, record);
    if (!text) return okStatus();
    m_pairs.addAll({&text->title, &text->ref, &text->summary, &text->body});
    m_pendingBytes += sizeOf(*text);
    m_pending.push_back({false, rid, std::move(*text)});
    return m_pendingBytes >= kPendingTextBytes ? writeQueued() : okStatus();
}

Status SearchIndexWriter::flush() {
    if (auto s = writeQueued(); !s) return s;
    return m_pairs.flush(m_db);
}

Status SearchIndexWriter::remove(std::int64_t rid, const std::string& type, const J& record) {
    auto text = indexedText(type, record);
    if (!text) return okStatus();
    m_pendingBytes += sizeOf(*text);
    m_pending.push_back({true, rid, std::move(*text)});
    return m_pendingBytes >= kPendingTextBytes ? writeQueued() : okStatus();
}

Status configureSearchIndex(sqlite3* db) {
    sql::Statement q(db, "SELECT v FROM search_config WHERE k = 'hashsize'");
    if (q.step() == SQLITE_ROW && q.columnInt64(0) == kIndexHashBytes) return okStatus();
    return setIndexOption(db, "hashsize", kIndexHashBytes);
}

namespace {

Status runAll(sqlite3* db, std::initializer_list<const char*> statements) {
    for (const char* statement : statements) {
        sql::Statement st(db, statement);
        if (int rc = st.step(); rc != SQLITE_DONE) return Error{"search index: " + describeSqliteError(db, rc)};
    }
    return okStatus();
}

Status indexAllRecords(sqlite3* db) {
    SearchIndexWriter writer(db);
    // Newest first: the index rowid is -rid, and FTS5 keeps its terms in
    // memory only while rowids rise (SearchIndexWriter::writeQueued).
    sql::Statement all(db, "SELECT rid, type, json FROM record ORDER BY rid DESC");
    int rc;
    while ((rc = all.step()) == SQLITE_ROW) {
        auto record = J::parse(all.columnView(2), nullptr, false);
        if (auto s = writer.add(all.columnInt64(0), all.columnText(1), record); !s) return s;
    }
    if (rc != SQLITE_DONE) return Error{"search index: " + describeSqliteError(db, rc)};
    return writer.flush();
}

}  // namespace

Status rebuildSearchIndex(sqlite3* db, int hashBytes) {
    // FTS5 merges segments while they are written (automerge, 4 at a time),
    // so a rebuild merged most of its text two or three times before the
    // 'optimize' below merged all of it once more. With automerge off only
    // 'optimize' merges, and crisismerge, which a rebuild raises
    // (kRebuildCrisisMerge): a rebuild of the 10 000-document bench mirror
    // (132.7 MB of text) took 21-24 s instead of 24-27.6 s. Back at FTS5's
    // defaults after.
    if (auto s = runAll(db, {"INSERT INTO search(search) VALUES ('delete-all')",
                             "INSERT INTO search_title(search_title) VALUES ('delete-all')",
                             "INSERT INTO search(search, rank) VALUES ('automerge', 0)",
                             "INSERT INTO search_title(search_title, rank) VALUES ('automerge', 0)",
                             "DELETE FROM pinyin_pair", "DELETE FROM pinyin_triple",
                             "DELETE FROM meta WHERE key = 'triple_filter_layout'"});
        !s)
        return s;
    if (auto s = setIndexOption(db, "hashsize", hashBytes); !s) return s;
    if (auto s = setIndexOption(db, "crisismerge", kRebuildCrisisMerge); !s) return s;
    if (auto s = indexAllRecords(db); !s) return s;
    // One segment: a rebuilt index is then only read, and every term of every
    // query would otherwise be looked up in each of the dozen or more segments
    // the rebuild wrote (about 15% of a query at 100 000 documents; the merge
    // costs a tenth of the rebuild).
    if (auto s = runAll(db, {"INSERT INTO search(search) VALUES ('optimize')",
                             "INSERT INTO search_title(search_title) VALUES ('optimize')",
                             "INSERT INTO search(search, rank) VALUES ('automerge', 4)",
                             "INSERT INTO search_title(search_title, rank) VALUES ('automerge', 4)"});
        !s)
        return s;
    if (auto s = setIndexOption(db, "hashsize", kIndexHashBytes); !s) return s;
    if (auto s = setIndexOption(db, "crisismerge", kDefaultCrisisMerge); !s) return s;
    sql::Statement version(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('tokenizer_version', ?1)");
    version.bind(1, std::to_string(kTokenizerVersion));
    if (int rc = version.step(); rc != SQLITE_DONE) return Error{"search index: " + describeSqliteError(db, rc)};
    return okStatus();
}

}  // namespace gongkai
