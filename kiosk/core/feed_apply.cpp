// Applying a feed version: [1] the sync state row, [2] a snapshot as a merge
// of two sorted key lists, [3] a delta chain, [4] the entry point, [5] blobs
// and checks.
#include "feed_apply.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>

#include "record.h"
#include "sql.h"

namespace gongkai {

namespace {

// [1] The sync state, written inside the apply's transaction.
Status writeSyncState(Mirror& mirror, const SyncState& s) {
    sql::Statement st(mirror.db(),
                      "UPDATE sync_state SET feed_id=?1, version=?2, state_digest=?3, created=?4, expires=?5,"
                      " source=?6, last_attempt=?7, last_success=?8, last_error=?9, stale=?10");
    st.bind(1, s.feedId).bind(2, s.version).bind(3, s.stateDigest).bind(4, s.created).bind(5, s.expires);
    st.bind(6, s.source).bind(7, s.lastAttempt).bind(8, s.lastSuccess).bind(9, s.lastError);
    st.bind(10, static_cast<std::int64_t>(s.stale ? 1 : 0));
    int rc = st.step();
    if (rc != SQLITE_DONE) return Error{"cannot write the sync state: " + describeSqliteError(mirror.db(), rc)};
    return okStatus();
}

std::uint64_t fileSize(const std::string& path) {
    std::error_code ec;
    auto n = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::uint64_t>(n);
}

// Progress over several files, and the abort request it carries.
struct ChainProgress {
    const FeedApply& request;
    std::uint64_t before = 0, total = 0;
    bool aborted = false;

    bool stopRequested() {
        if (request.stop && request.stop->load()) aborted = true;
        return aborted;
    }

