// `gongkai bench sync`: issue 7's goals on a generated corpus (bench gen),
// everything in one run on this machine:
//
//  * a change of --change-pct % of the documents (new titles and a new
//    paragraph), published as version 2: the bytes a kiosk at version 1
//    downloads by delta and by snapshot, and the time each takes to apply
//    (goals: the delta moves <= 3 % of the snapshot's bytes and applies in
//    <= 5 s);
//  * a full snapshot applied to an empty mirror, against `gongkai import` of
//    the same records into an empty mirror (the search index's build rate)
//    in the same run (goal: no slower);
//  * a concurrent reader on its own connection doing what the kiosk does
//    while each apply runs, against the same reader with no apply running:
//    a page read (data info, latest documents, one document: almost no work,
//    so its latency is how long a reader is held up; goal: max <= 50 ms)
//    and a search (which adds its own computing), p50 / p99 / max.
//
// Works in --dir (default: a new folder under /tmp, removed unless --keep);
// checks the free disk space first. Errors are values.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace gongkai::cli {

inline constexpr double kSyncDeltaShareGoal = 0.03, kSyncDeltaApplyGoalS = 5, kSyncReaderGoalMs = 50;

struct SyncBenchOptions {
    std::uint64_t docs = 100000;
    double changePct = 1;
    std::uint64_t seed = 1;
    std::string dir;
    bool keep = false;
    bool json = false;
};

int runSyncBenchCommand(const SyncBenchOptions& options);
void addBenchSyncCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
