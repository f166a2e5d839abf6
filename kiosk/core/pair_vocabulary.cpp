#include "pair_vocabulary.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>

#include <sqlite3.h>

#include "hanzi.h"
#include "mirror.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

namespace {

std::string firstLetters(char32_t cp) {
    std::string letters;
    for (std::string_view r : hanzi::readings(cp))
        if (!r.empty() && letters.find(r[0]) == std::string::npos) letters.push_back(r[0]);
    return letters;
}

}  // namespace

std::size_t PairCounts::home(std::uint64_t pair) const {
    return static_cast<std::size_t>((pair * 0x9E3779B97F4A7C15ull) >> m_shift);
}

void PairCounts::prefetch(std::uint64_t pair) const {
    if (!m_slots.empty()) __builtin_prefetch(&m_slots[home(pair)]);
}

void PairCounts::count(std::uint64_t pair, std::uint32_t record) {
    if ((m_size + 1) * 2 > m_slots.size()) grow();
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = home(pair);; i = (i + 1) & mask) {
        Slot& s = m_slots[i];
        if (s.pair == pair) {
            if (s.lastRecord != record) ++s.records;
            s.lastRecord = record;
            return;
        }
        if (!s.pair) {
            s = Slot{pair, 1, record};
            ++m_size;
            return;
        }
    }
}

void PairCounts::grow() {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    m_shift = 64 - std::countr_zero(m_slots.size());
    std::size_t mask = m_slots.size() - 1;
    for (const Slot& s : old) {
        if (!s.pair) continue;
        std::size_t i = home(s.pair);
        while (m_slots[i].pair) i = (i + 1) & mask;
        m_slots[i] = s;
    }
}

void PairCounts::clear() {
    m_slots.clear();
    m_size = 0;
    m_shift = 64;
}

void PairCounter::addAll(const std::vector<const std::string*>& fields) {
    m_seen.clear();
    for (const std::string* f : fields) {
        char32_t third = 0, before = 0, prev = 0;  // the CJK characters before this one
        for (std::size_t i = 0; i < f->size();) {
            int len = 1;
            char32_t cp = normalizeCodepoint(tokenizer_detail::decodeAt(*f, i, len));
            i += static_cast<std::size_t>(len);
            bool cjk = len >= 3 && hanzi::isCjk(cp);
            if (cjk && prev) m_seen.push_back((static_cast<std::uint64_t>(prev) << 32) | cp);
            if (cjk && prev && before) m_triples.add(before, prev, cp);
            if (cjk && prev && before && third) m_triples.add(third, before, prev, cp);
            third = cjk ? before : 0;
            before = cjk ? prev : 0;
            prev = cjk ? cp : 0;
        }
    }
    // Most lookups miss the cache (a mirror has hundreds of thousands of
    // pairs): asking for the slot a few pairs early overlaps the misses.
    ++m_record;
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < m_seen.size(); ++i) {
        if (i + kAhead < m_seen.size()) m_counts.prefetch(m_seen[i + kAhead]);
        m_counts.count(m_seen[i], m_record);
    }
}

std::vector<std::string> pairKeys(char32_t first, char32_t second) {
    std::vector<std::string> keys;
    for (char a : firstLetters(first))
        for (char b : firstLetters(second)) keys.push_back(std::string{a, b});
    return keys;
}

Status PairCounter::flush(sqlite3* db) {
    struct Row {
        std::string key, pair;
        std::uint32_t n;
    };
    std::vector<Row> rows;
    m_counts.forEach([&](std::uint64_t p, std::uint32_t n) {
        auto first = static_cast<char32_t>(p >> 32), second = static_cast<char32_t>(p & 0xFFFFFFFFu);
        std::string pair;
        tokenizer_detail::appendUtf8(pair, first);
        tokenizer_detail::appendUtf8(pair, second);
        for (std::string& k : pairKeys(first, second)) rows.push_back({std::move(k), pair, n});
    });
    m_counts.clear();
    // In the table's order (its key, compared as bytes): each row then goes
    // next to the one before, where hash order sent them all over the table.
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return std::tie(a.key, a.pair) < std::tie(b.key, b.pair); });
    sql::Statement upsert(db, "INSERT INTO pinyin_pair(ikey, pair, n) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT(ikey, pair) DO UPDATE SET n = n + excluded.n");
    for (const Row& r : rows) {
        upsert.bind(1, r.key).bind(2, r.pair).bind(3, static_cast<std::int64_t>(r.n));
        int rc = upsert.step();
        upsert.reset();
        if (rc != SQLITE_DONE) return Error{"pinyin vocabulary: " + describeSqliteError(db, rc)};
    }
    return m_triples.flush(db);
}

std::vector<PinyinPairRow> readPinyinPairs(sqlite3* db, const std::string& key) {
    std::vector<PinyinPairRow> out;
    sql::Statement q(db, "SELECT pair, n FROM pinyin_pair WHERE ikey = ?1", sql::Reuse::Cached);
    q.bind(1, key);
    while (q.step() == SQLITE_ROW) {
        std::string_view pair = q.columnView(0);
        int l1 = 1, l2 = 1;
        char32_t c1 = tokenizer_detail::decodeAt(pair, 0, l1);
        if (static_cast<std::size_t>(l1) >= pair.size()) continue;
        char32_t c2 = tokenizer_detail::decodeAt(pair, static_cast<std::size_t>(l1), l2);
        out.push_back({c1, c2, std::log1p(static_cast<double>(q.columnInt64(1)))});
    }
    return out;
}

}  // namespace gongkai
