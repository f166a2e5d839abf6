// Character-use counts of the mirror's text, kept in the `glyph` table at
// import time so the kiosk can build its font atlas without scanning records.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace gongkai {

// Per-code-point count changes of one batch. The BMP (nearly all text) is a
// flat array, so counting 20 million characters costs no hashing.
class GlyphCounts {
public:
    GlyphCounts() : m_bmp(0x10000, 0) {}
    void add(char32_t cp, std::int64_t n) {
        if (cp < 0x10000) m_bmp[cp] += n;
        else m_astral[cp] += n;
    }
    template <class Fn>  // fn(codepoint, delta) for every non-zero delta
    void forEach(Fn&& fn) const {
        for (char32_t cp = 0; cp < 0x10000; ++cp)
            if (m_bmp[cp] != 0) fn(cp, m_bmp[cp]);
        for (const auto& [cp, n] : m_astral)
            if (n != 0) fn(cp, n);
    }

private:
    std::vector<std::int64_t> m_bmp;
    std::unordered_map<char32_t, std::int64_t> m_astral;
};

// Adds `sign` (+1 or -1) for every code point of every string in `value`
// (keys excluded) into `counts`. ASCII is skipped: the UI always has it.
void countCharacters(const nlohmann::json& value, int sign, GlyphCounts& counts);

// Decodes UTF-8 (already validated) and calls fn(codepoint) for each.
template <class Fn>
void forEachCodepoint(std::string_view s, Fn&& fn) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        int n;
        if (c < 0x80) { cp = c; n = 1; }
        else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
        else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
        else { cp = c & 0x07; n = 4; }
        if (i + static_cast<std::size_t>(n) > s.size()) break;
        for (int k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        fn(cp);
        i += static_cast<std::size_t>(n);
    }
}

}  // namespace gongkai
