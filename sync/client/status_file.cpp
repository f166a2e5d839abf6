#include "client/status_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace gongkai::sync {

namespace {

nlohmann::json readOld(const std::string& path) {
    if (std::ifstream in(path); in) {
        std::ostringstream text;
        text << in.rdbuf();
        auto old = nlohmann::json::parse(text.str(), nullptr, false);
        if (old.is_object()) return old;
    }
    return nlohmann::json::object();
}

// An older file's keys as they are; the three the kiosk expects, at least "".
nlohmann::json readWithBasics(const std::string& path) {
    nlohmann::json j = readOld(path);
    for (const char* key : {"last_attempt", "last_success", "error"})
        if (!j.contains(key)) j[key] = "";
    return j;
}

Status replaceFile(const std::string& path, const nlohmann::json& j) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump(2) << "\n";
        if (!out.flush()) return Error{"cannot write " + tmp};
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return Error{"cannot replace " + path + ": " + ec.message()};
    return okStatus();
}

}  // namespace

Status writeStatusFile(const std::string& path, const std::string& attemptAt, bool success,
                       const std::string& error) {
    std::string lastSuccess;
    nlohmann::json old = readOld(path);
    if (old.contains("last_success") && old["last_success"].is_string())
        lastSuccess = old["last_success"].get<std::string>();
    if (success) lastSuccess = attemptAt;
    nlohmann::json j{{"last_attempt", attemptAt}, {"last_success", lastSuccess}, {"error", error}};
    for (const char* kept : {"outbox", "update"})
        if (old.contains(kept)) j[kept] = old[kept];
    return replaceFile(path, j);
}

Status writeOutboxStatus(const std::string& path, const OutboxStatus& o) {
    nlohmann::json j = readWithBasics(path);
    j["outbox"] = {{"last_upload", o.lastUpload}, {"pending", o.pending}, {"delivered", o.delivered},
                   {"refused", o.refused}, {"error", o.error}, {"next_attempt", o.nextAttempt}};
    return replaceFile(path, j);
}

Status writeUpdateStatus(const std::string& path, const UpdateStatus& u) {
    nlohmann::json j = readWithBasics(path);
    nlohmann::json update{{"source", u.source}, {"state", u.state}, {"started", u.started}};
    if (u.state != "running") {
        update["finished"] = u.finished;
        update["version"] = u.version;
        update["error"] = u.error;
    }
    j["update"] = update;
    return replaceFile(path, j);
}

}  // namespace gongkai::sync
