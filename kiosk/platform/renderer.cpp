// Sections: [gl] shader, buffers, framebuffers
//           [draw] uploading the geometry, drawing rectangles
//           [frame] render, scroll, blit, verify
#include "platform/renderer.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <optional>
#include <vector>

namespace gongkai::platform {
namespace {

// Dear ImGui 1.86's OpenGL3 backend's GLSL 130 shaders, unchanged: colour
// times one texture fetch (the font atlas reads (1, 1, 1, coverage) through
// its swizzle, font_texture.h; pictures are RGBA).
const char* kVertexShader = R"(#version 130
uniform mat4 ProjMtx;
in vec2 Position;
in vec2 UV;
in vec4 Color;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = ProjMtx * vec4(Position.xy, 0, 1);
}
)";

// Flat shapes (Fill::Flat*, damage.h): the colour alone, which is what the
// texture fetch at the atlas's white pixel gives, without the fetch (under
// llvmpipe the fetch and the blending are most of a frame's cost).
const char* kFlatFragmentShader = R"(#version 130
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
    Out_Color = Frag_Color;
}
)";

const char* kFragmentShader = R"(#version 130
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
    Out_Color = Frag_Color * texture(Texture, Frag_UV.st);
}
)";

enum Attribute : GLuint { kPosition = 0, kUv = 1, kColour = 2 };

Result<GLuint> compile(GLenum type, const char* source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (ok) return s;
    char log[1024] = {};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    glDeleteShader(s);
    return Error{std::string("cannot compile the ") + (type == GL_VERTEX_SHADER ? "vertex" : "fragment") +
                 " shader: " + log};
}

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// GL's scissor box from a top-left one.
void scissor(const PixelRect& r, int height) {
    glScissor(r.x0, height - r.y1, r.x1 - r.x0, r.y1 - r.y0);
}

}  // namespace

const char* redrawName(Redraw::Kind k) {
    return k == Redraw::Kind::Full ? "full" : k == Redraw::Kind::Partial ? "partial" : "none";
}

// [gl] -------------------------------------------------------------------------

Result<std::unique_ptr<Renderer>> Renderer::create(bool alwaysFull, bool offscreen) {
    std::unique_ptr<Renderer> r(new Renderer());
    r->m_alwaysFull = alwaysFull;
    r->m_offscreen = offscreen;
    if (auto st = r->setUp(); !st) return st.error();
    // Draw lists over 64k vertices are split by VtxOffset, which needs
    // glDrawElementsBaseVertex (GL 3.2; Mesa gives 4.5 for a 3.0 request).
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    if (major * 10 + minor >= 32) ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    ImGui::GetIO().BackendRendererName = "gongkai_damage_gl3";
    return r;
}

Result<unsigned> Renderer::link(const char* fragmentSource) {
    auto vs = compile(GL_VERTEX_SHADER, kVertexShader);
    if (!vs) return vs.error();
    auto fs = compile(GL_FRAGMENT_SHADER, fragmentSource);
    if (!fs) return glDeleteShader(vs.value()), Result<unsigned>(fs.error());
    GLuint program = glCreateProgram();
    glAttachShader(program, vs.value());
    glAttachShader(program, fs.value());
    glBindAttribLocation(program, kPosition, "Position");
    glBindAttribLocation(program, kUv, "UV");
    glBindAttribLocation(program, kColour, "Color");
    glBindFragDataLocation(program, 0, "Out_Color");
    glLinkProgram(program);
    glDeleteShader(vs.value());
    glDeleteShader(fs.value());
    GLint linked = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &linked);
    if (!linked)
        return glDeleteProgram(program), Result<unsigned>(Error{"cannot link the ImGui shader program"});
    return program;
}

Status Renderer::setUp() {
    auto textured = link(kFragmentShader);
    if (!textured) return textured.error();
    m_program = textured.value();
    auto flat = link(kFlatFragmentShader);
    if (!flat) return flat.error();
    m_flatProgram = flat.value();
    m_locProj = glGetUniformLocation(m_program, "ProjMtx");
    m_locTex = glGetUniformLocation(m_program, "Texture");
    m_locFlatProj = glGetUniformLocation(m_flatProgram, "ProjMtx");

    glGenVertexArrays(1, &m_vao);
    glGenBuffers(1, &m_vbo);
    glGenBuffers(1, &m_ibo);
    glBindVertexArray(m_vao);
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_ibo);  // part of the VAO's state
    glEnableVertexAttribArray(kPosition);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColour);
    auto at = [](std::size_t offset) { return reinterpret_cast<const void*>(offset); };
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                          at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColour, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                          at(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
    if (GLenum err = glGetError(); err != GL_NO_ERROR)
        return Error{"cannot set up the renderer (GL error " + std::to_string(err) + ")"};
    return okStatus();
}

