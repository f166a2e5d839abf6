// gongkai reindex --db PATH: rebuild the search index from the mirror's records.
#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "core/mirror.h"

namespace gongkai::cli {

namespace {

int runReindex(const std::string& db) {
    auto mirror = Mirror::open(db, Mirror::Mode::ReadWrite);
    if (!mirror) {
        std::fprintf(stderr, "gongkai reindex: %s\n", mirror.error().message.c_str());
        return 1;
    }
    auto started = std::chrono::steady_clock::now();
    if (auto s = mirror.value()->reindex(); !s) {
        std::fprintf(stderr, "gongkai reindex: %s: %s (the old index is unchanged)\n", db.c_str(),
                     s.error().message.c_str());
        return 1;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::uint64_t records = 0;
    for (const auto& [type, n] : mirror.value()->recordCounts()) records += n;
    std::printf("reindexed %llu records in %.1f s\n", static_cast<unsigned long long>(records), seconds);
    return 0;
}

}  // namespace

void addReindexCommand(CLI::App& app, int& exitCode) {
    auto db = std::make_shared<std::string>(kDefaultDb);
    auto* cmd = app.add_subcommand("reindex", "Rebuild the search index from the mirror's records");
    cmd->add_option("--db", *db, "mirror database")->capture_default_str();
    cmd->callback([db, &exitCode] { exitCode = runReindex(*db); });
}

}  // namespace gongkai::cli
