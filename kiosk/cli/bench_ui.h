// `gongkai bench ui`: the kiosk against Debian's Chromium in kiosk mode, on a
// private Xvfb (1920x1080x24, a free display found with -displayfd), in one run.
//
// Kiosk figures (gongkai-kiosk --report-timing, options.h): time from spawn to
// the first presented frame; frame work time p50/p99 idle on home, while
// typing a search, while dragging the result list of a search and while
// dragging through the reader of the mirror's longest document (each a
// --script replay), with how many of those frames the renderer left
// unchanged, redrew in part or redrew in full; RSS and PSS summed over the
// program's processes (/proc/PID/smaps_rollup); CPU over an idle period
// (/proc/PID/stat utime+stime). Chromium figures: the same document as a
// static HTML page (title, metadata table, paragraphs, the same font): time
// until its window appears (polled with xwininfo), PSS and idle CPU summed
// over every process of its session.
//
// Errors are values; the command prints a message and exits 1 when the kiosk
// cannot be measured (no Xvfb, no kiosk binary, no mirror). A missing
// Chromium is reported (with the package to install), not an error.
// Nothing here is thread-safe; one benchmark runs at a time in a process.
#pragma once

#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"

namespace gongkai::cli {

struct BenchUiOptions {
    std::string db;             // empty: a demo mirror built from data/demo
    std::string kiosk;          // empty: gongkai-kiosk beside this binary, else on PATH
    std::string chromium;       // empty: chromium on PATH
    double idleSeconds = 60;    // the idle CPU period, for both programs
    std::string query = "jiaoyu";  // typed on the on-screen keys' pinyin for search-as-you-type
    bool noChromium = false;
    bool install = false;       // run apt-get install -y chromium when it is missing
    bool json = false;
    bool keep = false;          // keep the work dir (logs, timings, scripts, screenshots of each run)
    bool fullRedraw = false;    // run the kiosk with --full-redraw (every frame redrawn in full), to compare
};

// [bench_ui_proc.cpp] processes, memory, CPU, the private X server.
struct MemoryFigures {
    double rssMb = 0, pssMb = 0;
    int processes = 0;
};
// The processes of a program: `root`, its descendants and every process in
// its session (the spawner starts each program in a new session).
std::vector<pid_t> programProcesses(pid_t root);
MemoryFigures programMemory(pid_t root);
// utime+stime in clock ticks per live process of the program.
std::map<pid_t, long long> programCpuTicks(pid_t root);
// CPU used between two samples, in percent of one core over `seconds`.
double cpuPercent(const std::map<pid_t, long long>& before, const std::map<pid_t, long long>& after,
                  double seconds);
// Leaves the program alone for `seconds`, then reports its CPU over that
// time and its memory: {idle_cpu_percent, idle_seconds, rss_mb, pss_mb, processes}.
nlohmann::json measureIdle(pid_t root, double seconds);

struct Spawned {
    pid_t pid = -1;
    long long startNs = 0;  // steady clock (CLOCK_MONOTONIC) just before fork
};
// Starts argv[0] (looked up on PATH) in a new session with DISPLAY set,
// stdout and stderr appended to `logPath`.
Result<Spawned> spawnProgram(const std::vector<std::string>& argv, const std::string& display,
                             const std::string& logPath);
// SIGTERM to the program's processes, SIGKILL after `graceSeconds`; reaps root.
void stopProgram(pid_t root, double graceSeconds = 3);
// Waits for root to exit: its exit status, or -1 after `timeoutSeconds` (still running).
int waitProgram(pid_t root, double timeoutSeconds);
long long monotonicNs();
void sleepSeconds(double s);

class XServer {
public:
    // Xvfb -displayfd on a free display, the given screen ("1920x1080x24").
    static Result<XServer> start(const std::string& screen, const std::string& logPath);
    XServer(XServer&& o) noexcept : m_pid(o.m_pid), m_display(std::move(o.m_display)) { o.m_pid = -1; }
    XServer(const XServer&) = delete;
    ~XServer();
    const std::string& display() const { return m_display; }

private:
    XServer(pid_t pid, std::string display) : m_pid(pid), m_display(std::move(display)) {}
    pid_t m_pid;
    std::string m_display;
};

// [bench_ui_kiosk.cpp] the kiosk's runs.
struct FrameStats {
    int count = 0;
    double p50 = 0, p99 = 0, max = 0;
    double drawP50 = 0, drawP99 = 0;  // the kiosk's own work (input to ImGui::Render); the rest is GL
    int unchanged = 0, partial = 0, full = 0;  // frames by what the renderer redrew
    double redrawnP50 = 0, redrawnP99 = 0;     // share of the frame's pixels redrawn, 0..1
    double changedP50 = 0, changedP99 = 0;     // frame time of the frames that redrew something
    int scrolled = 0;       // partial frames that moved a scroll region by a copy
    int atlasFrames = 0;    // frames where the full glyph atlas came in (a full redraw; not in changed*)
    double atlasMaxMs = 0;
};
struct BenchDocument {
    std::string id, title;
    std::string html;  // the equivalent static page
    int blocks = 0;
};
// The mirror's longest document among its latest 500, with its HTML page.
Result<BenchDocument> pickLongDocument(const std::string& db);
// Imports data/demo into dir/mirror.db.
Result<std::string> buildDemoMirror(const std::string& dir);
// Nearest-rank percentile (p in 0..100) of a sample.
double percentileOf(std::vector<double> v, double p);

struct KioskRunSetup {
    std::string kiosk, db, display, dir;
    bool fullRedraw = false;  // pass --full-redraw
};
// Runs every kiosk measurement; a JSON object (see bench_ui.cpp for the shape).
Result<nlohmann::json> measureKiosk(const KioskRunSetup& setup, const BenchDocument& doc,
                                    const BenchUiOptions& opt);

// [bench_ui_chromium.cpp]
// The chromium figures, or {"skipped": reason, "install": "apt-get install chromium"}.
nlohmann::json measureChromium(const std::string& display, const std::string& dir, const BenchDocument& doc,
                               const BenchUiOptions& opt);

// [bench_ui_report.cpp] goals, ratios, the table.
nlohmann::json benchUiGoals(const nlohmann::json& report);
std::string formatBenchUi(const nlohmann::json& report);

// Registers `bench ui` on the `bench` subcommand.
void addBenchUiCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
