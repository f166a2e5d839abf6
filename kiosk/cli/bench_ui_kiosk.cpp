// bench ui: the kiosk's runs (idle, home, search-as-you-type, scrolling the
// results, the reader).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include "cli/bench_ui.h"

namespace gongkai::cli {

namespace {

using nlohmann::json;

struct Timing {
    double firstFrameMs = -1;        // spawn to first presented frame (steady clock)
    double firstFrameInternalMs = -1;  // as the kiosk measured it (from main's App)
    struct Frame {
        std::string screen;
        double ms = 0, drawMs = 0;
        std::string redraw;     // none | partial | full
        double redrawnPx = 0;
        bool afterDump = false;  // drawn after the script's first dump or screenshot
        bool atlas = false;      // the full glyph atlas came in: every glyph redrawn
        bool scrolled = false;   // a scroll region moved by a copy
    };
    std::vector<Frame> frames;  // frames with a screenshot or dump left out (readPixels stalls them)
    double framePixels = 1920.0 * 1080.0;
};

Timing readTiming(const std::string& path, long long startNs) {
    Timing t;
    std::ifstream f(path);
    bool dumped = false;
    for (std::string line; std::getline(f, line);) {
        json j = json::parse(line, nullptr, false);
        if (!j.is_object()) continue;  // a line cut by a kill
        if (j.contains("first_frame_mono_ns")) {
            t.firstFrameMs = double(j["first_frame_mono_ns"].get<long long>() - startNs) / 1e6;
            t.firstFrameInternalMs = j.value("first_frame_ms", -1.0);
        } else if (j.contains("frame_ms") && j.value("captured", false)) {
            dumped = true;
        } else if (j.contains("frame_ms")) {
            // A kiosk without partial redraw (no "redraw") drew every frame in full.
            t.frames.push_back({j.value("screen", ""), j["frame_ms"].get<double>(), j.value("draw_ms", 0.0),
                                j.value("redraw", "full"), j.value("redraw_px", t.framePixels), dumped,
                                j.value("atlas", false), j.value("scrolled_px", 0) > 0});
        }
    }
    return t;
}

// `afterDump`: only the frames after the script's first dump (what came
// before set the scene).
FrameStats statsFor(const Timing& t, const std::string& screen, bool afterDump = false) {
    std::vector<double> v, draw, redrawn, changed;
    FrameStats s;
    for (std::size_t i = 1; i < t.frames.size(); ++i) {  // the first frame is measured as start-up
        const Timing::Frame& f = t.frames[i];
        if (f.screen != screen || (afterDump && !f.afterDump)) continue;
        v.push_back(f.ms), draw.push_back(f.drawMs), redrawn.push_back(f.redrawnPx / t.framePixels);
        ++(f.redraw == "none" ? s.unchanged : f.redraw == "partial" ? s.partial : s.full);
        s.scrolled += f.scrolled;
        if (f.atlas) ++s.atlasFrames, s.atlasMaxMs = std::max(s.atlasMaxMs, f.ms);
        else if (f.redraw != "none") changed.push_back(f.ms);
    }
    s.count = int(v.size());
    s.p50 = percentileOf(v, 50), s.p99 = percentileOf(v, 99);
    s.max = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
    s.drawP50 = percentileOf(draw, 50), s.drawP99 = percentileOf(draw, 99);
    s.redrawnP50 = percentileOf(redrawn, 50), s.redrawnP99 = percentileOf(redrawn, 99);
    s.changedP50 = percentileOf(changed, 50), s.changedP99 = percentileOf(changed, 99);
    return s;
}

json statsJson(const FrameStats& s) {
    return {{"frames", s.count},          {"p50_ms", s.p50},           {"p99_ms", s.p99},
            {"max_ms", s.max},            {"draw_p50_ms", s.drawP50}, {"draw_p99_ms", s.drawP99},
            {"unchanged", s.unchanged},   {"partial", s.partial},      {"full", s.full},
            {"redrawn_p50", s.redrawnP50}, {"redrawn_p99", s.redrawnP99},
            {"changed_p50_ms", s.changedP50}, {"changed_p99_ms", s.changedP99},
            {"atlas_frames", s.atlasFrames},  {"atlas_max_ms", s.atlasMaxMs},
            {"scrolled", s.scrolled}};
}

std::vector<std::string> kioskArgs(const KioskRunSetup& k, const std::string& name) {
    std::vector<std::string> args{k.kiosk, "--db", k.db, "--size", "1920x1080", "--state-dir", k.dir + "/state",
                                  "--report-timing", k.dir + "/timing-" + name + ".jsonl"};
    if (k.fullRedraw) args.push_back("--full-redraw");
    return args;
}

struct ScriptRun {
    Timing timing;
    MemoryFigures peak;  // largest PSS seen while it ran
    int status = -1;
};

// Runs the kiosk with a script, sampling memory every 100 ms until it quits.
Result<ScriptRun> runScript(const KioskRunSetup& k, const std::string& name, const std::string& script,
                            bool screenshot) {
    std::string scriptPath = k.dir + "/script-" + name + ".txt";
    std::ofstream(scriptPath) << script << (screenshot ? "screenshot " + k.dir + "/" + name + ".png\n" : "") << "quit\n";
    auto args = kioskArgs(k, name);
    args.insert(args.end(), {"--script", scriptPath});
    auto sp = spawnProgram(args, k.display, k.dir + "/kiosk.log");
    if (!sp) return sp.error();
    ScriptRun r;
    for (long long end = monotonicNs() + 120000000000LL; monotonicNs() < end && r.status < 0;) {
        MemoryFigures m = programMemory(sp.value().pid);
        if (m.pssMb > r.peak.pssMb) r.peak = m;
        r.status = waitProgram(sp.value().pid, 0.1);
    }
    if (r.status < 0) stopProgram(sp.value().pid);
    r.timing = readTiming(k.dir + "/timing-" + name + ".jsonl", sp.value().startNs);
    if (r.status != 0) return Error{"the kiosk's " + name + " run ended with status " + std::to_string(r.status) +
                                    " (see " + k.dir + "/kiosk.log)"};
    return r;
}

// The named tap target's centre as a script line, from a state dump.
std::string tapFromDump(const std::string& dumpPath, const std::string& wanted, std::string& opened) {
    std::ifstream f(dumpPath);
    json j = json::parse(f, nullptr, false);
    if (!j.is_object() || !j.contains("targets")) return {};
    const json* best = nullptr;
    for (const auto& t : j["targets"]) {
        std::string name = t.value("name", "");
        if (name == "hit:" + wanted) { best = &t; break; }
        if (!best && name.rfind("hit:", 0) == 0) best = &t;
    }
    if (!best) return {};
    opened = (*best)["name"].get<std::string>().substr(4);
    auto c = [&](const char* a, const char* b) { return int((*best)[a].get<double>() + (*best)[b].get<double>() / 2); };
    return "tap " + std::to_string(c("x", "w")) + " " + std::to_string(c("y", "h")) + "\n";
}

// Twelve rounds: a round changes the results about five times, so four
// rounds gave some 67 changed frames, and their p99 was simply the slowest.
constexpr int kSearchRounds = 12;

std::string searchScript(const std::string& query) {
    std::string s;
    for (int round = 0; round < kSearchRounds; ++round)
        s += "type " + query + "\nwait 400\nkey backspace\nkey backspace\nwait 200\nkey clear\nwait 200\n";
    return s;
}

// Drags on the result list: a target's middle, from a state dump.
std::string resultDrags(const std::string& dumpPath) {
    std::ifstream f(dumpPath);
    json j = json::parse(f, nullptr, false);
    if (!j.is_object() || !j.contains("targets")) return {};
    std::vector<const json*> rows;
    for (const auto& t : j["targets"])
        if (t.value("name", "").rfind("hit:", 0) == 0) rows.push_back(&t);
    if (rows.size() < 2) return {};
    const json& first = *rows.front();
    const json& last = *rows.back();
    int x = int(first["x"].get<double>() + first["w"].get<double>() / 2);
    int top = int(first["y"].get<double>() + 10), bottom = int(last["y"].get<double>() + last["h"].get<double>() - 10);
    if (bottom - top < 100) return {};
    std::string down = "drag " + std::to_string(x) + " " + std::to_string(bottom) + " " + std::to_string(x) + " " +
                       std::to_string(top) + "\nwait 150\n";
    std::string up = "drag " + std::to_string(x) + " " + std::to_string(top) + " " + std::to_string(x) + " " +
                     std::to_string(bottom) + "\nwait 150\n";
    std::string s;
    for (int i = 0; i < 8; ++i) s += down;
    for (int i = 0; i < 4; ++i) s += up;
    return s + "wait 600\n";
}

// A resident's finger on home: pressed on each domain tile and slid off it
// (the tile shows it is pressed; a drag never taps), from a state dump. A
// mirror without domains (the generated bench corpora) has the quick
// entries pressed instead.
std::string homePresses(const std::string& dumpPath) {
    std::ifstream f(dumpPath);
    json j = json::parse(f, nullptr, false);
    if (!j.is_object() || !j.contains("targets")) return {};
    std::string s;
    bool domains = false;
    for (const auto& t : j["targets"]) domains = domains || t.value("name", "").rfind("domain:", 0) == 0;
    for (const auto& t : j["targets"]) {
        if (t.value("name", "").rfind(domains ? "domain:" : "quick:", 0) != 0) continue;
        int x = int(t["x"].get<double>() + t["w"].get<double>() / 2);
        int y = int(t["y"].get<double>() + t["h"].get<double>() / 2);
        s += "drag " + std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(x + 50) + " " +
             std::to_string(y + 10) + "\nwait 150\n";
    }
    return s;
}

std::string readerDrags() {
    std::string s = "wait 800\n";
    for (int i = 0; i < 12; ++i) s += "drag 960 860 960 360\nwait 150\n";
    for (int i = 0; i < 4; ++i) s += "drag 960 360 960 860\nwait 150\n";
    return s + "wait 600\n";
}

// The idle run: first frame, then memory and CPU over the idle period.
Result<json> idleRun(const KioskRunSetup& k, const BenchUiOptions& opt) {
    auto sp = spawnProgram(kioskArgs(k, "idle"), k.display, k.dir + "/kiosk.log");
    if (!sp) return sp.error();
    pid_t pid = sp.value().pid;
    std::string timingPath = k.dir + "/timing-idle.jsonl";
    Timing t;
    for (long long end = monotonicNs() + 60000000000LL; monotonicNs() < end && t.firstFrameMs < 0;) {
        sleepSeconds(0.01);
        t = readTiming(timingPath, sp.value().startNs);
        int dummy = 0;
        if (waitpid(pid, &dummy, WNOHANG) == pid) return Error{"the kiosk exited at start (see " + k.dir + "/kiosk.log)"};
    }
    if (t.firstFrameMs < 0) return stopProgram(pid), Error{"the kiosk drew no frame in 60 s"};
    sleepSeconds(3);  // the full glyph atlas is built in the background after the first frame
    json out = measureIdle(pid, opt.idleSeconds);
    stopProgram(pid);
    out["first_frame_ms"] = t.firstFrameMs;
    out["first_frame_internal_ms"] = t.firstFrameInternalMs;
    return out;
}

}  // namespace

double percentileOf(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * double(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

Result<json> measureKiosk(const KioskRunSetup& k, const BenchDocument& doc, const BenchUiOptions& opt) {
    auto idle = idleRun(k, opt);
    if (!idle) return idle.error();
    json out = idle.value();
    std::vector<double> firsts{out["first_frame_ms"].get<double>()};

    // Home: the full glyph atlas swapped in, then a finger on each tile.
    std::string atHome = "wait 1500\ndump " + k.dir + "/home.json\n";
    auto homeListed = runScript(k, "home-targets", atHome, false);
    if (!homeListed) return homeListed.error();
    std::string presses = homePresses(k.dir + "/home.json");
    if (presses.empty()) return Error{"home showed no domain tiles or quick entries to press"};
    auto home = runScript(k, "home", atHome + presses + "wait 500\n", opt.keep);
    if (!home) return home.error();
    auto search = runScript(k, "search", searchScript(opt.query), opt.keep);
    if (!search) return search.error();
    // The result list scrolled: the query's results, then drags on them;
    // only the frames after the dump count.
    std::string results = "type " + opt.query + "\nwait 1000\ndump " + k.dir + "/results.json\n";
    auto listed = runScript(k, "results", results, false);
    if (!listed) return listed.error();
    std::string drags = resultDrags(k.dir + "/results.json");
    if (drags.empty()) return Error{"the search for '" + opt.query + "' listed too few results to scroll"};
    auto scroll = runScript(k, "scroll", results + drags, opt.keep);
    if (!scroll) return scroll.error();
    std::string find = "type " + doc.title + "\nwait 1000\ndump " + k.dir + "/find.json\n";
    auto found = runScript(k, "find", find, opt.keep);
    if (!found) return found.error();
    std::string opened;
    std::string tap = tapFromDump(k.dir + "/find.json", doc.id, opened);
    if (tap.empty()) return Error{"searching for the document's title found nothing to open"};
    auto reader = runScript(k, "reader", find + tap + readerDrags(), opt.keep);
    if (!reader) return reader.error();
    for (const auto* r : {&home.value(), &search.value(), &listed.value(), &scroll.value(), &found.value(),
                          &reader.value()})
        if (r->timing.firstFrameMs > 0) firsts.push_back(r->timing.firstFrameMs);

    out["first_frame_runs_ms"] = firsts;
    out["first_frame_ms"] = percentileOf(firsts, 50);
    out["frames"] = {{"home", statsJson(statsFor(home.value().timing, "home"))},
                     {"search", statsJson(statsFor(search.value().timing, "search"))},
                     {"scroll", statsJson(statsFor(scroll.value().timing, "search", true))},
                     {"reader", statsJson(statsFor(reader.value().timing, "document"))}};
    out["reader_document"] = opened;
    out["full_redraw"] = k.fullRedraw;
    out["pss_peak_mb"] = reader.value().peak.pssMb;
    out["rss_peak_mb"] = reader.value().peak.rssMb;
    return out;
}

}  // namespace gongkai::cli
