// Sections: [1] typed tables  [2] Batch  [3] reading files  [4] digest of files
#include "apply.h"

#include <chrono>
#include <cstring>
#include <map>
#include <ctime>
#include <unordered_map>

#include <sqlite3.h>

#include "glyphs.h"
#include "record_reader.h"
#include "search_index.h"
#include "sql.h"

namespace gongkai {

// [1] Typed tables: which record fields become columns (same names).
namespace {

struct TypedTable {
    const char* type;
    const char* table;
    std::vector<const char*> columns;
};

const std::vector<TypedTable>& typedTables() {
    static const std::vector<TypedTable> kTables = {
        {"domain", "domain", {"seq", "name"}},
        {"agency", "agency", {"name", "kind"}},
        {"catalog_item", "catalog_item", {"domain", "level1", "level2"}},
        {"document", "document",
         {"title", "index_no", "doc_no", "issuer", "domain", "kind", "validity", "written_on", "published_on"}},
        {"service_guide", "service_guide", {"name", "agency", "domain"}},
        {"consultation", "consultation", {"title", "agency", "opens_on", "closes_on"}},
        {"kiosk", "kiosk", {"site", "pubkey"}},
    };
    return kTables;
}

const TypedTable* typedTableFor(const std::string& type) {
    for (const auto& t : typedTables())
        if (type == t.type) return &t;
    return nullptr;
}

std::string utcNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

}  // namespace

// [2] Batch
struct Batch::Impl {
    sqlite3* db;
    Status status = okStatus();
    bool open = false;
    StateDigest digest;
    GlyphCounts glyphDelta;
    sql::Statement selectRecord{db, "SELECT rid, sha256, json FROM record WHERE type=?1 AND id=?2"};
    sql::Statement insertRecord{db, "INSERT INTO record(type, id, sha256, json) VALUES (?1, ?2, ?3, ?4)"};
    sql::Statement updateRecord{db, "UPDATE record SET sha256=?2, json=?3 WHERE rid=?1"};
    sql::Statement deleteRecord{db, "DELETE FROM record WHERE rid=?1"};
    sql::Statement deleteLinks{db, "DELETE FROM document_link WHERE rid=?1"};
    sql::Statement insertLink{db, "INSERT INTO document_link(rid, interprets) VALUES (?1, ?2)"};
    std::unordered_map<std::string, std::unique_ptr<sql::Statement>> typedInsert, typedDelete;
    SearchIndexWriter search{db};

    explicit Impl(sqlite3* d) : db(d) {}

