#include "search_snippet.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "hanzi.h"
#include "search_index.h"
#include "tokenizer.h"

namespace gongkai {

// Each quoted phrase on its own: tokenized together, a phrase followed by
// another would keep its last character as a token of its own, and 低保
// among the pinyin candidates would light up every 保 in the text.
TokenSet highlightTokens(const std::string& matchExpression) {
    TokenSet tokens;
    std::string phrase;
    bool inside = false;
    for (std::size_t i = 0; i < matchExpression.size(); ++i) {
        char c = matchExpression[i];
        if (c != '"') {
            if (inside) phrase.push_back(c);
            continue;
        }
        if (inside && i + 1 < matchExpression.size() && matchExpression[i + 1] == '"') {  // "" inside a phrase
            phrase.push_back('"');
            ++i;
            continue;
        }
        if (inside)
            tokenize(phrase, TokenizeMode::Query, [&](const Token& t) {
                tokens.emplace(t.text);
                return true;
            });
        inside = !inside;
        phrase.clear();
    }
    return tokens;
}

namespace {

using Spans = std::vector<std::pair<int, int>>;  // byte ranges of matching tokens

// Byte searches for the probe below, 16 bytes at a time where SSE2 is there
// (x86-64 always): glibc's memmem walks a three-byte needle (a CJK
// character) at a fraction of that speed, and a hit whose body lacks the
// query's character is searched end to end.
constexpr std::size_t kNotFound = std::string_view::npos;

std::size_t memmemAt(std::string_view hay, std::size_t from, std::string_view needle) {
    const void* p = ::memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - hay.data()) : kNotFound;
}

#if defined(__SSE2__)
// Where `needle` first occurs in `hay`, or kNotFound.
std::size_t findBytes(std::string_view hay, std::string_view needle) {
    const std::size_t k = needle.size();
    if (k < 2 || hay.size() < k + 16) return k == 0 ? 0 : memmemAt(hay, 0, needle);
    const __m128i first = _mm_set1_epi8(needle[0]), last = _mm_set1_epi8(needle[k - 1]);
    std::size_t i = 0;
    for (; i + k - 1 + 16 <= hay.size(); i += 16) {  // candidates: first and last bytes in place
        __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + i));
        __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + i + k - 1));
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        for (; mask; mask &= mask - 1) {
            std::size_t at = i + static_cast<unsigned>(__builtin_ctz(mask));
            if (std::memcmp(hay.data() + at + 1, needle.data() + 1, k - 2) == 0) return at;
        }
    }
    return memmemAt(hay, i, needle);
}

// Where the first byte from 0xF0 up (a character outside the BMP) stands, or kNotFound.
std::size_t firstByteFrom0xF0(std::string_view s) {
    const __m128i f0 = _mm_set1_epi8(static_cast<char>(0xF0));
    std::size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        if (auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x, f0), x))))
            return i + static_cast<unsigned>(__builtin_ctz(mask));
    }
    for (; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) >= 0xF0) return i;
    return kNotFound;
}

// Where the first of `needles` (one byte or more each), a backslash or a
// byte from 0xF0 up stands in `hay`, or kNotFound; kFusedNeedles at most.
// One pass for them all: a record's JSON searched for 贴 and 貼, escapes and
// characters outside the BMP took four.
constexpr std::size_t kFusedNeedles = 8;

bool isStopByte(char c) { return c == '\\' || static_cast<unsigned char>(c) >= 0xF0; }

std::size_t matchOrStopAt(std::string_view hay, std::size_t at, const std::vector<std::string>& needles) {
    if (isStopByte(hay[at])) return at;
    for (const auto& n : needles)
        if (hay.size() - at >= n.size() && std::memcmp(hay.data() + at, n.data(), n.size()) == 0) return at;
    return kNotFound;
}

