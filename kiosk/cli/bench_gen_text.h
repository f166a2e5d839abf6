// UTF-8 text helpers for the benchmark generator: counting and cutting by code
// point, splitting Chinese prose into sentences, stripping enumeration
// prefixes (一、 （二） 第三条 …), Chinese numerals, and JSON string escaping.
// Pure functions; thread-safe. Inputs are assumed to be valid UTF-8 (they come
// from parsed JSON or from the generator itself).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::benchgen {

std::size_t codePoints(std::string_view text);

// The longest prefix of `text` holding at most `count` code points.
std::string_view prefixCodePoints(std::string_view text, std::size_t count);

// Splits prose after each 。；！？ (a trailing fragment without one is kept
// too). Leading spaces (ASCII or U+3000) are trimmed from each piece.
std::vector<std::string_view> splitSentences(std::string_view paragraph);

// Removes a leading enumeration: "一、", "（三）", "1．", "2.", "第十二条",
// "第一章", followed by any spaces. Returns the rest (maybe `text` itself).
std::string_view stripNumbering(std::string_view text);

// True for "第…章 …" (a chapter heading of a law).
bool isChapterHeading(std::string_view text);

// True when the text contains a control character (U+0000–U+001F).
bool hasControl(std::string_view text);

// 1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 2310 → 二千三百一十. n in 1..9999.
std::string chineseNumber(unsigned n);

// Appends `text` as a JSON string (quotes included): only `"`, `\` and
// control characters are escaped, everything else is copied as UTF-8.
void appendJsonString(std::string& out, std::string_view text);

// Days since 1970-01-01 ↔ civil date (proleptic Gregorian), integers only.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
void civilFromDays(std::int64_t days, int& year, unsigned& month, unsigned& day);

}  // namespace gongkai::benchgen
