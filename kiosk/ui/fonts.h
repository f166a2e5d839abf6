// The kiosk's fonts: Noto Sans CJK SC (face 2 of Debian's
// NotoSansCJK-Regular.ttc) baked at three sizes into one Dear ImGui atlas:
// standard body, headings (= elder body) and elder headings. The screens ask
// for a role (Small, Body, Title); the mode (standard or elder, see
// metrics.h) picks which baked font draws it and at what pixel size, so
// every screen follows the mode without knowing about it.
//
// Two atlases over a run:
//   * the first, built on the UI thread before the first frame, holds ASCII,
//     the UI strings of both languages, the text of the first screen and the
//     commonest mirror characters (kFirstAtlasCharacters), so it is quick;
//   * the full one, for the mirror's whole character list (most used first,
//     stored at import; cut at the texture budget), is built on a worker
//     thread into a separate ImFontAtlas and swapped in by the UI thread
//     between frames. The same happens again when new characters arrive.
// The font file is read once per build and shared by the three sizes (the
// atlas does not copy it); it is dropped once the atlas is built. ImWchar is
// 16-bit in Debian's build, so only BMP characters draw.
//
// Ownership: the FontSet owns its atlases. The ImGui context must be created
// with placeholderAtlas() as its shared atlas (so the context never frees
// ours) and destroyed before the FontSet. UI thread only, except that the
// background build runs on its own thread and touches nothing shared.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/result.h"

namespace gongkai::ui {

enum class FontRole { Small = 0, Body = 1, Title = 2 };

// Pixel sizes of the roles in one mode.
struct FontSizes {
    float small = 24, body = 30, title = 42;
};

// What to bake: file, face, the characters (in priority order) and the
// three baked pixel sizes (standard body, headings/elder body, elder headings).
struct FontRequest {
    std::string path;  // empty: the Debian default
    int face = 2;
    std::vector<char32_t> mirrorChars;  // most used first
    std::string extraText;              // always included (UI strings, first screen)
    float baked[3] = {30, 42, 52};
    int maxMirrorChars = -1;  // -1: as many as the texture budget allows
    // Which baked sizes get every chosen character (bit i: baked[i]); the
    // others get ASCII only. The first atlas bakes only what the current
    // mode draws with, to reach the first frame sooner.
    unsigned fullSizes = 7;
};

// A built atlas with the facts about it; handed from the builder thread.
struct BuiltAtlas {
    std::unique_ptr<ImFontAtlas> atlas;
    ImFont* fonts[3] = {nullptr, nullptr, nullptr};
    int glyphs = 0, dropped = 0;
    double seconds = 0;
    std::string error;  // non-empty: fell back to ImGui's built-in font
};

// Builds an atlas; any thread (touches no global ImGui state).
BuiltAtlas buildAtlas(const FontRequest& request);

// Type sizes are font sizes as typographers (and CSS) mean them: the em.
// Dear ImGui sizes a font by its line box instead (hhea ascent - descent,
// as stb_truetype's ScaleForPixelHeight does): for Noto Sans CJK that is
// 1.448 em, so a 36 px em is baked and drawn at 52 ImGui pixels. Reads the
// face's `head` and `hhea` tables (a few hundred bytes); 1 when the file is
// not a font it can read. Any thread.
float lineBoxPerEm(const std::string& path, int face);

inline constexpr int kFirstAtlasCharacters = 300;

class FontSet {
public:
    FontSet();
    ~FontSet();
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    // Give this to ImGui::CreateContext.
    ImFontAtlas* placeholderAtlas() { return m_placeholder.get(); }

    // Builds on this thread (the first atlas). Install it with install().
    BuiltAtlas buildNow(const FontRequest& r) { return buildAtlas(r); }
    // Starts a background build (a running one is left to finish and is
    // replaced by this one's result). `done` runs on the builder thread when
    // it finishes (it must be thread-safe: e.g. Window::wake).
    void startBuild(FontRequest r, std::function<void()> done = {});
    // A finished background build, or an empty BuiltAtlas.
    BuiltAtlas takeFinished();
    bool building() const;

    // Makes `b` the atlas ImGui draws with (io.Fonts); between frames only.
    // The caller has uploaded its texture (TexID set) beforehand; the CPU
    // pixels and input data are freed here, and the previous atlas deleted.
    void install(BuiltAtlas b);

    // `emSizes`: the mode's type sizes in em pixels; `lineBoxPerEm` turns
    // them into Dear ImGui sizes (what size() returns and drawing uses).
    void setModeSizes(const FontSizes& emSizes, float lineBoxPerEm, bool elder);
    bool elder() const { return m_elder; }

    ImFont* font(FontRole r) const { return m_roleFont[static_cast<int>(r)]; }
    float size(FontRole r) const { return m_sizes[static_cast<int>(r)]; }
    float lineHeight(FontRole r) const { return size(r) * 1.45f; }
    float advance(FontRole r, char32_t c) const;
    bool hasGlyph(char32_t c) const;

    int glyphCount() const { return m_glyphs; }
    int droppedCharacters() const { return m_dropped; }
    double buildSeconds() const { return m_seconds; }
    int generation() const { return m_generation; }  // bumps on every install

private:
    void mapRoles();

    std::unique_ptr<ImFontAtlas> m_placeholder, m_atlas;
    ImFont* m_baked[3] = {nullptr, nullptr, nullptr};
    ImFont* m_roleFont[3] = {nullptr, nullptr, nullptr};
    float m_sizes[3] = {24, 30, 42};
    bool m_elder = false;
    std::future<BuiltAtlas> m_pending;
    int m_glyphs = 0, m_dropped = 0, m_generation = 0;
    double m_seconds = 0;
};

inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr int kDefaultFontFace = 2;  // Noto Sans CJK SC in the collection

}  // namespace gongkai::ui
