#include "pinyin_convert.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include <sqlite3.h>

#include "hanzi.h"
#include "pair_vocabulary.h"
#include "pinyin.h"
#include "pinyin_chain.h"
#include "triple_filter.h"
#include "mirror.h"
#include "sql.h"
#include "tokenizer.h"

namespace gongkai {

namespace {

// Chains kept after each position. 96 changed the 3rd or 4th candidate of 2 of
// the benchmark's 39 pinyin and initials queries, at twice the cost.
constexpr std::size_t kBeam = 48;
constexpr std::size_t kAlternatives = 3;   // segmentations of a letter run tried
constexpr std::size_t kMaxPositions = 12;
// Chains checked against the records, and records counted per chain at most:
// proving a string rare costs a walk over its pairs' position lists (up to a
// few ms at 100 000 documents), so only the front of the beam is asked.
constexpr std::size_t kRerank = 6;
constexpr int kDfCap = 12;
constexpr std::size_t kCachedKeys = 256;   // pair lists kept in memory (pinyin typed letter by letter)

// One position of the term: a character typed as such, or a reading pattern.
struct Position {
    char32_t fixed = 0;
    std::string pattern;  // "hu" (syllable) or "h" (initial)
    bool initial = false, prefix = false;

    // 0: cp does not fit; 1: by its main reading; 2: only by another reading.
    int fit(char32_t cp) const {
        if (fixed) return cp == fixed ? 1 : 0;
        int rank = 1;
        for (std::string_view r : hanzi::readings(cp)) {
            if (initial || prefix ? r.substr(0, pattern.size()) == pattern : r == pattern) return rank;
            rank = 2;
        }
        return 0;
    }
    bool accepts(char32_t cp) const { return fit(cp) != 0; }
    std::string letters() const {  // first letters a matching reading can start with
        if (!fixed) return pattern.substr(0, 1);
        std::string out;
        for (std::string_view r : hanzi::readings(fixed))
            if (!r.empty() && out.find(r[0]) == std::string::npos) out.push_back(r[0]);
        return out;
    }
};

// The term as positions, one list per way of reading its letters.
std::vector<std::vector<Position>> readTerm(std::string_view term) {
    std::vector<std::vector<Position>> out{{}};
    for (std::size_t i = 0; i < term.size();) {
        auto isLetter = [&](std::size_t k) { return ((term[k] | 0x20) >= 'a' && (term[k] | 0x20) <= 'z'); };
        if (isLetter(i)) {
            std::size_t j = i;
            std::string run;
            while (j < term.size() && isLetter(j)) run.push_back(static_cast<char>(term[j++] | 0x20));
            auto readings = pinyin::segment(run, kAlternatives);
            if (readings.empty()) return {};
            std::vector<std::vector<Position>> next;
            for (const auto& base : out)
                for (const auto& r : readings) {
                    auto v = base;
                    for (std::size_t k = 0; k < r.tokens.size(); ++k) {
                        const std::string& t = r.tokens[k];
                        bool last = k + 1 == r.tokens.size();
                        v.push_back({0, t.substr(1), t[0] == pinyin::kInitialMark, last && r.lastIsPrefix && j == term.size()});
                    }
                    next.push_back(std::move(v));
                }
            out = std::move(next);
            i = j;
            continue;
        }
        int len = 1;
        char32_t cp = normalizeCodepoint(tokenizer_detail::decodeAt(term, i, len));
        if (!hanzi::isCjk(cp)) return {};  // digits and punctuation: not pinyin
        for (auto& v : out) v.push_back({cp, {}, false, false});
        i += static_cast<std::size_t>(len);
    }
    std::erase_if(out, [](const auto& v) { return v.empty() || v.size() > kMaxPositions; });
    return out;
}

struct Pair {
    char32_t first, second;
    double weight;  // log of how many records have it, less the penalty for rare readings
};

constexpr double kOtherReadingPenalty = 3.0;  // 和 read as hu rather than he

using RawPair = PinyinPairRow;

// The mirror's pairs of one key ("hj"), remembered per mirror state: residents
// type pinyin letter by letter, and each letter asks for the same keys again.
class PairCache {
public:
    // Forgets what a previous mirror, or an earlier state of this one, had.
    // Called once per conversion, not per key.
    // Returns the mirror's state (its file and state digest).
    std::string refresh(sqlite3* db) {
        std::string state = mirrorStateKey(db);
        std::lock_guard lock(m_mutex);
        if (state != m_state || m_lists.size() >= kCachedKeys) {
            m_lists.clear();
            m_state = state;
        }
        return state;
    }
    std::shared_ptr<const std::vector<RawPair>> get(sqlite3* db, const std::string& key) {
        std::lock_guard lock(m_mutex);
        auto& slot = m_lists[key];
        if (!slot) slot = load(db, key);
        return slot;
    }

private:
    static std::shared_ptr<const std::vector<RawPair>> load(sqlite3* db, const std::string& key) {
        return std::make_shared<const std::vector<RawPair>>(readPinyinPairs(db, key));
    }

