// The full-text index over records (FTS5 table `search`, tokenizer
// "gongkai"): what text of each record type is indexed, in which column, and
// keeping the index equal to the records inside the apply transaction.
// Titles are indexed twice: in `search` and alone in `search_title`, whose
// position lists are a fraction as long, for the queries that ask only for
// title matches (search.cpp's title window, title suggestions).
// The table is contentless (the text lives in `record.json`), so removing a
// row needs the text it was indexed with: remove() takes the old record.
// A record's index rowid is -rid: FTS5 walks a position list forwards several
// times faster than backwards, and search wants the newest matches first.
// Not thread-safe; used by the Batch that owns the transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pair_vocabulary.h"
#include "result.h"

struct sqlite3;

namespace gongkai {

// Column weights for bm25(): title, ref (文号, 索引号), summary (summary,
// issuer, agency, basis), body.
struct IndexedText {
    std::string title, ref, summary, body;
};

// The text a record of `type` contributes, or nullopt for types not searched.
std::optional<IndexedText> indexedText(const std::string& type, const nlohmann::json& record);

// Which column a top-level field of a `type` record goes to (None when it is
// not indexed). The "body" blocks of every type (headings, paragraphs,
// captions, table cells) go to Body; this does not cover them.
enum class TextField { None, Title, Ref, Summary, Body };
TextField indexedFieldOf(std::string_view type, std::string_view key);

// add() and remove() are queued and written to the index in bursts (when
// kPendingTextBytes of text are queued, and at flush()): FTS5 writes its
// pending terms out as a new segment whenever another statement of the
// transaction opens a savepoint (INSERT OR REPLACE into the typed tables,
// every upsert), so writing each record's index rows between its table
// writes made two segments per record, and their merges were most of a
// delta's apply time. FTS5 also writes them out whenever a row's rowid is
// below the one before, so a burst is written in rising index rowid (-rid)
// order, a record's rows in the order they came. The index is therefore
// complete only after flush().
class SearchIndexWriter {
public:
    explicit SearchIndexWriter(sqlite3* db);
    ~SearchIndexWriter();
    Status add(std::int64_t rid, const std::string& type, const nlohmann::json& record);
    Status remove(std::int64_t rid, const std::string& type, const nlohmann::json& record);
    // Writes the queued index rows now. `stop` is asked between rows: when
    // it says yes, the rest are dropped and the error says "interrupted"
    // (the caller rolls the transaction back).
    Status writeQueued(const std::function<bool()>& stop = {});
    // Writes the queued index rows, then what add() learnt into the pinyin
    // vocabulary (pair_vocabulary.h); call before the transaction commits.
    Status flush();

private:
    struct Statements;
    struct Pending;

    std::unique_ptr<Statements> m_st;
    std::vector<Pending> m_pending;  // in order: a record's removal before its new text
    std::size_t m_pendingBytes = 0;
    PairCounter m_pairs;
    sqlite3* m_db;
};

inline constexpr std::size_t kPendingTextBytes = std::size_t{32} << 20;

// FTS5 keeps a writer's new terms in memory up to `hashsize` bytes, then
// writes them out as a segment, and merges segments as they pile up. Its
// 1 MiB default made a 100 000-document rebuild write hundreds of segments
// and merge them again and again; kIndexHashBytes (32 MiB) writes a tenth as
// many. Sets it when the index has another value (a write: writers only).
inline constexpr int kIndexHashBytes = 32 << 20;
Status configureSearchIndex(sqlite3* db);

// A rebuild writes its segments larger (kRebuildHashBytes) and lets them
// pile up unmerged (crisismerge at kRebuildCrisisMerge) until the one merge
// at its end. FTS5's merges of 16 segments at a time rewrote the 15 GB index
// of 1 000 000 documents twice more before that merge: the rebuild took
// 2790 s and wrote 134 GB; with these, 2270 s and 77 GB. FTS5 refuses a
// 2000th segment; a level is merged at kRebuildCrisisMerge, so two levels
// stay under it. Both are set back when the rebuild ends (imports keep
// FTS5's merging and kIndexHashBytes).
inline constexpr int kRebuildHashBytes = 128 << 20;
inline constexpr int kRebuildCrisisMerge = 1000;
inline constexpr int kDefaultCrisisMerge = 16;  // FTS5's

// Empties the index and indexes every record again (after a tokenizer
// change), merged into one segment; records the tokenizer version in meta.
// Runs inside the caller's transaction. `hashBytes`: the in-memory hash the
// rebuild writes its segments from (tests make it tiny, for many segments).
Status rebuildSearchIndex(sqlite3* db, int hashBytes = kRebuildHashBytes);

}  // namespace gongkai
