// gongkai-sync's process. Sections: [1] options, [2] the signal thread
// (both modes) and the watchdog thread, [3] once, [4] the daemon's loop.
#include "client/daemon.h"

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "client/sd_notify.h"
#include "client/status_file.h"
#include "client/sync_config.h"
#include "feed/manifest.h"

namespace gongkai::sync {

// [1]
namespace {

std::string dirOf(const std::string& path) {
    auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

Status resolveFeedOptions(const CommandLine& cmd, const SyncConfig& config, SyncOptions& o) {
    o.sources = cmd.sources.empty() ? config.sources : cmd.sources;
    o.dbPath = cmd.dbPath.empty() ? config.dbPath : cmd.dbPath;
    o.blobsDir = cmd.blobsDir.empty() ? config.blobsDir : cmd.blobsDir;
    o.feedId = cmd.feedId.empty() ? config.feedId : cmd.feedId;
    o.stagingDir = cmd.stagingDir.empty() ? config.stagingDir : cmd.stagingDir;
    o.statusFile = cmd.statusFile.empty() ? config.statusFile : cmd.statusFile;
    o.limits.connectSeconds = config.connectSeconds;
    o.preferSnapshot = cmd.full;
    o.limits.stallSeconds = cmd.stallSeconds > 0 ? cmd.stallSeconds : config.stallSeconds;
    for (const auto& file : cmd.trustFiles.empty() ? config.trustedKeyFiles : cmd.trustFiles) {
        auto key = feed::readPublicKey(file);
        if (!key) return key.error();
        o.trusted.push_back(key.value());
    }
    return okStatus();
}

// The outbox lives beside the mirror unless [mirror] outbox / --outbox say otherwise.
void resolveUploadOptions(const CommandLine& cmd, const SyncConfig& config, ProcessOptions& p) {
    std::string dir = dirOf(p.sync.dbPath);
    p.upload.portalUrl = cmd.portalUrl.empty() ? config.portalUrl : cmd.portalUrl;
    p.upload.outboxPath = !cmd.outboxPath.empty()     ? cmd.outboxPath
                          : !config.outboxPath.empty() ? config.outboxPath
                                                       : dir + "/outbox.db";
    p.upload.connectSeconds = config.connectSeconds;
    p.statusPath = p.sync.statusFile.empty() ? dir + "/sync-status.json" : p.sync.statusFile;
}

}  // namespace

Result<ProcessOptions> resolveOptions(const CommandLine& cmd) {
    SyncConfig config;
    if (!cmd.configPath.empty()) {
        auto loaded = loadSyncConfig(cmd.configPath);
        if (!loaded) return loaded.error();
        config = loaded.value();
    }
    ProcessOptions p;
    if (auto s = resolveFeedOptions(cmd, config, p.sync); !s) return s.error();
    resolveUploadOptions(cmd, config, p);
    if (cmd.noUpload) p.upload.portalUrl.clear();  // the outbox waits for the daemon's next round
    p.intervalSeconds = cmd.intervalSeconds > 0 ? cmd.intervalSeconds : config.intervalSeconds;
    p.announce = cmd.announce;
    p.jitterSeconds = config.jitterSeconds;
    // No feed source but a portal: upload only. Neither: the feed's own complaint.
    p.syncFeed = !p.sync.sources.empty() || p.upload.portalUrl.empty();
    if (p.sync.sources.empty() && p.upload.portalUrl.empty())
        return Error{"no feed source and no portal: give --source URL or [sync] sources, and/or --portal URL or "
                     "[portal] url (to upload the request outbox)"};
    if (!p.announce.empty() && p.sync.sources.empty())
        return Error{"--announce " + p.announce +
                     " needs a feed source (--source URL): there is no update to announce"};
    if (p.syncFeed)
        if (auto s = validateOptions(p.sync); !s) return s.error();
    return p;
}

// [2]
namespace {

std::atomic<bool> g_stop{false};
std::mutex g_mutex;
std::condition_variable g_wake;
bool g_syncNow = false;

sigset_t controlSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

// Waits for SIGHUP / SIGTERM / SIGINT (blocked in every thread) and turns
// them into flags the loop and the apply can see.
void signalThread() {
    sigset_t set = controlSignals();
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        std::lock_guard lock(g_mutex);
        if (sig == SIGHUP) g_syncNow = true;
        else g_stop = true;
        g_wake.notify_all();
        if (g_stop) return;
    }
}

void watchdogThread(std::chrono::microseconds period) {
    std::unique_lock lock(g_mutex);
    while (!g_stop) {
        notifySystemd("WATCHDOG=1");
        g_wake.wait_for(lock, period, [] { return g_stop.load(); });
    }
}

}  // namespace

// [3] The upload round, both modes.
namespace {

std::int64_t wallNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Uploads the due requests (when a portal is configured), logs the outcome
// and records it in sync-status.json.
UploadReport uploadRound(const ProcessOptions& p, SyncLog& log) {
    UploadReport r;
    if (p.upload.portalUrl.empty()) return r;
    r = uploadOutbox(p.upload, log);
    log.event(r.message);
    OutboxStatus status;
    status.lastUpload = feed::formatUtc(wallNow());
    status.pending = r.counts.pending;
    status.delivered = r.counts.delivered;
    status.refused = r.counts.refused;
    status.error = r.error;
    status.nextAttempt = r.nextDue ? feed::formatUtc(*r.nextDue) : "";
    if (auto s = writeOutboxStatus(p.statusPath, status); !s) log.event("upload: " + s.error().message);
    return r;
}

// When the daemon should run the upload again for a retry that falls due
// (nullopt: nothing pending). After a local problem (an outbox it cannot
// mark, say) not sooner than a minute: a request that stays due would
// otherwise be posted every second.
std::optional<std::int64_t> secondsToNextUpload(const UploadReport& r) {
    if (!r.nextDue) return std::nullopt;
    return std::max<std::int64_t>(r.error.empty() ? 1 : 60, *r.nextDue - wallNow());
}

// The announced update's result, as the kiosk shows it (status_file.h).
UpdateStatus updateResult(UpdateStatus u, const SyncReport& r) {
    using O = SyncReport::Outcome;
    u.state = r.outcome == O::Updated ? "applied" : r.outcome == O::UpToDate ? "up_to_date"
            : r.outcome == O::Rejected ? "rejected" : "failed";
    u.finished = feed::formatUtc(wallNow());
    u.version = r.ok() ? r.toVersion : 0;
    u.error = r.ok() ? "" : r.message;
    return u;
}

void announce(const ProcessOptions& p, const UpdateStatus& u, SyncLog& log) {
    if (auto s = writeUpdateStatus(p.statusPath, u); !s) log.event("announce: " + s.error().message);
}

int uploadExitCode(const UploadReport& r) {
    if (!r.error.empty() || r.abandoned) return 5;
    return r.retrying > 0 ? 4 : 0;
}

}  // namespace

// Once: SIGTERM / SIGINT abandon the download or apply (it rolls back)
// and exit 5, like any other local interruption; the upload posts no
// further request.
int runOnce(ProcessOptions p) {
    p.sync.stop = &g_stop;
    p.upload.stop = &g_stop;
    std::thread signals(signalThread);
    signals.detach();  // blocked in sigwait until a signal; the process exits without it
    SyncLog log;
    UpdateStatus update{p.announce, "running", feed::formatUtc(wallNow()), "", 0, ""};
    if (!p.announce.empty()) announce(p, update, log);
    int code = 0;
    if (p.syncFeed) {
        SyncReport report = syncOnce(p.sync, log);
        code = exitCodeFor(report);
        if (!p.announce.empty()) announce(p, updateResult(update, report), log);
    }
    int uploadCode = uploadExitCode(uploadRound(p, log));
    if (g_stop) return 5;
    return code != 0 ? code : uploadCode;
}

void blockControlSignals() {
    sigset_t set = controlSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// [4] Each round: the feed when its time has come (or SIGHUP), then the
// upload; then sleep until the next feed sync or the next retry falls due,
// whichever is sooner.
int runDaemon(ProcessOptions p) {
    p.sync.stop = &g_stop;
    p.upload.stop = &g_stop;
    std::thread signals(signalThread);
    signals.detach();  // it returns after the stop signal; sigwait cannot be interrupted portably
    std::thread watchdog;
    if (auto period = watchdogPeriod()) watchdog = std::thread(watchdogThread, *period);
    SyncLog log;
    log.event("started: " + std::to_string(p.sync.sources.size()) + " source(s), every " +
              std::to_string(static_cast<long>(p.intervalSeconds)) + " s" +
              (p.upload.portalUrl.empty() ? "" : ", uploading " + p.upload.outboxPath + " to " + p.upload.portalUrl));
    notifySystemd("READY=1\nSTATUS=starting the first sync");
    std::mt19937_64 rng(std::random_device{}());
    std::uniform_real_distribution<double> jitter(-p.jitterSeconds, p.jitterSeconds);
    using Clock = std::chrono::steady_clock;
    Clock::time_point nextFeed = Clock::now();
    bool syncNow = false;
    while (!g_stop) {
        if (p.syncFeed && (syncNow || Clock::now() >= nextFeed)) {
            SyncReport report = syncOnce(p.sync, log);
            notifySystemd("STATUS=" + std::string(report.ok() ? "" : "last sync failed: ") + report.message);
            nextFeed = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                                          std::max(1.0, p.intervalSeconds + jitter(rng))));
        } else if (!p.syncFeed) {
            nextFeed = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(p.intervalSeconds));
        }
        Clock::time_point wakeAt = nextFeed;
        if (auto retryIn = secondsToNextUpload(uploadRound(p, log)))
            wakeAt = std::min(wakeAt, Clock::now() + std::chrono::seconds(*retryIn));
        std::unique_lock lock(g_mutex);
        g_wake.wait_until(lock, wakeAt, [] { return g_stop.load() || g_syncNow; });
        syncNow = g_syncNow;
        g_syncNow = false;
    }
    notifySystemd("STOPPING=1");
    log.event("stopped");
    {
        std::lock_guard lock(g_mutex);
        g_wake.notify_all();
    }
    if (watchdog.joinable()) watchdog.join();
    return 0;
}

}  // namespace gongkai::sync
