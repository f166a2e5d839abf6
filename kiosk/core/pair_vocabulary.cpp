#include "pair_vocabulary.h"

#include <algorithm>
#include <cmath>

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
    std::sort(m_seen.begin(), m_seen.end());
    m_seen.erase(std::unique(m_seen.begin(), m_seen.end()), m_seen.end());
    for (std::uint64_t key : m_seen) ++m_counts[key];
}

std::vector<std::string> pairKeys(char32_t first, char32_t second) {
    std::vector<std::string> keys;
    for (char a : firstLetters(first))
        for (char b : firstLetters(second)) keys.push_back(std::string{a, b});
    return keys;
}

Status PairCounter::flush(sqlite3* db) {
    sql::Statement upsert(db, "INSERT INTO pinyin_pair(ikey, pair, n) VALUES (?1, ?2, ?3)"
                              " ON CONFLICT(ikey, pair) DO UPDATE SET n = n + excluded.n");
    std::string pair;
    for (const auto& [key, n] : m_counts) {
        auto first = static_cast<char32_t>(key >> 32), second = static_cast<char32_t>(key & 0xFFFFFFFFu);
        pair.clear();
        tokenizer_detail::appendUtf8(pair, first);
        tokenizer_detail::appendUtf8(pair, second);
        for (const std::string& k : pairKeys(first, second)) {
            upsert.bind(1, k).bind(2, pair).bind(3, static_cast<std::int64_t>(n));
            int rc = upsert.step();
            upsert.reset();
            if (rc != SQLITE_DONE) return Error{"pinyin vocabulary: " + describeSqliteError(db, rc)};
        }
    }
    m_counts.clear();
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