Renderer::~Renderer() {
    if (m_fbo) glDeleteFramebuffers(1, &m_fbo);
    if (m_colour) glDeleteRenderbuffers(1, &m_colour);
    if (m_vbo) glDeleteBuffers(1, &m_vbo);
    if (m_ibo) glDeleteBuffers(1, &m_ibo);
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
    if (m_program) glDeleteProgram(m_program);
    if (m_flatProgram) glDeleteProgram(m_flatProgram);
}

// A colour renderbuffer of the given size behind `fbo`, made or remade;
// false when GL cannot make it complete.
bool Renderer::ensureTarget(unsigned& fbo, unsigned& colour, int width, int height) {
    if (fbo) glDeleteFramebuffers(1, &fbo);
    if (colour) glDeleteRenderbuffers(1, &colour);
    glGenRenderbuffers(1, &colour);
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return ok;
}

// [draw] -----------------------------------------------------------------------

// Every draw list in one vertex and one index buffer, so each rectangle's
// pass can draw from any of them.
void Renderer::uploadGeometry(const ImDrawData& data) {
    std::size_t vBytes = static_cast<std::size_t>(data.TotalVtxCount) * sizeof(ImDrawVert);
    std::size_t iBytes = static_cast<std::size_t>(data.TotalIdxCount) * sizeof(ImDrawIdx);
    glBindBuffer(GL_ARRAY_BUFFER, m_vbo);
    glBindVertexArray(m_vao);
    if (vBytes > m_vboBytes) m_vboBytes = vBytes * 2;
    if (iBytes > m_iboBytes) m_iboBytes = iBytes * 2;
    // Orphaned each frame: the rasteriser may still read last frame's copy.
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_vboBytes), nullptr, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(m_iboBytes), nullptr, GL_STREAM_DRAW);
    std::size_t v = 0, i = 0;
    m_listVtx.assign(static_cast<std::size_t>(data.CmdListsCount), 0);
    m_listIdx.assign(static_cast<std::size_t>(data.CmdListsCount), 0);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& l = *data.CmdLists[n];
        m_listVtx[static_cast<std::size_t>(n)] = static_cast<int>(v);
        m_listIdx[static_cast<std::size_t>(n)] = i;
        std::size_t vb = static_cast<std::size_t>(l.VtxBuffer.Size) * sizeof(ImDrawVert);
        std::size_t ib = static_cast<std::size_t>(l.IdxBuffer.Size) * sizeof(ImDrawIdx);
        glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(v * sizeof(ImDrawVert)),
                        static_cast<GLsizeiptr>(vb), l.VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLintptr>(i * sizeof(ImDrawIdx)),
                        static_cast<GLsizeiptr>(ib), l.IdxBuffer.Data);
        v += static_cast<std::size_t>(l.VtxBuffer.Size);
        i += static_cast<std::size_t>(l.IdxBuffer.Size);
    }
}

