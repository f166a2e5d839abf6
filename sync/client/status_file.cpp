#include "client/status_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace gongkai::sync {

Status writeStatusFile(const std::string& path, const std::string& attemptAt, bool success,
                       const std::string& error) {
    std::string lastSuccess;
    if (std::ifstream in(path); in) {
        std::ostringstream text;
        text << in.rdbuf();
        auto old = nlohmann::json::parse(text.str(), nullptr, false);
        if (old.is_object() && old.contains("last_success") && old["last_success"].is_string())
            lastSuccess = old["last_success"].get<std::string>();
    }
    if (success) lastSuccess = attemptAt;
    nlohmann::json j{{"last_attempt", attemptAt}, {"last_success", lastSuccess}, {"error", error}};
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

}  // namespace gongkai::sync
