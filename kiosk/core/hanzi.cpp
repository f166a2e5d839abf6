#include "core/hanzi.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "core/hanzi_tables.inc"

namespace gongkai::hanzi {
namespace {

using namespace detail;

// A reference packs a pool offset and a count so the dense table stays at two
// bytes a character (see make_tables.py, pack_readings).
std::span<const std::string_view> unpack(std::uint16_t ref) {
    if (ref == 0) return {};
    const unsigned packed = ref - 1u;
    return {kPool + (packed >> 2), (packed & 3u) + 1u};
}

std::uint16_t referenceOf(char32_t cp) {
    if (cp >= kDenseFirst && cp - kDenseFirst < std::size(kDense)) return kDense[cp - kDenseFirst];
    const auto* end = std::end(kSparse);
    const auto* it = std::lower_bound(std::begin(kSparse), end, cp,
                                      [](const SparseReading& e, char32_t c) { return e.cp < c; });
    return (it != end && it->cp == cp) ? it->ref : 0;
}

// Most text is already simplified, so toSimplified answers "not traditional"
// from one bit for BMP characters instead of a binary search (8 KiB, built at
// compile time from kSimplified).
constexpr auto kTraditionalBmp = [] {
    std::array<std::uint64_t, 0x10000 / 64> bits{};
    for (const auto& p : kSimplified)
        if (p.traditional < 0x10000) bits[p.traditional >> 6] |= std::uint64_t{1} << (p.traditional & 63);
    return bits;
}();

bool maybeTraditional(char32_t cp) {
    return cp >= 0x10000 || ((kTraditionalBmp[cp >> 6] >> (cp & 63)) & 1u) != 0;
}

}  // namespace

std::span<const std::string_view> readings(char32_t cp) {
    return unpack(referenceOf(cp));
}

char32_t toSimplified(char32_t cp) {
    if (!maybeTraditional(cp)) return cp;
    const auto* end = std::end(kSimplified);
    const auto* it = std::lower_bound(std::begin(kSimplified), end, cp,
                                      [](const SimplifiedPair& p, char32_t c) { return p.traditional < c; });
    return (it != end && it->traditional == cp) ? it->simplified : cp;
}

bool isCjk(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF)        // Extension A
           || (cp >= 0x4E00 && cp <= 0x9FFF)     // Unified Ideographs (URO)
           || (cp >= 0xF900 && cp <= 0xFAFF)     // Compatibility Ideographs
           || cp == 0x3007                       // 〇, written in dates
           || (cp >= 0x20000 && cp <= 0x3FFFF);  // planes 2 and 3: Extensions B-H, Compat. Supplement
}

const std::vector<std::string_view>& allSyllables() {
    static const std::vector<std::string_view> all(kPool, kPool + kSyllableCount);
    return all;
}

std::string initial(std::string_view syllable) {
    if (syllable.size() >= 2 && syllable[1] == 'h' &&
        (syllable[0] == 'z' || syllable[0] == 'c' || syllable[0] == 's'))
        return std::string(syllable.substr(0, 2));
    return std::string(syllable.substr(0, 1));
}

namespace {

// The kHanyuPinlu entries of `cp` (a sorted range of kPinlu).
std::span<const PinluFrequency> pinluOf(char32_t cp) {
    auto less = [](const PinluFrequency& e, char32_t c) { return e.cp < c; };
    const auto* lo = std::lower_bound(std::begin(kPinlu), std::end(kPinlu), cp, less);
    const auto* hi = lo;
    while (hi != std::end(kPinlu) && hi->cp == cp) ++hi;
    return {lo, hi};
}

}  // namespace

std::uint32_t pinluFrequency(char32_t cp, std::string_view syllable) {
    for (const PinluFrequency& e : pinluOf(cp))
        if (kPool[e.syllable] == syllable) return e.count;
    return 0;
}

std::uint32_t pinluFrequency(char32_t cp) {
    std::uint32_t sum = 0;
    for (const PinluFrequency& e : pinluOf(cp)) sum += e.count;
    return sum;
}

std::string_view dataVersion() {
    return kUnihanVersion;
}

}  // namespace gongkai::hanzi
