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

// The order of chains, best first (ties by the characters, so the order
// does not depend on how the chains were found).
inline bool betterChain(const Chain& x, const Chain& y) {
    return x.score > y.score || (x.score == y.score && x.chars < y.chars);
}

// Keeps the `n` best chains, best first.
inline void keepBest(std::vector<Chain>& chains, std::size_t n) {
    if (chains.size() > n) {
        std::nth_element(chains.begin(), chains.begin() + static_cast<std::ptrdiff_t>(n), chains.end(), betterChain);
        chains.resize(n);
    }
    std::sort(chains.begin(), chains.end(), betterChain);
}

// The `n` best chains of a beam step, collected one offer at a time. A
// candidate's score is known before the costly test of whether its text may
// occur (triple_filter.h): wants() says whether a chain of that score could
// still be kept, so the test is asked only of those. take() gives the same
// chains, in the same order, as keepBest over every accepted offer.
class BeamStep {
public:
    explicit BeamStep(std::size_t n) : m_n(n) {}
    bool wants(double score) const {
        return m_n > 0 && (m_heap.size() < m_n || score >= m_heap.front().score);
    }
    void add(Chain chain) {
        if (m_heap.size() < m_n) {
            m_heap.push_back(std::move(chain));
            std::push_heap(m_heap.begin(), m_heap.end(), betterChain);  // front: the worst kept
        } else if (m_n > 0 && betterChain(chain, m_heap.front())) {
            std::pop_heap(m_heap.begin(), m_heap.end(), betterChain);
            m_heap.back() = std::move(chain);
            std::push_heap(m_heap.begin(), m_heap.end(), betterChain);
        }
    }
    std::vector<Chain> take() {
        std::sort(m_heap.begin(), m_heap.end(), betterChain);
        return std::move(m_heap);
    }

private:
    std::size_t m_n;
    std::vector<Chain> m_heap;
};

}  // namespace gongkai
