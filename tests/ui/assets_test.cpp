// The UI's assets: both languages carry the same strings, and every text
// colour of the theme keeps at least 4.5:1 contrast on the backgrounds it
// is drawn on (WCAG AA, for elderly readers).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/search_index.h"
#include "support/temp_dir.h"
#include "ui/png_probe.h"

using namespace gongkai::test;

namespace {

nlohmann::json readAsset(const std::string& name) {
    std::ifstream f(sourceDir() / "assets" / name);
    return nlohmann::json::parse(f);
}

}  // namespace

TEST_CASE("assets: zh-CN and en define the same strings, none empty", "[ui][assets]") {
    auto zh = readAsset("strings/zh-CN.json"), en = readAsset("strings/en.json");
    std::set<std::string> zhKeys, enKeys;
    for (auto& [k, v] : zh.items()) {
        zhKeys.insert(k);
        CHECK_FALSE(v.get<std::string>().empty());
    }
    for (auto& [k, v] : en.items()) {
        enKeys.insert(k);
        CHECK_FALSE(v.get<std::string>().empty());
    }
    CHECK(zhKeys == enKeys);
    CHECK(zhKeys.count("demo.banner") == 1);
    CHECK(zh["demo.banner"].get<std::string>().find("演示数据") != std::string::npos);
}

TEST_CASE("assets: every record type a search can return has its label in both languages", "[ui][assets]") {
    auto zh = readAsset("strings/zh-CN.json"), en = readAsset("strings/en.json");
    int searchable = 0;
    // Every type of RECORDS.md and data/SCHEMA.md; the index says which are searched.
    for (const char* type : {"domain", "agency", "catalog_item", "document", "service_guide", "consultation",
                             "kiosk", "portal"}) {
        if (!gongkai::indexedText(type, nlohmann::json::object())) continue;
        ++searchable;
        CAPTURE(type);
        CHECK(zh.contains(std::string("type.") + type));
        CHECK(en.contains(std::string("type.") + type));
    }
    CHECK(searchable >= 6);
}

TEST_CASE("assets: theme text colours keep 4.5:1 contrast on their backgrounds", "[ui][assets]") {
    auto t = readAsset("theme.json");
    auto c = [&](const char* k) { return parseHex(t.at(k).get<std::string>()); };
    auto [text, background] = GENERATE(table<std::string, std::string>({
        {"text", "background"}, {"text", "tile_bg"}, {"text", "section_bg"}, {"text", "table_header_bg"},
        {"text_secondary", "background"}, {"text_secondary", "tile_bg"}, {"text_secondary", "nav_bg"},
        {"header_text", "header_bg"}, {"banner_text", "banner_bg"}, {"button_text", "button_bg"},
        {"button_text", "pressed_bg"}, {"button_disabled_text", "button_bg"}, {"link", "tile_bg"},
        {"link", "button_bg"}, {"warning", "background"}, {"text", "pressed_bg"},
    }));
    CAPTURE(text, background);
    CHECK(contrastRatio(c(text.c_str()), c(background.c_str())) >= 4.5);
}

TEST_CASE("assets: type sizes and targets meet the kiosk's minimums", "[ui][assets]") {
    auto t = readAsset("theme.json");
    // Type sizes are em sizes (CSS px): body >= 24; captions (small) >= 18.
    CHECK(t.at("font_small").get<double>() >= 18);
    CHECK(t.at("font_body").get<double>() >= 24);
    CHECK(t.at("font_title").get<double>() > t.at("font_body").get<double>());
    CHECK(t.at("min_target").get<double>() >= 60);
    CHECK(t.at("nav_height").get<double>() - 2 * t.at("gap").get<double>() >= 60);  // Back/Home height
}

TEST_CASE("assets: elder mode sizes meet the 长辈模式 minimums", "[ui][assets]") {
    auto e = readAsset("theme.json").at("elder");
    CHECK(e.at("font_small").get<double>() >= 36);  // every text role is body text or larger
    CHECK(e.at("font_body").get<double>() >= 36);
    CHECK(e.at("font_title").get<double>() >= 48);
    CHECK(e.at("min_target").get<double>() >= 80);
    CHECK(e.at("nav_height").get<double>() - 2 * e.at("gap").get<double>() >= 80);  // the bar's buttons
    // Two lines of small text fit the header (drawn at 1.448 x the em for Noto Sans CJK).
    CHECK(e.at("header_height").get<double>() >= 2 * 1.3 * 1.448 * e.at("font_small").get<double>());
}

TEST_CASE("assets: the system screens' strings exist in both languages", "[ui][assets]") {
    auto zh = readAsset("strings/zh-CN.json"), en = readAsset("strings/en.json");
    for (const char* key : {"mode.elder", "mode.standard", "lang.switch", "idle.question", "idle.countdown",
                            "idle.continue", "attract.latest", "attract.touch", "fresh.sync_failed", "fresh.expired",
                            "fresh.old", "oos.last_good", "staff.enter_pin", "staff.wrong_pin", "staff.title",
                            "staff.reload", "staff.exit"}) {
        CAPTURE(key);
        CHECK(zh.contains(key));
        CHECK(en.contains(key));
    }
    CHECK(zh["idle.question"].get<std::string>() == "还在使用吗？");
    CHECK(zh["lang.switch"].get<std::string>() == "English");
}
