// Which runs of three and of four CJK characters the mirror's text has, as a
// blocked Bloom filter in table `pinyin_triple(shard, bits)` (schema 4): for pinyin
// input (pinyin_convert.h), so that a candidate string such as 政法信息公开
// for "zfxxgk" can be dropped without asking the search index, where proving
// that no record has a string made of common pairs costs a full scan of their
// position lists (10–15 ms each at 100 000 documents).
//
// A "no" is certain; a "yes" is wrong with a small probability that grows
// with the mirror (0.6% for ../shared/corpus, 58 MB of text). Like the pair
// counts, bits are only ever added: a deleted record's triples stay "yes",
// and a reindex rebuilds the filter from scratch.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "result.h"

struct sqlite3;

namespace gongkai {

// 4 MiB in all; a shard is written only once something falls in it, so a
// small mirror stores little.
// meta.triple_filter_layout: a filter written by another layout (or none)
// prunes nothing until a reindex rewrites it.
inline constexpr int kTripleFilterLayout = 2;
inline constexpr std::uint32_t kTripleShards = 16384;
inline constexpr std::uint32_t kTripleShardBytes = 256;  // 2 048 bits per shard

// Collects the triples of indexed text and adds them to the table. Not
// thread-safe; owned by one SearchIndexWriter (through PairCounter).
class TripleFilterWriter {
public:
    void add(char32_t a, char32_t b, char32_t c);
    void add(char32_t a, char32_t b, char32_t c, char32_t d);
    // ORs what add() collected into `pinyin_triple` inside the caller's
    // transaction, then forgets it.
    Status flush(sqlite3* db);

private:
    static constexpr std::size_t kQueuedHashes = 4096;
    void queue(std::uint64_t hash);
    void setQueued();  // sets the queued entries' bits

    std::vector<std::uint64_t> m_queued;  // entries whose bits are not set yet
    std::vector<std::uint8_t> m_bits;     // every shard, allocated on first set
    std::vector<bool> m_touched;
};

// Answers "might the mirror have this triple?". The whole table (4 MiB) is
// read once per mirror state, on the first question, and shared by every
// connection of the process; after that a question is three bit tests with
// no lock. Thread-safe.
class TripleFilter {
public:
    // The process's filter for `db`'s mirror in its current state
    // (`state` names it: file and state digest).
    static std::shared_ptr<TripleFilter> forState(const std::string& state);

    // One conversion's view. Not thread-safe; keeps its filter alive.
    class Reader {
    public:
        Reader(std::shared_ptr<TripleFilter> filter, sqlite3* db) : m_filter(std::move(filter)), m_db(db) {}
        // False only when no record has these characters in a row; true as
        // well when the mirror has no filter of this layout yet.
        bool mayHave(char32_t a, char32_t b, char32_t c);
        bool mayHave(char32_t a, char32_t b, char32_t c, char32_t d);

    private:
        bool test(std::uint64_t hash);
        std::shared_ptr<TripleFilter> m_filter;  // kept alive when the process moves on to a newer state
        sqlite3* m_db;
        const std::uint8_t* m_bits = nullptr;  // the loaded table; nullptr: not asked yet
        bool m_prunes = true;                  // false: the mirror has no usable filter
    };

private:
    // The table, read on first use; nullptr when the mirror has no filter of
    // this layout (then nothing is pruned).
    const std::uint8_t* bits(sqlite3* db);

    std::mutex m_mutex;
    int m_present = -1;  // -1: not read yet; 0: no usable filter; 1: m_bits holds it
    std::vector<std::uint8_t> m_bits;
};

}  // namespace gongkai
