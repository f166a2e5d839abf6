#include "ui/fonts.h"

#include <chrono>
#include <fstream>
#include <iterator>
#include <unordered_set>

#include "core/glyphs.h"

namespace gongkai::ui {
namespace {

// Atlas budget: a 4096x4096 texture holds roughly this many CJK glyphs at
// the three sizes (glyph boxes are about 0.9 em square, plus padding).
int glyphBudget(const FontSizes& s) {
    auto cell = [](float px) { return (px * 0.92f + 2) * (px * 0.92f + 2); };
    double area = cell(s.small) + cell(s.body) + cell(s.title);
    return static_cast<int>(4096.0 * 4096.0 * 0.85 / area);
}

std::vector<unsigned char> readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return {};
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(f), {});
}

}  // namespace

Status FontSet::build(const std::string& fontPath, int faceIndex, const std::vector<char32_t>& mirrorChars,
                      const std::string& extraText, const FontSizes& sizes) {
    auto start = std::chrono::steady_clock::now();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    m_sizes[0] = sizes.small, m_sizes[1] = sizes.body, m_sizes[2] = sizes.title;
    std::string path = fontPath.empty() ? kDefaultFontPath : fontPath;
    m_fileData = readFile(path);
    if (m_fileData.empty()) {
        ImFont* f = atlas->AddFontDefault();
        m_fonts[0] = m_fonts[1] = m_fonts[2] = f;
        atlas->Build();
        return Error{"cannot read font " + path};
    }
    // Always: ASCII, the UI strings, the replacement marks; then the mirror's
    // characters in order of use until the budget is spent.
    std::unordered_set<char32_t> chosen;
    ImFontGlyphRangesBuilder ranges;
    auto add = [&](char32_t c) {
        if (c > 0xFFFF || c < 0x20 || !chosen.insert(c).second) return;
        ranges.AddChar(static_cast<ImWchar>(c));
    };
    for (char32_t c = 0x20; c < 0x7F; ++c) add(c);
    forEachCodepoint(extraText, add);
    for (char32_t c : U"…·—“”‘’（），。、：；？！《》〔〕【】") add(c);
    int budget = glyphBudget(sizes);
    m_dropped = 0;
    for (char32_t c : mirrorChars) {
        if (static_cast<int>(chosen.size()) >= budget) { ++m_dropped; continue; }
        add(c);
    }
    m_ranges.clear();
    ranges.BuildRanges(&m_ranges);
    m_glyphs = static_cast<int>(chosen.size());

    atlas->TexDesiredWidth = 4096;
    for (int i = 0; i < 3; ++i) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // one buffer shared by all sizes
        cfg.FontNo = faceIndex;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        m_fonts[i] = atlas->AddFontFromMemoryTTF(m_fileData.data(), static_cast<int>(m_fileData.size()),
                                                 m_sizes[i], &cfg, m_ranges.Data);
    }
    bool ok = atlas->Build();
    m_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!ok || !m_fonts[0]) {
        atlas->Clear();
        ImFont* f = atlas->AddFontDefault();
        m_fonts[0] = m_fonts[1] = m_fonts[2] = f;
        atlas->Build();
        return Error{"cannot build the font atlas from " + path};
    }
    return okStatus();
}

void FontSet::releaseBuildData() {
    ImGui::GetIO().Fonts->ClearTexData();
    std::vector<unsigned char>().swap(m_fileData);
}

float FontSet::advance(FontRole r, char32_t c) const {
    const ImFont* f = font(r);
    float scale = size(r) / f->FontSize;
    if (c > 0xFFFF) return f->FallbackAdvanceX * scale;
    return f->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
}

bool FontSet::hasGlyph(char32_t c) const {
    const ImFont* f = font(FontRole::Body);
    if (c > 0xFFFF || !f) return false;
    return f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

}  // namespace gongkai::ui
