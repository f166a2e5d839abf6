// gongkai-sync's process: the options from gongkai.toml and the flags, and
// the two ways to run — once (cron, tests, a USB stick) or as a daemon.
//
// Daemon: READY=1 to systemd once the options are valid; a watchdog thread
// pings WATCHDOG=1 at half of WATCHDOG_USEC for as long as the process runs,
// so a long apply is never mistaken for a hang; a sync every interval (±
// jitter, so a province of kiosks does not hit the portal in step); SIGHUP
// syncs now; SIGTERM / SIGINT stop: a download or an apply in progress is
// abandoned and rolled back, the mirror stays at its old version.
#pragma once

#include <string>
#include <vector>

#include "client/updater.h"

namespace gongkai::sync {

struct CommandLine {
    std::string configPath;
    std::vector<std::string> sources, trustFiles;
    std::string dbPath, blobsDir, feedId, stagingDir, statusFile;
    double intervalSeconds = -1;
    double stallSeconds = -1;
    bool once = false;
    bool full = false;  // --full: the snapshot even when deltas would do
};

// Config file first, flags over it; reads the key files. Errors name the
// file (and line) or the flag.
Result<SyncOptions> resolveOptions(const CommandLine& cmd, double& intervalSeconds, double& jitterSeconds);

// Blocks SIGHUP/SIGTERM/SIGINT; call before any thread starts.
void blockControlSignals();

// Once (cron, tests, a USB stick): SIGTERM / SIGINT abandon the attempt
// (rolled back, exit 5).
int runOnce(SyncOptions options);
int runDaemon(SyncOptions options, double intervalSeconds, double jitterSeconds);

}  // namespace gongkai::sync
