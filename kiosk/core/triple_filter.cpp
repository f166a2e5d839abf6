#include "triple_filter.h"

#include <cstring>
#include <map>

#include <sqlite3.h>

#include "mirror.h"
#include "sql.h"

namespace gongkai {

namespace {

constexpr int kProbes = 3;  // bits per triple, all in one shard

struct Slot {
    std::uint32_t shard;
    std::array<std::uint32_t, kProbes> bits;  // within the shard
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t hashOf(char32_t a, char32_t b, char32_t c) {
    return mix((std::uint64_t{a} << 42) ^ (std::uint64_t{b} << 21) ^ c);
}

std::uint64_t hashOf(char32_t a, char32_t b, char32_t c, char32_t d) {
    return mix(hashOf(a, b, c) ^ (std::uint64_t{d} << 11) ^ 0x5851F42D4C957F2Dull);
}

// The probes of one entry fall in one 64-byte line of its shard: one cache
// miss per entry when an import sets bits all over the 4 MiB.
constexpr std::uint32_t kLineBits = 512;

std::uint32_t shardOf(std::uint64_t h) { return static_cast<std::uint32_t>(h % kTripleShards); }
std::uint32_t lineOf(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 14) % (kTripleShardBytes * 8 / kLineBits); }

Slot slotOf(std::uint64_t h) {
    Slot s{shardOf(h), {}};
    std::uint32_t line = lineOf(h);
    auto h1 = static_cast<std::uint32_t>(h >> 20), h2 = static_cast<std::uint32_t>(h >> 42) | 1u;
    for (int i = 0; i < kProbes; ++i)
        s.bits[static_cast<std::size_t>(i)] = line * kLineBits + (h1 + static_cast<std::uint32_t>(i) * h2) % kLineBits;
    return s;
}

// Where slotOf(h)'s bits are: the byte offset of their line in the filter.
std::size_t lineOffset(std::uint64_t h) {
    return std::size_t{shardOf(h)} * kTripleShardBytes + lineOf(h) * (kLineBits / 8);
}

}  // namespace

void TripleFilterWriter::add(char32_t a, char32_t b, char32_t c) { queue(hashOf(a, b, c)); }

void TripleFilterWriter::add(char32_t a, char32_t b, char32_t c, char32_t d) { queue(hashOf(a, b, c, d)); }

void TripleFilterWriter::queue(std::uint64_t hash) {
    m_queued.push_back(hash);
    if (m_queued.size() >= kQueuedHashes) setQueued();
}

// Each entry's line is a cache miss somewhere in 4 MiB: asking for the line
// kAhead entries early overlaps the misses, where setting each bit as it came
// waited for them one by one: counting the shared corpus's pairs and triples
// (58 MB of text) took 1.8-2.1 s instead of 3.6-3.7 s.
void TripleFilterWriter::setQueued() {
    if (m_queued.empty()) return;
    if (m_bits.empty()) {
        m_bits.assign(std::size_t{kTripleShards} * kTripleShardBytes, 0);
        m_touched.assign(kTripleShards, false);
    }
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = 0; i < m_queued.size(); ++i) {
        if (i + kAhead < m_queued.size()) __builtin_prefetch(m_bits.data() + lineOffset(m_queued[i + kAhead]), 1);
        Slot s = slotOf(m_queued[i]);
        std::uint8_t* shard = m_bits.data() + std::size_t{s.shard} * kTripleShardBytes;
        for (std::uint32_t bit : s.bits) shard[bit / 8] |= static_cast<std::uint8_t>(1u << (bit % 8));
        m_touched[s.shard] = true;
    }
    m_queued.clear();
}

namespace {

// May bits be added to the table? Only to a filter of this layout, or to an
// empty table: bits of another layout would mix with ours.
Result<bool> writable(sqlite3* db) {
    sql::Statement q(db, "SELECT (SELECT value FROM meta WHERE key = 'triple_filter_layout'),"
                         " EXISTS (SELECT 1 FROM pinyin_triple)");
    int rc = q.step();
    if (rc != SQLITE_ROW) return Error{"pinyin triples: " + describeSqliteError(db, rc)};
    if (q.isNull(0)) return q.columnInt(1) == 0;
    return q.columnText(0) == std::to_string(kTripleFilterLayout);
}

}  // namespace

