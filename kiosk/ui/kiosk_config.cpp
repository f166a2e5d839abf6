#include "ui/kiosk_config.h"

#include <sstream>

#include <toml++/toml.h>

namespace gongkai::ui {

Result<KioskConfig> loadKioskConfig(const std::string& path) {
    toml::table t;
    try {
        t = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ": " << e.description();
        return Error{msg.str()};
    }
    KioskConfig c;
    c.language = t["kiosk"]["language"].value_or(std::string());
    c.fontPath = t["kiosk"]["font"].value_or(std::string());
    c.fontFace = static_cast<int>(t["kiosk"]["font_face"].value_or(std::int64_t{-1}));
    c.dbPath = t["mirror"]["db"].value_or(std::string());
    if (!c.language.empty() && c.language != "zh-CN" && c.language != "en")
        return Error{path + ": [kiosk] language must be \"zh-CN\" or \"en\""};
    return c;
}

}  // namespace gongkai::ui
