// gongkai-sync's process. Sections: [1] options, [2] the signal thread
// (both modes) and the watchdog thread, [3] once, [4] the daemon's loop.
#include "client/daemon.h"

#include <signal.h>

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "client/sd_notify.h"
#include "client/sync_config.h"

namespace gongkai::sync {

// [1]
Result<SyncOptions> resolveOptions(const CommandLine& cmd, double& intervalSeconds, double& jitterSeconds) {
    SyncConfig config;
    if (!cmd.configPath.empty()) {
        auto loaded = loadSyncConfig(cmd.configPath);
        if (!loaded) return loaded.error();
        config = loaded.value();
    }
    SyncOptions o;
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
    intervalSeconds = cmd.intervalSeconds > 0 ? cmd.intervalSeconds : config.intervalSeconds;
    jitterSeconds = config.jitterSeconds;
    if (auto s = validateOptions(o); !s) return s.error();
    return o;
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

// [3] Once: SIGTERM / SIGINT abandon the download or apply (it rolls back)
// and exit 5, like any other local interruption.
int runOnce(SyncOptions options) {
    options.stop = &g_stop;
    std::thread signals(signalThread);
    signals.detach();  // blocked in sigwait until a signal; the process exits without it
    SyncLog log;
    SyncReport report = syncOnce(options, log);
    return exitCodeFor(report);
}

void blockControlSignals() {
    sigset_t set = controlSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// [4]
int runDaemon(SyncOptions options, double intervalSeconds, double jitterSeconds) {
    options.stop = &g_stop;
    std::thread signals(signalThread);
    signals.detach();  // it returns after the stop signal; sigwait cannot be interrupted portably
    std::thread watchdog;
    if (auto period = watchdogPeriod()) watchdog = std::thread(watchdogThread, *period);
    SyncLog log;
    log.event("started: " + std::to_string(options.sources.size()) + " source(s), every " +
              std::to_string(static_cast<long>(intervalSeconds)) + " s");
    notifySystemd("READY=1\nSTATUS=starting the first sync");
    std::mt19937_64 rng(std::random_device{}());
    std::uniform_real_distribution<double> jitter(-jitterSeconds, jitterSeconds);
    while (!g_stop) {
        SyncReport report = syncOnce(options, log);
        notifySystemd("STATUS=" + std::string(report.ok() ? "" : "last sync failed: ") + report.message);
        auto wait = std::chrono::duration<double>(std::max(1.0, intervalSeconds + jitter(rng)));
        std::unique_lock lock(g_mutex);
        g_wake.wait_for(lock, wait, [] { return g_stop.load() || g_syncNow; });
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
