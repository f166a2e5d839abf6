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
#include <unordered_map>
#include <vector>

#include "result.h"
#include "triple_filter.h"

struct sqlite3;

namespace gongkai {

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
    std::unordered_map<std::uint64_t, std::uint32_t> m_counts;  // (first << 32 | second) -> records
    std::vector<std::uint64_t> m_seen;                           // this record's pairs
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
