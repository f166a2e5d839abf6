// A pinyin input method over the mirror, for the kiosk's on-screen keyboard:
// given the letters typed so far ("yiliaob", "huji", "lv"), the Chinese text
// they may stand for, best first, the way a phone's input method offers it.
//
// * Phrases (2-4 characters) come from the mirror's own vocabulary: pairs of
//   adjacent characters its text has (pair_vocabulary.h), chained into three
//   and four characters when the mirror has the whole run (triple_filter.h,
//   then the search index). Government texts name what residents ask about,
//   so 医疗保险 and 宅基地 are offered before any general dictionary would.
// * Single characters for the first syllable (or a lone initial), by Unihan kHanyuPinlu
//   frequency of the reading typed (hanzi.h), then by how often the mirror's
//   text uses them. Only characters the mirror has are offered: the kiosk's
//   font atlas holds exactly those, so anything else could not be drawn.
//
// Letters are segmented as search does (pinyin.h): full syllables, initials
// (hj), an unfinished last syllable (huj), `v` for ü (lv). Every candidate
// says how many letters, from the start, it stands for: committing 医疗 for
// "yiliaobaoxian" leaves "baoxian" to continue with.
//
// Order: those standing for more letters first; then those with fewer
// initials; then a syllable's five commonest characters, the phrases, the
// other characters; then fewer characters; then likelier. So "huji" gives
// 户籍 first, "xian" 县 现 先 before 西安, "yiliaob" 医疗保 before 医疗.
//
// Contract: an InputMethod reads through the mirror's connection and
// keeps caches for it (pair lists, character counts, the last input's full
// candidate list), dropped when the mirror's state digest changes. Not
// thread-safe: use it from the thread that uses the mirror, and destroy it
// before the mirror. Never fails: input that cannot be pinyin, or
// that the mirror has nothing for, gives no candidates.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mirror.h"

struct sqlite3;

namespace gongkai {

struct ImeCandidate {
    std::string text;          // UTF-8, one to four characters
    std::size_t consumed = 0;  // letters of the input it stands for, from the start
    bool phrase = false;       // two or more characters from the mirror's vocabulary
};

struct ImePage {
    std::vector<ImeCandidate> candidates;  // the asked-for window of the list
    std::size_t total = 0;                 // candidates for this input in all
};

// At most this many candidates an input (phrases first, then characters).
inline constexpr std::size_t kMaxImeCandidates = 200;
// Letters longer than this give nothing (as pinyin::segment).
inline constexpr std::size_t kMaxImeLetters = 32;

class InputMethod {
public:
    explicit InputMethod(const Mirror& mirror);
    ~InputMethod();
    InputMethod(const InputMethod&) = delete;
    InputMethod& operator=(const InputMethod&) = delete;

    // Candidates [offset, offset + limit) for `letters` (a-z, A-Z; anything
    // else gives none). The full list is kept, so paging costs nothing.
    ImePage candidates(std::string_view letters, std::size_t offset, std::size_t limit);

    // The connection it reads through (a new Mirror may be a new connection).
    const sqlite3* connection() const { return m_db; }

    struct Caches;  // ime.cpp

private:
    std::vector<ImeCandidate> compute(const std::string& letters);

    sqlite3* m_db;
    std::unique_ptr<Caches> m_caches;
    std::string m_lastInput;
    std::vector<ImeCandidate> m_lastList;
};

struct PairUse {
    std::string pair;   // two CJK characters, UTF-8
    long long records;  // how many records have them side by side
};
// The mirror's pairs of adjacent characters (pair_vocabulary.h), most used
// first (ties by text), at most `limit`: for measuring the input method on
// the mirror's commonest words (bench ime). Empty on a read error.
std::vector<PairUse> commonPairs(const Mirror& mirror, std::size_t limit);

}  // namespace gongkai
