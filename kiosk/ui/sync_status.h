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
//     "error": ""                               // the last attempt's error,
//                                               //   "" when it succeeded
//   }
// A missing file means "no sync has run" (no warning); an unreadable or
// malformed one is reported as a sync problem.
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

struct SyncStatus {
    bool present = false;  // the file exists
    std::string lastAttempt, lastSuccess, error;
    std::string readError;  // the file exists but could not be read or parsed
};

std::string defaultSyncStatusPath(const std::string& dbPath);
SyncStatus readSyncStatus(const std::string& path);

// What the header warns about, if anything: a string key of the UI strings
// and its argument.
struct Freshness {
    bool warn = false;
    std::string key, arg;
};

Freshness assessFreshness(const DataInfo& info, const SyncState& mirrorSync, const SyncStatus& file,
                          std::time_t now, double maxAgeSeconds);

// "YYYY-MM-DD HH:MM[:SS]" or ISO 8601 with T/Z, taken as UTC; -1 when not a time.
std::time_t parseUtc(const std::string& text);
// A UTC time text shown in the kiosk's local time as "YYYY-MM-DD HH:MM".
std::string localTimeText(const std::string& utc);

}  // namespace gongkai::ui
