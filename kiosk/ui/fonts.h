// The kiosk's fonts: Noto Sans CJK SC (face 2 of Debian's
// NotoSansCJK-Regular.ttc) baked at three sizes into one Dear ImGui atlas.
// The font file is read once and shared by the three sizes (the atlas does
// not own or copy it). Glyph ranges come from the mirror's character list
// (stored at import, most used first), the UI strings and ASCII; when that
// is more than the atlas budget, the least used mirror characters are left
// out. ImWchar is 16-bit in Debian's build, so only BMP characters draw.
//
// UI thread only (it touches ImGui's global atlas). Build before the first
// frame, or call Window::refreshFontTexture after rebuilding.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/result.h"

namespace gongkai::ui {

enum class FontRole { Small = 0, Body = 1, Title = 2 };

struct FontSizes {
    float small = 24, body = 30, title = 42;
};

class FontSet {
public:
    FontSet() = default;
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    // `fontPath` empty: the Debian default. On failure ImGui's built-in
    // (ASCII-only) font is used and the error says why.
    Status build(const std::string& fontPath, int faceIndex, const std::vector<char32_t>& mirrorChars,
                 const std::string& extraText, const FontSizes& sizes);

    ImFont* font(FontRole r) const { return m_fonts[static_cast<int>(r)]; }
    float size(FontRole r) const { return m_sizes[static_cast<int>(r)]; }
    float lineHeight(FontRole r) const { return size(r) * 1.45f; }
    float advance(FontRole r, char32_t c) const;
    bool hasGlyph(char32_t c) const;

    // After the atlas texture is uploaded: drops the font file and the
    // atlas's CPU pixels (about 20 MB). build() reads the file again.
    void releaseBuildData();

    int glyphCount() const { return m_glyphs; }
    int droppedCharacters() const { return m_dropped; }
    double buildSeconds() const { return m_seconds; }

private:
    std::vector<unsigned char> m_fileData;  // outlives the atlas's use of it
    ImVector<ImWchar> m_ranges;
    ImFont* m_fonts[3] = {nullptr, nullptr, nullptr};
    float m_sizes[3] = {24, 30, 42};
    int m_glyphs = 0, m_dropped = 0;
    double m_seconds = 0;
};

inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr int kDefaultFontFace = 2;  // Noto Sans CJK SC in the collection

}  // namespace gongkai::ui