    ProgressFn forFile() {
        return [this](std::uint64_t done, std::uint64_t) {
            if (request.progress && !request.progress(before + done, total)) aborted = true;
        };
    }
};

// [2] Snapshot: the mirror's (type, id, hash) in the snapshot's order,
// merged with the snapshot's lines. Unchanged records are not touched, so a
// snapshot that differs by 1% costs about 1% of a full import.
struct MirrorKey {
    std::string type, id;
    Sha256 hash{};
};

std::vector<MirrorKey> loadMirrorKeys(Mirror& mirror) {
    std::vector<MirrorKey> keys;
    // ORDER BY uses the UNIQUE(type, id) index; BINARY collation = bytewise.
    sql::Statement q(mirror.db(), "SELECT type, id, sha256 FROM record ORDER BY type, id");
    while (q.step() == SQLITE_ROW) {
        MirrorKey k{q.columnText(0), q.columnText(1), {}};
        if (q.columnBytes(2) == 32) std::memcpy(k.hash.data(), q.columnBlob(2), 32);
        keys.push_back(std::move(k));
    }
    return keys;
}

int compareKey(const std::string& t1, const std::string& i1, const std::string& t2, const std::string& i2) {
    if (int c = t1.compare(t2); c != 0) return c;
    return i1.compare(i2);
}

Status deleteRecord(Batch& batch, const MirrorKey& key) {
    Record del;
    del.type = key.type;
    del.id = key.id;
    del.op = Op::Delete;
    return batch.apply(del);
}

Status applySnapshot(Mirror& mirror, Batch& batch, const FeedApply& request, ChainProgress& progress,
                     std::uint64_t& deletes) {
    const std::string& path = request.files.front();
    std::vector<MirrorKey> keys = loadMirrorKeys(mirror);
    std::size_t next = 0;
    std::string lastType, lastId;
    bool first = true;
    auto onRecord = [&](const Record& rec, std::uint64_t) -> Status {
        if (progress.stopRequested()) return Error{"interrupted"};
        if (rec.op != Op::Upsert) return Error{"a snapshot holds upserts only, this line is a delete"};
        if (!first && compareKey(lastType, lastId, rec.type, rec.id) >= 0)
            return Error{"the snapshot is not sorted by (type, id) here"};
        first = false;
        lastType = rec.type;
        lastId = rec.id;
        while (next < keys.size() && compareKey(keys[next].type, keys[next].id, rec.type, rec.id) < 0) {
            if (auto s = deleteRecord(batch, keys[next++]); !s) return s;
            ++deletes;
        }
        if (next < keys.size() && keys[next].type == rec.type && keys[next].id == rec.id) {
            bool same = keys[next++].hash == sha256(rec.canonical);
            if (same) {
                ++batch.stats().unchanged;
                return okStatus();
            }
        }
        return batch.apply(rec);
    };
    std::uint64_t lines = 0, textBytes = 0;
    if (auto s = scanRecordFile(path, onRecord, progress.forFile(), lines, textBytes); !s) return s;
    batch.stats().textBytes += textBytes;
    for (; next < keys.size(); ++next) {
        if (auto s = deleteRecord(batch, keys[next]); !s) return s;
        ++deletes;
    }
    if (!request.allowShrink && deletes * 2 > keys.size())
        return Error{"the snapshot would remove " + std::to_string(deletes) + " of the mirror's " +
                     std::to_string(keys.size()) + " records, and its manifest does not allow shrinking"};
    return okStatus();
}

// [3] Deltas: each file applies as an import would.
Status applyDeltas(Batch& batch, const FeedApply& request, ChainProgress& progress) {
    for (const auto& path : request.files) {
        std::uint64_t lines = 0, textBytes = 0;
        auto onRecord = [&](const Record& rec, std::uint64_t) -> Status {
            if (progress.stopRequested()) return Error{"interrupted"};
            return batch.apply(rec);
        };
        if (auto s = scanRecordFile(path, onRecord, progress.forFile(), lines, textBytes); !s) return s;
        batch.stats().textBytes += textBytes;
        progress.before += fileSize(path);
    }
    return okStatus();
}

}  // namespace

// [4] Entry point.
Result<FeedApplyStats> applyFeed(Mirror& mirror, const FeedApply& request) {
    if (request.files.empty()) return Error{"nothing to apply"};
    if (request.kind == FeedApply::Kind::Snapshot && request.files.size() != 1)
        return Error{"a snapshot is one file"};
    FeedApplyStats result;
    result.recordsBefore = recordCount(mirror);
    ChainProgress progress{request};
    for (const auto& f : request.files) progress.total += fileSize(f);

    Batch batch(mirror);
    if (auto s = batch.status(); !s) return s.error();
    std::uint64_t deletes = 0;
    Status s = request.kind == FeedApply::Kind::Snapshot ? applySnapshot(mirror, batch, request, progress, deletes)
                                                          : applyDeltas(batch, request, progress);
    // The index rows are most of an apply's work: written here, where a stop
    // request can still roll everything back.
    if (s && !progress.aborted) s = batch.writeIndex([&] { return progress.stopRequested(); });
    if (progress.aborted) s = Error{"interrupted: the mirror is unchanged"};
    if (s) s = writeSyncState(mirror, request.state);
    if (!s) {
        batch.rollback();
        return s.error();
    }
    if (auto c = batch.commit(request.expected); !c) return c.error();
    result.apply = batch.stats();
    result.recordsAfter = recordCount(mirror);
    return result;
}

Status recordSyncAttempt(Mirror& mirror, const SyncAttempt& a) {
    sql::Statement st(mirror.db(),
                      "UPDATE sync_state SET last_attempt=?1, last_error=?2,"
                      " last_success=CASE WHEN ?3 THEN ?1 ELSE last_success END,"
                      " stale=CASE WHEN ?4 < 0 THEN stale ELSE ?4 END,"
                      " expires=CASE WHEN ?3 AND ?5 <> '' THEN ?5 ELSE expires END");
    st.bind(1, a.at).bind(2, a.error).bind(3, static_cast<std::int64_t>(a.success ? 1 : 0));
    st.bind(4, static_cast<std::int64_t>(a.stale)).bind(5, a.expires);
    int rc = st.step();
    if (rc != SQLITE_DONE) return Error{"cannot record the sync attempt: " + describeSqliteError(mirror.db(), rc)};
    return okStatus();
}

// [5] Blobs and checks.
Result<std::vector<std::string>> referencedBlobs(Mirror& mirror) {
    // json_tree walks attachments and body blocks alike: every "sha256" of an
    // attachment and every "img" of an image block.
    sql::Statement q(mirror.db(),
                     "SELECT DISTINCT lower(t.value) FROM record r, json_tree(r.json) t"
                     " WHERE r.type='document' AND t.type='text' AND"
                     " ((t.key='img') OR (t.key='sha256' AND t.path LIKE '$.attachments[%'))"
                     " ORDER BY 1");
    std::vector<std::string> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        std::string h = q.columnText(0);
        if (h.size() == 64 && h.find_first_not_of("0123456789abcdef") == std::string::npos) out.push_back(h);
    }
    if (rc != SQLITE_DONE) return Error{"cannot list the blobs: " + describeSqliteError(mirror.db(), rc)};
    return out;
}

Status quickCheck(Mirror& mirror) {
    sql::Statement q(mirror.db(), "PRAGMA quick_check");
    int rc = q.step();
    if (rc != SQLITE_ROW) return Error{"quick_check failed: " + describeSqliteError(mirror.db(), rc)};
    std::string answer = q.columnText(0);
    if (answer != "ok") return Error{"quick_check: " + answer};
    return okStatus();
}

std::uint64_t recordCount(Mirror& mirror) {
    sql::Statement q(mirror.db(), "SELECT count(*) FROM record");
    return q.step() == SQLITE_ROW ? static_cast<std::uint64_t>(q.columnInt64(0)) : 0;
}

}  // namespace gongkai
