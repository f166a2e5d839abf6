// gongkai bench handwriting (bench_handwriting.h).
#include "cli/bench_handwriting.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace gongkai::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Nearest-rank percentile (p in 0..100) of a sorted sample.
double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(sorted.size()))));
    return sorted[std::min(rank, sorted.size()) - 1];
}

void scoreComplete(const InkSample& s, const std::vector<HandwritingCandidate>& c, HandwritingReport& r) {
    int rank = -1;
    for (std::size_t i = 0; i < c.size() && rank < 0; ++i)
        if (c[i].text == s.character) rank = static_cast<int>(i);
    r.top1 += rank == 0;
    r.top5 += rank >= 0 && rank < 5;
    if (rank == 0) return;
    HandwritingMiss m{s.character, rank, {}};
    for (std::size_t i = 0; i < c.size() && i < 3; ++i) m.first.push_back(c[i].text);
    r.misses.push_back(std::move(m));
}

}  // namespace

Result<HandwritingReport> benchHandwriting(const std::string& modelPath,
                                           const std::vector<InkSample>& samples, int runs) {
    if (samples.empty()) return Error{"no stroke sets to measure"};
    HandwritingReport r;
    auto t = Clock::now();
    Result<HandwritingRecognizer> rec = HandwritingRecognizer::open(modelPath);
    if (!rec) return rec.error();
    r.loadMs = msSince(t);
    r.samples = static_cast<int>(samples.size());
    std::vector<double> ms;
    for (int run = 0; run < std::max(1, runs); ++run) {
        for (const InkSample& s : samples) {
            for (std::size_t k = 1; k <= s.strokes.size(); ++k) {
                std::vector<InkStroke> prefix(s.strokes.begin(), s.strokes.begin() + static_cast<long>(k));
                t = Clock::now();
                auto c = rec->recognize(prefix, s.size, s.size, kHandwritingCandidates);
                ms.push_back(msSince(t));
                if (!c) return Error{s.character + ": " + c.error().message};
                if (run == 0 && k == s.strokes.size()) scoreComplete(s, c.value(), r);
            }
        }
    }
    std::sort(ms.begin(), ms.end());
    r.timings = static_cast<int>(ms.size());
    r.medianMs = percentile(ms, 50);
    r.p95Ms = percentile(ms, 95);
    r.maxMs = ms.back();
    return r;
}

std::string formatHandwritingReport(const HandwritingReport& r) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "handwriting: %d characters, %d recognitions (every stroke prefix)\n"
                  "  model load        %8.1f ms\n"
                  "  last stroke -> candidates: median %.2f ms, p95 %.2f ms, max %.2f ms (goal <= %.0f ms)\n"
                  "  complete characters: top-1 %d/%d (%.0f%%), top-5 %d/%d (%.0f%%)\n",
                  r.samples, r.timings, r.loadMs, r.medianMs, r.p95Ms, r.maxMs, kHandwritingGoalMs, r.top1,
                  r.samples, 100.0 * r.top1 / std::max(1, r.samples), r.top5, r.samples,
                  100.0 * r.top5 / std::max(1, r.samples));
    std::string out = buf;
    for (const auto& m : r.misses) {
        std::string first;
        for (const auto& f : m.first) first += (first.empty() ? "" : " ") + f;
        out += "  not first: " + m.character + (m.rank < 0 ? " (not in the top " + std::to_string(kHandwritingCandidates) + ")"
                                                          : " (rank " + std::to_string(m.rank + 1) + ")") +
               ", first: " + first + "\n";
    }
    return out;
}

nlohmann::json handwritingReportJson(const HandwritingReport& r) {
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : r.misses)
        misses.push_back({{"character", m.character}, {"rank", m.rank < 0 ? -1 : m.rank + 1}, {"first", m.first}});
    return {{"samples", r.samples}, {"timings", r.timings}, {"model_load_ms", r.loadMs},
            {"median_ms", r.medianMs}, {"p95_ms", r.p95Ms}, {"max_ms", r.maxMs}, {"goal_ms", kHandwritingGoalMs},
            {"met", r.p95Ms <= kHandwritingGoalMs},
            {"top1", r.top1}, {"top5", r.top5},
            {"top1_rate", static_cast<double>(r.top1) / std::max(1, r.samples)},
            {"top5_rate", static_cast<double>(r.top5) / std::max(1, r.samples)}, {"misses", misses}};
}

std::string defaultStrokesDir() {
    const fs::path rel = fs::path("tests") / "data" / "strokes";
    std::error_code ec;
    std::vector<fs::path> starts = {fs::current_path(ec)};
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) starts.push_back(exe.parent_path());
    for (auto dir : starts)
        for (int up = 0; up < 5 && !dir.empty(); ++up, dir = dir.parent_path()) {
            if (fs::is_directory(dir / rel, ec)) return (dir / rel).string();
            if (dir == dir.parent_path()) break;
        }
    return "";
}

namespace {

struct HandwritingOptions {
    std::string strokes, model = kDefaultHandwritingModel;
    int runs = 5;
    bool json = false;
    double maxP95Ms = 0;
};

int runHandwritingBench(const HandwritingOptions& opt) {
    const std::string dir = opt.strokes.empty() ? defaultStrokesDir() : opt.strokes;
    if (dir.empty()) {
        std::fprintf(stderr, "gongkai bench handwriting: tests/data/strokes not found; pass --strokes DIR\n");
        return 1;
    }
    auto samples = readInkSamples(dir);
    auto report = samples ? benchHandwriting(opt.model, samples.value(), opt.runs)
                          : Result<HandwritingReport>(samples.error());
    if (!report) {
        std::fprintf(stderr, "gongkai bench handwriting: %s\n", report.error().message.c_str());
        return 1;
    }
    if (opt.json) std::printf("%s\n", handwritingReportJson(report.value()).dump(2).c_str());
    else std::fputs(formatHandwritingReport(report.value()).c_str(), stdout);
    return opt.maxP95Ms > 0 && report->p95Ms > opt.maxP95Ms ? 2 : 0;
}

}  // namespace

void addBenchHandwritingCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<HandwritingOptions>();
    auto* h = bench.add_subcommand("handwriting", "time from the last stroke to candidates, and the hit rate");
    h->add_option("--strokes", opt->strokes, "recorded stroke sets (default: tests/data/strokes)");
    h->add_option("--model", opt->model, "zinnia model")->capture_default_str();
    h->add_option("--runs", opt->runs, "passes over every stroke prefix")->capture_default_str()->check(CLI::Range(1, 1000));
    h->add_flag("--json", opt->json, "one JSON object");
    h->add_option("--max-p95-ms", opt->maxP95Ms, "exit 2 when p95 is above this");
    h->callback([opt, &exitCode] { exitCode = runHandwritingBench(*opt); });
}

}  // namespace gongkai::cli
