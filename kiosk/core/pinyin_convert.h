// Pinyin typed without an input method, turned into the Chinese text the
// mirror most likely means, the way an input method would: "hujiguanli",
// "hjgl", "hujig" (unfinished) and "户籍gl" all become 户籍管理 when the
// mirror's text has it. The letters are read as syllables and initials
// (pinyin::segment); each position's characters must have a matching reading
// (hanzi.h) and each adjacent pair must occur in the mirror's text
// (pair_vocabulary.h); chains are ranked by how often their pairs occur.
// A single position becomes the mirror's commonest characters with that reading.
//
// Reads the mirror through `db` (one thread at a time, like the Mirror).
// Never fails: anything that cannot be pinyin gives no candidates.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace gongkai {

inline constexpr std::size_t kMaxPinyinCandidates = 8;

// Candidate Chinese strings for `term` (letters a-z/A-Z, possibly mixed with
// CJK characters), best first, at most `limit`.
std::vector<std::string> convertPinyin(sqlite3* db, std::string_view term,
                                       std::size_t limit = kMaxPinyinCandidates);

}  // namespace gongkai