// For each rectangle: clear it, then draw every chunk that meets it, in
// order, scissored to its command's clip box inside the rectangle. Runs of
// adjacent chunks of one command go in one draw call.
// For each rectangle: clear it, then draw every chunk that meets it, in
// order, scissored to its command's clip box inside the rectangle. Runs of
// adjacent chunks of one command and one Fill go in one draw call; the
// program and blending change with the Fill.
void Renderer::drawRects(const ImDrawData& data, const FrameGeometry& g, const PixelRect* rects,
                         std::size_t count, unsigned fbo) {
    const int w = g.width, h = g.height;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, w, h);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glClearColor(m_clear[0], m_clear[1], m_clear[2], 1.0f);
    const float l = data.DisplayPos.x, r = l + data.DisplaySize.x, t = data.DisplayPos.y,
                b = t + data.DisplaySize.y;
    const float proj[16] = {
        2.0f / (r - l),    0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0, (r + l) / (l - r),
        (t + b) / (b - t), 0, 1};
    glUseProgram(m_flatProgram);
    glUniformMatrix4fv(m_locFlatProj, 1, GL_FALSE, proj);
    glUseProgram(m_program);
    glUniform1i(m_locTex, 0);
    glUniformMatrix4fv(m_locProj, 1, GL_FALSE, proj);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(m_vao);
    std::optional<Fill> state;
    auto use = [&](Fill f) {
        if (state && f == *state) return;
        if (!state || (f == Fill::Textured) != (*state == Fill::Textured))
            glUseProgram(f == Fill::Textured ? m_program : m_flatProgram);
        if (f == Fill::FlatOpaque)
            glDisable(GL_BLEND);
        else
            glEnable(GL_BLEND);
        state = f;
    };
    const ImVec2 o = data.DisplayPos, s = data.FramebufferScale;
    // Draws the chunks from `from` on that meet `rect`, after clearing it
    // unless `from` is a backdrop that covers it.
    auto pass = [&](const PixelRect& rect, std::size_t from) {
        scissor(rect, h);
        if (from == 0) glClear(GL_COLOR_BUFFER_BIT);
        std::size_t i = from;
        while (i < g.chunks.size()) {
            const DrawChunk& c = g.chunks[i];
            if (!c.box.intersects(rect)) {
                ++i;
                continue;
            }
            unsigned count3 = c.indexCount;
            std::size_t j = i + 1;
            for (; j < g.chunks.size(); ++j) {
                const DrawChunk& n = g.chunks[j];
                if (n.list != c.list || n.command != c.command || n.fill != c.fill ||
                    n.firstIndex != c.firstIndex + count3 || !n.box.intersects(rect))
                    break;
                count3 += n.indexCount;
            }
            const ImDrawCmd& cmd = data.CmdLists[c.list]->CmdBuffer[c.command];
            PixelRect clip = scissorRect((cmd.ClipRect.x - o.x) * s.x, (cmd.ClipRect.y - o.y) * s.y,
                                         (cmd.ClipRect.z - o.x) * s.x, (cmd.ClipRect.w - o.y) * s.y, h)
                                 .intersection(rect);
            if (!clip.empty()) {
                scissor(clip, h);
                use(c.fill);
                if (c.fill == Fill::Textured)
                    glBindTexture(GL_TEXTURE_2D,
                                  static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
                std::size_t first = m_listIdx[static_cast<std::size_t>(c.list)] + c.firstIndex;
                glDrawElementsBaseVertex(
                    GL_TRIANGLES, static_cast<GLsizei>(count3),
                    sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                    reinterpret_cast<const void*>(first * sizeof(ImDrawIdx)),
                    m_listVtx[static_cast<std::size_t>(c.list)] + static_cast<GLint>(cmd.VtxOffset));
            }
            i = j;
        }
    };
    // Inside a scroll region nothing drawn before its backdrop (opaque, over
    // all its clip rectangle) shows: that part of a rectangle starts at the
    // backdrop, uncleared, and the rest is drawn as usual. (Under llvmpipe
    // a scissored clear costs what a quad costs, and the page under a list
    // is another.)
    std::vector<std::size_t> backdrops;
    for (std::size_t i = 0; i < g.chunks.size(); ++i)
        if (g.chunks[i].backdrop && i > 0) backdrops.push_back(i);
    for (std::size_t k = 0; k < count; ++k) {
        const PixelRect& rect = rects[k];
        std::size_t at = 0;
        PixelRect inner;
        for (std::size_t d : backdrops)  // the last drawn is on top
            if (PixelRect in = g.chunks[d].scissor.intersection(rect); !in.empty()) at = d, inner = in;
        if (at == 0) {
            pass(rect, 0);
            continue;
        }
        pass(inner, at);
        for (const PixelRect& piece : {PixelRect{rect.x0, rect.y0, rect.x1, inner.y0},
                                       PixelRect{rect.x0, inner.y1, rect.x1, rect.y1},
                                       PixelRect{rect.x0, inner.y0, inner.x0, inner.y1},
                                       PixelRect{inner.x1, inner.y0, rect.x1, inner.y1}})
            if (!piece.empty()) pass(piece, 0);
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

// [frame] ----------------------------------------------------------------------

Redraw Renderer::render(const ImDrawData& data, int width, int height, const float clear[3]) {
    Redraw out;
    m_redrawn.clear();
    if (width <= 0 || height <= 0) return out;
    auto t0 = std::chrono::steady_clock::now();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    WhitePixel white{reinterpret_cast<std::uintptr_t>(atlas.TexID), atlas.TexUvWhitePixel.x,
                     atlas.TexUvWhitePixel.y};
    FrameGeometry g = describeFrame(data, width, height, textureVersions(), white);
    out.describeMs = msSince(t0);
    auto font = reinterpret_cast<std::uintptr_t>(ImGui::GetIO().Fonts->TexID);
    bool resized = width != m_width || height != m_height;
    bool full = m_alwaysFull || resized || font != m_fontTexture ||
                textureVersions().of(font) != m_fontVersion || clear[0] != m_clear[0] ||
                clear[1] != m_clear[1] || clear[2] != m_clear[2];
    out.atlasChanged = m_fontTexture != 0 && (font != m_fontTexture || textureVersions().of(font) != m_fontVersion);
    if (resized && m_offscreen && !ensureTarget(m_fbo, m_colour, width, height)) return out;
    m_width = width, m_height = height;
    m_fontTexture = font, m_fontVersion = textureVersions().of(font);
    for (int k = 0; k < 3; ++k) m_clear[k] = clear[k];
    auto t1 = std::chrono::steady_clock::now();
    Damage d = full ? Damage{true, {}, {}} : computeDamage(m_last, g);
    out.damageMs = msSince(t1);
    if (d.full) d.rects = {PixelRect{0, 0, width, height}};
    const unsigned frame = m_offscreen ? m_fbo : 0;
    if (d.scroll) copyScroll(*d.scroll, frame);

    if (!d.rects.empty()) {
        uploadGeometry(data);
        drawRects(data, g, d.rects.data(), d.rects.size(), frame);
    }
    if (!d.none()) {
        out.kind = d.full ? Redraw::Kind::Full : Redraw::Kind::Partial;
        out.pixels = d.pixels();
        out.rects = static_cast<int>(d.rects.size());
    }
    m_redrawn.clear();
    if (d.scroll) {
        out.scrolledPixels = d.scroll->region.area();
        m_redrawn.push_back(d.scroll->region);
    }
    for (const PixelRect& r : d.rects)  // a redrawn rectangle inside the region is shown with it
        if (!d.scroll || r.intersection(d.scroll->region) != r) m_redrawn.push_back(r);
    m_last = std::move(g);
    return out;
}

// The region's rows moved within the frame, in bands as tall as the move,
// each copied before the band it is copied over is read: blits that do not
// overlap, which llvmpipe does with memcpy. (A scratch framebuffer would
// need two blits through a shader, about 7 ms each for a result list.)
void Renderer::copyScroll(const Scroll& scroll, unsigned frame) {
    const PixelRect to = scroll.copied();
    if (to.empty() || scroll.dy == 0) return;
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, frame);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, frame);
    if (!frame) glReadBuffer(GL_BACK), glDrawBuffer(GL_BACK);
    const int band = std::abs(scroll.dy), rows = to.y1 - to.y0;
    for (int done = 0; done < rows; done += band) {
        // Moving up: from the region's top down; moving down: from its bottom up.
        int y0 = scroll.dy > 0 ? to.y0 + done : std::max(to.y0, to.y1 - done - band);
        int y1 = scroll.dy > 0 ? std::min(to.y1, y0 + band) : to.y1 - done;
        int glTo = m_height - y1;  // GL's rows run bottom to top
        int glFrom = glTo - scroll.dy;
        glBlitFramebuffer(to.x0, glFrom, to.x1, glFrom + (y1 - y0), to.x0, glTo, to.x1, glTo + (y1 - y0),
                          GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Renderer::blitToWindow() {
    if (!m_offscreen || !m_fbo) return;
    glDisable(GL_SCISSOR_TEST);  // it would clip the blit
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glDrawBuffer(GL_BACK);
    glBlitFramebuffer(0, 0, m_width, m_height, 0, 0, m_width, m_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

// The full redraw goes to the frame itself, after reading it: it must not
// change a pixel by more than kRoundingLevels. (A second framebuffer would not do:
// llvmpipe draws the window's BGRX back buffer by other code paths than an
// RGBA8 renderbuffer, with slightly different rounding.) When it does, the
// frame was wrong, is reported, and goes on from the corrected pixels.
// A few levels are allowed because a scrolled region's pixels are copied,
// not drawn again: llvmpipe interpolates colours and coverage from where a
// pixel is on the screen, so a shape drawn some whole pixels lower can come
// out a level or two different in its edge pixels (seen: 1 in text, 2 along
// a hairline rule). Such pixels are counted apart. A wrong redraw (stale or
// misplaced content) differs by far more.
RedrawCheck Renderer::differencesFromFullRedraw(const ImDrawData& data) {
    RedrawCheck check;
    if (m_width <= 0 || m_height <= 0) return check;
    const unsigned target = m_offscreen ? m_fbo : 0;
    auto read = [&] {
        std::vector<std::uint8_t> px(static_cast<std::size_t>(m_width) * m_height * 4);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, target);
        if (!target) glReadBuffer(GL_BACK);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        return px;
    };
    std::vector<std::uint8_t> shown = read();
    PixelRect all{0, 0, m_width, m_height};
    uploadGeometry(data);  // the partial pass may have drawn nothing this frame
    drawRects(data, m_last, &all, 1, target);
    std::vector<std::uint8_t> reference = read();
    for (std::size_t i = 0; i < shown.size(); i += 4) {
        int most = 0;
        for (std::size_t c = 0; c < 3; ++c) most = std::max(most, std::abs(int(shown[i + c]) - int(reference[i + c])));
        if (most == 0) continue;
        if (most <= kRoundingLevels) {
            ++check.rounding;
            continue;
        }
        if (check.differing++ == 0) {
            std::size_t p = i / 4;
            int x = static_cast<int>(p % static_cast<std::size_t>(m_width));
            int y = m_height - 1 - static_cast<int>(p / static_cast<std::size_t>(m_width));
            check.where = "(" + std::to_string(x) + ", " + std::to_string(y) + ")";
        }
    }
    return check;
}

}  // namespace gongkai::platform
