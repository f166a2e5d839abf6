// The font atlas as one GL texture channel: GL_R8 with a swizzle that reads
// (1, 1, 1, R), so the renderer's shader (colour * texel, renderer.h) sees
// the glyph coverage as alpha. A 4096 x 8192 atlas costs 32 MiB this way
// instead of ImGui's 128 MiB RGBA copy (and its 128 MiB CPU copy).
//
// Use: after Window::create, upload() each atlas before installing it; each
// upload counts as new texture contents for damage tracking (damage.h), so
// the next frame is redrawn in full. UI thread only, with the window's GL
// context current. Destroy before the Window.
#pragma once

#include "core/result.h"

struct ImFontAtlas;

namespace gongkai::platform {

class FontTexture {
public:
    FontTexture() = default;
    ~FontTexture();
    FontTexture(const FontTexture&) = delete;
    FontTexture& operator=(const FontTexture&) = delete;

    // Nothing since the kiosk draws with its own renderer, which has no font
    // texture of its own to drop (ImGui's OpenGL3 backend had); kept for callers.
    static void takeOverFromBackend() {}
    // Uploads `atlas`'s Alpha8 pixels and sets its TexID; the texture of the
    // previous upload is deleted. The atlas's CPU pixels are left for the
    // caller to free (ImFontAtlas::ClearTexData).
    Status upload(ImFontAtlas& atlas);
    unsigned textureBytes() const { return m_bytes; }

private:
    unsigned m_texture = 0;
    unsigned m_bytes = 0;
};

}  // namespace gongkai::platform
