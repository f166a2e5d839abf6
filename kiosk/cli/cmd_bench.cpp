// gongkai bench gen | gongkai bench import
// Sections: [1] helpers  [2] bench import  [3] bench gen  [4] registration
#include <algorithm>
#include <cmath>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/bench_files.h"
#include "cli/bench_gen.h"
#include "cli/bench_handwriting.h"
#include "cli/bench_ime.h"
#include "cli/bench_quality.h"
#include "cli/bench_search.h"
#include "cli/bench_sync.h"
#include "cli/bench_ui.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "core/apply.h"
#include "core/mirror.h"
#include "core/record_reader.h"

namespace gongkai::cli {

namespace fs = std::filesystem;

// [1] helpers
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Nearest-rank percentile of a sample (p in 0..100).
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

}  // namespace

// [2] bench import: full import vs. the two stages under it, same files, same run.
namespace {

struct ImportBenchOptions {
    std::vector<std::string> files;
    int runs = 5;
    bool json = false;
};

struct Phase {
    std::string name;
    std::vector<double> seconds;
};

Status timeReadOnly(const std::vector<std::string>& files, std::uint64_t& bytes) {
    bytes = 0;
    for (const auto& f : files) {
        auto r = RecordFileReader::open(f);
        if (!r) return r.error();
        std::string line;
        std::uint64_t no = 0;
        RecordFileReader::Next n;
        while ((n = r.value()->next(line, no)) != RecordFileReader::Next::End)
            if (n == RecordFileReader::Next::Failed) return Error{r.value()->error()};
        bytes += r.value()->bytesRead();
    }
    return okStatus();
}

Status timeParseOnly(const std::vector<std::string>& files) {
    for (const auto& f : files) {
        std::uint64_t lines = 0, bytes = 0;
        auto s = scanRecordFile(f, [](const Record&, std::uint64_t) { return okStatus(); }, {}, lines, bytes);
        if (!s) return s;
    }
    return okStatus();
}

Status timeImport(const std::vector<std::string>& files, std::uint64_t& records) {
    fs::path dir = fs::temp_directory_path() / ("gongkai-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    records = 0;
    Status result = okStatus();
    {
        auto mirror = Mirror::open((dir / "mirror.db").string(), Mirror::Mode::Create);
        if (!mirror) result = mirror.error();
        for (const auto& f : files) {
            if (!result) break;
            auto stats = importRecordFile(*mirror.value(), f);
            if (!stats) result = stats.error();
            else records += stats.value().lines;
        }
    }
    fs::remove_all(dir);
    return result;
}

int runImportBench(ImportBenchOptions opt) {
    if (opt.files.empty()) opt.files = sharedCorpus();
    if (opt.files.empty()) {
        std::fprintf(stderr, "gongkai bench import: no files given and ../shared/corpus not found\n");
        return 2;
    }
    std::uint64_t bytes = 0, records = 0;
    std::vector<Phase> phases = {{"read + decompress", {}}, {"read + parse + validate", {}}, {"full import", {}}};
    for (int run = 0; run < opt.runs; ++run) {
        auto t = Clock::now();
        Status s = timeReadOnly(opt.files, bytes);
        phases[0].seconds.push_back(secondsSince(t));
        t = Clock::now();
        if (s) s = timeParseOnly(opt.files);
        phases[1].seconds.push_back(secondsSince(t));
        t = Clock::now();
        if (s) s = timeImport(opt.files, records);
        phases[2].seconds.push_back(secondsSince(t));
        if (!s) {
            std::fprintf(stderr, "gongkai bench import: %s\n", s.error().message.c_str());
            return 1;
        }
    }
    nlohmann::json out = {{"files", opt.files}, {"runs", opt.runs}, {"records", records},
                          {"text_bytes", bytes}, {"phases", nlohmann::json::array()}};
    double importMedian = percentile(phases[2].seconds, 50);
    for (const auto& p : phases) {
        double med = percentile(p.seconds, 50), p95 = percentile(p.seconds, 95);
        out["phases"].push_back({{"phase", p.name}, {"median_s", med}, {"p95_s", p95},
                                 {"records_per_s", static_cast<double>(records) / med},
                                 {"mb_per_s", static_cast<double>(bytes) / 1e6 / med},
                                 {"share_of_import", med / importMedian}});
    }
    if (opt.json) {
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("bench import: %llu records, %.1f MB of text, %d runs (search index included)\n",
                static_cast<unsigned long long>(records), static_cast<double>(bytes) / 1e6, opt.runs);
    std::printf("%-26s %10s %10s %12s %9s %10s\n", "phase", "median s", "p95 s", "records/s", "MB/s", "of import");
    for (const auto& p : out["phases"])
        std::printf("%-26s %10.3f %10.3f %12.0f %9.1f %9.0f%%\n", p["phase"].get<std::string>().c_str(),
                    p["median_s"].get<double>(), p["p95_s"].get<double>(), p["records_per_s"].get<double>(),
                    p["mb_per_s"].get<double>(), 100 * p["share_of_import"].get<double>());
    return 0;
}

}  // namespace

// [3] bench gen
namespace {

int runGen(BenchGenOptions opt) {
    if (opt.sources.empty()) {
        opt.sources = demoRecordFiles();
        for (auto& f : sharedCorpus()) opt.sources.push_back(f);
    }
    ProgressBar bar("generating");
    auto summary = generateBenchCorpus(opt, [&](std::uint64_t d, std::uint64_t t) { bar.update(d, t); });
    bar.finish();
    if (!summary) {
        std::fprintf(stderr, "gongkai bench gen: %s\n", summary.error().message.c_str());
        return 1;
    }
    const auto& s = summary.value();
    std::printf("%s: %llu documents, %.1f MB of text in %.1f s (%.0f docs/s, %.1f MB/s)\n", opt.out.c_str(),
                static_cast<unsigned long long>(s.docs), static_cast<double>(s.textBytes) / 1e6, s.seconds,
                static_cast<double>(s.docs) / s.seconds, static_cast<double>(s.textBytes) / 1e6 / s.seconds);
    return 0;
}

}  // namespace

// [4] registration
void addBenchCommand(CLI::App& app, int& exitCode) {
    auto* bench = app.add_subcommand("bench", "Benchmarks and benchmark corpora");
    bench->require_subcommand(1);

    auto gen = std::make_shared<BenchGenOptions>();
    auto* g = bench->add_subcommand("gen", "Generate a deterministic benchmark corpus of documents");
    g->add_option("--docs", gen->docs, "number of documents")->capture_default_str();
    g->add_option("--seed", gen->seed, "random seed")->capture_default_str();
    g->add_option("--out", gen->out, "output FILE.ndjson.zst")->required();
    g->add_option("--source", gen->sources,
                  "record files to learn vocabulary from (default: data/demo and ../shared/corpus)");
    g->callback([gen, &exitCode] { exitCode = runGen(*gen); });

    auto imp = std::make_shared<ImportBenchOptions>();
    auto* i = bench->add_subcommand("import", "Import throughput: records/s and MB/s, with the stages under it");
    i->add_option("files", imp->files, "record files (default: ../shared/corpus/*.ndjson.zst)");
    i->add_option("--runs", imp->runs, "repetitions")->capture_default_str()->check(CLI::Range(1, 1000));
    i->add_flag("--json", imp->json, "JSON output");
    i->callback([imp, &exitCode] { exitCode = runImportBench(*imp); });

    addBenchSearchCommand(*bench, exitCode);
    addBenchQualityCommand(*bench, exitCode);
    addBenchUiCommand(*bench, exitCode);
    addBenchHandwritingCommand(*bench, exitCode);
    addBenchImeCommand(*bench, exitCode);
    addBenchSyncCommand(*bench, exitCode);
}

}  // namespace gongkai::cli
