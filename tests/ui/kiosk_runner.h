// Running the real gongkai-kiosk binary for the UI tests: a fixture mirror
// made through the real import path, a script file, the kiosk under the
// test's X server, and the theme's colours and bar sizes (read from
// assets/theme.json, so the tests follow the theme rather than copy it).
#pragma once

#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "ui/png_probe.h"

namespace gongkai::test {

struct UiTheme {
    Rgb background, text, headerBg, bannerBg, tileBg, tileAccent, tableHeaderBg, warning, sectionBg, link;
    int headerHeight = 0, bannerHeight = 0, titleHeight = 0, navHeight = 0;
    int contentTop() const { return headerHeight + bannerHeight + titleHeight; }
};

UiTheme loadUiTheme();

// Imports the given record files into dir/name through importRecordFile.
std::string makeMirror(const TempDir& dir, const std::string& name, const std::vector<std::string>& files);
std::string fixtureMirror(const TempDir& dir);  // tests/ui/data/fixture.ndjson

struct KioskResult {
    int status = -1;
    std::string output;
};

// Runs gongkai-kiosk --db DB --windowed --size WxH --script (script text).
KioskResult runKiosk(const TempDir& dir, const std::string& db, int w, int h, const std::string& script,
                     const std::string& extraArgs = "");

// The domain tiles: the accent strips on their left edges, in reading order.
std::vector<Box> findTiles(const Picture& p, const UiTheme& t);
// White cards (connected regions of the tile colour) at least this wide and
// tall: a domain page's document rows and catalogue cards, top to bottom.
std::vector<Box> findCards(const Picture& p, const UiTheme& t, int minWidth, int minHeight);

}  // namespace gongkai::test
