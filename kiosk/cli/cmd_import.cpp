// gongkai import --db PATH FILE...
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/apply.h"
#include "core/mirror.h"

namespace gongkai::cli {

namespace {

struct ImportOptions {
    std::string db = kDefaultDb;
    std::vector<std::string> files;
    bool quiet = false;
};

void printFileStats(const std::string& file, const ApplyStats& s, double seconds) {
    double mb = static_cast<double>(s.textBytes) / 1e6;
    std::printf("%s: %llu records (%llu upserted, %llu deleted, %llu unchanged",
                file.c_str(), static_cast<unsigned long long>(s.lines),
                static_cast<unsigned long long>(s.upserts), static_cast<unsigned long long>(s.deletes),
                static_cast<unsigned long long>(s.unchanged));
    if (s.unknownType) std::printf(", %llu of unknown types kept", static_cast<unsigned long long>(s.unknownType));
    std::printf(") in %.2f s, %.0f records/s, %.1f MB/s\n", seconds,
                seconds > 0 ? static_cast<double>(s.lines) / seconds : 0.0, seconds > 0 ? mb / seconds : 0.0);
    for (const auto& [type, n] : s.perType)
        std::printf("  %-14s %llu\n", type.c_str(), static_cast<unsigned long long>(n));
}

int runImport(const ImportOptions& opt) {
    auto mirror = Mirror::open(opt.db, Mirror::Mode::Create);
    if (!mirror) {
        std::fprintf(stderr, "gongkai import: %s\n", mirror.error().message.c_str());
        return 1;
    }
    for (std::size_t i = 0; i < opt.files.size(); ++i) {
        const auto& file = opt.files[i];
        ProgressBar bar(file);
        auto start = std::chrono::steady_clock::now();
        auto stats = importRecordFile(*mirror.value(), file,
                                      [&](std::uint64_t d, std::uint64_t t) { bar.update(d, t); });
        bar.finish();
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!stats) {
            std::fprintf(stderr, "%s\n", stats.error().message.c_str());
            if (i + 1 < opt.files.size())
                std::fprintf(stderr, "gongkai import: stopped; %zu earlier file(s) were applied, %zu not attempted\n",
                             i, opt.files.size() - i - 1);
            return 1;
        }
        if (!opt.quiet) printFileStats(file, stats.value(), seconds);
    }
    auto& m = *mirror.value();
    std::printf("mirror %s: version %lld, state digest %s\n", opt.db.c_str(),
                static_cast<long long>(m.mirrorVersion()), m.stateDigest().hex().c_str());
    return 0;
}

}  // namespace

void addImportCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<ImportOptions>();
    auto* cmd = app.add_subcommand("import", "Apply record files (NDJSON, plain or .zst) to the mirror; "
                                             "each file all-or-nothing");
    cmd->add_option("--db", opt->db, "mirror database (created if missing)")->capture_default_str();
    cmd->add_option("files", opt->files, "record files")->required();
    cmd->add_flag("-q,--quiet", opt->quiet, "print only the final line");
    cmd->callback([opt, &exitCode] { exitCode = runImport(*opt); });
}

}  // namespace gongkai::cli
