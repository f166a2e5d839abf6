#include "bench_gen_text.h"

#include <array>

namespace gongkai::benchgen {

namespace {

// Decodes the code point at `pos` and advances `pos`; assumes valid UTF-8.
char32_t decodeAt(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (pos + len > s.size()) len = s.size() - pos;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | (byte(pos + i) & 0x3F);
    pos += len;
    return cp;
}

bool isChineseDigit(char32_t c) {
    return std::u32string_view(U"零〇一二三四五六七八九十百千两").find(c) != std::u32string_view::npos;
}

bool isSpace(char32_t c) { return c == U' ' || c == U'\u3000' || c == U'\t'; }

std::string_view skipSpaces(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t next = pos;
        if (!isSpace(decodeAt(s, next))) break;
        pos = next;
    }
    return s.substr(pos);
}

// Length in bytes of a "第…X" prefix whose last character is in `ends`, or 0.
std::size_t ordinalPrefix(std::string_view s, std::u32string_view ends) {
    std::size_t pos = 0;
    if (s.empty() || decodeAt(s, pos) != U'第') return 0;
    std::size_t digits = 0;
    while (pos < s.size()) {
        std::size_t next = pos;
        const char32_t c = decodeAt(s, next);
        if (isChineseDigit(c) || (c >= U'0' && c <= U'9')) {
            pos = next;
            ++digits;
            continue;
        }
        return digits > 0 && ends.find(c) != std::u32string_view::npos ? next : 0;
    }
    return 0;
}

// Length in bytes of "一、" / "（一）" / "(1)" / "1．" / "1." / "1、" prefixes, or 0.
std::size_t listPrefix(std::string_view s) {
    std::size_t pos = 0;
    const char32_t first = s.empty() ? 0 : decodeAt(s, pos);
    const bool open = first == U'（' || first == U'(';
    if (!open) pos = 0;
    std::size_t digits = 0;
    while (pos < s.size()) {
        std::size_t next = pos;
        const char32_t c = decodeAt(s, next);
        const bool digit = isChineseDigit(c) || (c >= U'0' && c <= U'9');
        if (digit) {
            pos = next;
            ++digits;
            continue;
        }
        if (digits == 0) return 0;
        if (open) return (c == U'）' || c == U')') ? next : 0;
        return (c == U'、' || c == U'．' || c == U'.') ? next : 0;
    }
    return 0;
}

}  // namespace

std::size_t codePoints(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

std::string_view prefixCodePoints(std::string_view text, std::size_t count) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < count && pos < text.size(); ++i) decodeAt(text, pos);
    return text.substr(0, pos);
}

std::vector<std::string_view> splitSentences(std::string_view paragraph) {
    std::vector<std::string_view> out;
    std::size_t start = 0, pos = 0;
    while (pos < paragraph.size()) {
        const char32_t c = decodeAt(paragraph, pos);
        if (c == U'。' || c == U'；' || c == U'！' || c == U'？') {
            const auto piece = skipSpaces(paragraph.substr(start, pos - start));
            if (!piece.empty()) out.push_back(piece);
            start = pos;
        }
    }
    const auto rest = skipSpaces(paragraph.substr(start));
    if (!rest.empty()) out.push_back(rest);
    return out;
}

std::string_view stripNumbering(std::string_view text) {
    text = skipSpaces(text);
    std::size_t cut = ordinalPrefix(text, U"条章节编款");
    if (cut == 0) cut = listPrefix(text);
    return skipSpaces(text.substr(cut));
}

bool isChapterHeading(std::string_view text) { return ordinalPrefix(skipSpaces(text), U"章") > 0; }

bool hasControl(std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20) return true;
    return false;
}

std::string chineseNumber(unsigned n) {
    static constexpr std::array<const char*, 10> kDigit = {"零", "一", "二", "三", "四",
                                                           "五", "六", "七", "八", "九"};
    static constexpr std::array<const char*, 4> kUnit = {"", "十", "百", "千"};
    if (n == 0 || n > 9999) return std::to_string(n);
    std::array<unsigned, 4> d = {n % 10, n / 10 % 10, n / 100 % 10, n / 1000};
    int top = d[3] ? 3 : d[2] ? 2 : d[1] ? 1 : 0;
    std::string out;
    bool pendingZero = false;
    for (int i = top; i >= 0; --i) {
        if (d[i] == 0) {
            pendingZero = true;
            continue;
        }
        if (pendingZero && !out.empty()) out += kDigit[0];
        pendingZero = false;
        // 十二, not 一十二, when ten is the leading unit.
        if (!(i == 1 && d[i] == 1 && i == top)) out += kDigit[d[i]];
        out += kUnit[i];
    }
    return out;
}

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

std::int64_t daysFromCivil(int year, unsigned month, unsigned day) {
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2));
}

}  // namespace gongkai::benchgen