std::size_t findFirstOf(std::string_view hay, const std::vector<std::string>& needles) {
    __m128i first[kFusedNeedles], last[kFusedNeedles];
    std::array<std::size_t, kFusedNeedles> lastAt{};
    std::size_t reach = 1;  // bytes a candidate at i needs
    for (std::size_t n = 0; n < needles.size(); ++n) {
        first[n] = _mm_set1_epi8(needles[n].front());
        last[n] = _mm_set1_epi8(needles[n].back());
        lastAt[n] = needles[n].size() - 1;
        reach = std::max(reach, needles[n].size());
    }
    const __m128i f0 = _mm_set1_epi8(static_cast<char>(0xF0)), slash = _mm_set1_epi8('\\');
    std::size_t i = 0;
    for (; i + reach - 1 + 16 <= hay.size(); i += 16) {
        const char* p = hay.data() + i;
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, f0), x), _mm_cmpeq_epi8(x, slash));
        for (std::size_t n = 0; n < needles.size(); ++n) {
            __m128i end = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + lastAt[n]));
            hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(x, first[n]), _mm_cmpeq_epi8(end, last[n])));
        }
        for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask; mask &= mask - 1)
            if (std::size_t at = matchOrStopAt(hay, i + static_cast<unsigned>(__builtin_ctz(mask)), needles);
                at != kNotFound)
                return at;
    }
    for (; i < hay.size(); ++i)
        if (std::size_t at = matchOrStopAt(hay, i, needles); at != kNotFound) return at;
    return kNotFound;
}
#else
std::size_t findBytes(std::string_view hay, std::string_view needle) { return memmemAt(hay, 0, needle); }

std::size_t firstByteFrom0xF0(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) >= 0xF0) return i;
    return kNotFound;
}
#endif

// A quick test before tokenizing: where in `text` may the first of the
// tokens (after normalisation) be? Most paragraphs of a long record have
// none, and skipping them is most of what makes snippets cheap; in the others
// tokenizing starts there, not at the paragraph's start. Each token is
// searched for as UTF-8 bytes (findBytes), in every form that normalises to
// it (户 and 戶, a and A, ａ, Ａ): decoding and normalising every character of
// a long text cost more than the rest of the snippet.
//  * A two-character CJK token (a pair) is searched for whole, each
//    character in each of its forms: its first character alone (公 of 公示)
//    is in most paragraphs of a notice.
//  * Any other token by its first character. A CJK character's tokens do not
//    depend on what stands before it (tokenizer.h), so tokenizing may start
//    there; a word of letters or digits may start before the character
//    found (a of banana), so then tokenizing starts at the text's start.
//  * A text with characters outside the BMP is decoded as before, from its start.
class TokenProbe {
public:
    explicit TokenProbe(const TokenSet& tokens) : m_first(kBmp / 64, 0) {
        for (const auto& t : tokens) {
            if (t.empty()) continue;
            int len = 1, secondLen = 0;
            char32_t cp = tokenizer_detail::decodeAt(t, 0, len);
            char32_t second = static_cast<std::size_t>(len) < t.size()
                                  ? tokenizer_detail::decodeAt(t, static_cast<std::size_t>(len), secondLen)
                                  : 0;
            if (cp >= kBmp) m_any = true;
            else m_first[cp / 64] |= std::uint64_t{1} << (cp % 64);
            bool cjk = hanzi::isCjk(cp);
            if (!cjk) m_fromStart = true;
            bool pair = cjk && second < kBmp && hanzi::isCjk(second) &&
                        static_cast<std::size_t>(len + secondLen) == t.size();
            auto firstForms = formsOf(cp), secondForms = pair ? formsOf(second) : std::vector<char32_t>{};
            if (pair && firstForms.size() * secondForms.size() <= kMaxPairNeedles) {
                for (char32_t a : firstForms)
                    for (char32_t b : secondForms) addNeedle({a, b});
            } else {
                for (char32_t a : firstForms) addNeedle({a});
            }
        }
    }

    // The byte of `text` where tokenizing it may start without missing one
    // of the tokens, or kNotFound when it has none.
    std::size_t firstCandidate(std::string_view text) const {
        if (m_any) return 0;
        if (firstByteFrom0xF0(text) != kNotFound) {
            for (std::size_t i = 0; i < text.size();) {
                int len = 1;
                char32_t cp = normalizeCodepoint(tokenizer_detail::decodeAt(text, i, len));
                i += static_cast<std::size_t>(len);
                if (cp < kBmp && (m_first[cp / 64] >> (cp % 64) & 1)) return 0;
            }
            return kNotFound;
        }
        std::size_t first = firstNeedle(text);
        return m_fromStart && first != kNotFound ? 0 : first;
    }

