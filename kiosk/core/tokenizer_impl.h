// Template body of gongkai::tokenize (tokenizer.h); not included directly.
#pragma once

#include <cstdint>
#include <string>

#include "hanzi.h"

namespace gongkai {

namespace tokenizer_detail {

enum class CharClass { Separator, Cjk, Letter, Digit };

// Decodes one UTF-8 sequence at `i`; invalid bytes become U+FFFD of length 1.
inline char32_t decodeAt(std::string_view s, std::size_t i, int& len) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
    len = 1;
    if (c < 0x80) return c;
    if ((c >> 5) == 0x6 && cont(i + 1)) {
        len = 2;
        return static_cast<char32_t>(((c & 0x1F) << 6) | (b(i + 1) & 0x3F));
    }
    if ((c >> 4) == 0xE && cont(i + 1) && cont(i + 2)) {
        len = 3;
        return static_cast<char32_t>(((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F));
    }
    if ((c >> 3) == 0x1E && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        len = 4;
        return static_cast<char32_t>(((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) |
                                     ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F));
    }
    return 0xFFFD;
}

inline void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

struct Unit {
    char32_t cp = 0;  // normalised
    int start = 0, end = 0;
    CharClass cls = CharClass::Separator;
    bool verbatim = false;  // the input's bytes already are cp's UTF-8
};

// The token text for units a..b (adjacent): a view of the input when it needs
// no normalisation (most text), else their normalised UTF-8 built in `buf`.
inline std::string_view unitText(std::string_view text, const Unit& a, const Unit& b, std::string& buf) {
    if (a.verbatim && b.verbatim && (&a == &b || a.end == b.start))
        return text.substr(static_cast<std::size_t>(a.start), static_cast<std::size_t>(b.end - a.start));
    buf.clear();
    appendUtf8(buf, a.cp);
    if (&a != &b) appendUtf8(buf, b.cp);
    return buf;
}

inline CharClass classify(char32_t cp) {
    if (cp >= 'a' && cp <= 'z') return CharClass::Letter;
    if (cp >= '0' && cp <= '9') return CharClass::Digit;
    if (hanzi::isCjk(cp)) return CharClass::Cjk;
    return CharClass::Separator;
}

// Brackets around a document number's year, after normalisation (full-width
// ( and [ are ASCII by then): [2019] (2019) 〔2019〕 【2019】 〖2019〗.
inline bool isOpenBracket(char32_t c) { return c == '[' || c == '(' || c == 0x3014 || c == 0x3010 || c == 0x3016; }
inline bool isCloseBracket(char32_t c) { return c == ']' || c == ')' || c == 0x3015 || c == 0x3011 || c == 0x3017; }

// The digits right after byte `at` (normalised, appended to `out`); the byte
// where they end, or 0 when there are none.
inline int digitsAfter(std::string_view text, std::size_t at, std::string& out) {
    std::size_t i = at, before = out.size();
    while (i < text.size()) {
        int len = 1;
        char32_t cp = normalizeCodepoint(decodeAt(text, i, len));
        if (cp < '0' || cp > '9') break;
        out.push_back(static_cast<char>(cp));
        i += static_cast<std::size_t>(len);
    }
    return out.size() > before ? static_cast<int>(i) : 0;
}

}  // namespace tokenizer_detail

template <class Emit>
void tokenize(std::string_view text, TokenizeMode mode, Emit&& emit) {
    using namespace tokenizer_detail;
    bool prefix = mode == TokenizeMode::QueryPrefix;
    if (prefix) mode = TokenizeMode::Query;
    std::string buf;
    Unit prev;            // previous unit (for CJK pairs)
    Unit runStart;        // first unit of the current letter/digit run
    Unit beforeRun;       // the unit before it
    bool inRun = false;
    int cjkRun = 0;       // length of the current CJK run
    std::string docNo;
    // A run ends at `next`. A year in brackets followed by a number (〔2019〕4
    // of 国发〔2019〕4号, any brackets; or 国发2019 4号) also gives the token "2019〕4": in
    // documents colocated with the year, in queries instead of it, so that a
    // document number is a phrase with one rare token rather than a walk over
    // the position lists of 2019, 4 and 号 in every document having them all.
    auto flushWord = [&](const Unit& next) {
        if (!inRun) return true;
        inRun = false;
        Token word{buf, runStart.start, prev.end, false};
        int serialEnd = 0;
        bool bracketed = isOpenBracket(beforeRun.cp) && isCloseBracket(next.cp);
        bool spaced = beforeRun.cls == CharClass::Cjk && next.cp == ' ';  // 国发2019 4号
        if (runStart.cls == CharClass::Digit && buf.size() == 4 && (bracketed || spaced)) {
            docNo.assign(buf).append("\u3015");
            serialEnd = digitsAfter(text, static_cast<std::size_t>(next.end), docNo);
            if (prefix && static_cast<std::size_t>(serialEnd) == text.size()) serialEnd = 0;
        }
        if (serialEnd == 0) return emit(word);
        Token special{docNo, runStart.start, serialEnd, mode == TokenizeMode::Document};
        return mode == TokenizeMode::Document ? emit(word) && emit(special) : emit(special);
    };
    for (std::size_t i = 0; i <= text.size();) {
        Unit u;
        if (i < text.size()) {
            int len = 1;
            char32_t raw = decodeAt(text, i, len);
            u.cp = normalizeCodepoint(raw);
            u.verbatim = u.cp == raw && raw != 0xFFFD;
            u.start = static_cast<int>(i);
            u.end = static_cast<int>(i) + len;
            u.cls = classify(u.cp);
            i += static_cast<std::size_t>(len);
        } else {
            u.start = u.end = static_cast<int>(text.size());
            ++i;  // end sentinel: a separator
        }
        bool continuesRun = inRun && u.cls == runStart.cls;
        if (continuesRun) {
            appendUtf8(buf, u.cp);
            prev = u;
            continue;
        }
        if (!flushWord(u)) return;
        if (u.cls == CharClass::Cjk) {
            if (mode == TokenizeMode::Document) {
                if (cjkRun > 0)  // the pair prev+u, colocated with prev's unigram
                    if (!emit(Token{unitText(text, prev, u, buf), prev.start, u.end, true})) return;
                if (!emit(Token{unitText(text, u, u, buf), u.start, u.end, false})) return;
            } else if (cjkRun > 0) {
                if (!emit(Token{unitText(text, prev, u, buf), prev.start, u.end, false})) return;
            }
            ++cjkRun;
        } else {
            // In queries a run of n >= 2 characters is its n-1 pairs (a phrase of
            // them lines up with the document's positions), plus its last
            // character when more tokens follow, to keep their positions; one
            // character alone is that character.
            bool atEnd = i > text.size();
            if (mode == TokenizeMode::Query && (cjkRun == 1 || (cjkRun > 1 && !atEnd)))
                if (!emit(Token{unitText(text, prev, prev, buf), prev.start, prev.end, false})) return;
            cjkRun = 0;
            if (u.cls == CharClass::Letter || u.cls == CharClass::Digit) {
                inRun = true;
                beforeRun = prev;
                runStart = u;
                buf.clear();
                appendUtf8(buf, u.cp);
            }
        }
        prev = u;
    }
}

}  // namespace gongkai
