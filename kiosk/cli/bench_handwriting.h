// gongkai bench handwriting: how long the writing pad waits for candidates,
// and how often the recorded characters are recognised.
//
// For every recorded stroke set (tests/data/strokes, see its README) and
// every prefix of its strokes (a writer sees candidates after each stroke),
// times HandwritingRecognizer::recognize — the work the kiosk's handwriting
// worker does between the finger lifting and the candidates coming back —
// and reports the median, p95 and max over all of them (goal: <= 50 ms),
// the model's load time, and the top-1 / top-5 hit rate of the complete
// characters with the misses. Single-threaded; nothing kept between runs.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/handwriting.h"
#include "core/result.h"

namespace gongkai::cli {

inline constexpr double kHandwritingGoalMs = 50;
inline constexpr std::size_t kHandwritingCandidates = 16;  // as many as the pad asks for

struct HandwritingMiss {
    std::string character;
    int rank = -1;  // 0-based among the candidates, -1: not among them
    std::vector<std::string> first;  // the first three candidates
};

struct HandwritingReport {
    int samples = 0;        // stroke sets
    int timings = 0;        // recognitions timed (prefixes x runs)
    double loadMs = 0;      // opening the model
    double medianMs = 0, p95Ms = 0, maxMs = 0;
    int top1 = 0, top5 = 0; // complete characters found first / among the first five
    std::vector<HandwritingMiss> misses;  // not first, in file order
};

// Runs the measurement `runs` times over `samples` with the model at `modelPath`.
Result<HandwritingReport> benchHandwriting(const std::string& modelPath,
                                           const std::vector<InkSample>& samples, int runs);

std::string formatHandwritingReport(const HandwritingReport& r);
nlohmann::json handwritingReportJson(const HandwritingReport& r);

// tests/data/strokes under the working directory, the executable's directory
// or their parents; empty when not found.
std::string defaultStrokesDir();

// gongkai bench handwriting [--strokes DIR] [--model PATH] [--runs N] [--json]
// Exit status 0; 1 on errors (no stroke sets, no model); 2 when p95 is above
// --max-p95-ms.
void addBenchHandwritingCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
