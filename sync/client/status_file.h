// sync-status.json, the kiosk's view of the last attempt (its format is
// documented in kiosk/ui/sync_status.h, the reader). Written after every
// attempt to a temporary file and renamed, so the kiosk never reads half a
// file. The last success is carried over from the previous file, and so is
// the "outbox" object (below), which only the upload writes.
//
// The outbox upload adds (writeOutboxStatus, after each upload run):
//   "outbox": {"last_upload": "2026-11-28T09:00:00Z", "pending": 1,
//              "delivered": 12, "refused": 0, "error": "",
//              "next_attempt": "2026-11-28T09:00:30Z" ("" when none is pending)}
//
// An announced run (`gongkai-sync --once --announce usb`, the USB stick's
// unit) adds (writeUpdateStatus, before the attempt and after it):
//   "update": {"source": "usb", "state": "running", "started": "<UTC>"}
// then, when the attempt is over:
//   "update": {"source": "usb", "state": "applied" | "up_to_date" |
//              "rejected" | "failed", "started": "<UTC>", "finished": "<UTC>",
//              "version": 7 (applied / up_to_date: the mirror's version;
//                            0 otherwise, the mirror unchanged),
//              "error": "" (the reason in plain words when not applied /
//                           up to date, e.g. the signature problem)}
// Every writer keeps the objects it does not write ("outbox", "update").
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace gongkai::sync {

Status writeStatusFile(const std::string& path, const std::string& attemptAt, bool success,
                       const std::string& error);

struct OutboxStatus {
    std::string lastUpload;  // UTC
    std::int64_t pending = 0, delivered = 0, refused = 0;
    std::string error;       // the upload's problem ("" when every due request got an answer)
    std::string nextAttempt; // UTC, "" when nothing is pending
};

// Replaces the "outbox" object, keeping the rest of the file as it is.
Status writeOutboxStatus(const std::string& path, const OutboxStatus& outbox);

struct UpdateStatus {
    std::string source;   // what was announced ("usb")
    std::string state;    // running | applied | up_to_date | rejected | failed
    std::string started;  // UTC
    std::string finished; // UTC, "" while running
    std::int64_t version = 0;
    std::string error;
};

// Replaces the "update" object, keeping the rest of the file as it is.
Status writeUpdateStatus(const std::string& path, const UpdateStatus& update);

}  // namespace gongkai::sync
