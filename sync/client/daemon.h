// gongkai-sync's process: the options from gongkai.toml and the flags, and
// the two ways to run — once (cron, tests, a USB stick) or as a daemon.
//
// Daemon: READY=1 to systemd once the options are valid; a watchdog thread
// pings WATCHDOG=1 at half of WATCHDOG_USEC for as long as the process runs,
// so a long apply is never mistaken for a hang; a sync every interval (±
// jitter, so a province of kiosks does not hit the portal in step); SIGHUP
// syncs now; SIGTERM / SIGINT stop: a download or an apply in progress is
// abandoned and rolled back, the mirror stays at its old version.
//
// The outbox (client/uploader.h): after each feed sync — or alone, when no
// feed source is configured — the due requests are uploaded to the portal
// ([portal] url / --portal); the daemon wakes early when a retry falls due
// before the next sync. The outcome goes to the log and to sync-status.json.
#pragma once

#include <string>
#include <vector>

#include "client/updater.h"
#include "client/uploader.h"

namespace gongkai::sync {

struct CommandLine {
    std::string configPath;
    std::vector<std::string> sources, trustFiles;
    std::string dbPath, blobsDir, feedId, stagingDir, statusFile;
    std::string outboxPath, portalUrl;  // --outbox, --portal
    double intervalSeconds = -1;
    double stallSeconds = -1;
    bool once = false;
    bool full = false;  // --full: the snapshot even when deltas would do
    std::string announce;  // --announce SOURCE ("usb"; --once only)
    bool noUpload = false;  // --no-upload: leave the request outbox alone (the USB stick's unit: no network)
};

struct ProcessOptions {
    SyncOptions sync;
    bool syncFeed = true;      // false: no feed source, upload only
    UploadOptions upload;      // upload.portalUrl empty: no upload
    std::string statusPath;    // sync-status.json
    double intervalSeconds = 900, jitterSeconds = 120;
    std::string announce;      // "": a quiet run; else the "update" source runOnce writes
};

// Config file first, flags over it; reads the key files. Errors name the
// file (and line) or the flag. Without a feed source, a portal URL alone is
// enough (upload only).
Result<ProcessOptions> resolveOptions(const CommandLine& cmd);

// Blocks SIGHUP/SIGTERM/SIGINT; call before any thread starts.
void blockControlSignals();

// Once (cron, tests, a USB stick): SIGTERM / SIGINT abandon the attempt
// (rolled back, exit 5). The feed's exit status (updater.h) when it is not
// 0; else the upload's: 0 every due request answered (delivered or refused),
// 4 some left for a retry (the portal failed or was silent), 5 a local
// problem or stopped. With `announce` (--announce usb, the USB stick's
// unit), the "update" object of sync-status.json (client/status_file.h)
// says "running" before the attempt and its result (applied, up_to_date,
// rejected, failed; an abandoned attempt is "failed") right after it,
// before the upload.
int runOnce(ProcessOptions options);
int runDaemon(ProcessOptions options);

}  // namespace gongkai::sync
