// Sections: [hash] triangle and chunk keys
//           [describe] ImDrawData -> chunks
//           [match] keys matched in order (a longest increasing run)
//           [tiles] damaged boxes -> a few rectangles
//           [scroll] a scroll region's move, and the frame the copy leaves
#include "platform/damage.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace gongkai::platform {

PixelRect PixelRect::intersection(const PixelRect& o) const {
    return {std::max(x0, o.x0), std::max(y0, o.y0), std::min(x1, o.x1), std::min(y1, o.y1)};
}

std::uint64_t TextureVersions::of(std::uintptr_t texture) const {
    auto it = m_versions.find(texture);
    return it == m_versions.end() ? 0 : it->second;
}

TextureVersions& textureVersions() {
    static TextureVersions versions;
    return versions;
}

PixelRect Scroll::copied() const {
    return region.intersection({region.x0, region.y0 - dy, region.x1, region.y1 - dy});
}

long long Damage::pixels() const {
    long long n = 0;
    for (const auto& r : rects) n += r.area();
    return n;
}

PixelRect scissorRect(float clipX0, float clipY0, float clipX1, float clipY1, int height) {
    if (clipX1 <= clipX0 || clipY1 <= clipY0) return {};
    // The same truncations as Dear ImGui's OpenGL3 backend (glScissor's x, y,
    // w, h), so a frame looks exactly as it did with that backend.
    int x = static_cast<int>(clipX0), w = static_cast<int>(clipX1 - clipX0);
    int glY = static_cast<int>(static_cast<float>(height) - clipY1), h = static_cast<int>(clipY1 - clipY0);
    return {x, height - (glY + h), x + w, height - glY};
}