    // A bound for skipping the raw JSON strings that cannot match: where in
    // `json` the first of the probe's byte strings, a JSON escape (\u534e is
    // 华 too) or a character outside the BMP stands, or kNotFound.
    std::size_t firstHint(std::string_view json) const {
        if (m_any) return 0;
#if defined(__SSE2__)
        if (m_needles.size() <= kFusedNeedles) return findFirstOf(json, m_needles);
#endif
        std::size_t best = firstNeedle(json);
        std::string_view before = json.substr(0, best);
        best = std::min(best, before.find('\\'));
        return std::min(best, firstByteFrom0xF0(before.substr(0, best)));
    }

    // Whether a normalised token may be one of them (its first character starts one).
    bool mayStart(std::string_view token) const {
        if (m_any || token.empty()) return true;
        int len = 1;
        char32_t cp = tokenizer_detail::decodeAt(token, 0, len);
        return cp >= kBmp || (m_first[cp / 64] >> (cp % 64) & 1);
    }

private:
    static constexpr char32_t kBmp = 0x10000;
    // A pair whose characters have more forms than this between them is
    // searched for by its first character alone (a CJK character has one to
    // three forms: 户 戶 戸).
    static constexpr std::size_t kMaxPairNeedles = 16;

    // (normalised, other code point that normalises to it) for the BMP,
    // sorted: built once per process (65 536 normalisations, under a ms).
    static const std::vector<std::pair<char32_t, char32_t>>& bmpVariants() {
        static const auto table = [] {
            std::vector<std::pair<char32_t, char32_t>> v;
            for (char32_t c = 0; c < kBmp; ++c) {
                if (c >= 0xD800 && c < 0xE000) continue;  // surrogates are not characters
                if (char32_t n = normalizeCodepoint(c); n != c) v.emplace_back(n, c);
            }
            std::sort(v.begin(), v.end());
            return v;
        }();
        return table;
    }

    // Where the first of the needles stands in `text`, or kNotFound: each is
    // searched for only before the best so far.
    std::size_t firstNeedle(std::string_view text) const {
        std::size_t best = kNotFound;
        for (const auto& n : m_needles) {
            std::size_t end = best == kNotFound ? text.size() : std::min(text.size(), best + n.size() - 1);
            if (std::size_t at = findBytes(text.substr(0, end), n); at != kNotFound) best = at;
        }
        return best;
    }

    // A normalised code point and the BMP code points that normalise to it.
    static std::vector<char32_t> formsOf(char32_t cp) {
        std::vector<char32_t> forms{cp};
        const auto& variants = bmpVariants();
        for (auto it = std::lower_bound(variants.begin(), variants.end(), std::pair<char32_t, char32_t>{cp, 0});
             it != variants.end() && it->first == cp; ++it)
            forms.push_back(it->second);
        return forms;
    }

    void addNeedle(std::initializer_list<char32_t> cps) {
        std::string bytes;
        for (char32_t cp : cps) tokenizer_detail::appendUtf8(bytes, cp);
        if (std::find(m_needles.begin(), m_needles.end(), bytes) == m_needles.end()) m_needles.push_back(bytes);
    }

    std::vector<std::uint64_t> m_first;  // bit per code point that starts a token
    std::vector<std::string> m_needles;  // UTF-8 of each form of each token (pair) or of its first character
    bool m_any = false;                  // a token outside the BMP: test everything
    bool m_fromStart = false;            // a token that does not start with a CJK character
};

