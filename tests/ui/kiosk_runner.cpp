#include "ui/kiosk_runner.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/apply.h"
#include "core/mirror.h"
#include "ui/xvfb_session.h"

namespace gongkai::test {

UiTheme loadUiTheme() {
    std::ifstream f(sourceDir() / "assets" / "theme.json");
    auto j = nlohmann::json::parse(f);
    auto c = [&](const char* k) { return parseHex(j.at(k).get<std::string>()); };
    UiTheme t;
    t.background = c("background"), t.text = c("text"), t.headerBg = c("header_bg");
    t.bannerBg = c("banner_bg"), t.tileBg = c("tile_bg"), t.tileAccent = c("tile_accent");
    t.tableHeaderBg = c("table_header_bg"), t.warning = c("warning"), t.sectionBg = c("section_bg");
    t.link = c("link");
    t.headerHeight = j.at("header_height").get<int>();
    t.bannerHeight = j.at("banner_height").get<int>();
    t.titleHeight = j.at("min_target").get<int>();
    t.navHeight = j.at("nav_height").get<int>();
    return t;
}

std::string makeMirror(const TempDir& dir, const std::string& name, const std::vector<std::string>& files) {
    std::string path = dir.file(name);
    auto mirror = Mirror::open(path, Mirror::Mode::Create);
    if (!mirror) throw std::runtime_error(mirror.error().message);
    for (const auto& f : files) {
        auto stats = importRecordFile(*mirror.value(), f);
        if (!stats) throw std::runtime_error(f + ": import failed");
    }
    return path;
}

std::string fixtureMirror(const TempDir& dir) {
    return makeMirror(dir, "fixture.db", {(sourceDir() / "tests/ui/data/fixture.ndjson").string()});
}

KioskResult runKiosk(const TempDir& dir, const std::string& db, int w, int h, const std::string& script,
                     const std::string& extraArgs) {
    KioskResult r;
    if (std::string err = ensureDisplay(); !err.empty()) {
        r.output = err;
        return r;
    }
    std::string scriptPath = dir.file("script.txt");
    writeFile(scriptPath, script);
    std::string cmd = std::string(GONGKAI_KIOSK_PATH) + " --db '" + db + "' --windowed --size " +
                      std::to_string(w) + "x" + std::to_string(h) + " --script '" + scriptPath + "' " + extraArgs;
    r.status = runCommand(cmd, r.output);
    return r;
}

std::vector<Box> findTiles(const Picture& p, const UiTheme& t) {
    Box below{0, t.contentTop(), p.width(), p.height() - t.navHeight};
    std::vector<Box> tiles;
    for (const Box& b : p.regions(below, t.tileAccent, 400))
        if (b.width() <= 20 && b.height() >= 60) tiles.push_back(b);
    std::sort(tiles.begin(), tiles.end(), [](const Box& a, const Box& b) {
        return std::abs(a.y0 - b.y0) > 4 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    return tiles;
}

std::vector<Box> findCards(const Picture& p, const UiTheme& t, int minWidth, int minHeight) {
    Box content{0, t.contentTop(), p.width(), p.height() - t.navHeight};
    std::vector<Box> out;
    for (const Box& b : p.regions(content, t.tileBg, minWidth * minHeight / 2, 2))
        if (b.width() >= minWidth && b.height() >= minHeight) out.push_back(b);
    std::sort(out.begin(), out.end(), [](const Box& a, const Box& b) { return a.y0 < b.y0; });
    return out;
}

}  // namespace gongkai::test
