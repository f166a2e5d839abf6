// UI strings (assets/strings/<lang>.json, flat key -> text with "{}"
// placeholders) and the theme (assets/theme.json). Loaded once at start-up
// on the UI thread; read-only afterwards, so any thread may read them.
// A missing or broken file is reported and the built-in fallbacks are used
// (strings show their key), so the kiosk still starts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::ui {

// The assets directory: $GONGKAI_ASSETS_DIR; else, installed,
// <dir of the executable>/../share/gongkai/assets (/usr/share/gongkai/assets
// for /usr/bin/gongkai-kiosk) when it holds strings/; else the source tree's,
// compiled in (a build tree).
std::string assetsDir();

class Strings {
public:
    Status load(const std::string& dir, const std::string& language);
    const std::string& get(const std::string& key) const;
    // Replaces each "{}" in turn with the next argument.
    std::string format(const std::string& key, const std::vector<std::string>& args) const;
    // Every string of every language (for the font's glyph ranges).
    const std::string& allText() const { return m_allText; }
    const std::string& language() const { return m_language; }

private:
    std::map<std::string, std::string> m_text;
    std::string m_allText, m_language;
};

using Color = std::uint32_t;  // ImGui's ABGR packing (IM_COL32)

// The elder-friendly mode's sizes (theme.json "elder"): body >= 36 px,
// headings >= 48 px, targets >= 80 px.
struct ElderSizes {
    float fontSmall = 36, fontBody = 40, fontTitle = 52;
    float margin = 28, gap = 20, headerHeight = 120, bannerHeight = 64, navHeight = 136, minTarget = 88;
};

struct Theme {
    Color background = 0xFFEAF2F5, text = 0xFF1A1A1A, textSecondary = 0xFF3A4045;
    Color headerBg = 0xFF1B1B9E, headerText = 0xFFFFFFFF;
    Color bannerBg = 0xFF4FD5FF, bannerText = 0xFF00202B;
    Color tileBg = 0xFFFFFFFF, tileBorder = 0xFF9CAFB8, tileAccent = 0xFF1B1B9E, pressedBg = 0xFFB8E2F6;
    Color navBg = 0xFFCCDDE4, buttonBg = 0xFFFFFFFF, buttonText = 0xFF1A1A1A, buttonDisabledText = 0xFF626A6F;
    Color sectionBg = 0xFFD2E2E9, tableHeaderBg = 0xFFD8E8EF, tableBorder = 0xFF75878F;
    Color link = 0xFF854A0B, warning = 0xFF16168A;
    float fontSmall = 24, fontBody = 30, fontTitle = 42;
    float margin = 24, gap = 16, headerHeight = 96, bannerHeight = 58, navHeight = 112, minTarget = 64;
    ElderSizes elder;

    Status load(const std::string& path);
    static float red(Color c) { return float(c & 0xFF) / 255.0f; }
    static float green(Color c) { return float((c >> 8) & 0xFF) / 255.0f; }
    static float blue(Color c) { return float((c >> 16) & 0xFF) / 255.0f; }
};

// Parses "#RRGGBB" into ImGui's packing; false when malformed.
bool parseColor(const std::string& hex, Color& out);

}  // namespace gongkai::ui