// The matching tokens of `text`, from the first one to a little past the
// snippet's window (nothing after it can be shown), tokenizing from byte
// `from` (TokenProbe::firstCandidate). A token whose first character starts
// none of the query's is not looked up.
Spans matchingSpans(std::string_view text, std::size_t from, const TokenSet& tokens, const TokenProbe& probe) {
    Spans spans;
    constexpr int kWindowBytes = (kSnippetLength + kSnippetBefore) * 4;
    const int offset = static_cast<int>(from);
    tokenize(text.substr(from), TokenizeMode::Document, [&](const Token& t) {
        if (!spans.empty() && t.start + offset > spans.front().first + kWindowBytes) return false;
        if (probe.mayStart(t.text) && tokens.find(t.text) != tokens.end())
            spans.emplace_back(t.start + offset, t.end + offset);
        return spans.size() < 64;
    });
    return spans;
}

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int charIndexOfByte(std::string_view s, int byte) {
    int chars = 0;
    for (int i = 0; i < byte && i < static_cast<int>(s.size()); ++i)
        if (!isContinuation(s[static_cast<std::size_t>(i)])) ++chars;
    return chars;
}

// The first `count` characters of `s`.
std::string prefixChars(std::string_view s, int count) {
    std::size_t e = 0;
    for (int k = 0; e < s.size() && k < count; ++k)
        for (++e; e < s.size() && isContinuation(s[e]);) ++e;
    return std::string(s.substr(0, e));
}

// The byte `count` characters before byte `at` of `s` (or its start): the
// snippet starts there, and nothing before it need be counted, however long
// the paragraph.
std::size_t charsBefore(std::string_view s, std::size_t at, int count) {
    for (int k = 0; k < count && at > 0; ++k)
        for (--at; at > 0 && isContinuation(s[at]);) --at;
    return at;
}

// charIndexOfByte for offsets asked in rising order, counting on from the
// last one (it starts over when asked for an earlier one): spans come in
// text order, and counting from the start for each of 64 spans of a long
// paragraph was most of cut().
class CharIndex {
public:
    explicit CharIndex(std::string_view s) : m_s(s) {}
    int at(int byte) {
        if (byte < m_byte) m_byte = m_chars = 0;
        for (; m_byte < byte && m_byte < static_cast<int>(m_s.size()); ++m_byte)
            if (!isContinuation(m_s[static_cast<std::size_t>(m_byte)])) ++m_chars;
        return m_chars;
    }

private:
    std::string_view m_s;
    int m_byte = 0, m_chars = 0;
};

Snippet cut(std::string_view text, const Spans& spans) {
    Snippet out;
    const std::size_t from = spans.empty() ? 0 : charsBefore(text, static_cast<std::size_t>(spans.front().first), kSnippetBefore);
    const std::string_view shown = text.substr(from);
    const int offset = static_cast<int>(from);
    CharIndex starts(shown), ends(shown);
    out.text = prefixChars(shown, kSnippetLength);
    std::replace(out.text.begin(), out.text.end(), '\n', ' ');
    int length = charIndexOfByte(out.text, static_cast<int>(out.text.size()));
    int lastEnd = -1;
    for (auto [b, e] : spans) {
        int start = starts.at(b - offset), end = std::min(ends.at(e - offset), length);
        if (start < 0 || start >= length) continue;
        start = std::max(start, lastEnd);  // overlapping pairs merge
        if (end <= start) continue;
        auto& h = out.highlights;
        if (!h.empty() && h.back().first + h.back().second == start) h.back().second += end - start;
        else h.emplace_back(start, end - start);
        lastEnd = end;
    }
    return out;
}

// Where the object or array at byte `at` of `json` ends (one past its
// closing bracket), or kNotFound when it does not end in `json` or is not
// one. `json` must hold no backslash from `at` on (TokenProbe::firstHint
// stops at every escape), so that every quote opens or closes a string and
// brackets between quotes are text.
std::size_t valueEnd(std::string_view json, std::size_t at) {
    if (at >= json.size() || (json[at] != '{' && json[at] != '[')) return kNotFound;
    int depth = 0;
    bool inString = false;
    auto step = [&](char c) {  // true at the closing bracket
        if (c == '"') inString = !inString;
        else if (inString) return false;
        else if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') return --depth == 0;
        return false;
    };
    std::size_t i = at;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}'),
                  openSquare = _mm_set1_epi8('['), closeSquare = _mm_set1_epi8(']');
    for (; i + 16 <= json.size(); i += 16) {
        __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(json.data() + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, open)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, close),
                                                _mm_or_si128(_mm_cmpeq_epi8(x, openSquare), _mm_cmpeq_epi8(x, closeSquare))));
        for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask; mask &= mask - 1) {
            std::size_t k = i + static_cast<unsigned>(__builtin_ctz(mask));
            if (step(json[k])) return k + 1;
        }
    }
