#include "ui/sync_status.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace gongkai::ui {

std::string defaultSyncStatusPath(const std::string& dbPath) {
    std::filesystem::path dir = std::filesystem::path(dbPath).parent_path();
    return (dir.empty() ? std::filesystem::path(".") : dir).append("sync-status.json").string();
}

SyncStatus readSyncStatus(const std::string& path) {
    SyncStatus s;
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return s;
    s.present = true;
    std::ifstream f(path);
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        s.readError = path + " is not a JSON object";
        return s;
    }
    auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; };
    s.lastAttempt = str("last_attempt");
    s.lastSuccess = str("last_success");
    s.error = str("error");
    return s;
}

std::time_t parseUtc(const std::string& text) {
    std::tm tm{};
    int sec = 0;
    char sep = 0;
    int n = std::sscanf(text.c_str(), "%d-%d-%d%c%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &sep,
                        &tm.tm_hour, &tm.tm_min, &sec);
    if (n < 3 || (n > 3 && n < 6) || (n >= 4 && sep != ' ' && sep != 'T')) return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_sec = n >= 7 ? sec : 0;
    return timegm(&tm);
}

std::string localTimeText(const std::string& utc) {
    std::time_t t = parseUtc(utc);
    if (t < 0) return utc;
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

Freshness assessFreshness(const DataInfo& info, const SyncState& mirrorSync, const SyncStatus& file,
                          std::time_t now, double maxAgeSeconds) {
    if (file.present && !file.readError.empty()) return {true, "fresh.sync_failed", file.readError};
    if (file.present && !file.error.empty())
        return {true, "fresh.sync_failed", localTimeText(file.lastAttempt)};
    std::time_t expires = parseUtc(mirrorSync.expires);
    if (expires > 0 && now > expires) return {true, "fresh.expired", localTimeText(mirrorSync.expires)};
    if (info.stale) return {true, "fresh.expired", localTimeText(mirrorSync.expires)};
    std::time_t updated = parseUtc(info.updatedAt);
    if (expires <= 0 && updated > 0 && double(now - updated) > maxAgeSeconds)
        return {true, "fresh.old", localTimeText(info.updatedAt)};
    return {};
}

}  // namespace gongkai::ui
