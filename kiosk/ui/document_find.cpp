#include "ui/document_find.h"

#include <algorithm>

#include "core/hanzi.h"
#include "core/pinyin.h"

namespace gongkai::ui {
namespace {

// Code points with their byte offsets, folded for matching.
struct Folded {
    std::vector<char32_t> cps;
    std::vector<std::size_t> offsets;  // cps.size() + 1 entries
};

char32_t fold(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    return c;
}

Folded decodeFolded(const std::string& s) {
    Folded f;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        if (i + n > s.size()) n = 1;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        f.cps.push_back(fold(cp));
        f.offsets.push_back(i);
        i += n;
    }
    f.offsets.push_back(s.size());
    return f;
}

// Does character `c` read as pinyin token `t` ("~syllable" or "^initial")?
bool readsAs(char32_t c, const std::string& t, bool prefix) {
    std::string_view want = std::string_view(t).substr(1);
    bool initial = t[0] == pinyin::kInitialMark;
    for (std::string_view r : hanzi::readings(c)) {
        if (initial || prefix ? r.substr(0, want.size()) == want : r == want) return true;
    }
    return false;
}

// Pinyin matches of `letters` in one block's folded text.
void pinyinMatches(const Folded& h, const std::vector<pinyin::Reading>& readings, std::size_t block,
                   std::vector<FindMatch>& out) {
    for (std::size_t i = 0; i < h.cps.size(); ++i) {
        if (hanzi::readings(h.cps[i]).empty()) continue;
        for (const auto& r : readings) {
            std::size_t n = r.tokens.size();
            if (i + n > h.cps.size()) continue;
            std::size_t k = 0;
            while (k < n && readsAs(h.cps[i + k], r.tokens[k], r.lastIsPrefix && k + 1 == n)) ++k;
            if (k < n) continue;
            out.push_back({block, h.offsets[i], h.offsets[i + n]});
            break;
        }
    }
}

bool allLetters(const std::vector<char32_t>& cps) {
    return cps.size() >= 2 && std::all_of(cps.begin(), cps.end(), [](char32_t c) { return c >= 'a' && c <= 'z'; });
}

// Sorted by position; a match overlapping an earlier one is dropped.
void tidy(std::vector<FindMatch>& m) {
    std::sort(m.begin(), m.end(), [](const FindMatch& a, const FindMatch& b) {
        return a.block != b.block ? a.block < b.block : a.begin < b.begin;
    });
    std::vector<FindMatch> out;
    for (const auto& x : m)
        if (out.empty() || out.back().block != x.block || x.begin >= out.back().end) out.push_back(x);
    m.swap(out);
}

}  // namespace

std::vector<FindMatch> findInBlocks(const std::vector<Block>& blocks, const std::string& needle, std::size_t limit) {
    std::vector<FindMatch> out;
    Folded n = decodeFolded(needle);
    while (!n.cps.empty() && n.cps.back() == ' ') n.cps.pop_back();
    while (!n.cps.empty() && n.cps.front() == ' ') n.cps.erase(n.cps.begin());
    if (n.cps.empty()) return out;
    std::vector<pinyin::Reading> readings;
    if (allLetters(n.cps)) {
        std::string letters;
        for (char32_t c : n.cps) letters += static_cast<char>(c);
        readings = pinyin::segment(letters, 4);
    }
    for (std::size_t b = 0; b < blocks.size() && out.size() < limit; ++b) {
        const Block& blk = blocks[b];
        if (blk.kind != Block::Kind::Heading && blk.kind != Block::Kind::Paragraph) continue;
        Folded h = decodeFolded(blk.text);
        std::size_t before = out.size();
        if (!readings.empty()) pinyinMatches(h, readings, b, out);
        for (std::size_t i = 0; i + n.cps.size() <= h.cps.size() && out.size() < limit;) {
            std::size_t k = 0;
            while (k < n.cps.size() && h.cps[i + k] == n.cps[k]) ++k;
            if (k == n.cps.size()) {
                out.push_back({b, h.offsets[i], h.offsets[i + k]});
                i += k;
            } else {
                ++i;
            }
        }
        if (!readings.empty() && out.size() > before) {  // literal and pinyin matches in one order
            std::vector<FindMatch> mine(out.begin() + long(before), out.end());
            tidy(mine);
            out.resize(before);
            out.insert(out.end(), mine.begin(), mine.end());
        }
    }
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace gongkai::ui
