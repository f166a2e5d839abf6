// Draws Dear ImGui's draw data with OpenGL 3 (GLSL 130) into a persistent
// frame, redrawing only what changed since the last frame (damage.h). In
// place of ImGui's OpenGL3 backend, whose RenderDrawData always clears and
// draws everything: under a software rasteriser (Mesa llvmpipe) the pixels
// are the cost of a frame, and most frames change few of them. A scrolled
// list or page is moved by a copy, and only the rows scrolled into view are
// drawn (damage.h).
//
// The persistent frame is either the window's back buffer itself, when the
// window is never swapped but shown by copying rectangles to it
// (present_x11.h), or an offscreen framebuffer that blitToWindow() copies
// whole to the back buffer before a swap.
//
// The shader, blending and scissor boxes are the backend's, so a frame looks
// as it did with it. A full redraw happens on the first frame, after a
// resize, when the clear colour or the font atlas's texture changes, when the
// damage covers most of the frame, and on every frame with `alwaysFull`.
//
// UI thread only, with the window's GL context current; destroy before the
// context. Errors: create() says what GL refused.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "platform/damage.h"

namespace gongkai::platform {

struct Redraw {
    enum class Kind { None, Partial, Full };
    Kind kind = Kind::None;
    long long pixels = 0;                 // pixels cleared and redrawn
    long long scrolledPixels = 0;         // a scroll region's, moved by a copy (damage.h)
    bool atlasChanged = false;            // a new font atlas texture: every glyph redrawn
    int rects = 0;                        // scissored passes
    double describeMs = 0, damageMs = 0;  // CPU time spent finding the damage
};
const char* redrawName(Redraw::Kind k);  // "none", "partial", "full"

// A frame compared with its full redraw, pixel by pixel.
inline constexpr int kRoundingLevels = 3;  // of 255: a copied pixel's rounding (renderer.cpp)
struct RedrawCheck {
    long long differing = 0;  // by more than kRoundingLevels in some channel: a wrong frame
    long long rounding = 0;   // by 1..kRoundingLevels: a scrolled region's rounding
    std::string where;        // the first differing pixel, "(x, y)"
};

class Renderer {
public:
    // `offscreen`: draw into an offscreen framebuffer, else into the
    // default framebuffer's back buffer (which must then never be swapped).
    static Result<std::unique_ptr<Renderer>> create(bool alwaysFull, bool offscreen);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Brings the offscreen frame up to date with `data` (after ImGui::Render)
    // on a `width` x `height` framebuffer cleared to `clear` (RGB, 0..1).
    Redraw render(const ImDrawData& data, int width, int height, const float clear[3]);
    // The rectangles the last render() changed, redrawn or scrolled (top-left
    // origin): what the window must be sent.
    const std::vector<PixelRect>& redrawn() const { return m_redrawn; }
    // Offscreen: copies the frame to the default framebuffer's back buffer.
    void blitToWindow();
    // Draws the last rendered data again, in full, over the persistent frame
    // and counts the pixels that changed (--verify-redraw): none by more than
    // a level, when the partial redraws were right.
    RedrawCheck differencesFromFullRedraw(const ImDrawData& data);

private:
    Renderer() = default;
    Status setUp();
    Result<unsigned> link(const char* fragmentSource);
    bool ensureTarget(unsigned& fbo, unsigned& colour, int width, int height);
    void uploadGeometry(const ImDrawData& data);
    void copyScroll(const Scroll& scroll, unsigned frame);
    void drawRects(const ImDrawData& data, const FrameGeometry& g, const PixelRect* rects, std::size_t count,
                   unsigned fbo);

    bool m_alwaysFull = false, m_offscreen = true;
    unsigned m_program = 0, m_flatProgram = 0, m_vao = 0, m_vbo = 0, m_ibo = 0;
    int m_locProj = -1, m_locTex = -1, m_locFlatProj = -1;
    unsigned m_fbo = 0, m_colour = 0;  // offscreen: the frame the window shows
    int m_width = 0, m_height = 0;
    float m_clear[3] = {-1, -1, -1};
    std::uintptr_t m_fontTexture = 0;
    std::uint64_t m_fontVersion = 0;
    FrameGeometry m_last;  // what the persistent frame holds
    std::vector<PixelRect> m_redrawn;
    std::size_t m_vboBytes = 0, m_iboBytes = 0;
    std::vector<int> m_listVtx;          // each draw list's first vertex in m_vbo
    std::vector<std::size_t> m_listIdx;  // and first index in m_ibo
};

}  // namespace gongkai::platform
