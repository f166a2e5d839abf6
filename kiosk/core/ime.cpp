// Sections: [slots]   the letters as positions, each knowing its letter count
//           [caches]  per-connection pair lists, character counts, phrase checks
//           [phrases] chains of the mirror's pairs, two to four characters
//           [singles] one character for the first position
//           [api]     InputMethod
#include "ime.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <sqlite3.h>

#include "hanzi.h"
#include "pair_vocabulary.h"
#include "pinyin.h"
#include "pinyin_chain.h"
#include "mirror.h"
#include "sql.h"
#include "tokenizer.h"
#include "triple_filter.h"

namespace gongkai {

namespace {

constexpr std::size_t kParses = 4;          // segmentations of the letters tried
constexpr std::size_t kBeam = 64;           // chains kept per length
constexpr std::size_t kShownPerLength = 6;  // 3- and 4-character chains checked against the records
constexpr std::size_t kPairsShown = 24;     // 2-character candidates per parse
constexpr int kDfCap = 50;                  // records counted per checked chain, at most
constexpr double kOtherReading = 3.0;       // 和 read as hu rather than he
constexpr double kPrefixOnly = 0.5;         // "ji" for jia: the last syllable may be unfinished
constexpr double kPerInitial = 1.0;         // "hj" is vaguer than "huji"

// [slots] -----------------------------------------------------------------------

// One character position: a syllable ("hu"), an initial ("h", "zh") or the
// unfinished last syllable, and how many letters of the input it covers.
struct Slot {
    std::string pattern;
    bool prefix = false;  // readings starting with pattern match (initials, the last syllable)
    bool initial = false;
    std::size_t letters = 0;

    // The penalty of reading `cp` here (0: its main reading, exactly), or < 0.
    double fit(char32_t cp) const {
        double best = -1;
        std::size_t i = 0;
        for (std::string_view r : hanzi::readings(cp)) {
            bool match = prefix ? r.substr(0, pattern.size()) == pattern : r == pattern;
            double p = (i++ ? kOtherReading : 0) + (r.size() != pattern.size() ? kPrefixOnly : 0);
            if (match && (best < 0 || p < best)) best = p;
        }
        return best;
    }
    std::uint32_t pinlu(char32_t cp) const {
        std::uint32_t best = 0;
        for (std::string_view r : hanzi::readings(cp))
            if (prefix ? r.substr(0, pattern.size()) == pattern : r == pattern)
                best = std::max(best, hanzi::pinluFrequency(cp, r));
        return best;
    }
};

using Parse = std::vector<Slot>;

// Lays the tokens of `r` over `letters`: an initial token "^z" may stand for
// "z" or "zh", which the token alone does not say.
bool align(const pinyin::Reading& r, std::string_view letters, std::size_t k, std::size_t pos, Parse& out) {
    if (k == r.tokens.size()) return pos == letters.size();
    const std::string& t = r.tokens[k];
    bool last = k + 1 == r.tokens.size();
    if (t[0] == pinyin::kSyllableMark) {
        std::string_view syl = std::string_view(t).substr(1);
        if (letters.substr(pos, syl.size()) != syl) return false;
        // A one-letter syllable left unfinished ("xian" as xia + n) is an initial in all but name.
        out.push_back({std::string(syl), last, last && syl.size() == 1, syl.size()});
        if (align(r, letters, k + 1, pos + syl.size(), out)) return true;
        out.pop_back();
        return false;
    }
    for (std::size_t len : {std::size_t{2}, std::size_t{1}}) {
        if (pos + len > letters.size() || letters[pos] != t[1]) continue;
        if (len == 2 && (letters[pos + 1] != 'h' || std::string_view("zcs").find(t[1]) == std::string_view::npos))
            continue;
        out.push_back({std::string(letters.substr(pos, len)), true, true, len});
        if (align(r, letters, k + 1, pos + len, out)) return true;
        out.pop_back();
    }
    return false;
}

int initialsOf(const Parse& p) {
    return static_cast<int>(std::count_if(p.begin(), p.end(), [](const Slot& s) { return s.initial; }));
}

// The likeliest readings of the letters: of segment()'s best, those with the
// fewest initials ("zhuy" is zhu + y, not z + h + u + y, whose four-character
// chains would each cost a search of the records).
std::vector<Parse> parse(std::string_view letters) {
    std::vector<Parse> out;
    for (const auto& r : pinyin::segment(letters, kParses)) {
        Parse p;
        if (align(r, letters, 0, 0, p)) out.push_back(std::move(p));
    }
    int fewest = 1 << 20;
    for (const Parse& p : out) fewest = std::min(fewest, initialsOf(p));
    std::erase_if(out, [&](const Parse& p) { return initialsOf(p) > fewest; });
    return out;
}

std::string utf8(const std::u32string& chars) {
    std::string s;
    for (char32_t cp : chars) tokenizer_detail::appendUtf8(s, cp);
    return s;
}

}  // namespace

// [caches] ----------------------------------------------------------------------

using RawPair = PinyinPairRow;

struct InputMethod::Caches {
    std::string state;                                     // mirror file | state digest
    std::unordered_map<char32_t, std::int64_t> uses;       // glyph table: the mirror's characters
    std::map<char, std::vector<char32_t>> byLetter;        // the mirror's characters by first letter of a reading
    std::map<std::string, std::vector<RawPair>> pairs;     // pinyin_pair rows by key ("hj")
    std::unordered_map<std::string, std::int64_t> phrase;  // records with a 3-4 character run (capped)
    std::shared_ptr<TripleFilter> triples;

