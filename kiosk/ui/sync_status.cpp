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
    auto str = [](const nlohmann::json& o, const char* k) {
        return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
    };
    s.lastAttempt = str(j, "last_attempt");
    s.lastSuccess = str(j, "last_success");
    s.error = str(j, "error");
    if (j.contains("update") && j["update"].is_object()) {
        const nlohmann::json& u = j["update"];
        bool number = u.contains("version") && u["version"].is_number_integer();
        s.update = {str(u, "source"), str(u, "state"), str(u, "started"), str(u, "finished"), str(u, "error"),
                    number ? u["version"].get<std::int64_t>() : 0};
    }
    return s;
}

std::string syncStatusKey(const SyncStatus& s) {
    if (!s.present) return "-";
    const AnnouncedUpdate& u = s.update;
    return s.lastAttempt + "|" + s.lastSuccess + "|" + s.error + "|" + s.readError + "|" + u.source + "|" + u.state +
           "|" + u.started + "|" + u.finished + "|" + std::to_string(u.version) + "|" + u.error;
}

UpdateNotice assessUpdate(const AnnouncedUpdate& u, std::time_t now) {
    UpdateNotice n;
    n.last = u;
    std::time_t started = parseUtc(u.started), finished = parseUtc(u.finished);
    if (u.state == "running") {
        if (started < 0 || double(now - started) >= kUpdateRunningSeconds) return n;  // killed, never ended
        n.until = started + static_cast<std::time_t>(kUpdateRunningSeconds);
        n.key = "usb.running", n.tone = UpdateNotice::Tone::Busy;
        return n;
    }
    if (finished < 0 || double(now - finished) >= kUpdateResultSeconds) return n;
    n.until = finished + static_cast<std::time_t>(kUpdateResultSeconds);
    if (u.state == "applied")
        n.key = "usb.applied", n.arg = std::to_string(u.version), n.tone = UpdateNotice::Tone::Good;
    else if (u.state == "up_to_date") n.key = "usb.up_to_date";
    else if (u.state == "rejected") n.key = "usb.rejected", n.tone = UpdateNotice::Tone::Bad;
    else if (u.state == "failed") n.key = "usb.failed", n.tone = UpdateNotice::Tone::Bad;
    else n.until = 0;
    return n;
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

namespace {

Freshness warn(const std::string& key, const std::string& arg) {
    Freshness f;
    f.warn = true, f.key = key, f.arg = arg;
    return f;
}

Freshness warning(const DataInfo& info, const SyncState& mirrorSync, const SyncStatus& file, std::time_t now,
                  double maxAgeSeconds) {
    if (file.present && !file.readError.empty()) return warn("fresh.sync_failed", file.readError);
    if (file.present && !file.error.empty())
        return warn("fresh.sync_failed", localTimeText(file.lastAttempt));
    std::time_t expires = parseUtc(mirrorSync.expires);
    if (expires > 0 && now > expires) return warn("fresh.expired", localTimeText(mirrorSync.expires));
    if (info.stale) return warn("fresh.expired", localTimeText(mirrorSync.expires));
    std::time_t updated = parseUtc(info.updatedAt);
    if (expires <= 0 && updated > 0 && double(now - updated) > maxAgeSeconds)
        return warn("fresh.old", localTimeText(info.updatedAt));
    return {};
}

}  // namespace

Freshness assessFreshness(const DataInfo& info, const SyncState& mirrorSync, const SyncStatus& file,
                          std::time_t now, double maxAgeSeconds) {
    Freshness f = warning(info, mirrorSync, file, now, maxAgeSeconds);
    f.update = assessUpdate(file.update, now);
    return f;
}

}  // namespace gongkai::ui