#endif
    for (; i < json.size(); ++i)
        if (step(json[i])) return i + 1;
    return kNotFound;
}

// A JSON string's text: its raw bytes when it has no escapes (the common
// case: canonical records keep CJK as UTF-8), else decoded.
std::string decodeJsonString(std::string_view raw, bool escaped) {
    if (!escaped) return std::string(raw);
    auto j = nlohmann::json::parse(std::string("\"") + std::string(raw) + "\"", nullptr, false);
    return j.is_string() ? j.get<std::string>() : std::string();
}

// Walks a record's JSON without building anything: strings are handed over
// as views of the line, and only the ones a snippet may come from are
// copied. Depths: 1 = the record's fields, 2 = an array field's items (body
// blocks), 3 = a block's fields, 5 = table cells.
class SnippetFinder {
public:
    SnippetFinder(std::string_view type, const TokenSet& tokens) : m_type(type), m_tokens(tokens), m_probe(tokens) {}

    // Stops at the first body text with a match, or at malformed JSON.
    void walk(std::string_view json) {
        m_json = json;
        m_at = 0;
        value();
    }

    Snippet result() const {
        for (TextField f : {TextField::Body, TextField::Summary, TextField::Title, TextField::Ref})
            if (const auto& found = m_found[index(f)]; !found.spans.empty()) return cut(found.text, found.spans);
        return cut(m_firstBody, {});
    }

private:
    struct Found {
        std::string text;
        Spans spans;
    };
    static std::size_t index(TextField f) { return static_cast<std::size_t>(f); }

