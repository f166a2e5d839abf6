// A candidate string built from pinyin, one character per syllable, with its
// score, and the beam step that keeps the best: shared by the search's pinyin
// conversion (pinyin_convert.cpp) and the input method (ime.cpp). Internal
// to gongkai_core; plain values, thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace gongkai {

struct Chain {
    std::u32string chars;
    double score = 0;
};

// Keeps the `n` best chains, best first (ties by the characters, so the
// order does not depend on how the chains were found).
inline void keepBest(std::vector<Chain>& chains, std::size_t n) {
    auto better = [](const Chain& x, const Chain& y) { return x.score > y.score || (x.score == y.score && x.chars < y.chars); };
    if (chains.size() > n) {
        std::nth_element(chains.begin(), chains.begin() + static_cast<std::ptrdiff_t>(n), chains.end(), better);
        chains.resize(n);
    }
    std::sort(chains.begin(), chains.end(), better);
}

}  // namespace gongkai
