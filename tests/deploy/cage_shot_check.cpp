// cage_shot_check: judges the two screenshots of tests/deploy/cage_test.sh
// (the kiosk in cage's headless session).
//
// usage: cage_shot_check THEME_JSON OUTPUT_PNG KIOSK_PNG WIDTH HEIGHT
//
// OUTPUT_PNG is what the compositor shows on its output (grim, through
// wlr-screencopy); KIOSK_PNG is the kiosk's own `screenshot` of its frame.
// Both must be WIDTHxHEIGHT (the output's size: the kiosk is fullscreen),
// and the output must show the kiosk: the theme's header colour (read from
// THEME_JSON) across the top, many colours and text ink below it, not a black
// or one-colour frame, and the same picture as the kiosk's own frame (no
// borders, no cursor, nothing else composited over it). Prints what it
// measured; exits 0 when every check holds, 1 (naming each failed check)
// otherwise, 2 on bad arguments or an unreadable file.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ui/png_probe.h"

namespace {

using gongkai::test::Box;
using gongkai::test::Picture;
using gongkai::test::Rgb;

struct Theme {
    Rgb headerBg;
    int headerHeight = 0;
};

bool loadTheme(const char* path, Theme& t) {
    std::ifstream f(path);
    if (!f) return false;
    auto j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded() || !j.contains("header_bg") || !j.contains("header_height")) return false;
    t.headerBg = gongkai::test::parseHex(j["header_bg"].get<std::string>());
    t.headerHeight = j["header_height"].get<int>();
    return t.headerHeight > 0;
}

int g_failures = 0;

void check(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok" : "FAIL", what.c_str());
    if (!ok) ++g_failures;
}

void checkSize(const Picture& p, const char* name, int w, int h) {
    check(p.width() == w && p.height() == h, std::string(name) + " is " + std::to_string(p.width()) + "x" +
                                                 std::to_string(p.height()) + ", the output " + std::to_string(w) +
                                                 "x" + std::to_string(h));
}

// The kiosk on the output: header band, then a page with colours and text.
void checkShowsKiosk(const Picture& p, const Theme& t) {
    const int w = p.width(), h = p.height();
    Box top{0, 0, w, t.headerHeight / 4};  // above the header's text
    Box header{0, 0, w, t.headerHeight};
    Box page{0, t.headerHeight, w, h};
    Box all{0, 0, w, h};
    double topShare = p.fraction(top, t.headerBg), headerShare = p.fraction(header, t.headerBg);
    double pageShare = p.fraction(page, t.headerBg), black = p.fraction(all, Rgb{0, 0, 0}, 8);
    int colours = p.colourCount(all);
    double ink = p.darkFraction(page, 0.1);
    std::printf("header colour: %.3f of the top band, %.3f of the header, %.3f of the page; "
                "black %.3f; %d colours; ink %.4f of the page\n",
                topShare, headerShare, pageShare, black, colours, ink);
    check(topShare > 0.97, "the header colour fills the top band");
    check(headerShare > 0.6, "the header colour fills most of the header");
    check(pageShare < 0.3, "the page below the header is not header colour");
    check(black < 0.2, "not a black frame");
    check(colours >= 24, "many distinct colours (text, tiles, buttons)");
    check(ink > 0.003, "text ink on the page");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::fprintf(stderr, "usage: cage_shot_check THEME_JSON OUTPUT_PNG KIOSK_PNG WIDTH HEIGHT\n");
        return 2;
    }
    Theme theme;
    if (!loadTheme(argv[1], theme)) {
        std::fprintf(stderr, "cage_shot_check: cannot read header_bg/header_height from %s\n", argv[1]);
        return 2;
    }
    Picture output = Picture::load(argv[2]), kiosk = Picture::load(argv[3]);
    if (output.empty() || kiosk.empty()) {
        std::fprintf(stderr, "cage_shot_check: cannot read %s\n", output.empty() ? argv[2] : argv[3]);
        return 2;
    }
    const int w = std::atoi(argv[4]), h = std::atoi(argv[5]);
    checkSize(output, "the output's picture", w, h);
    checkSize(kiosk, "the kiosk's own screenshot", w, h);
    if (g_failures > 0) return 1;
    checkShowsKiosk(output, theme);
    double diff = output.difference(kiosk, Box{0, 0, w, h});
    std::printf("output vs the kiosk's frame: mean difference %.3f a channel\n", diff);
    check(diff < 2.0, "the output shows the kiosk's frame, whole and alone");
    return g_failures == 0 ? 0 : 1;
}
