// The mirror's vocabulary of two-character sequences, for pinyin input
// (pinyin_convert.h): table `pinyin_pair(ikey, pair, n)` holds every pair of
// adjacent CJK characters in indexed text, how often it occurs, and keyed by
// the first letters of its readings ("hj" for 户籍; a polyphone pair has a row
// per distinct key). The search index itself holds only characters and pairs;
// pinyin is expanded at query time through this table (data/SCHEMA.md).
//
// Counts only grow: a deleted record leaves its pairs behind, which costs a
// pinyin query a candidate that matches nothing, never a wrong hit; a reindex
// recounts from scratch. Not thread-safe; owned by one SearchIndexWriter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"
#include "triple_filter.h"

struct sqlite3;

namespace gongkai {

// How many records have each pair (first << 32 | second, never 0): an
// open-addressing table, where std::unordered_map cost a cache miss or two
// in its buckets and nodes for every pair of every record.
class PairCounts {
public:
    // Counts `pair` once for `record`: again only for another record.
    void count(std::uint64_t pair, std::uint32_t record);
    // Asks for `pair`'s slot to be in the cache (a hint; counts nothing).
    void prefetch(std::uint64_t pair) const;
    // Calls f(pair, records) for every pair counted, in no order.
    template <class F>
    void forEach(F&& f) const {
        for (const Slot& s : m_slots)
            if (s.pair) f(s.pair, s.records);
    }
    void clear();
    bool empty() const { return m_size == 0; }

private:
    struct Slot {
        std::uint64_t pair = 0;  // 0: empty
        std::uint32_t records = 0, lastRecord = 0;
    };
    std::size_t home(std::uint64_t pair) const;
    void grow();

    std::vector<Slot> m_slots;  // a power of two, at most half full
    std::size_t m_size = 0;
    int m_shift = 64;
};

class PairCounter {
public:
    // Counts the pairs of one record's text fields (each distinct pair once),
    // and notes their runs of three characters (triple_filter.h).
    void addAll(const std::vector<const std::string*>& fields);
    // Adds the counts to `pinyin_pair` and the triples to `pinyin_triple`
    // inside the caller's transaction, then forgets them.
    Status flush(sqlite3* db);
    bool empty() const { return m_counts.empty(); }

private:
    PairCounts m_counts;
    std::uint32_t m_record = 0;         // records counted so far
    std::vector<std::uint64_t> m_seen;  // this record's pairs, as they come
    TripleFilterWriter m_triples;
};

// One row of `pinyin_pair`: a pair of adjacent characters and the log of
// how many records have it (log1p of the count).
struct PinyinPairRow {
    char32_t first, second;
    double logCount;
};

// The mirror's pairs under one key ("hj"), in table order; empty when there
// are none or the table cannot be read. Reads through `db` on the caller's thread.
std::vector<PinyinPairRow> readPinyinPairs(sqlite3* db, const std::string& key);

// The keys of a pair: first letters of the readings of each character
// ("hj"), one per distinct combination; empty when a character has no reading.
std::vector<std::string> pairKeys(char32_t first, char32_t second);

}  // namespace gongkai
