#include "platform/font_texture.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <cstdint>

#include "platform/damage.h"

namespace gongkai::platform {

FontTexture::~FontTexture() {
    if (m_texture) glDeleteTextures(1, &m_texture);
}

Status FontTexture::upload(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    if (!pixels || w <= 0 || h <= 0) return Error{"the font atlas has no pixels"};
    GLint lastTexture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &lastTexture);
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    GLenum err = glGetError();
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(lastTexture));
    if (err != GL_NO_ERROR) {
        glDeleteTextures(1, &tex);
        return Error{"cannot upload the font atlas (GL error " + std::to_string(err) + ")"};
    }
    if (m_texture) glDeleteTextures(1, &m_texture);
    m_texture = tex;
    m_bytes = static_cast<unsigned>(w) * static_cast<unsigned>(h);
    textureVersions().bump(tex);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)));
    return okStatus();
}

}  // namespace gongkai::platform