namespace {

// [hash] -----------------------------------------------------------------------

inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    h = (h ^ v) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

inline std::uint64_t finish(std::uint64_t h) {  // murmur3's fmix64
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

// A y to 1/256 of a pixel (llvmpipe's subpixel grid): content moved by a
// whole number of pixels mostly lands on the same fractions even when its
// float arithmetic rounded a little differently (Dear ImGui's arcs at y 522
// and at 222 differ in their last bits). Where a vertex falls on either side
// of a boundary, its chunk is redrawn instead of copied.
constexpr std::int64_t kSubpixels = 256;
std::int64_t quantY(float y) {
    return std::isfinite(y) ? std::llround(std::clamp(double(y), -1e9, 1e9) * kSubpixels) : 0;
}
std::uint64_t quantBits(float y) { return static_cast<std::uint64_t>(quantY(y)); }

inline std::uint64_t vertexHash(std::uint64_t h, const ImDrawVert& v) {
    static_assert(sizeof(ImDrawVert) == 20, "pos, uv, col");
    std::uint64_t words[3] = {0, 0, 0};
    std::memcpy(words, &v, sizeof v);
    return mix(mix(mix(h, words[0]), words[1]), words[2]);
}

// [describe] -------------------------------------------------------------------

struct Bounds {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    void add(const ImVec2& p) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
};

int toPixel(float v, bool up) {
    float c = std::clamp(up ? std::ceil(v) : std::floor(v), -1e6f, 1e6f);  // NaN becomes -1e6
    return static_cast<int>(c);
}

struct CommandContext {
    const ImDrawData& data;
    PixelRect scissor;  // already inside the frame
    std::uint64_t key = 0;
    int list = 0, command = 0;
    bool fontTexture = false;  // drawn with the atlas that has the white pixel
    ImVec2 white;
};

bool apart(const Bounds& a, const Bounds& b) {
    constexpr float kNear = 1.0f;  // pixels: touching or overlapping shapes stay in one chunk
    return a.x1 + kNear < b.x0 || b.x1 + kNear < a.x0 || a.y1 + kNear < b.y0 || b.y1 + kNear < a.y0;
}

struct Triangle {
    Bounds bounds;
    std::uint64_t hash = 0;  // its vertices, each y taken from anchorY
    float anchorY = 0;       // its first vertex's y
    Fill fill = Fill::Textured;
};

PixelRect boxOf(const Bounds& b, ImVec2 origin, float sx, float sy) {
    return {toPixel((b.x0 - origin.x) * sx, false) - 1, toPixel((b.y0 - origin.y) * sy, false) - 1,
            toPixel((b.x1 - origin.x) * sx, true) + 1, toPixel((b.y1 - origin.y) * sy, true) + 1};
}

// Cuts one command's triangles into chunks (see damage.h). A chunk also ends
// where the next triangle does not touch the last one (the next glyph, word
// or shape) or is filled differently, so a chunk rarely reaches from one item
// to another and is all of one Fill. Triangles are hashed with their y taken
// from their first vertex's, so content moved up or down is cut the same way
// and gets the same shape keys.
void chunkCommand(const CommandContext& c, const ImDrawList& l, const ImDrawCmd& cmd, unsigned firstTriangle,
                  FrameGeometry& out) {
    const ImDrawIdx* idx = l.IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = l.VtxBuffer.Data + cmd.VtxOffset;
    const int vtxCount = l.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
    const float sx = c.data.FramebufferScale.x, sy = c.data.FramebufferScale.y;
    const ImVec2 origin = c.data.DisplayPos;
    const unsigned triangles = cmd.ElemCount / 3;
    auto triangle = [&](unsigned t) {
        Triangle tr;
        std::uint64_t th = 0x243F6A8885A308D3ull;
        bool flat = c.fontTexture, opaque = true, first = true;
        for (int k = 0; k < 3; ++k) {
            int i = idx[t * 3 + k];
            if (i >= vtxCount) continue;  // malformed: ImGui never emits it
            ImDrawVert v = vtx[i];
            tr.bounds.add(v.pos);
            if (first) tr.anchorY = v.pos.y, first = false;
            v.pos.y = float(quantY(v.pos.y - tr.anchorY));
            th = vertexHash(th, v);
            flat = flat && v.uv.x == c.white.x && v.uv.y == c.white.y;
            opaque = opaque && (v.col & IM_COL32_A_MASK) == IM_COL32_A_MASK;
        }
        tr.hash = finish(th);
        tr.fill = !flat ? Fill::Textured : opaque ? Fill::FlatOpaque : Fill::Flat;
        return tr;
    };
    unsigned start = firstTriangle;
    std::uint64_t shape = c.key;
    float anchor = 0;
    Bounds b;
    Triangle tr = start < triangles ? triangle(start) : Triangle{};
    for (unsigned t = start; t < triangles; ++t) {
        if (t == start) anchor = tr.anchorY;
        shape = mix(mix(shape, tr.hash), quantBits(tr.anchorY - anchor));
        b.add({tr.bounds.x0, tr.bounds.y0}), b.add({tr.bounds.x1, tr.bounds.y1});
        bool last = t + 1 == triangles;
        Triangle next = last ? Triangle{} : triangle(t + 1);
        bool cut = last || (tr.hash & 7) == 0 || t + 1 - start >= kMaxChunkTriangles ||
                   apart(tr.bounds, next.bounds) || next.fill != tr.fill;
        Fill fill = tr.fill;
        tr = next;
        if (!cut) continue;
        PixelRect box = boxOf(b, origin, sx, sy).intersection(c.scissor);
        if (!box.empty()) {
            DrawChunk chunk{0, finish(shape), anchor, box, c.scissor, c.list, c.command,
                            cmd.IdxOffset + start * 3, (t + 1 - start) * 3, fill};
            chunk.key = chunkKey(chunk.shape, anchor);
            out.chunks.push_back(chunk);
        }
        start = t + 1;
        shape = c.key;
        b = {};
    }
}

// A backdrop (damage.h) begins the command: two triangles over the four
// corners of one axis-aligned rectangle, split along a diagonal, one opaque
// colour, the atlas's white pixel, the rectangle covering every pixel of the
// scissor. (Dear ImGui may append what follows to the same command.)
bool startsWithBackdrop(const CommandContext& c, const ImDrawList& l, const ImDrawCmd& cmd) {
    if (cmd.ElemCount < 6 || !c.fontTexture) return false;
    const ImDrawIdx* idx = l.IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = l.VtxBuffer.Data + cmd.VtxOffset;
    const int vtxCount = l.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
    Bounds b;
    for (int k = 0; k < 6; ++k) {
        if (idx[k] >= vtxCount) return false;
        const ImDrawVert& v = vtx[idx[k]];
        if (v.col != vtx[idx[0]].col || (v.col & IM_COL32_A_MASK) != IM_COL32_A_MASK || v.uv.x != c.white.x ||
            v.uv.y != c.white.y)
            return false;
        b.add(v.pos);
    }
    // Each vertex at a corner; each triangle leaves one corner out, and the
    // two left out are opposite, so the triangles meet along a diagonal.
    int missing[2] = {0, 0};
    for (int t = 0; t < 2; ++t) {
        int seen = 0;
        for (int k = 0; k < 3; ++k) {
            const ImVec2 p = vtx[idx[t * 3 + k]].pos;
            bool left = p.x == b.x0, top = p.y == b.y0;
            if ((!left && p.x != b.x1) || (!top && p.y != b.y1)) return false;
            seen |= 1 << (int(left) * 2 + int(top));
        }
        if (__builtin_popcount(static_cast<unsigned>(seen)) != 3) return false;
        missing[t] = 15 & ~seen;
    }
    if ((missing[0] | missing[1]) != (1 | 8) && (missing[0] | missing[1]) != (2 | 4)) return false;
    const ImVec2 o = c.data.DisplayPos, s = c.data.FramebufferScale;
    return (b.x0 - o.x) * s.x <= float(c.scissor.x0) && (b.y0 - o.y) * s.y <= float(c.scissor.y0) &&
           (b.x1 - o.x) * s.x >= float(c.scissor.x1) && (b.y1 - o.y) * s.y >= float(c.scissor.y1);
}

// [match] ----------------------------------------------------------------------

// For each chunk of `after`, the index of the same chunk in `before` or -1;
// of repeated keys, the earliest not yet taken.
std::vector<int> matchKeys(const FrameGeometry& before, const FrameGeometry& after) {
    std::vector<std::pair<std::uint64_t, int>> old;
    old.reserve(before.chunks.size());
    for (int i = 0; i < static_cast<int>(before.chunks.size()); ++i) old.push_back({before.chunks[i].key, i});
    std::sort(old.begin(), old.end());
    std::vector<int> taken(old.size(), 0);  // at each key's first position: how many of it are used
    std::vector<int> match(after.chunks.size(), -1);
    for (std::size_t j = 0; j < after.chunks.size(); ++j) {
        std::uint64_t key = after.chunks[j].key;
        auto lo = std::lower_bound(old.begin(), old.end(), std::pair<std::uint64_t, int>{key, -1});
        if (lo == old.end() || lo->first != key) continue;
        std::size_t first = static_cast<std::size_t>(lo - old.begin());
        std::size_t at = first + static_cast<std::size_t>(taken[first]);
        if (at < old.size() && old[at].first == key) {
            match[j] = old[at].second;
            ++taken[first];
        }
    }
    return match;
}

// Marks the matches that form a longest run increasing in `before`'s order
// (patience sorting); the others are damage even though their keys matched:
// something was drawn over them in a different order.
std::vector<bool> keepInOrder(const std::vector<int>& match) {
    std::vector<int> tails, tailAt, parent(match.size(), -1);
    for (int j = 0; j < static_cast<int>(match.size()); ++j) {
        if (match[j] < 0) continue;
        auto pos = std::lower_bound(tails.begin(), tails.end(), match[j]);
        std::size_t k = static_cast<std::size_t>(pos - tails.begin());
        if (k > 0) parent[j] = tailAt[k - 1];
        if (pos == tails.end())
            tails.push_back(match[j]), tailAt.push_back(j);
        else
            *pos = match[j], tailAt[k] = j;
    }
    std::vector<bool> keep(match.size(), false);
    for (int j = tailAt.empty() ? -1 : tailAt.back(); j >= 0; j = parent[j]) keep[j] = true;
    return keep;
}

// [tiles] ----------------------------------------------------------------------

class TileGrid {
public:
    TileGrid(int width, int height)
        : m_w(width),
          m_h(height),
          m_cols((width + kTile - 1) / kTile),
          m_rows((height + kTile - 1) / kTile),
          m_marks(static_cast<std::size_t>(m_cols) * m_rows, 0) {}

    void mark(const PixelRect& r) {
        PixelRect c = r.intersection({0, 0, m_w, m_h});
        if (c.empty()) return;
        for (int ty = c.y0 / kTile; ty <= (c.y1 - 1) / kTile; ++ty)
            std::fill_n(m_marks.begin() + ty * m_cols + c.x0 / kTile, (c.x1 - 1) / kTile - c.x0 / kTile + 1,
                        1);
    }

    // Runs of marked tiles per row, merged down the rows while they keep the
    // same columns; `spanRows`: one run a row, from its first mark to its last.
    std::vector<PixelRect> rects(bool spanRows) const {
        std::vector<PixelRect> done, open;  // in tiles until the end
        for (int ty = 0; ty < m_rows; ++ty) {
            std::vector<PixelRect> row;
            for (int tx = 0; tx < m_cols; ++tx) {
                if (!m_marks[ty * m_cols + tx]) continue;
                if (!row.empty() && (row.back().x1 == tx || spanRows))
                    row.back().x1 = tx + 1;
                else
                    row.push_back({tx, ty, tx + 1, ty + 1});
            }
            std::vector<PixelRect> next;
            for (PixelRect& r : row) {
                auto same = std::find_if(open.begin(), open.end(),
                                         [&](const PixelRect& o) { return o.x0 == r.x0 && o.x1 == r.x1; });
                if (same != open.end()) r.y0 = same->y0, open.erase(same);
                next.push_back(r);
            }
            done.insert(done.end(), open.begin(), open.end());
            open = std::move(next);
        }
        done.insert(done.end(), open.begin(), open.end());
        for (PixelRect& r : done)
            r = PixelRect{r.x0 * kTile, r.y0 * kTile, r.x1 * kTile, r.y1 * kTile}.intersection(
                {0, 0, m_w, m_h});
        return done;
    }

private:
    int m_w, m_h, m_cols, m_rows;
    std::vector<std::uint8_t> m_marks;
};

constexpr std::size_t kMaxRects = 16;  // each rectangle is a pass over the chunks that meet it

// [scroll] ---------------------------------------------------------------------

PixelRect shifted(const PixelRect& r, int dy) { return {r.x0, r.y0 - dy, r.x1, r.y1 - dy}; }

// A scroll region in both frames: the same backdrop chunk, at these indices.
struct RegionPair {
    std::size_t before = 0, after = 0;
    PixelRect region;
};

// The chunks drawn in `region` after its backdrop at `from`: its contents.
template <typename F>
void forContents(const FrameGeometry& g, std::size_t from, const PixelRect& region, F&& f) {
    for (std::size_t k = from + 1; k < g.chunks.size(); ++k)
        if (g.chunks[k].scissor == region) f(k);
}

// How far the region's contents moved up: the commonest whole-pixel move
// between contents of one shape key in both frames, voted by shapes that
// occur a few times at most (a list's row backgrounds all look alike and
// would vote for every multiple of the row height), when it has twice the
// votes of any other move; 0 when none does.
int commonMove(const FrameGeometry& before, const FrameGeometry& after, const RegionPair& p) {
    constexpr std::ptrdiff_t kMostAlike = 4;
    std::vector<std::pair<std::uint64_t, std::int64_t>> old;
    forContents(before, p.before, p.region, [&](std::size_t k) {
        old.push_back({before.chunks[k].shape, quantY(before.chunks[k].anchorY)});
    });
    std::sort(old.begin(), old.end());
    std::vector<std::int64_t> moves;
    const std::int64_t height = p.region.y1 - p.region.y0;
    forContents(after, p.after, p.region, [&](std::size_t k) {
        const DrawChunk& c = after.chunks[k];
        auto lo = std::lower_bound(old.begin(), old.end(), std::pair{c.shape, std::numeric_limits<std::int64_t>::min()});
        auto hi = std::upper_bound(lo, old.end(), std::pair{c.shape, std::numeric_limits<std::int64_t>::max()});
        if (hi - lo > kMostAlike) return;
        for (auto it = lo; it != hi; ++it) {
            std::int64_t d = it->second - quantY(c.anchorY);
            if (d != 0 && d % kSubpixels == 0 && std::abs(d / kSubpixels) < height) moves.push_back(d / kSubpixels);
        }
    });
    std::sort(moves.begin(), moves.end());
    std::int64_t best = 0;
    std::size_t bestCount = 0, runnerUp = 0;
    for (std::size_t i = 0; i < moves.size();) {
        std::size_t j = i;
        while (j < moves.size() && moves[j] == moves[i]) ++j;
        if (j - i > bestCount) runnerUp = bestCount, best = moves[i], bestCount = j - i;
        else runnerUp = std::max(runnerUp, j - i);
        i = j;
    }
    return bestCount >= 3 && bestCount >= 2 * runnerUp ? static_cast<int>(best) : 0;
}

// The scroll region whose contents moved, if one did (the one with the most
// contents, when several did).
std::optional<std::pair<RegionPair, int>> findScroll(const FrameGeometry& before, const FrameGeometry& after) {
    std::optional<std::pair<RegionPair, int>> found;
    for (std::size_t j = 0; j < after.chunks.size(); ++j) {
        const DrawChunk& b = after.chunks[j];
        if (!b.backdrop || b.scissor.empty()) continue;
        for (std::size_t i = 0; i < before.chunks.size(); ++i) {
            if (!before.chunks[i].backdrop || before.chunks[i].key != b.key) continue;
            RegionPair p{i, j, b.scissor};
            if (int dy = commonMove(before, after, p); dy != 0 && (!found || p.region.area() > found->first.region.area()))
                found = std::pair{p, dy};
            break;
        }
    }
    return found;
}

// `before` as the copy leaves it: the region's contents moved by the
// scroll and cut to the copied rows; what was drawn over the region (after
// its backdrop, under another clip rectangle) is damage where it was and
// where the copy took its pixels.
FrameGeometry afterCopy(const FrameGeometry& before, const RegionPair& p, const Scroll& scroll, TileGrid& tiles) {
    FrameGeometry out;
    out.width = before.width, out.height = before.height;
    out.chunks.reserve(before.chunks.size());
    const PixelRect copied = scroll.copied();
    for (std::size_t k = 0; k < before.chunks.size(); ++k) {
        DrawChunk c = before.chunks[k];
        if (k > p.before && c.scissor == scroll.region) {
            c.box = shifted(c.box, scroll.dy).intersection(copied);
            if (c.box.empty()) continue;  // scrolled out of the region, or into the redrawn strip
            c.anchorY -= float(scroll.dy);
            c.key = chunkKey(c.shape, c.anchorY);
        } else if (k > p.before && c.box.intersects(scroll.region)) {
            tiles.mark(c.box.intersection(scroll.region));
            tiles.mark(shifted(c.box, scroll.dy).intersection(copied));
        }
        out.chunks.push_back(c);
    }
    // The rows scrolled into view.
    tiles.mark({scroll.region.x0, scroll.region.y0, scroll.region.x1, copied.y0});
    tiles.mark({scroll.region.x0, copied.y1, scroll.region.x1, scroll.region.y1});
    return out;
}

}  // namespace

std::uint64_t chunkKey(std::uint64_t shape, float anchorY) { return finish(mix(shape, quantBits(anchorY))); }

FrameGeometry describeFrame(const ImDrawData& data, int width, int height, const TextureVersions& versions,
                            const WhitePixel& white) {
    FrameGeometry out;
    out.width = width, out.height = height;
    const PixelRect frame{0, 0, width, height};
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& l = *data.CmdLists[n];
        for (int c = 0; c < l.CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = l.CmdBuffer[c];
            if (cmd.UserCallback) {
                out.callbacks = true;
                continue;
            }
            const ImVec2 o = data.DisplayPos, s = data.FramebufferScale;
            PixelRect sc = scissorRect((cmd.ClipRect.x - o.x) * s.x, (cmd.ClipRect.y - o.y) * s.y,
                                       (cmd.ClipRect.z - o.x) * s.x, (cmd.ClipRect.w - o.y) * s.y, height);
            PixelRect visible = sc.intersection(frame);
            if (visible.empty() || cmd.ElemCount < 3) continue;
            auto texture = reinterpret_cast<std::uintptr_t>(cmd.TextureId);
            std::uint64_t key =
                mix(mix(mix(mix(mix(0x13198A2E03707344ull, std::uint64_t(std::uint32_t(sc.x0))),
                                std::uint64_t(std::uint32_t(sc.y0)) << 32 | std::uint32_t(sc.x1)),
                            std::uint64_t(std::uint32_t(sc.y1))),
                        texture),
                    versions.of(texture));
            CommandContext context{data, visible, key, n, c, texture == white.texture, ImVec2(white.u, white.v)};
            unsigned first = 0;
            if (startsWithBackdrop(context, l, cmd)) {  // one chunk, whatever its triangles' hashes
                const ImDrawVert& corner = l.VtxBuffer[int(cmd.VtxOffset) + l.IdxBuffer[int(cmd.IdxOffset)]];
                std::uint64_t shape = finish(vertexHash(key, corner));
                DrawChunk chunk{0, shape, 0, visible, visible, n, c, cmd.IdxOffset, 6, Fill::FlatOpaque, true};
                chunk.key = chunkKey(shape, 0);
                out.chunks.push_back(chunk);
                first = 2;
            }
            chunkCommand(context, l, cmd, first, out);
        }
    }
    return out;
}