    double logUses(char32_t cp) const {
        auto it = uses.find(cp);
        return it == uses.end() ? 0.0 : std::log1p(static_cast<double>(it->second));
    }
};

namespace {

void loadCharacters(sqlite3* db, InputMethod::Caches& c) {
    sql::Statement q(db, "SELECT cp, uses FROM glyph WHERE uses > 0");
    while (q.step() == SQLITE_ROW) {
        auto cp = static_cast<char32_t>(q.columnInt64(0));
        if (!hanzi::isCjk(cp) || cp != normalizeCodepoint(cp)) continue;  // offer simplified forms only
        c.uses[cp] = q.columnInt64(1);
        std::string seen;
        for (std::string_view r : hanzi::readings(cp))
            if (!r.empty() && seen.find(r[0]) == std::string::npos) seen.push_back(r[0]), c.byLetter[r[0]].push_back(cp);
    }
}

const std::vector<RawPair>& pairList(sqlite3* db, InputMethod::Caches& c, const std::string& key) {
    auto [it, added] = c.pairs.try_emplace(key);
    if (added) it->second = readPinyinPairs(db, key);
    return it->second;
}

// How many records (up to kDfCap) have `text` as a run, remembered.
std::int64_t recordsWith(sqlite3* db, InputMethod::Caches& c, const std::string& text) {
    if (c.phrase.size() > 4096) c.phrase.clear();  // a long session's typing
    auto [it, added] = c.phrase.try_emplace(text, 0);
    if (!added) return it->second;
    sql::Statement q(db, "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1 LIMIT " +
                             std::to_string(kDfCap) + ")");
    q.bind(1, "\"" + text + "\"");
    it->second = q.step() == SQLITE_ROW ? q.columnInt64(0) : 0;
    return it->second;
}

// [phrases] ---------------------------------------------------------------------

struct Pair {
    char32_t first, second;
    double weight;
};


std::vector<Pair> pairsFor(sqlite3* db, InputMethod::Caches& c, const Slot& a, const Slot& b) {
    std::vector<Pair> out;
    for (const RawPair& p : pairList(db, c, std::string{a.pattern[0], b.pattern[0]})) {
        double fa = a.fit(p.first), fb = b.fit(p.second);
        if (fa >= 0 && fb >= 0) out.push_back({p.first, p.second, p.logCount - fa - fb});
    }
    return out;
}

// A candidate with what ranks it (see rank()).
struct Scored {
    ImeCandidate candidate;
    std::size_t length = 0;  // characters
    int initials = 0;        // slots typed as initials only
    int tier = 1;            // 0: a leading single character, 1: phrases, 2: other characters
    double score = 0;        // phrases: likelihood
    bool prefixOnly = false;  // characters: the syllable was unfinished for it
    std::uint32_t pinlu = 0;  // characters: kHanyuPinlu count of the reading
    std::int64_t uses = 0;    // characters: in the mirror's text
};

// More letters first (the fullest reading of what was typed); then fewer
// initials (huji's syllables before x-i-a-n's initials); then the five
// commonest characters for a syllable, phrases, the other characters; then
// fewer characters (县 before 西安 for "xian"); then likelier.
bool rank(const Scored& a, const Scored& b) {
    if (a.candidate.consumed != b.candidate.consumed) return a.candidate.consumed > b.candidate.consumed;
    if (a.initials != b.initials) return a.initials < b.initials;
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.length != b.length) return a.length < b.length;
    if (a.length > 1) return a.score > b.score;
    return std::tie(a.prefixOnly, b.pinlu, b.uses, a.candidate.text) < std::tie(b.prefixOnly, a.pinlu, a.uses, b.candidate.text);
}

// The chains of 2 to `longest` (<= 4) characters over the first slots of `p`.
void phrasesFor(sqlite3* db, InputMethod::Caches& c, const Parse& p, std::size_t longest, TripleFilter::Reader& runs,
                std::vector<Scored>& out) {
    std::size_t n = std::min<std::size_t>(longest, p.size()), consumed = p[0].letters;
    int initials = p[0].initial ? 1 : 0;
    std::vector<Chain> chains;
    for (std::size_t k = 1; k < n; ++k) {
        consumed += p[k].letters;
        initials += p[k].initial ? 1 : 0;
        // Initials abbreviate the whole input ("hjgl"): a phrase for part of it
        // must come from full syllables.
        bool partial = k + 1 < p.size(), allowed = !partial || initials == 0;
        std::vector<Pair> step = pairsFor(db, c, p[k - 1], p[k]);
        std::vector<Chain> next;
        if (k == 1) {
            for (const Pair& q : step) next.push_back({{q.first, q.second}, q.weight});
        } else {
            std::unordered_multimap<char32_t, const Pair*> byFirst;
            for (const Pair& q : step) byFirst.emplace(q.first, &q);
            for (const Chain& ch : chains) {  // a bigram model: each character given the one before
                auto [lo, hi] = byFirst.equal_range(ch.chars.back());
                double given = c.logUses(ch.chars.back());
                for (auto it = lo; it != hi; ++it) {
                    std::size_t m = ch.chars.size();
                    char32_t x = it->second->second;
                    if (!runs.mayHave(ch.chars[m - 2], ch.chars[m - 1], x)) continue;
                    if (m >= 3 && !runs.mayHave(ch.chars[m - 3], ch.chars[m - 2], ch.chars[m - 1], x)) continue;
                    next.push_back({ch.chars + x, ch.score + it->second->weight - given});
                }
            }
        }
        keepBest(next, kBeam);
        chains = std::move(next);
        if (chains.empty()) return;
        std::size_t shown = 0, checked = 0;
        for (const Chain& ch : chains) {
            if (!allowed || shown >= (k == 1 ? kPairsShown : kShownPerLength) || checked > 2 * kShownPerLength) break;
            std::string text = utf8(ch.chars);
            double score = ch.score - kPerInitial * initials;
            if (k >= 2) {  // pairs alone cannot tell a phrase from a run of common pairs
                ++checked;
                std::int64_t df = recordsWith(db, c, text);
                if (df == 0) continue;
                score = 10.0 * std::log1p(static_cast<double>(df)) + 0.01 * ch.score - kPerInitial * initials;
            }
            Scored sc{{std::move(text), consumed, true}, k + 1, initials};
            sc.score = score;
            out.push_back(std::move(sc));
            ++shown;
        }
    }
}

// [singles] ---------------------------------------------------------------------

// The mirror's characters that fit slot `s`; the five best lead (tier 0).
void singlesFor(const InputMethod::Caches& c, const Slot& s, std::vector<Scored>& out) {
    auto it = c.byLetter.find(s.pattern[0]);
    if (it == c.byLetter.end()) return;
    std::vector<Scored> found;
    for (char32_t cp : it->second) {
        if (s.fit(cp) < 0) continue;
        Scored sc{{utf8(std::u32string(1, cp)), s.letters, false}, 1, s.initial ? 1 : 0, 2};
        sc.prefixOnly = std::none_of(hanzi::readings(cp).begin(), hanzi::readings(cp).end(),
                                     [&](std::string_view r) { return r == s.pattern; });
        sc.pinlu = s.pinlu(cp);
        sc.uses = c.uses.at(cp);
        found.push_back(std::move(sc));
    }
    std::sort(found.begin(), found.end(), rank);
    for (std::size_t i = 0; i < found.size() && i < 5; ++i) found[i].tier = 0;
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
}

}  // namespace

