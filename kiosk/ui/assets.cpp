#include "ui/assets.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace gongkai::ui {
namespace {

Result<nlohmann::json> readJson(const std::string& path) {
    std::ifstream f(path);
    if (!f) return Error{"cannot read " + path};
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{path + " is not a JSON object"};
    return j;
}

}  // namespace

std::string assetsDir() {
    if (const char* env = std::getenv("GONGKAI_ASSETS_DIR"); env && *env) return env;
    // Installed: /usr/bin/gongkai-kiosk reads /usr/share/gongkai/assets
    // (deploy/package.cmake), wherever the package's prefix is.
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/gongkai/assets";
        if (std::filesystem::is_directory(installed / "strings", ec)) return installed.string();
    }
    return GONGKAI_ASSETS_DIR;  // the source tree's, compiled in by kiosk_app.cmake
}

Status Strings::load(const std::string& dir, const std::string& language) {
    m_language = language;
    m_text.clear();
    m_allText.clear();
    Status status = okStatus();
    for (const char* lang : {"zh-CN", "en"}) {
        auto j = readJson(dir + "/strings/" + lang + ".json");
        if (!j) { status = j.error(); continue; }
        for (auto& [key, value] : j.value().items()) {
            if (!value.is_string()) continue;
            m_allText += value.get<std::string>();
            if (language == lang) m_text[key] = value.get<std::string>();
        }
    }
    return status;
}

const std::string& Strings::get(const std::string& key) const {
    auto it = m_text.find(key);
    return it == m_text.end() ? key : it->second;
}

std::string Strings::format(const std::string& key, const std::vector<std::string>& args) const {
    std::string out = get(key);
    std::size_t at = 0;
    for (const auto& a : args) {
        at = out.find("{}", at);
        if (at == std::string::npos) break;
        out.replace(at, 2, a);
        at += a.size();
    }
    return out;
}

bool parseColor(const std::string& hex, Color& out) {
    if (hex.size() != 7 || hex[0] != '#') return false;
    char* end = nullptr;
    unsigned long v = std::strtoul(hex.c_str() + 1, &end, 16);
    if (end != hex.c_str() + 7) return false;
    Color r = (v >> 16) & 0xFF, g = (v >> 8) & 0xFF, b = v & 0xFF;
    out = 0xFF000000u | (b << 16) | (g << 8) | r;
    return true;
}

Status Theme::load(const std::string& path) {
    auto j = readJson(path);
    if (!j) return j.error();
    const auto& t = j.value();
    auto color = [&](const char* key, Color& c) {
        if (t.contains(key) && t[key].is_string()) parseColor(t[key].get<std::string>(), c);
    };
    auto number = [&](const char* key, float& v) {
        if (t.contains(key) && t[key].is_number()) v = t[key].get<float>();
    };
    color("background", background), color("text", text), color("text_secondary", textSecondary);
    color("header_bg", headerBg), color("header_text", headerText);
    color("banner_bg", bannerBg), color("banner_text", bannerText);
    color("tile_bg", tileBg), color("tile_border", tileBorder), color("tile_accent", tileAccent);
    color("pressed_bg", pressedBg), color("nav_bg", navBg), color("button_bg", buttonBg);
    color("button_text", buttonText), color("button_disabled_text", buttonDisabledText);
    color("section_bg", sectionBg), color("table_header_bg", tableHeaderBg);
    color("table_border", tableBorder), color("link", link), color("warning", warning);
    number("font_small", fontSmall), number("font_body", fontBody), number("font_title", fontTitle);
    number("margin", margin), number("gap", gap), number("header_height", headerHeight);
    number("banner_height", bannerHeight), number("nav_height", navHeight), number("min_target", minTarget);
    if (t.contains("elder") && t["elder"].is_object()) {
        const auto& e = t["elder"];
        auto num = [&](const char* key, float& v) {
            if (e.contains(key) && e[key].is_number()) v = e[key].get<float>();
        };
        num("font_small", elder.fontSmall), num("font_body", elder.fontBody), num("font_title", elder.fontTitle);
        num("margin", elder.margin), num("gap", elder.gap), num("header_height", elder.headerHeight);
        num("banner_height", elder.bannerHeight), num("nav_height", elder.navHeight);
        num("min_target", elder.minTarget);
    }
    return okStatus();
}

}  // namespace gongkai::ui
