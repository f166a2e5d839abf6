// Pinyin input for search. Residents type pinyin on an on-screen QWERTY
// keyboard without an input method: full syllables (hujiguanli), initials
// (hjgl), a mix (hujgl), and an unfinished last syllable while typing (hujig).
//
// This module finds the ways to read a string of letters as one reading per
// character position: a syllable ("~hu") or the first letter of one ("^h").
// Initials are first letters, as input methods take them: 生 (sheng) is "^s",
// so both "zs" and "zsh" find 招生. pinyin_convert.h turns such readings into
// the Chinese text the mirror has; the search index holds no pinyin.
// Pure functions over immutable data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::pinyin {

inline constexpr char kSyllableMark = '~';  // "~hu": the reading hu
inline constexpr char kInitialMark = '^';   // "^h": a reading starting with h

struct Reading {
    // One reading per character position, e.g. {"~hu", "~ji", "^g"}.
    std::vector<std::string> tokens;
    // The last position may be an unfinished syllable: match it as a prefix.
    bool lastIsPrefix = false;
};

// The readings of `letters` (lowercase a-z; 'v' stands for ü), best first:
// fewest positions, then fewest initials. At most `limit`. Empty when the
// letters cannot be pinyin. Letters longer than 32 give no readings.
std::vector<Reading> segment(std::string_view letters, std::size_t limit = 6);

}  // namespace gongkai::pinyin