    // Each returns false to stop the walk (done, or malformed).
    bool value() {
        skipSpace();
        if (m_at >= m_json.size()) return false;
        char c = m_json[m_at];
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') {
            std::string_view raw;
            bool escaped = false;
            return string(raw, escaped) && text(raw, escaped);
        }
        while (m_at < m_json.size() && std::string_view(",]} \t\r\n").find(m_json[m_at]) == std::string_view::npos)
            ++m_at;  // number, true, false, null
        return true;
    }
    bool object() {
        ++m_at;
        ++m_depth;
        for (bool first = true;; first = false) {
            skipSpace();
            if (m_at < m_json.size() && m_json[m_at] == '}') break;
            if (!first && !expect(',')) return false;
            skipSpace();
            std::string_view raw;
            bool escaped = false;
            if (!string(raw, escaped) || !expect(':')) return false;
            std::string key = decodeJsonString(raw, escaped);
            if (m_depth == 1) m_topKey = key;
            else if (m_depth == 3) m_blockKey = key;
            if (!value()) return false;
        }
        ++m_at;
        --m_depth;
        return true;
    }
    bool array() {
        ++m_at;
        ++m_depth;
        for (bool first = true;; first = false) {
            skipSpace();
            if (m_at < m_json.size() && m_json[m_at] == ']') break;
            if (!first && !expect(',')) return false;
            if (skipBlock()) continue;
            if (!value()) return false;
        }
        ++m_at;
        --m_depth;
        return true;
    }
    // The raw bytes between the quotes at m_at.
    bool string(std::string_view& raw, bool& escaped) {
        if (m_at >= m_json.size() || m_json[m_at] != '"') return false;
        std::size_t begin = ++m_at;
        // memchr to the next quote, then to any backslash before it: a
        // paragraph is walked at memchr's speed, not a byte at a time.
        for (;;) {
            std::size_t quote = m_json.find('"', m_at);
            if (quote == std::string_view::npos) return false;
            std::size_t slash = m_json.substr(0, quote).find('\\', m_at);
            if (slash == std::string_view::npos) {
                m_at = quote;
                break;
            }
            escaped = true;
            m_at = slash + 2;  // the escaped character, a quote or not, is skipped
            if (m_at > m_json.size()) return false;
        }
        raw = m_json.substr(begin, m_at++ - begin);
        return true;
    }
    bool expect(char c) {
        skipSpace();
        if (m_at >= m_json.size() || m_json[m_at] != c) return false;
        ++m_at;
        return true;
    }
    void skipSpace() {
        while (m_at < m_json.size() && (m_json[m_at] == ' ' || m_json[m_at] == '\n' || m_json[m_at] == '\t' ||
                                        m_json[m_at] == '\r'))
            ++m_at;
    }

    // A string value: false once the body has given the snippet.
    bool text(std::string_view raw, bool escaped) {
        TextField field = fieldHere();
        if (field == TextField::None) return true;
        auto& found = m_found[index(field)];
        bool firstBody = field == TextField::Body && m_firstBody.empty();
        if (!firstBody && (!found.spans.empty() || !mayMatchHere(raw))) return true;
        std::string decoded = escaped ? decodeJsonString(raw, true) : std::string();
        std::string_view value = escaped ? std::string_view(decoded) : raw;
        if (firstBody) m_firstBody = value;
        if (!found.spans.empty()) return true;
        std::size_t from = m_probe.firstCandidate(value);
        if (from == kNotFound) return true;
        found.spans = matchingSpans(value, from, m_tokens, m_probe);
        if (found.spans.empty()) return true;
        found.text = std::string(value);
        return field != TextField::Body;  // the body is where snippets come from first: done
    }

    // The first place at or after byte `begin` of the JSON where a match may
    // start, or kNotFound: the JSON is searched for it once, ahead of the
    // walk, and again only past it, so the strings before it (most of a long
    // law's paragraphs) are not probed one by one.
    std::size_t nextHint(std::size_t begin) {
        if (m_hintFrom == kNotFound || m_hintFrom > begin || (m_hint != kNotFound && m_hint < begin)) {
            std::size_t at = m_probe.firstHint(m_json.substr(begin));
            m_hintFrom = begin;
            m_hint = at == kNotFound ? kNotFound : begin + at;
        }
        return m_hint;
    }

    // Whether the raw string `raw` (a view into the record's JSON) reaches
    // the next place a match may start.
    bool mayMatchHere(std::string_view raw) {
        auto begin = static_cast<std::size_t>(raw.data() - m_json.data());
        std::size_t hint = nextHint(begin);
        return hint != kNotFound && hint < begin + raw.size();
    }

    // Skips the body block at m_at when the next place a match may start
    // lies past its end: a long law's paragraphs before its first match are
    // passed over by a scan of their brackets and quotes, not walked string
    // by string. The body's first text is walked all the same (it is the
    // snippet when nothing matches). False when the block must be walked.
    bool skipBlock() {
        if (m_depth != 2 || m_firstBody.empty() || m_topKey != "body") return false;
        skipSpace();
        std::size_t end = valueEnd(m_json.substr(0, std::min(nextHint(m_at), m_json.size())), m_at);
        if (end == kNotFound) return false;
        m_at = end;
        return true;
    }

    // The column the string at the current position is indexed in.
    TextField fieldHere() const {
        if (m_topKey == "body") {
            bool blockText = m_depth == 3 && (m_blockKey == "h" || m_blockKey == "p" || m_blockKey == "caption");
            bool cell = m_depth == 5 && m_blockKey == "table";
            return blockText || cell ? TextField::Body : TextField::None;
        }
        return m_depth <= 2 ? indexedFieldOf(m_type, m_topKey) : TextField::None;
    }

    std::string_view m_type;
    const TokenSet& m_tokens;
    TokenProbe m_probe;
    std::string_view m_json;
    std::size_t m_at = 0;
    int m_depth = 0;
    std::string m_topKey, m_blockKey, m_firstBody;
    // m_hint: the first place at or after m_hintFrom where a match may start
    // in m_json (TokenProbe::firstHint); kNotFound in m_hintFrom: not searched yet.
    std::size_t m_hintFrom = kNotFound, m_hint = kNotFound;
    std::array<Found, 5> m_found;
};

}  // namespace

Snippet snippetOf(std::string_view recordJson, std::string_view type, const TokenSet& tokens) {
    SnippetFinder finder(type, tokens);
    finder.walk(recordJson);
    return finder.result();
}

}  // namespace gongkai