// [api] -------------------------------------------------------------------------

InputMethod::InputMethod(const Mirror& mirror) : m_db(mirror.db()) {}
InputMethod::~InputMethod() = default;

ImePage InputMethod::candidates(std::string_view letters, std::size_t offset, std::size_t limit) {
    std::string lower;
    for (char ch : letters) {
        char l = static_cast<char>(ch | 0x20);
        if (l < 'a' || l > 'z') return {};
        lower.push_back(l);
    }
    if (lower.empty() || lower.size() > kMaxImeLetters) return {};
    std::string state = mirrorStateKey(m_db);
    if (!m_caches || m_caches->state != state) {
        m_caches = std::make_unique<Caches>();
        m_caches->state = state;
        m_caches->triples = TripleFilter::forState(state);
        loadCharacters(m_db, *m_caches);
        m_lastInput.clear();
    }
    if (lower != m_lastInput) {
        m_lastList = compute(lower);
        m_lastInput = lower;
    }
    ImePage page;
    page.total = m_lastList.size();
    for (std::size_t i = offset; i < m_lastList.size() && i - offset < limit; ++i) page.candidates.push_back(m_lastList[i]);
    return page;
}

std::vector<ImeCandidate> InputMethod::compute(const std::string& letters) {
    Caches& c = *m_caches;
    auto parses = parse(letters);
    TripleFilter::Reader runs(c.triples, m_db);
    std::vector<Scored> all;
    std::set<std::tuple<std::string, bool, std::size_t>> firstSlots;
    // Runs of three and four characters (each checked against the records)
    // only for the readings with the fewest syllables: "jians" is jian + s,
    // and ji + an + s would ask the index about a dozen strings per key.
    std::size_t fewest = parses.empty() ? 0 : parses.front().size();
    for (const Parse& p : parses) fewest = std::min(fewest, p.size());
    for (const Parse& p : parses) {
        if (p.size() >= 2) phrasesFor(m_db, c, p, p.size() == fewest ? 4 : 2, runs, all);
        // Characters for a first syllable, or for a lone letter; a run of
        // initials ("hj", "qqqq") asks for phrases only.
        bool singlesWanted = !p[0].initial || p.size() == 1;
        if (singlesWanted && firstSlots.insert({p[0].pattern, p[0].prefix, p[0].letters}).second)
            singlesFor(c, p[0], all);
    }
    std::stable_sort(all.begin(), all.end(), rank);
    std::vector<ImeCandidate> out;
    std::unordered_set<std::string> seen;
    auto add = [&](ImeCandidate cand) {
        if (out.size() < kMaxImeCandidates && seen.insert(cand.text).second) out.push_back(std::move(cand));
    };
    for (auto& sc : all) add(std::move(sc.candidate));
    return out;
}

std::vector<PairUse> commonPairs(const Mirror& mirror, std::size_t limit) {
    sqlite3* db = mirror.db();
    // A polyphone pair has a row per key, each with the same count.
    sql::Statement q(db, "SELECT pair, max(n) AS m FROM pinyin_pair GROUP BY pair ORDER BY m DESC, pair LIMIT ?1");
    q.bind(1, static_cast<std::int64_t>(limit));
    std::vector<PairUse> out;
    while (q.step() == SQLITE_ROW) out.push_back({q.columnText(0), q.columnInt64(1)});
    return out;
}

}  // namespace gongkai
