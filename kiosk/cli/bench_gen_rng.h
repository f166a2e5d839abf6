// The benchmark generator's random numbers: xoshiro256** seeded through
// splitmix64, and integer-only helpers on top of it. Nothing here uses
// floating point or the standard library's distributions (whose results are
// implementation-defined), so a seed gives the same stream on every machine.
// Not thread-safe; one Rng per thread (they are cheap to create).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gongkai::benchgen {

inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        std::uint64_t state = seed;
        for (auto& word : m_s) word = splitmix64(state);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n) for n > 0 (the modulo bias is below 2^-40 for the
    // small n used here, and the result is the same everywhere).
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    // Uniform in [lo, hi].
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
    // True with probability perMille / 1000.
    bool chance(std::uint32_t perMille) { return below(1000) < perMille; }

    template <class T>
    const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_s{};
};

// A value drawn from a piecewise-linear inverse CDF: knots are
// (cumulative probability in 1/10000, value), ascending, first at 0 and last
// at 10000. Integer arithmetic only.
struct QuantileKnot {
    std::uint32_t p;
    std::uint32_t value;
};

template <std::size_t N>
std::uint32_t drawQuantile(Rng& rng, const std::array<QuantileKnot, N>& knots) {
    const std::uint64_t u = rng.below(10000ull * 65536);  // p in 1/10000, 16 fractional bits
    for (std::size_t i = 1; i < N; ++i) {
        const std::uint64_t hiP = std::uint64_t{knots[i].p} << 16;
        if (u >= hiP && i + 1 < N) continue;
        const std::uint64_t loP = std::uint64_t{knots[i - 1].p} << 16;
        const std::uint64_t span = hiP - loP;
        const std::uint64_t lo = knots[i - 1].value, hi = knots[i].value;
        return static_cast<std::uint32_t>(lo + (hi - lo) * (u - loP) / (span == 0 ? 1 : span));
    }
    return knots[N - 1].value;
}

}  // namespace gongkai::benchgen
