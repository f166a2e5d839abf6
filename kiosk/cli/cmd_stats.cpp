// gongkai stats --db PATH [--outbox PATH] [--json]
#include <cstdio>
#include <ctime>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/mirror.h"
#include "core/outbox.h"
#include "core/store.h"

namespace gongkai::cli {

namespace {

struct StatsOptions {
    std::string db = kDefaultDb;
    std::string outbox;  // "" = outbox.db beside the mirror
    bool json = false;
};

std::uint64_t fileBytes(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        auto n = std::filesystem::file_size(path + suffix, ec);
        if (!ec) total += n;
    }
    return total;
}

// The data's age: since the feed version was created (the portal's clock),
// else since the mirror last changed. "" when neither is known.
std::string dataAge(const SyncState& s, const std::string& updatedAt) {
    std::string since = !s.created.empty() ? s.created : updatedAt;
    std::tm tm{};
    if (since.size() < 16 || !strptime(since.substr(0, 16).c_str(), "%Y-%m-%d%n%H:%M", &tm)) return "";
    auto seconds = static_cast<long long>(std::difftime(std::time(nullptr), timegm(&tm)));
    if (seconds < 0) seconds = 0;
    long long days = seconds / 86400, hours = seconds % 86400 / 3600;
    return std::to_string(days) + " d " + std::to_string(hours) + " h (since " + since + ")";
}

nlohmann::json collect(Mirror& m) {
    nlohmann::json j;
    j["path"] = m.path();
    j["schema_version"] = m.schemaVersion();
    j["mirror_version"] = m.mirrorVersion();
    j["state_digest"] = m.stateDigest().hex();
    j["file_bytes"] = fileBytes(m.path());
    j["records"] = nlohmann::json::object();
    for (const auto& [type, n] : m.recordCounts()) j["records"][type] = n;
    SyncState s = m.syncState();
    j["sync"] = {{"feed_id", s.feedId}, {"version", s.version}, {"state_digest", s.stateDigest},
                 {"created", s.created}, {"expires", s.expires}, {"source", s.source},
                 {"last_attempt", s.lastAttempt}, {"last_success", s.lastSuccess},
                 {"last_error", s.lastError}, {"stale", s.stale}};
    auto info = Store(m).dataInfo();
    j["sync"]["data_age"] = dataAge(s, info ? info.value().updatedAt : "");
    return j;
}

// The disclosure requests in the outbox. A missing outbox is no error: the
// kiosk has made no request yet.
Status addOutbox(nlohmann::json& j, const std::string& path) {
    std::error_code ec;
    bool present = std::filesystem::exists(path, ec);
    OutboxCounts counts;
    if (present) {
        auto box = Outbox::open(path, Outbox::Mode::Existing);
        if (!box) return box.error();
        auto c = box.value().counts();
        if (!c) return c.error();
        counts = c.value();
    }
    j["outbox"] = {{"path", path}, {"present", present}, {"pending", counts.pending},
                   {"delivered", counts.delivered}, {"refused", counts.refused}};
    return okStatus();
}

void printText(const nlohmann::json& j) {
    std::printf("mirror          %s\n", j["path"].get<std::string>().c_str());
    std::printf("schema version  %d\n", j["schema_version"].get<int>());
    std::printf("mirror version  %lld\n", j["mirror_version"].get<long long>());
    std::printf("state digest    %s\n", j["state_digest"].get<std::string>().c_str());
    std::printf("file size       %s\n", humanBytes(j["file_bytes"].get<std::uint64_t>()).c_str());
    std::printf("records\n");
    for (const auto& [type, n] : j["records"].items())
        std::printf("  %-14s %llu\n", type.c_str(), n.get<unsigned long long>());
    std::printf("sync\n");
    for (const auto& [key, v] : j["sync"].items())
        std::printf("  %-14s %s\n", key.c_str(), v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
    const auto& o = j["outbox"];
    std::printf("requests        %s%s\n", o["path"].get<std::string>().c_str(),
                o["present"].get<bool>() ? "" : " (none made yet)");
    for (const char* key : {"pending", "delivered", "refused"})
        std::printf("  %-14s %lld\n", key, o[key].get<long long>());
}

int runStats(const StatsOptions& opt) {
    auto mirror = Mirror::open(opt.db, Mirror::Mode::ReadOnly);
    if (!mirror) {
        std::fprintf(stderr, "gongkai stats: %s\n", mirror.error().message.c_str());
        return 1;
    }
    auto j = collect(*mirror.value());
    std::string outbox = opt.outbox;
    if (outbox.empty()) {
        auto dir = std::filesystem::path(opt.db).parent_path();
        outbox = (dir.empty() ? std::filesystem::path("outbox.db") : dir / "outbox.db").string();
    }
    if (auto s = addOutbox(j, outbox); !s) {
        std::fprintf(stderr, "gongkai stats: %s\n", s.error().message.c_str());
        return 1;
    }
    if (opt.json) std::printf("%s\n", j.dump(2).c_str());
    else printText(j);
    return 0;
}

}  // namespace

void addStatsCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<StatsOptions>();
    auto* cmd = app.add_subcommand("stats", "Counts per type, versions, state digest, size, sync state and disclosure requests");
    cmd->add_option("--db", opt->db, "mirror database")->capture_default_str();
    cmd->add_option("--outbox", opt->outbox, "the kiosk's request outbox (default: outbox.db beside --db)");
    cmd->add_flag("--json", opt->json, "one JSON object");
    cmd->callback([opt, &exitCode] { exitCode = runStats(*opt); });
}

}  // namespace gongkai::cli
