#include "platform/texture.h"

#include <GL/gl.h>

#include "platform/damage.h"

namespace gongkai::platform {

TextureId uploadTexture(const std::uint8_t* rgba, int width, int height) {
    if (!rgba || width <= 0 || height <= 0) return 0;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);  // leave ImGui's binding as it was
    GLuint tex = 0;
    glGenTextures(1, &tex);
    if (!tex) return 0;
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    bool ok = glGetError() == GL_NO_ERROR;
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
    if (!ok) {
        glDeleteTextures(1, &tex);
        return 0;
    }
    textureVersions().bump(tex);  // GL reuses deleted names: new contents, new version (damage.h)
    return static_cast<TextureId>(tex);
}

void deleteTexture(TextureId id) {
    if (!id) return;
    GLuint tex = static_cast<GLuint>(id);
    glDeleteTextures(1, &tex);
}

}  // namespace gongkai::platform
