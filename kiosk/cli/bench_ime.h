// `gongkai bench ime`: the pinyin input method (core/ime.h) against its two
// goals on a mirror (the demo one, built in a temporary folder, unless --db
// names one):
//
//  (a) latency from a keystroke to the first candidates (the first page of
//      8), median and p95, over every prefix of the full pinyin of the words
//      below, typed letter by letter on one InputMethod as the kiosk's
//      worker does (its caches warm up as a resident's would); goal <= 50 ms.
//  (b) for those words, whether the word is among the first 5 phrase
//      candidates for its full pinyin; goal >= 90 %, misses listed.
//
// "The most frequent two-character words": pairs of adjacent CJK characters
// in the mirror's text (table pinyin_pair, which never pairs across
// punctuation, digits or Latin), by the number of records that have them,
// leaving out pairs with a grammatical particle or function character (的 了
// 和 与 及 或 等 之 其 于 以 为 是 在 对 将 把 被 从 并 该 此 也 都 而 由 向 按 个
// 各 每 所 已 不 有 可), which mostly join two words rather than make one, and
// pairs that only occur inside a longer fixed run (AB where some XA and some
// BY are each in at least as many records: 华人 and 民共 of 中华人民共和国).
// Their full pinyin is each character's main reading (hanzi::readings()[0]),
// so a polyphone read otherwise in the word (银行 yinxing) is a fair miss.
//
// Thread safety: none needed (one thread). Errors are values.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/mirror.h"
#include "core/result.h"

namespace gongkai::cli {

inline constexpr int kImeBenchWords = 200;
inline constexpr int kImeTopPhrases = 5;
inline constexpr double kImeLatencyGoalMs = 50, kImeHitGoal = 0.90;

struct ImeWord {
    std::string text, pinyin;
    long long records = 0;  // records that have the pair
};

// The `count` most frequent two-character words of `mirror` (defined above).
Result<std::vector<ImeWord>> frequentTwoCharacterWords(const Mirror& mirror, int count);

struct ImeMiss {
    ImeWord word;
    std::vector<std::string> phrases;  // the first phrase candidates instead
};

struct ImeBenchReport {
    int words = 0, hits = 0;
    std::size_t keystrokes = 0;
    double medianMs = 0, p95Ms = 0, maxMs = 0;
    std::vector<ImeMiss> misses;
    std::vector<std::string> measured;  // "户籍 huji", in frequency order
    double hitRate() const { return words ? double(hits) / words : 0; }
};

// Runs both measurements over `words` on a new InputMethod for `mirror`.
ImeBenchReport runImeBench(const Mirror& mirror, const std::vector<ImeWord>& words);

nlohmann::json imeBenchJson(const ImeBenchReport& r, const std::string& db);

// gongkai bench ime [--db MIRROR] [--words N] [--json]
// Exit status 0 (goals are reported, not enforced); 1 on errors.
void addBenchImeCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
