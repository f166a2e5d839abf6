#include "ui/state_dump.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <catch2/catch.hpp>

#include "ui/kiosk_runner.h"

namespace gongkai::test {

using nlohmann::json;

const std::string& sharedDemoMirror() {
    static std::unique_ptr<TempDir> dir;
    static std::string db;
    if (db.empty()) {
        dir = std::make_unique<TempDir>();
        std::vector<std::string> files;
        for (const auto& e : std::filesystem::directory_iterator(sourceDir() / "data" / "demo"))
            if (e.path().extension() == ".ndjson") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        db = makeMirror(*dir, "demo.db", files);
    }
    return db;
}

const json* StateDump::target(const std::string& name) const {
    for (const auto& t : j.at("targets"))
        if (t.at("name") == name) return &t;
    return nullptr;
}

Box StateDump::box(const std::string& name) const {
    const json* t = target(name);
    INFO("no target " << name << " among " << names("").size() << " targets");
    REQUIRE(t);
    int x = int(t->at("x").get<float>()), y = int(t->at("y").get<float>());
    return {x, y, x + int(t->at("w").get<float>()), y + int(t->at("h").get<float>())};
}

std::string StateDump::tap(const std::string& name) const {
    Box b = box(name);
    return "tap " + std::to_string((b.x0 + b.x1) / 2) + " " + std::to_string((b.y0 + b.y1) / 2) + "\n";
}

std::vector<std::string> StateDump::names(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& t : j.at("targets"))
        if (t.at("name").get<std::string>().rfind(prefix, 0) == 0) out.push_back(t.at("name"));
    return out;
}

std::vector<std::string> StateDump::inReadingOrder(const std::string& prefix) const {
    std::vector<std::pair<std::pair<float, float>, std::string>> v;
    for (const auto& n : names(prefix)) {
        const json* t = target(n);
        v.push_back({{t->at("y").get<float>(), t->at("x").get<float>()}, n.substr(prefix.size())});
    }
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto& p : v) out.push_back(p.second);
    return out;
}

StateDump runAndDump(const TempDir& dir, int w, int h, const std::string& script, const std::string& extraArgs,
                     const std::string& name) {
    std::string path = dir.file(name + ".json");
    auto r = runKiosk(dir, sharedDemoMirror(), w, h, script + "dump " + path + "\n",
                      "--state-dir '" + dir.path().string() + "' " + extraArgs);
    INFO(r.output);
    REQUIRE(r.status == 0);
    StateDump d;
    d.output = r.output;
    d.j = json::parse(readFile(path));
    return d;
}

void keepScreenshot(const std::string& png) {
    if (const char* out = std::getenv("GONGKAI_SCREENSHOT_DIR"))
        std::filesystem::copy_file(png, std::string(out) + "/" + std::filesystem::path(png).filename().string(),
                                   std::filesystem::copy_options::overwrite_existing);
}

}  // namespace gongkai::test
