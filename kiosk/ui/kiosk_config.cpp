#include "ui/kiosk_config.h"

#include <sstream>

#include <toml++/toml.h>

#include "core/display_command.h"

namespace gongkai::ui {
namespace {

// [kiosk] display_*: the opening hours and the display commands, each
// problem named with its line (and the character inside the value).
Status readDisplayKeys(const toml::table& t, const std::string& path, KioskConfig& c) {
    auto where = [&](const char* key) {
        const toml::node* n = t["kiosk"][key].node();
        return path + ":" + std::to_string(n ? n->source().begin.line : 0) + ": [kiosk] " + key + ": ";
    };
    if (t["kiosk"]["display_schedule"]) {
        auto text = t["kiosk"]["display_schedule"].value<std::string>();
        if (!text) return Error{where("display_schedule") + "must be a string, e.g. \"mon-fri 08:30-17:30\""};
        auto schedule = parseDisplaySchedule(*text);
        if (!schedule) return Error{where("display_schedule") + schedule.error().message};
        c.displaySchedule = std::move(schedule.value());
    }
    for (auto [key, field] : {std::pair{"display_off_command", &c.displayOffCommand},
                              std::pair{"display_on_command", &c.displayOnCommand}}) {
        if (!t["kiosk"][key]) continue;
        auto text = t["kiosk"][key].value<std::string>();
        if (!text) return Error{where(key) + "must be a string"};
        auto argv = splitCommand(*text);
        if (!argv) return Error{where(key) + argv.error().message};
        *field = std::move(argv.value());
    }
    c.displayWakeSeconds = t["kiosk"]["display_wake_seconds"].value_or(-1.0);
    if (t["kiosk"]["display_wake_seconds"] && c.displayWakeSeconds <= 0)
        return Error{where("display_wake_seconds") + "must be a number > 0"};
    return okStatus();
}

}  // namespace

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
    if (auto st = readDisplayKeys(t, path, c); !st) return st.error();
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
