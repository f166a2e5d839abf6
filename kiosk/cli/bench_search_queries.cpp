// Query derivation for `gongkai bench search`.
// Sections: [1] UTF-8 and RNG  [2] title statistics  [3] classes  [4] entry
#include "cli/bench_search_queries.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/hanzi.h"

namespace gongkai::cli {

// [1] UTF-8 and RNG
namespace {

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        out += cp;
        i += static_cast<std::size_t>(n);
    }
    return out;
}

std::string encodeUtf8(std::u32string_view s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

// splitmix64: small, fast, and the same on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }

private:
    std::uint64_t m_state;
};

}  // namespace

std::size_t codePointCount(std::string_view utf8) {
    std::size_t n = 0;
    for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// [2] title statistics
namespace {

struct Source {
    std::u32string title;
    std::string docNo, type;
    int year = 0;
};

// Function characters that make a title bigram a non-word (关于, 的通, 和规...).
bool isStopChar(char32_t c) {
    static const std::u32string stop = U"的了和与及于对关在为是等之其或并由以年月日第号条个这各将把被从向〇";
    return stop.find(c) != std::u32string::npos;
}

// Maximal runs of CJK ideographs in a title.
std::vector<std::u32string> cjkRuns(const std::u32string& s) {
    std::vector<std::u32string> runs;
    std::u32string cur;
    for (char32_t c : s) {
        if (hanzi::isCjk(c)) {
            cur += c;
        } else if (!cur.empty()) {
            runs.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) runs.push_back(std::move(cur));
    return runs;
}

using Counts = std::unordered_map<std::u32string, int>;

// Accessor variety: a sequence that is a word is preceded and followed by
// many different characters (户籍 in 户籍管理, 办理户籍, 户籍迁移); a
// fragment across a word boundary (理规 of 管理规定) is not. Up to 4 distinct
// neighbours are remembered per side (title start and end count as one).
struct Ngram {
    int count = 0;
    std::u32string left, right;
};
constexpr std::size_t kMinVariety = 3;

void noteNeighbour(std::u32string& side, char32_t c) {
    if (side.size() < 4 && side.find(c) == std::u32string::npos) side += c;
}

struct TitleStats {
    Counts chars, bigrams, quadgrams;  // quadgrams and bigrams: word-like ones only
};

void countRun(const std::u32string& run, std::size_t len, std::unordered_map<std::u32string, Ngram>& grams) {
    for (std::size_t i = 0; i + len <= run.size(); ++i) {
        auto key = run.substr(i, len);
        if (std::any_of(key.begin(), key.end(), isStopChar)) continue;
        auto& g = grams[key];
        ++g.count;
        noteNeighbour(g.left, i == 0 ? U'^' : run[i - 1]);
        noteNeighbour(g.right, i + len == run.size() ? U'$' : run[i + len]);
    }
}

Counts wordLike(const std::unordered_map<std::u32string, Ngram>& grams) {
    Counts out;
    for (const auto& [k, g] : grams)
        if (g.left.size() >= kMinVariety && g.right.size() >= kMinVariety) out[k] = g.count;
    return out;
}

TitleStats countTitles(const std::vector<Source>& sources) {
    TitleStats st;
    std::unordered_map<std::u32string, Ngram> bigrams, quadgrams;
    for (const auto& s : sources)
        for (const auto& run : cjkRuns(s.title)) {
            for (char32_t c : run)
                if (!isStopChar(c)) ++st.chars[std::u32string(1, c)];
            countRun(run, 2, bigrams);
            countRun(run, 4, quadgrams);
        }
    st.bigrams = wordLike(bigrams);
    st.quadgrams = wordLike(quadgrams);
    return st;
}

// The `pool` most frequent keys (ties by code point order: no hash order leaks).
std::vector<std::u32string> topKeys(const Counts& counts, std::size_t pool) {
    std::vector<std::pair<int, std::u32string>> v;
    v.reserve(counts.size());
    for (const auto& [k, n] : counts) v.emplace_back(-n, k);
    std::sort(v.begin(), v.end());
    std::vector<std::u32string> out;
    for (std::size_t i = 0; i < v.size() && i < pool; ++i) out.push_back(v[i].second);
    return out;
}

// `n` distinct items drawn from `pool` (partial Fisher-Yates).
std::vector<std::u32string> sample(std::vector<std::u32string> pool, std::size_t n, Rng& rng) {
    std::vector<std::u32string> out;
    for (std::size_t i = 0; i < pool.size() && out.size() < n; ++i) {
        std::swap(pool[i], pool[i + rng.below(pool.size() - i)]);
        out.push_back(pool[i]);
    }
    return out;
}

}  // namespace

// [3] classes
namespace {

struct Builder {
    std::vector<BenchQuery> out;
    std::set<std::pair<std::string, std::string>> seen;  // (class, text + filter)
    void add(const std::string& cls, const std::string& text, const std::string& type = {}, int from = 0,
             int to = 0) {
        if (text.empty() || !seen.emplace(cls, text + "|" + type + std::to_string(from)).second) return;
        out.push_back(BenchQuery{cls, text, type, from, to});
    }
};

std::vector<std::u32string> wordsWithIssueWords(const Counts& bigrams, std::size_t n, Rng& rng) {
    std::vector<std::u32string> words;
    for (const char32_t* w : {U"低保", U"户籍", U"医保", U"征收"})
        if (bigrams.count(w)) words.emplace_back(w);
    for (auto& w : sample(topKeys(bigrams, std::max<std::size_t>(10 * n, 200)), n, rng))
        if (words.size() < n && std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    return words;
}

void addPhrases(Builder& b, const std::vector<Source>& sources, std::size_t n, Rng& rng) {
    std::size_t made = 0;
    for (std::size_t attempt = 0; attempt < 50 * n && made < n && !sources.empty(); ++attempt) {
        auto runs = cjkRuns(sources[rng.below(sources.size())].title);
        if (runs.empty()) continue;
        const auto& run = runs[rng.below(runs.size())];
        if (run.size() < 6) continue;
        std::size_t len = 6 + rng.below(std::min<std::size_t>(run.size(), 10) - 5);
        auto before = b.out.size();
        b.add("phrase", encodeUtf8(run.substr(rng.below(run.size() - len + 1), len)));
        made += b.out.size() - before;
    }
}

void addPinyin(Builder& b, const std::vector<std::u32string>& words) {
    for (const auto& w : words) {
        std::string full, initials;
        bool ok = true;
        for (char32_t c : w) {
            auto r = hanzi::readings(c);
            if (r.empty()) ok = false;
            if (!ok) break;
            full += r[0];
            initials += hanzi::initial(r[0]);
        }
        if (!ok) continue;
        b.add("pinyin", full);
        b.add("initials", initials);
        for (std::size_t len = 2; len < full.size(); ++len) b.add("prefix", full.substr(0, len));
    }
}

// 示政〔2020〕32号 -> the other bracket styles, the spaced form, full-width digits.
void addDocNo(Builder& b, const std::string& docNo) {
    b.add("docno", docNo);
    auto s = decodeUtf8(docNo);
    std::u32string full = s;
    for (auto& c : full)
        if (c >= U'0' && c <= U'9') c = c - U'0' + U'\uFF10';
    static const std::u32string opens = U"〔[(（【［", closes = U"〕])）】］";
    auto open = s.find_first_of(opens);
    auto close = open == std::u32string::npos ? open : s.find_first_of(closes, open + 1);
    if (close != std::u32string::npos) {
        auto head = s.substr(0, open), year = s.substr(open + 1, close - open - 1), tail = s.substr(close + 1);
        for (auto [l, r] : {std::pair{U'〔', U'〕'}, std::pair{U'[', U']'}, std::pair{U'(', U')'}})
            b.add("docno", encodeUtf8(head + l + year + r + tail));
        b.add("docno", encodeUtf8(head + year + U' ' + tail));
    }
    b.add("docno", encodeUtf8(full));
}

void addFiltered(Builder& b, const std::vector<Source>& sources, const Counts& bigrams, std::size_t n,
                 Rng& rng) {
    std::size_t made = 0;
    for (std::size_t attempt = 0; attempt < 50 * n && made < n && !sources.empty(); ++attempt) {
        const auto& src = sources[rng.below(sources.size())];
        std::vector<std::u32string> words;
        for (const auto& run : cjkRuns(src.title))
            for (std::size_t i = 0; i + 2 <= run.size(); ++i)
                if (auto it = bigrams.find(run.substr(i, 2)); it != bigrams.end() && it->second >= 3)
                    words.push_back(it->first);
        if (words.empty() || src.year <= 0) continue;
        auto word = encodeUtf8(words[rng.below(words.size())]);
        auto before = b.out.size();
        if (made % 2 == 0) b.add("filtered", word, src.type);
        else b.add("filtered", word, {}, src.year - 1, src.year + 1);
        made += b.out.size() - before;
    }
}

}  // namespace

// [4] entry
const std::vector<BenchClass>& benchClasses() {
    static const std::vector<BenchClass> classes = {
        {"cjk1", "1-char CJK", false},         {"cjk2", "2-char CJK", false},
        {"cjk4", "4-char CJK", false},         {"phrase", "phrase 6-10", false},
        {"pinyin", "full pinyin", true},       {"initials", "initials", true},
        {"prefix", "pinyin prefixes", true},   {"docno", "文号", false},
        {"filtered", "filtered", false},
    };
    return classes;
}

namespace {

Result<std::vector<Source>> readSources(BenchDb& db) {
    std::vector<Source> sources;
    BenchStmt st(db.handle(), "SELECT title, doc_no, type, year FROM plain ORDER BY rowid");
    while (st.row())
        sources.push_back(Source{decodeUtf8(st.text(0)), std::string(st.text(1)), std::string(st.text(2)),
                                 static_cast<int>(st.integer(3))});
    if (!st.done()) return Error{"query set: " + db.lastError()};
    return sources;
}

}  // namespace

Result<std::vector<BenchQuery>> deriveBenchQueries(BenchDb& textStore, int perClass, std::uint64_t seed) {
    auto sources = readSources(textStore);
    if (!sources) return sources.error();
    const auto& src = sources.value();
    auto n = static_cast<std::size_t>(std::max(perClass, 1));
    auto stats = countTitles(src);
    Rng rng(seed);
    Builder b;
    for (const auto& c : sample(topKeys(stats.chars, 10 * n), n, rng)) b.add("cjk1", encodeUtf8(c));
    auto words2 = wordsWithIssueWords(stats.bigrams, n, rng);
    for (const auto& w : words2) b.add("cjk2", encodeUtf8(w));
    auto words4 = sample(topKeys(stats.quadgrams, 10 * n), n, rng);
    for (const auto& w : words4) b.add("cjk4", encodeUtf8(w));
    addPhrases(b, src, n, rng);
    std::vector<std::u32string> pinyinWords;
    for (std::size_t i = 0; pinyinWords.size() < n && i < std::max(words2.size(), words4.size()); ++i) {
        if (i < words2.size()) pinyinWords.push_back(words2[i]);
        if (i < words4.size() && pinyinWords.size() < n) pinyinWords.push_back(words4[i]);
    }
    addPinyin(b, pinyinWords);
    std::set<std::string> docNos;
    for (const auto& s : src)
        if (!s.docNo.empty()) docNos.insert(s.docNo);
    std::vector<std::u32string> docNoPool;
    for (const auto& d : docNos) docNoPool.push_back(decodeUtf8(d));
    for (const auto& d : sample(docNoPool, n, rng)) addDocNo(b, encodeUtf8(d));
    addFiltered(b, src, stats.bigrams, n, rng);
    return std::move(b.out);
}

Result<bool> textStoreContains(BenchDb& textStore, const std::string& text) {
    BenchStmt st(textStore.handle(),
                 "SELECT EXISTS(SELECT 1 FROM plain WHERE instr(title, ?1) OR instr(ref, ?1)"
                 " OR instr(summary, ?1) OR instr(body, ?1))");
    st.bind(1, text);
    if (!st.row()) return Error{"ground truth: " + textStore.lastError()};
    return st.integer(0) != 0;
}

}  // namespace gongkai::cli
