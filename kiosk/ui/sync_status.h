// How fresh the kiosk's data is, for the header on every screen and the
// staff status page.
//
// gongkai-sync's status file (written by the daemon after every attempt, by
// rename so a reader never sees half a file): <state-dir>/sync-status.json,
// where <state-dir> is the mirror's directory (/var/lib/gongkai), unless
// [kiosk] sync_status or --sync-status names another path:
//   {
//     "last_attempt": "2026-11-28T09:00:00Z",   // UTC, ISO 8601
//     "last_success": "2026-11-28T09:00:00Z",   // the last attempt that
//                                               //   applied or found nothing new
//     "error": "",                              // the last attempt's error,
//                                               //   "" when it succeeded
//     "update": {                               // only from an announced run
//       "source": "usb",                        //   (gongkai-sync --announce usb,
//       "state": "running",                     //   the USB stick's unit); then
//                                               //   applied | up_to_date |
//                                               //   rejected | failed
//       "started": "2026-11-28T09:00:00Z",
//       "finished": "2026-11-28T09:01:00Z",     // not while running
//       "version": 7,                           // applied / up_to_date: the
//                                               //   mirror's version (else 0)
//       "error": ""                             // why, when rejected / failed
//     }
//   }
// A missing file means "no sync has run" (no warning); an unreadable or
// malformed one is reported as a sync problem.
//
// The announced update is shown on every screen: "updating from USB" while
// it runs (for at most kUpdateRunningSeconds after it started: a run that
// was killed never writes its end), then its result for kUpdateResultSeconds.
//
// The data's age: the feed's expiry (the mirror's sync_state.expires) when
// the mirror has one, else [kiosk] max_data_age_days (default 30) counted
// from the last applied change. Pure functions; any thread.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

#include "core/mirror.h"
#include "core/store.h"

namespace gongkai::ui {

// The file's "update" object; state "" when it has none.
struct AnnouncedUpdate {
    std::string source, state, started, finished, error;
    std::int64_t version = 0;
};

struct SyncStatus {
    bool present = false;  // the file exists
    std::string lastAttempt, lastSuccess, error;
    std::string readError;  // the file exists but could not be read or parsed
    AnnouncedUpdate update;
};

// Every field of the file, as one string: the poll compares it with the last
// one it reported, so any change (an update starting) reaches the UI.
std::string syncStatusKey(const SyncStatus& s);

inline constexpr double kUpdateRunningSeconds = 30 * 60;  // the USB unit's own TimeoutStartSec
inline constexpr double kUpdateResultSeconds = 120;

// What the banner says about an announced update (key "": nothing).
struct UpdateNotice {
    enum class Tone { Busy, Good, Neutral, Bad };
    std::string key, arg;  // a string key of the UI strings and its argument
    Tone tone = Tone::Neutral;
    std::time_t until = 0;  // when the notice ends (0: none); assess again then
    AnnouncedUpdate last;   // the file's update, shown or not (the staff page)
};

UpdateNotice assessUpdate(const AnnouncedUpdate& update, std::time_t now);

std::string defaultSyncStatusPath(const std::string& dbPath);
SyncStatus readSyncStatus(const std::string& path);

// What the header warns about, if anything: a string key of the UI strings
// and its argument.
struct Freshness {
    bool warn = false;
    std::string key, arg;
    UpdateNotice update;  // outranks the warning while it lasts
};

// Both the warning and the announced update's notice.
Freshness assessFreshness(const DataInfo& info, const SyncState& mirrorSync, const SyncStatus& file,
                          std::time_t now, double maxAgeSeconds);

// "YYYY-MM-DD HH:MM[:SS]" or ISO 8601 with T/Z, taken as UTC; -1 when not a time.
std::time_t parseUtc(const std::string& text);
// A UTC time text shown in the kiosk's local time as "YYYY-MM-DD HH:MM".
std::string localTimeText(const std::string& utc);

}  // namespace gongkai::ui