    Status fail(int rc) { return Error{describeSqliteError(db, rc)}; }
    Status stepDone(sql::Statement& st) {
        int rc = st.step();
        st.reset();
        return rc == SQLITE_DONE ? okStatus() : fail(rc);
    }
    Status writeTyped(const Record& rec, std::int64_t rid);
    Status removeTyped(const std::string& type, std::int64_t rid);
};

Status Batch::Impl::writeTyped(const Record& rec, std::int64_t rid) {
    const TypedTable* t = typedTableFor(rec.type);
    if (!t) return okStatus();
    auto& st = typedInsert[rec.type];
    if (!st) {
        std::string sqlText = std::string("INSERT OR REPLACE INTO ") + t->table + "(rid, id";
        std::string values = "?1, ?2";
        for (std::size_t i = 0; i < t->columns.size(); ++i) {
            sqlText += std::string(", ") + t->columns[i];
            values += ", ?" + std::to_string(i + 3);
        }
        st = std::make_unique<sql::Statement>(db, sqlText + ") VALUES (" + values + ")");
    }
    st->bind(1, rid).bind(2, rec.id);
    for (std::size_t i = 0; i < t->columns.size(); ++i) {
        int param = static_cast<int>(i + 3);
        auto it = rec.object.find(t->columns[i]);
        if (it == rec.object.end()) st->bindNull(param);
        else if (it->is_string()) st->bind(param, it->get_ref<const std::string&>());
        else if (it->is_number_integer()) st->bind(param, it->get<std::int64_t>());
        else st->bindNull(param);
    }
    if (auto s = stepDone(*st); !s) return s;
    if (rec.type != "document") return okStatus();
    deleteLinks.bind(1, rid);
    if (auto s = stepDone(deleteLinks); !s) return s;
    if (auto it = rec.object.find("interprets"); it != rec.object.end() && it->is_array()) {
        for (const auto& target : *it) {
            insertLink.bind(1, rid).bind(2, target.get_ref<const std::string&>());
            if (auto s = stepDone(insertLink); !s) return s;
        }
    }
    return okStatus();
}

Status Batch::Impl::removeTyped(const std::string& type, std::int64_t rid) {
    const TypedTable* t = typedTableFor(type);
    if (!t) return okStatus();
    auto& st = typedDelete[type];
    if (!st) st = std::make_unique<sql::Statement>(db, std::string("DELETE FROM ") + t->table + " WHERE rid=?1");
    st->bind(1, rid);
    if (auto s = stepDone(*st); !s) return s;
    if (type != "document") return okStatus();
    deleteLinks.bind(1, rid);
    return stepDone(deleteLinks);
}

Batch::Batch(Mirror& mirror) : m_mirror(mirror), m_impl(std::make_unique<Impl>(mirror.db())) {
    if (auto s = mirror.exec("BEGIN IMMEDIATE"); !s) {
        m_impl->status = Error{"cannot start a transaction: " + s.error().message};
        return;
    }
    m_impl->open = true;
    m_impl->digest = mirror.stateDigest();
}

Batch::~Batch() { rollback(); }

Status Batch::status() const { return m_impl->status; }

Status Batch::writeIndex(const std::function<bool()>& stop) {
    auto& im = *m_impl;
    if (!im.status) return im.status;
    if (auto s = im.search.writeQueued(stop); !s) im.status = s;
    return im.status;
}

void Batch::rollback() {
    if (m_impl->open) {
        (void)m_mirror.exec("ROLLBACK");  // nothing more to do if it fails
        m_impl->open = false;
    }
}

Status Batch::apply(const Record& rec) {
    auto& im = *m_impl;
    if (!im.status) return im.status;
    ++m_stats.lines;
    ++m_stats.perType[rec.type];
    if (!isKnownType(rec.type)) ++m_stats.unknownType;

    im.selectRecord.bind(1, rec.type).bind(2, rec.id);
    int rc = im.selectRecord.step();
    bool exists = rc == SQLITE_ROW;
    std::int64_t rid = 0;
    Sha256 oldHash{};
    nlohmann::json oldObject;
    if (exists) {
        rid = im.selectRecord.columnInt64(0);
        if (im.selectRecord.columnBytes(1) == 32)
            std::memcpy(oldHash.data(), im.selectRecord.columnBlob(1), 32);
    } else if (rc != SQLITE_DONE) {
        im.selectRecord.reset();
        return im.status = im.fail(rc);
    }
    Sha256 newHash = rec.op == Op::Upsert ? sha256(rec.canonical) : Sha256{};
    if ((rec.op == Op::Upsert && exists && newHash == oldHash) || (rec.op == Op::Delete && !exists)) {
        im.selectRecord.reset();
        ++m_stats.unchanged;
        return okStatus();
    }
    if (exists) oldObject = nlohmann::json::parse(im.selectRecord.columnView(2), nullptr, false);
    im.selectRecord.reset();

    if (exists) {
        im.digest.subtract(oldHash);
        countCharacters(oldObject, -1, im.glyphDelta);
    }
    Status s = exists ? im.search.remove(rid, rec.type, oldObject) : okStatus();
    if (!s) {
        im.status = s;
        return s;
    }
    if (rec.op == Op::Delete) {
        im.deleteRecord.bind(1, rid);
        s = im.stepDone(im.deleteRecord);
        if (s) s = im.removeTyped(rec.type, rid);
        ++m_stats.deletes;
    } else {
        im.digest.add(newHash);
        countCharacters(rec.object, +1, im.glyphDelta);
        auto& st = exists ? im.updateRecord : im.insertRecord;
        if (exists) st.bind(1, rid).bindBlob(2, newHash.data(), 32).bind(3, rec.canonical);
        else st.bind(1, rec.type).bind(2, rec.id).bindBlob(3, newHash.data(), 32).bind(4, rec.canonical);
        s = im.stepDone(st);
        if (s && !exists) rid = sqlite3_last_insert_rowid(im.db);
        if (s) s = im.writeTyped(rec, rid);
        if (s) s = im.search.add(rid, rec.type, rec.object);
        ++m_stats.upserts;
    }
    m_stats.changed = true;
    if (!s) im.status = s;
    return s;
}

Status Batch::commit(const std::optional<StateDigest>& expected) {
    auto& im = *m_impl;
    if (!im.status) {
        rollback();
        return im.status;
    }
    if (expected && !(*expected == im.digest)) {
        rollback();
        return Error{"state digest mismatch: expected " + expected->hex() + ", got " + im.digest.hex()};
    }
    Status s = okStatus();
    if (m_stats.changed) {
        s = im.search.flush();
        sql::Statement glyph(im.db, "INSERT INTO glyph(cp, uses) VALUES (?1, ?2)"
                                    " ON CONFLICT(cp) DO UPDATE SET uses = uses + excluded.uses");
        im.glyphDelta.forEach([&](char32_t cp, std::int64_t delta) {
            if (!s) return;
            glyph.bind(1, static_cast<std::int64_t>(cp)).bind(2, delta);
            s = im.stepDone(glyph);
        });
        if (s) s = m_mirror.exec("DELETE FROM glyph WHERE uses <= 0");
        sql::Statement meta(im.db, "UPDATE meta SET value = CASE key"
                                   " WHEN 'mirror_version' THEN CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
                                   " WHEN 'state_digest' THEN ?1 WHEN 'updated_at' THEN ?2 END"
                                   " WHERE key IN ('mirror_version', 'state_digest', 'updated_at')");
        if (s) {
            meta.bind(1, im.digest.hex()).bind(2, utcNow());
            s = im.stepDone(meta);
        }
    }
    if (s) s = m_mirror.exec("COMMIT");
    if (!s) {
        rollback();
        return Error{"could not commit: " + s.error().message + "; the mirror is unchanged"};
    }
    im.open = false;
    m_stats.mirrorVersion = m_mirror.mirrorVersion();
    m_stats.digest = im.digest;
    return okStatus();
}

// [3] Reading files
namespace {

constexpr std::size_t kMaxReported = 20;

bool isBlank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

Status scanRecordFile(const std::string& path,
                      const std::function<Status(const Record&, std::uint64_t)>& onRecord,
                      const ProgressFn& progress, std::uint64_t& lines, std::uint64_t& textBytes) {
    auto opened = RecordFileReader::open(path);
    if (!opened) return opened.error();
    auto& reader = *opened.value();
    std::vector<std::string> messages;
    std::uint64_t badLines = 0, lineNo = 0;
    lines = 0;
    auto bad = [&](std::uint64_t no, const std::string& what) {
        if (++badLines <= kMaxReported) messages.push_back(path + ":" + std::to_string(no) + ": " + what);
    };
    std::string line;
    for (;;) {
        auto next = reader.next(line, lineNo);
        if (next == RecordFileReader::Next::End) break;
        if (next == RecordFileReader::Next::Failed) {
            messages.push_back(reader.error());
            ++badLines;
            break;
        }
        if (next == RecordFileReader::Next::TooLong) {
            ++lines;
            bad(lineNo, "line is longer than 16 MiB");
            continue;
        }
        if (isBlank(line)) continue;
        ++lines;
        auto rec = parseRecordLine(line);
        if (!rec) bad(lineNo, rec.error().message);
        else if (badLines == 0)
            if (auto s = onRecord(rec.value(), lineNo); !s) {
                return Error{path + ":" + std::to_string(lineNo) + ": " + s.error().message +
                             "\n" + path + ": nothing from this file was applied"};
            }
        if (progress && (lines & 0xF) == 0) progress(reader.compressedBytesRead(), reader.fileSize());
    }
    textBytes = reader.bytesRead();
    if (progress) progress(reader.fileSize(), reader.fileSize());
    if (badLines == 0 && lines == 0) return Error{path + ": empty file: no records"};
    if (badLines == 0) return okStatus();
    std::string text;
    for (const auto& m : messages) text += m + "\n";
    if (badLines > messages.size())
        text += "... and " + std::to_string(badLines - messages.size()) + " more bad lines\n";
    text += path + ": " + std::to_string(badLines) + " bad line" + (badLines == 1 ? "" : "s") +
            "; nothing from this file was applied";
    return Error{text};
}

Result<ApplyStats> importRecordFile(Mirror& mirror, const std::string& path, const ProgressFn& progress) {
    // Validate the file can be opened before taking the write lock.
    if (auto r = RecordFileReader::open(path); !r) return r.error();
    Batch batch(mirror);
    if (auto s = batch.status(); !s) return Error{path + ": " + s.error().message};
    std::uint64_t lines = 0, textBytes = 0;
    auto s = scanRecordFile(
        path, [&](const Record& rec, std::uint64_t) { return batch.apply(rec); }, progress, lines,
        textBytes);
    if (!s) {
        batch.rollback();
        return s.error();
    }
    if (auto c = batch.commit(); !c) return Error{path + ": " + c.error().message};
    ApplyStats stats = batch.stats();
    stats.textBytes = textBytes;
    return stats;
}

// [4] Digest of record files: what a mirror holding exactly them would have.
Result<StateDigest> digestRecordFiles(const std::vector<std::string>& paths) {
    std::map<std::pair<std::string, std::string>, Sha256> current;
    for (const auto& path : paths) {
        std::uint64_t lines = 0, textBytes = 0;
        auto s = scanRecordFile(
            path,
            [&](const Record& rec, std::uint64_t) {
                auto key = std::make_pair(rec.type, rec.id);
                if (rec.op == Op::Delete) current.erase(key);
                else current[key] = sha256(rec.canonical);
                return okStatus();
            },
            {}, lines, textBytes);
        if (!s) return s.error();
    }
    StateDigest digest;
    for (const auto& [key, hash] : current) digest.add(hash);
    return digest;
}

}  // namespace gongkai