    std::mutex m_mutex;
    std::string m_state;
    std::map<std::string, std::shared_ptr<const std::vector<RawPair>>> m_lists;
};

PairCache& pairCache() {
    static PairCache cache;
    return cache;
}

// The pairs in the mirror that fit positions a and b.
std::vector<Pair> pairsFor(sqlite3* db, const Position& a, const Position& b) {
    std::vector<Pair> out;
    for (char x : a.letters())
        for (char y : b.letters()) {
            auto list = pairCache().get(db, std::string{x, y});
            for (const RawPair& p : *list) {
                int f1 = a.fit(p.first), f2 = b.fit(p.second);
                if (f1 && f2)
                    out.push_back({p.first, p.second, p.logCount - kOtherReadingPenalty * ((f1 == 2) + (f2 == 2))});
            }
        }
    return out;
}

// log(1 + records with the character), from the glyph table, remembered.
class CharCounts {
public:
    explicit CharCounts(sqlite3* db) : m_query(db, "SELECT uses FROM glyph WHERE cp = ?1", sql::Reuse::Cached) {}
    double log(char32_t cp) {
        auto [it, added] = m_cache.emplace(cp, 0.0);
        if (added) {
            m_query.bind(1, static_cast<std::int64_t>(cp));
            if (m_query.step() == SQLITE_ROW) it->second = std::log1p(static_cast<double>(m_query.columnInt64(0)));
            m_query.reset();
        }
        return it->second;
    }

private:
    sql::Statement m_query;
    std::unordered_map<char32_t, double> m_cache;
};


// Whether `chars` followed by `next` may occur in the mirror, judged by the
// last three and four characters (triple_filter.h).
bool occurs(TripleFilter::Reader& runs, const std::u32string& chars, char32_t next) {
    std::size_t n = chars.size();
    if (n >= 2 && !runs.mayHave(chars[n - 2], chars[n - 1], next)) return false;
    return n < 3 || runs.mayHave(chars[n - 3], chars[n - 2], chars[n - 1], next);
}

std::vector<Chain> chainsFor(sqlite3* db, const std::vector<Position>& positions, TripleFilter::Reader& runs) {
    std::vector<std::vector<Pair>> steps;
    for (std::size_t k = 0; k + 1 < positions.size(); ++k) steps.push_back(pairsFor(db, positions[k], positions[k + 1]));
    // Backwards: keep only pairs that some pair of the next step continues.
    for (std::size_t k = steps.size() - 1; k-- > 0;) {
        std::unordered_set<char32_t> starts;
        for (const auto& p : steps[k + 1]) starts.insert(p.first);
        std::erase_if(steps[k], [&](const Pair& p) { return !starts.count(p.second); });
    }
    // Scored as a bigram model: the first pair, then each next character given
    // the one before it (so 籍管 after 户籍 beats 其管 after the common 其).
    CharCounts counts(db);
    std::vector<Chain> chains;
    for (const auto& p : steps.front()) chains.push_back({{p.first, p.second}, p.weight});
    keepBest(chains, kBeam);
    for (std::size_t k = 1; k < steps.size() && !chains.empty(); ++k) {
        // Each character's continuations, heaviest first: once one cannot
        // make the beam, none after it can.
        std::unordered_map<char32_t, std::vector<const Pair*>> byFirst;
        for (const auto& p : steps[k]) byFirst[p.first].push_back(&p);
        for (auto& [first, list] : byFirst)
            std::sort(list.begin(), list.end(), [](const Pair* x, const Pair* y) { return x->weight > y->weight; });
        BeamStep next(kBeam);
        for (const auto& c : chains) {
            auto it = byFirst.find(c.chars.back());
            if (it == byFirst.end()) continue;
            double given = counts.log(c.chars.back());
            for (const Pair* p : it->second) {
                double score = c.score + p->weight - given;
                if (!next.wants(score)) break;
                if (occurs(runs, c.chars, p->second)) next.add({c.chars + p->second, score});
            }
        }
        chains = next.take();
    }
    return chains;
}

// Every character with a reading, by first letter of the reading (built once).
const std::map<char, std::vector<char32_t>>& charactersByLetter() {
    static const auto table = [] {
        std::map<char, std::vector<char32_t>> t;
        for (char32_t cp = 0x3400; cp <= 0x9FFF; ++cp) {
            std::string seen;
            for (std::string_view r : hanzi::readings(cp))
                if (!r.empty() && seen.find(r[0]) == std::string::npos) {
                    seen.push_back(r[0]);
                    t[r[0]].push_back(cp);
                }
        }
        return t;
    }();
    return table;
}

// One position: the mirror's commonest characters that fit it.
std::vector<Chain> singles(sqlite3* db, const Position& p) {
    std::vector<Chain> out;
    if (p.fixed) return {{{p.fixed}, 0}};
    const auto& table = charactersByLetter();
    auto it = table.find(p.pattern[0]);
    if (it == table.end()) return out;
    sql::Statement q(db, "SELECT uses FROM glyph WHERE cp = ?1", sql::Reuse::Cached);
    for (char32_t cp : it->second) {
        if (!p.accepts(cp)) continue;
        q.bind(1, static_cast<std::int64_t>(cp));
        if (q.step() == SQLITE_ROW) out.push_back({{cp}, std::log1p(static_cast<double>(q.columnInt64(0)))});
        q.reset();
    }
    return out;
}

std::string utf8(const std::u32string& chars) {
    std::string s;
    for (char32_t cp : chars) tokenizer_detail::appendUtf8(s, cp);
    return s;
}

// Chains of three or more characters are re-ranked by how many records have
// the whole string (up to kDfCap): pairs alone cannot tell 工伤保险 from
// 改善保险 when only initials were typed. Strings no record has are dropped.
void rerankByRecords(sqlite3* db, std::vector<Chain>& chains) {
    sql::Statement count(db, "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1 LIMIT " +
                                 std::to_string(kDfCap) + ")",
                         sql::Reuse::Cached);
    if (chains.size() > kRerank) chains.resize(kRerank);
    for (auto& c : chains) {
        if (c.chars.size() < 3) continue;
        count.bind(1, "\"" + utf8(c.chars) + "\"");
        std::int64_t df = count.step() == SQLITE_ROW ? count.columnInt64(0) : 0;
        count.reset();
        c.score = df == 0 ? -1e9 : 10.0 * std::log1p(static_cast<double>(df)) + 0.01 * c.score;
    }
    std::erase_if(chains, [](const Chain& c) { return c.score <= -1e9; });
    keepBest(chains, chains.size());
}

}  // namespace

std::vector<std::string> convertPinyin(sqlite3* db, std::string_view term, std::size_t limit) {
    std::vector<Chain> all;
    auto readings = readTerm(term);
    if (readings.empty()) return {};
    TripleFilter::Reader runs(TripleFilter::forState(pairCache().refresh(db)), db);
    for (const auto& positions : readings) {
        auto chains = positions.size() == 1 ? singles(db, positions[0]) : chainsFor(db, positions, runs);
        // Fewer positions read from the same letters are likelier (hujiguanli: hu ji guan li).
        for (auto& c : chains) c.score -= 2.0 * static_cast<double>(positions.size());
        all.insert(all.end(), chains.begin(), chains.end());
    }
    keepBest(all, all.size());
    rerankByRecords(db, all);
    std::vector<std::string> out;
    for (const auto& c : all) {
        std::string s = utf8(c.chars);
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
        if (out.size() >= limit) break;
    }
    return out;
}

}  // namespace gongkai
