// The kiosk's part of gongkai.toml: [kiosk] language, font, font_face and
// [mirror] db. A missing key keeps its default; a file that cannot be read
// or parsed is an Error naming the file and line (the kiosk then shows its
// out-of-service screen with that reason rather than exiting).
#pragma once

#include <string>

#include "core/result.h"

namespace gongkai::ui {

struct KioskConfig {
    std::string language;  // zh-CN or en; empty: zh-CN
    std::string fontPath;  // empty: Debian's Noto Sans CJK
    int fontFace = -1;     // -1: the default face
    std::string dbPath;    // [mirror] db
};

Result<KioskConfig> loadKioskConfig(const std::string& path);

}  // namespace gongkai::ui
