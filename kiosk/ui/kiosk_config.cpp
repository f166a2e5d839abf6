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
    c.stateDir = t["kiosk"]["state_dir"].value_or(std::string());
    for (auto [key, field] : {std::pair{"idle_reset_seconds", &c.idleResetSeconds},
                              std::pair{"idle_countdown_seconds", &c.idleCountdownSeconds},
                              std::pair{"attract_seconds", &c.attractSeconds}, std::pair{"poll_seconds", &c.pollSeconds},
                              std::pair{"max_data_age_days", &c.maxDataAgeDays}}) {
        *field = t["kiosk"][key].value_or(-1.0);
        if (t["kiosk"][key] && *field <= 0) return Error{path + ": [kiosk] " + key + " must be a number > 0"};
    }
    c.syncStatusPath = t["kiosk"]["sync_status"].value_or(std::string());
    c.staffPinHash = t["kiosk"]["staff_pin_hash"].value_or(std::string());
    c.elderMode = t["kiosk"]["elder_mode"].value_or(false);
    c.handwritingModel = t["kiosk"]["handwriting_model"].value_or(std::string());
    c.kioskKey = t["kiosk"]["key"].value_or(std::string());
    c.kioskId = t["kiosk"]["id"].value_or(std::string());
    c.outboxPath = t["mirror"]["outbox"].value_or(std::string());
    if (auto* list = t["kiosk"]["popular_searches"].as_array()) {
        c.popularGiven = true;
        for (const auto& v : *list) {
            auto text = v.value<std::string>();
            if (!text || text->empty())
                return Error{path + ": [kiosk] popular_searches must be a list of non-empty strings"};
            c.popularSearches.push_back(*text);
        }
    } else if (t["kiosk"]["popular_searches"]) {
        return Error{path + ": [kiosk] popular_searches must be a list of strings"};
    }
    if (!c.language.empty() && c.language != "zh-CN" && c.language != "en")
        return Error{path + ": [kiosk] language must be \"zh-CN\" or \"en\""};
    return c;
}

}  // namespace gongkai::ui
