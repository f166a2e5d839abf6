// Damage tracking for partial redraw: which pixels of the last frame can
// differ in this one, found by comparing Dear ImGui's draw data of the two.
//
// describeFrame() cuts every draw command into chunks of a few triangles,
// with the cuts placed by the triangles' own contents (a chunk ends after a
// triangle whose hash has its low bits clear, before a triangle that does not
// touch the one before it or is filled differently (Fill), or after
// kMaxChunkTriangles), so
// something inserted or removed in the middle of a command leaves the chunks
// before and after it as they were. Each chunk carries a key (a hash of its
// vertices' positions, UVs and colours, its command's scissor, texture and the
// texture's content version) and the pixels it can touch (its vertices'
// bounds, grown by a pixel, inside the scissor).
//
// computeDamage() matches the chunks of two frames by key; the matches kept
// are a longest run in the same order in both frames, so a pixel outside every
// unmatched chunk's box is covered by the same chunks, in the same order, in
// both: its colour cannot have changed. The unmatched chunks' boxes (old and
// new) are the damage, rounded out to kTile-pixel tiles and merged into a few
// rectangles. Redrawing those rectangles in full (clear, then every chunk that
// meets them, scissored to them) gives the same pixels as redrawing the frame.
//
// Scrolling: a list or page that scrolls is drawn as a scroll region (a
// command of one opaque rectangle filling its clip rectangle, the backdrop,
// then its contents under the same clip rectangle; ui/chrome.h's
// ScrollRegion). Its contents moved by whole pixels hash alike (a chunk's
// shape key leaves out where it is in y), so computeDamage() finds the
// move, and the renderer copies the region's pixels by it before redrawing:
// only the strip scrolled into view, and whatever is drawn over the region,
// are redrawn. The backdrop makes the region's pixels depend on nothing
// drawn before it, so the copy is exact.
//
// Pure CPU code over ImDrawData (no GL): the UI tests run it on frames built by
// a headless ImGui context. Not thread-safe; TextureVersions is UI-thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

struct ImDrawData;

namespace gongkai::platform {

// Pixels [x0, x1) x [y0, y1), top-left origin, framebuffer pixels.
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    long long area() const { return empty() ? 0 : static_cast<long long>(x1 - x0) * (y1 - y0); }
    bool intersects(const PixelRect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    PixelRect intersection(const PixelRect& o) const;
    bool operator==(const PixelRect&) const = default;
};

// Texture names are reused by GL after a delete: a texture's contents are
// told apart by a version bumped on every upload (texture.cpp, font_texture.cpp).
class TextureVersions {
public:
    void bump(std::uintptr_t texture) { m_versions[texture] = ++m_counter; }
    std::uint64_t of(std::uintptr_t texture) const;

private:
    std::unordered_map<std::uintptr_t, std::uint64_t> m_versions;
    std::uint64_t m_counter = 0;
};
// The kiosk's textures (UI thread only).
TextureVersions& textureVersions();

// How a chunk's pixels are coloured, so the renderer can skip work for the
// commonest: Dear ImGui draws flat shapes with the font atlas's white pixel,
// where the texture fetch gives exactly 1 and changes nothing; and a flat
// opaque shape needs no blending either. A chunk is all of one kind (a kind
// change cuts it).
enum class Fill : std::uint8_t {
    Textured,    // colour times the texture, blended
    Flat,        // colour alone (the white pixel), blended
    FlatOpaque,  // colour alone, every vertex's alpha 255: no blending needed
};

// The font atlas's texture and the UV of its white pixel (ImFontAtlas::
// TexUvWhitePixel, the middle of a 2x2 block of white texels, so bilinear
// filtering there reads exactly white).
struct WhitePixel {
    std::uintptr_t texture = 0;
    float u = -1, v = -1;  // none by default: every chunk Textured
};

struct DrawChunk {
    std::uint64_t key = 0;      // contents, scissor, texture and its version: chunkKey(shape, anchorY)
    std::uint64_t shape = 0;    // the same with each y taken from anchorY: alike when moved up or down
    float anchorY = 0;          // the chunk's first vertex's y
    PixelRect box;              // the pixels it can touch; never empty (invisible chunks are left out)
    PixelRect scissor;          // its command's clip rectangle, inside the frame
    int list = 0, command = 0;  // ImDrawData::CmdLists[list]->CmdBuffer[command]
    unsigned firstIndex = 0;    // into the list's IdxBuffer (the command's IdxOffset included)
    unsigned indexCount = 0;    // a multiple of 3
    Fill fill = Fill::Textured;
    bool backdrop = false;  // a command of one opaque rectangle of one colour that fills its scissor
};

// A chunk's key from its shape key and its anchor.
std::uint64_t chunkKey(std::uint64_t shape, float anchorY);

struct FrameGeometry {
    int width = 0, height = 0;      // framebuffer pixels
    std::vector<DrawChunk> chunks;  // in draw order
    bool callbacks = false;  // a command with a user callback: its effect is unknown, so always damage all
};

// A draw command's clip rectangle (framebuffer pixels, top-left origin) as
// the scissor box it is drawn with; empty when the clip rectangle is.
PixelRect scissorRect(float clipX0, float clipY0, float clipX1, float clipY1, int height);

inline constexpr int kTile = 32;  // damage is rounded out to tiles of this size
inline constexpr unsigned kMaxChunkTriangles = 32;

// The frame's chunks; `width` x `height` is the framebuffer the data is drawn to.
FrameGeometry describeFrame(const ImDrawData& data, int width, int height, const TextureVersions& versions,
                            const WhitePixel& white = {});

// A scroll region's contents moved up by `dy` pixels (down when negative):
// the frame's pixels in `region` become those `dy` rows below them, where
// those are inside `region` (copied()); the rest of it is redrawn.
struct Scroll {
    PixelRect region;
    int dy = 0;
    PixelRect copied() const;  // the destination rows that get copied pixels
};

struct Damage {
    bool full = false;             // redraw everything (size changed, callbacks, or most of the screen)
    std::optional<Scroll> scroll;  // first move these pixels (never with `full`)
    std::vector<PixelRect> rects;  // disjoint, tile-aligned, inside the frame; then redraw these
    bool none() const { return !full && !scroll && rects.empty(); }  // nothing changed
    long long pixels() const;      // redrawn (copied pixels not counted)
};

// What must be redrawn to turn `before`'s pixels into `after`'s. Damage
// covering more than `fullFraction` of the frame is reported as full.
Damage computeDamage(const FrameGeometry& before, const FrameGeometry& after, double fullFraction = 0.7);

}  // namespace gongkai::platform
