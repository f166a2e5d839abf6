// gongkai bench ui: runs the kiosk and Chromium on a private Xvfb and reports
// both against the goals of the kiosk issue (bench_ui.h).
//
// JSON shape: {"display", "screen", "db", "document": {id, title, blocks},
//   "kiosk": {first_frame_ms, first_frame_runs_ms, first_frame_internal_ms,
//             idle_cpu_percent, idle_seconds, rss_mb, pss_mb, processes,
//             pss_peak_mb, rss_peak_mb, reader_document,
//             frames: {home|search|scroll|reader: {frames, p50_ms, p99_ms, max_ms, draw_p50_ms,
//                      draw_p99_ms, unchanged, partial, full, redrawn_p50, redrawn_p99,
//                      changed_p50_ms, changed_p99_ms}},
//             full_redraw},
//   "chromium": {binary, version, first_paint_ms, first_paint_method,
//                idle_cpu_percent, idle_seconds, rss_mb, pss_mb, processes, args}
//               or {skipped, install?} or absent with --no-chromium,
//   "ratios": {pss, rss, idle_cpu, first_paint} (chromium / kiosk),
//   "goals": [{goal, target, value, unit, met}]}
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include "cli/bench_ui.h"

namespace gongkai::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string findKiosk(const std::string& given) {
    if (!given.empty()) return given;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && fs::exists(self.parent_path() / "gongkai-kiosk")) return (self.parent_path() / "gongkai-kiosk").string();
    for (const char* d : {"/usr/bin", "/usr/local/bin"})
        if (fs::exists(fs::path(d) / "gongkai-kiosk")) return (fs::path(d) / "gongkai-kiosk").string();
    return {};
}

json ratios(const json& r) {
    json out = json::object();
    if (!r.contains("chromium") || !r["chromium"].contains("pss_mb")) return out;
    const json &k = r["kiosk"], &c = r["chromium"];
    auto ratio = [&](const char* name, const char* ck, const char* kk) {
        double a = k.value(kk, 0.0), b = c.value(ck, 0.0);
        out[name] = a > 0 ? json(b / a) : json(nullptr);
    };
    ratio("pss", "pss_mb", "pss_mb");
    ratio("rss", "rss_mb", "rss_mb");
    ratio("idle_cpu", "idle_cpu_percent", "idle_cpu_percent");
    ratio("first_paint", "first_paint_ms", "first_frame_ms");
    return out;
}

struct TempDir {
    std::string path;
    bool keep = false;
    ~TempDir() {
        std::error_code ec;
        if (!keep) fs::remove_all(path, ec);
    }
};

Result<json> measure(const BenchUiOptions& opt, TempDir& dir) {
    KioskRunSetup k{findKiosk(opt.kiosk), opt.db, "", dir.path, opt.fullRedraw};
    if (k.kiosk.empty() || ::access(k.kiosk.c_str(), X_OK) != 0)
        return Error{"gongkai-kiosk not found (looked beside this program and on /usr/bin): pass --kiosk PATH"};
    fs::create_directories(dir.path + "/state");
    if (k.db.empty()) {
        auto db = buildDemoMirror(dir.path);
        if (!db) return db.error();
        k.db = db.value();
    }
    auto doc = pickLongDocument(k.db);
    if (!doc) return doc.error();
    auto x = XServer::start("1920x1080x24", dir.path + "/xvfb.log");
    if (!x) return x.error();
    k.display = x.value().display();
    json r = {{"display", k.display}, {"screen", "1920x1080x24"}, {"db", k.db},
              {"document", {{"id", doc.value().id}, {"title", doc.value().title}, {"blocks", doc.value().blocks}}}};
    auto kiosk = measureKiosk(k, doc.value(), opt);
    if (!kiosk) return kiosk.error();
    r["kiosk"] = kiosk.value();
    r["kiosk"]["binary"] = k.kiosk;
    if (!opt.noChromium) r["chromium"] = measureChromium(k.display, dir.path, doc.value(), opt);
    r["ratios"] = ratios(r);
    r["goals"] = benchUiGoals(r);
    return r;
}

int runBenchUi(const BenchUiOptions& opt) {
    TempDir dir{(fs::temp_directory_path() / ("gongkai-bench-ui-" + std::to_string(::getpid()))).string()};
    fs::create_directories(dir.path);
    dir.keep = opt.keep;
    auto r = measure(opt, dir);
    if (opt.keep) std::fprintf(stderr, "gongkai bench ui: work dir kept: %s\n", dir.path.c_str());
    if (!r) {
        dir.keep = true;
        std::fprintf(stderr, "gongkai bench ui: %s\n  (logs kept in %s)\n", r.error().message.c_str(), dir.path.c_str());
        return 1;
    }
    if (opt.json) std::printf("%s\n", r.value().dump(2).c_str());
    else std::printf("%s", formatBenchUi(r.value()).c_str());
    return 0;
}

}  // namespace

void addBenchUiCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<BenchUiOptions>();
    auto* u = bench.add_subcommand("ui", "Kiosk vs Chromium on a private Xvfb: first frame, frame times, PSS, idle CPU");
    u->add_option("--db", opt->db, "mirror to show (default: a demo mirror built from data/demo)");
    u->add_option("--kiosk", opt->kiosk, "gongkai-kiosk binary (default: beside this program)");
    u->add_option("--chromium", opt->chromium, "chromium binary (default: chromium on PATH)");
    u->add_option("--idle-seconds", opt->idleSeconds, "idle period for CPU")->capture_default_str()
        ->check(CLI::Range(0.5, 3600.0));
    u->add_option("--query", opt->query, "what is typed for search-as-you-type")->capture_default_str();
    u->add_flag("--no-chromium", opt->noChromium, "measure the kiosk only");
    u->add_flag("--install", opt->install, "apt-get install -y chromium when it is missing");
    u->add_flag("--json", opt->json, "JSON output");
    u->add_flag("--full-redraw", opt->fullRedraw, "run the kiosk with --full-redraw (no partial redraw), to compare");
    u->add_flag("--keep", opt->keep, "keep the work dir, with a screenshot at the end of each scripted run");
    u->callback([opt, &exitCode] { exitCode = runBenchUi(*opt); });
}

}  // namespace gongkai::cli
