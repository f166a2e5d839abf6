// Pinyin input for search. Residents type pinyin on an on-screen QWERTY
// keyboard without an input method: full syllables (hujiguanli), initials
// (hjgl), a mix (hujgl), and an unfinished last syllable while typing (hujig).
//
// The index holds, colocated with every CJK character, a token per reading
// ("~hu") and per first letter of a reading ("^h") — see tokenizer.h. Initials
// are first letters, as input methods take them: 生 (sheng) is "^s", so both
// "zs" and "zsh" find 招生. A pinyin query becomes
// phrases of such tokens, one per character position; this module finds the
// ways to read a string of letters as such a sequence.
// Pure functions over immutable data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::pinyin {

inline constexpr char kSyllableMark = '~';  // token "~hu": reading hu
inline constexpr char kInitialMark = '^';   // token "^h": a reading starting with h

struct Reading {
    // One index token per character position, e.g. {"~hu", "~ji", "^g"}.
    std::vector<std::string> tokens;
    // The last position may be an unfinished syllable: match it as a prefix.
    bool lastIsPrefix = false;
};

// The readings of `letters` (lowercase a-z; 'v' stands for ü), best first:
// fewest positions, then fewest initials. At most `limit`. Empty when the
// letters cannot be pinyin. Letters longer than 32 give no readings.
std::vector<Reading> segment(std::string_view letters, std::size_t limit = 6);

}  // namespace gongkai::pinyin