Status TripleFilterWriter::flush(sqlite3* db) {
    setQueued();
    if (m_bits.empty()) return okStatus();
    auto ok = writable(db);
    if (!ok) return ok.error();
    if (!ok.value()) {  // stays as it is, pruning nothing, until a reindex
        m_bits.clear();
        m_touched.clear();
        return okStatus();
    }
    sql::Statement read(db, "SELECT bits FROM pinyin_triple WHERE shard = ?1");
    sql::Statement write(db, "INSERT OR REPLACE INTO pinyin_triple(shard, bits) VALUES (?1, ?2)");
    for (std::uint32_t i = 0; i < kTripleShards; ++i) {
        if (!m_touched[i]) continue;
        std::uint8_t* shard = m_bits.data() + std::size_t{i} * kTripleShardBytes;
        read.bind(1, static_cast<std::int64_t>(i));
        if (int rc = read.step(); rc == SQLITE_ROW && read.columnBytes(0) == static_cast<int>(kTripleShardBytes)) {
            auto* old = static_cast<const std::uint8_t*>(read.columnBlob(0));
            for (std::uint32_t k = 0; k < kTripleShardBytes; ++k) shard[k] |= old[k];
        } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            return Error{"pinyin triples: " + describeSqliteError(db, rc)};
        }
        read.reset();
        write.bind(1, static_cast<std::int64_t>(i)).bindBlob(2, shard, kTripleShardBytes);
        int rc = write.step();
        write.reset();
        if (rc != SQLITE_DONE) return Error{"pinyin triples: " + describeSqliteError(db, rc)};
    }
    m_bits.clear();
    m_touched.clear();
    sql::Statement layout(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('triple_filter_layout', ?1)");
    layout.bind(1, std::to_string(kTripleFilterLayout));
    if (int rc = layout.step(); rc != SQLITE_DONE) return Error{"pinyin triples: " + describeSqliteError(db, rc)};
    return okStatus();
}

std::shared_ptr<TripleFilter> TripleFilter::forState(const std::string& state) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<TripleFilter>> filters;
    std::lock_guard lock(mutex);
    if (filters.find(state) == filters.end()) {
        if (filters.size() >= 4) filters.clear();  // older states; readers keep theirs alive
        filters.emplace(state, std::make_shared<TripleFilter>());
    }
    return filters[state];
}

const std::uint8_t* TripleFilter::bits(sqlite3* db) {
    std::lock_guard lock(m_mutex);
    if (m_present >= 0) return m_present ? m_bits.data() : nullptr;
    m_present = 0;
    sql::Statement layout(db, "SELECT value FROM meta WHERE key = 'triple_filter_layout'");
    if (layout.step() != SQLITE_ROW || layout.columnText(0) != std::to_string(kTripleFilterLayout)) return nullptr;
    std::vector<std::uint8_t> all(std::size_t{kTripleShards} * kTripleShardBytes, 0);
    sql::Statement q(db, "SELECT shard, bits FROM pinyin_triple");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        auto shard = q.columnInt64(0);
        // A shard out of range or of another size was written by another layout: prune nothing.
        if (shard < 0 || shard >= kTripleShards || q.columnBytes(1) != static_cast<int>(kTripleShardBytes))
            return nullptr;
        std::memcpy(all.data() + static_cast<std::size_t>(shard) * kTripleShardBytes, q.columnBlob(1),
                    kTripleShardBytes);
    }
    if (rc != SQLITE_DONE) return nullptr;  // unreadable: prune nothing rather than drop real text
    m_bits = std::move(all);
    m_present = 1;
    return m_bits.data();
}

bool TripleFilter::Reader::test(std::uint64_t hash) {
    if (!m_bits && m_prunes) {
        m_bits = m_filter->bits(m_db);
        m_prunes = m_bits != nullptr;
    }
    if (!m_prunes) return true;
    Slot s = slotOf(hash);
    const std::uint8_t* shard = m_bits + std::size_t{s.shard} * kTripleShardBytes;
    for (std::uint32_t bit : s.bits)
        if (!(shard[bit / 8] >> (bit % 8) & 1)) return false;
    return true;
}

bool TripleFilter::Reader::mayHave(char32_t a, char32_t b, char32_t c) { return test(hashOf(a, b, c)); }

bool TripleFilter::Reader::mayHave(char32_t a, char32_t b, char32_t c, char32_t d) {
    return test(hashOf(a, b, c, d));
}

}  // namespace gongkai