Damage computeDamage(const FrameGeometry& before, const FrameGeometry& after, double fullFraction) {
    Damage d;
    if (before.width != after.width || before.height != after.height || before.width <= 0 ||
        before.height <= 0 || before.callbacks || after.callbacks) {
        d.full = true;
        return d;
    }
    TileGrid tiles(after.width, after.height);
    bool any = false;
    std::optional<FrameGeometry> copiedFrame;
    if (auto s = findScroll(before, after)) {
        d.scroll = Scroll{s->first.region, s->second};
        copiedFrame = afterCopy(before, s->first, *d.scroll, tiles);
        any = true;
    }
    const FrameGeometry& shown = copiedFrame ? *copiedFrame : before;
    std::vector<int> match = matchKeys(shown, after);
    std::vector<bool> keep = keepInOrder(match);
    std::vector<bool> oldKept(shown.chunks.size(), false);
    for (std::size_t j = 0; j < after.chunks.size(); ++j) {
        if (keep[j])
            oldKept[static_cast<std::size_t>(match[j])] = true;
        else
            tiles.mark(after.chunks[j].box), any = true;
    }
    for (std::size_t i = 0; i < shown.chunks.size(); ++i)
        if (!oldKept[i]) tiles.mark(shown.chunks[i].box), any = true;
    if (!any) return d;
    d.rects = tiles.rects(false);
    if (d.rects.size() > kMaxRects) d.rects = tiles.rects(true);
    if (d.rects.size() > kMaxRects) {
        PixelRect all = d.rects.front();
        for (const auto& r : d.rects)
            all = {std::min(all.x0, r.x0), std::min(all.y0, r.y0), std::max(all.x1, r.x1),
                   std::max(all.y1, r.y1)};
        d.rects = {all};
    }
    if (static_cast<double>(d.pixels()) > fullFraction * static_cast<double>(after.width) * after.height) {
        d.full = true;
        d.scroll.reset();
        d.rects.clear();
    }
    return d;
}

}  // namespace gongkai::platform
