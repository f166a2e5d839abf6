// GPU textures for decoded images (the document reader's pictures). UI
// thread only, with the window's GL context current. A TextureId is what
// Dear ImGui's AddImage takes (an OpenGL texture name); 0 means none.
#pragma once

#include <cstdint>

namespace gongkai::platform {

using TextureId = std::uintptr_t;

// Uploads `width` x `height` RGBA pixels (8 bits a channel, rows top to
// bottom, no padding) with linear filtering; 0 when GL refuses.
TextureId uploadTexture(const std::uint8_t* rgba, int width, int height);
void deleteTexture(TextureId id);

}  // namespace gongkai::platform
