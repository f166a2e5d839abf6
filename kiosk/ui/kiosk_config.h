// The kiosk's part of gongkai.toml: [kiosk] language, font, font_face,
// popular_searches (a list of texts for home's one-tap searches), state_dir
// (where the kiosk keeps its own small files, default /var/lib/gongkai),
// handwriting_model (the 手写 pad's zinnia model, default Debian's tegaki one),
// key and id (the request slips' signing key and the kiosk's id), and
// [mirror] db and outbox; display_schedule, display_off_command,
// display_on_command and display_wake_seconds (app_display.h). A missing key keeps its default; a file that cannot be read
// or parsed is an Error naming the file and line (the kiosk then shows its
// out-of-service screen with that reason rather than exiting).
#pragma once

#include <string>
#include <vector>

#include "core/display_schedule.h"
#include "core/result.h"

namespace gongkai::ui {

struct KioskConfig {
    std::string language;  // zh-CN or en; empty: zh-CN
    std::string fontPath;  // empty: Debian's Noto Sans CJK
    int fontFace = -1;     // -1: the default face
    std::string dbPath;    // [mirror] db
    std::vector<std::string> popularSearches;  // [kiosk] popular_searches
    bool popularGiven = false;                 // the key was present (even empty)
    std::string stateDir;                      // [kiosk] state_dir; empty: the default
    // System behaviours (the system helper); negative: the built-in default.
    double idleResetSeconds = -1;      // [kiosk] idle_reset_seconds (default 90)
    double idleCountdownSeconds = -1;  // [kiosk] idle_countdown_seconds (default 15)
    double attractSeconds = -1;        // [kiosk] attract_seconds (default 300)
    double pollSeconds = -1;           // [kiosk] poll_seconds (default 3)
    double maxDataAgeDays = -1;        // [kiosk] max_data_age_days (default 30; used when the feed has no expiry)
    std::string syncStatusPath;        // [kiosk] sync_status (default <mirror dir>/sync-status.json)
    std::string staffPinHash;          // [kiosk] staff_pin_hash (gongkai-kiosk --hash-pin)
    bool elderMode = false;            // [kiosk] elder_mode: start in elder-friendly mode
    std::string handwritingModel;      // [kiosk] handwriting_model: the 手写 pad's zinnia model
    std::string kioskKey;              // [kiosk] key: the kiosk's Ed25519 key file (request slips)
    std::string kioskId;               // [kiosk] id: its registered id (a `kiosk` record)
    std::string outboxPath;            // [mirror] outbox (default: outbox.db beside the mirror)
    // The display's opening hours (app_display.h, core/display_schedule.h).
    DisplaySchedule displaySchedule;               // [kiosk] display_schedule (default: always on)
    std::vector<std::string> displayOffCommand;    // [kiosk] display_off_command, split (display_command.h)
    std::vector<std::string> displayOnCommand;     // [kiosk] display_on_command
    double displayWakeSeconds = -1;                // [kiosk] display_wake_seconds (default 180)
};

Result<KioskConfig> loadKioskConfig(const std::string& path);

}  // namespace gongkai::ui
