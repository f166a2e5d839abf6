#include "ui/document_find.h"

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

}  // namespace

std::vector<FindMatch> findInBlocks(const std::vector<Block>& blocks, const std::string& needle, std::size_t limit) {
    std::vector<FindMatch> out;
    Folded n = decodeFolded(needle);
    while (!n.cps.empty() && n.cps.back() == ' ') n.cps.pop_back();
    while (!n.cps.empty() && n.cps.front() == ' ') n.cps.erase(n.cps.begin());
    if (n.cps.empty()) return out;
    for (std::size_t b = 0; b < blocks.size() && out.size() < limit; ++b) {
        const Block& blk = blocks[b];
        if (blk.kind != Block::Kind::Heading && blk.kind != Block::Kind::Paragraph) continue;
        if (blk.text.size() < needle.size() / 3) continue;
        Folded h = decodeFolded(blk.text);
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
    }
    return out;
}

}  // namespace gongkai::ui
