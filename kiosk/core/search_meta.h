// What ranking a search window needs of each matching record besides its
// score — type, document domain, publication date, whether it is still in
// force — held in memory per mirror state, so that reading a window of 300
// matches costs no table lookups (two per row before: record and document).
//
// Read once per mirror state (file, mirror version, state digest, tokenizer
// version) from the record table's (type, id) index, the document table and
// the search index's per-row sizes, 20 bytes a record; shared by every connection of the process and kept for the two
// most recent states. A record the table does not know (a writer's open
// transaction on this connection) is looked up on its own. Thread-safe: a
// SearchMeta never changes once built.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"

struct sqlite3;

namespace gongkai {

struct RecordMeta {
    std::string type, domain, publishedOn;  // domain and publishedOn: documents only, else empty
    bool notCurrent = false;                // 失效, 废止, 已修改 ...: yields to texts in force
};

// The same, as views into a SearchMeta (valid while it lives).
struct RecordView {
    std::string_view type, domain, publishedOn;
    bool notCurrent = false;
};

// The filters a window can check against the table instead of joining the
// typed tables for every match: type, document domain, publication dates
// (inclusive, "YYYY-MM-DD"). Empty: no condition.
struct MetaFilter {
    std::string type, domain, from, to;
    bool any() const { return !type.empty() || !domain.empty() || !from.empty() || !to.empty(); }
    bool passes(const RecordView& r) const;
};

class SearchMeta {
public:
    // The process's table for `db`'s mirror in its current state.
    static Result<std::shared_ptr<const SearchMeta>> forMirror(sqlite3* db);

    // The record `rid`; false when the table does not know it.
    bool find(std::int64_t rid, RecordMeta& out) const;
    bool view(std::int64_t rid, RecordView& out) const;

    // Builds a table from the mirror (forMirror does this once per state).
    static Result<std::shared_ptr<const SearchMeta>> read(sqlite3* db);

    // The record's size in the search index, in tokens: all columns, and the
    // title's (FTS5's own per-row sizes, which it would otherwise look up
    // row by row). False when the table does not know it.
    bool sizes(std::int64_t rid, int& tokens, int& titleTokens) const;

private:
    struct Entry {
        std::uint32_t type = 0, domain = 0, published = 0;  // indexes into m_strings
        std::uint32_t tokens = 0;
        std::uint16_t titleTokens = 0;
        bool known = false, notCurrent = false, sized = false;
    };

    template <class Slot>
    static Status readSizes(sqlite3* db, Slot slot);

    std::vector<Entry> m_entries;                       // by rid
    std::vector<std::string> m_strings{std::string()};  // each distinct value once; [0] is ""
};

// Validity values of a text no longer in force (shared with the SQL path).
bool isNotCurrent(const std::string& validity);

// An SQL function for a window's WHERE clause, registered with the ranking
// functions (search_rank.h):
//   gongkai_meta_keep(?filter, search.rowid)
// is 1 when the record of that index rowid (-rid) passes the filter, or when
// the table does not know it (the caller checks those itself); ?filter is a
// FilterBinding bound with sqlite3_bind_pointer as kMetaFilterPointer.
// Unbound or of another pointer type, it keeps every row.
struct FilterBinding {
    const SearchMeta* table = nullptr;
    const MetaFilter* filter = nullptr;
};

// The same table handed to gongkai_signals (search_rank.h), whose rows then
// take their sizes from it: `titles` when the index is search_title, whose
// one column is the title.
struct SizeBinding {
    const SearchMeta* table = nullptr;
    bool titles = false;
};
inline constexpr const char* kSizePointer = "gongkai_sizes";
inline constexpr const char* kMetaFilterFunction = "gongkai_meta_keep";
inline constexpr const char* kMetaFilterPointer = "gongkai_meta_filter";
Status registerMetaFilter(sqlite3* db);

}  // namespace gongkai
