// The kiosk in a real window under Xvfb, driven by --script, judged from the
// pixels of its screenshots: home (tiles in a grid), a domain page, a
// document page, a drag that scrolls and opens nothing, the out-of-service
// screen, and the demo county's 26 tiles.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"

using namespace gongkai::test;

namespace {

struct Size {
    int w, h;
};

std::string at(const Box& b) {
    return std::to_string((b.x0 + b.x1) / 2) + " " + std::to_string((b.y0 + b.y1) / 2);
}

// The document rows: white cards in the leftmost column (wide screens put
// the catalogue in a second column to the right).
std::vector<Box> documentRows(const Picture& p, const UiTheme& t) {
    auto cards = findCards(p, t, p.width() * 2 / 5, 90);
    int left = p.width();
    for (const Box& b : cards) left = std::min(left, b.x0);
    std::vector<Box> out;
    for (const Box& b : cards)
        if (b.x0 <= left + 4) out.push_back(b);
    return out;
}

Box contentBox(const Picture& p, const UiTheme& t) {
    return {0, t.contentTop(), p.width(), p.height() - t.navHeight};
}

// Tiles form a grid: equal sizes, columns on shared x positions, rows full
// except the last, inside the window and clear of the bars.
void checkGrid(const std::vector<Box>& tiles, const Picture& p, const UiTheme& t) {
    std::set<int> xs, ys;
    for (const Box& b : tiles) {
        xs.insert(b.x0);
        ys.insert(b.y0);
        CHECK(b.height() >= 60);
        CHECK(std::abs(b.height() - tiles[0].height()) <= 1);
        CHECK(b.y0 >= t.contentTop());
        CHECK(b.y1 <= p.height() - t.navHeight);
    }
    int cols = int(xs.size()), rows = int(ys.size());
    CHECK(cols >= 2);
    CHECK(rows == (int(tiles.size()) + cols - 1) / cols);
    for (std::size_t i = 0; i + 1 < tiles.size(); ++i)  // reading order fills each row
        if (int(i % std::size_t(cols)) != cols - 1) CHECK(tiles[i + 1].x0 > tiles[i].x0);
}

// Inside a tile (right of its strip): mostly the tile colour, with dark text
// of at least 4.5:1 contrast against it.
void checkTileInside(const Picture& p, const Box& strip, const UiTheme& t) {
    Box inside{strip.x1 + 4, strip.y0 + 4, strip.x1 + 200, strip.y1 - 4};
    CHECK(p.fraction(inside, t.tileBg, 8) > 0.5);
    CHECK(p.darkFraction(inside, 0.1) > 0.01);
    Rgb darkest{255, 255, 255};
    for (int y = inside.y0; y < inside.y1; ++y)
        for (int x = inside.x0; x < inside.x1; ++x)
            if (relativeLuminance(p.at(x, y)) < relativeLuminance(darkest)) darkest = p.at(x, y);
    CHECK(contrastRatio(darkest, t.tileBg) >= 4.5);
}

}  // namespace

TEST_CASE("kiosk ui: home shows every domain as a tile in a grid, with header and demo banner", "[ui]") {
    auto size = GENERATE(Size{1920, 1080}, Size{1080, 1920});
    CAPTURE(size.w, size.h);
    TempDir dir;
    UiTheme t = loadUiTheme();
    auto run = runKiosk(dir, fixtureMirror(dir), size.w, size.h, "screenshot " + dir.file("home.png") + "\n");
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture home = Picture::load(dir.file("home.png"));
    REQUIRE(home.width() == size.w);
    REQUIRE(home.height() == size.h);
    CHECK(home.colourCount({0, 0, size.w, size.h}) > 8);
    CHECK(home.fraction({0, 0, size.w, t.headerHeight}, t.headerBg) > 0.6);
    CHECK(home.fraction({0, t.headerHeight, size.w, t.headerHeight + t.bannerHeight}, t.bannerBg) > 0.6);
    auto tiles = findTiles(home, t);
    REQUIRE(tiles.size() == 6);  // the fixture's six domains
    checkGrid(tiles, home, t);
    for (const Box& b : tiles) checkTileInside(home, b, t);
}

TEST_CASE("kiosk ui: a tile opens its domain page, a document row opens the reader", "[ui]") {
    auto size = GENERATE(Size{1920, 1080}, Size{1080, 1920});
    CAPTURE(size.w, size.h);
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string db = fixtureMirror(dir);
    auto first = runKiosk(dir, db, size.w, size.h, "screenshot " + dir.file("home.png") + "\n");
    REQUIRE(first.status == 0);
    Picture home = Picture::load(dir.file("home.png"));
    auto tiles = findTiles(home, t);
    REQUIRE(tiles.size() == 6);
    // The third tile is 义务教育 (d03): four documents and two catalogue items.
    std::string openDomain = "tap " + at(tiles[2]) + "\n";
    auto second = runKiosk(dir, db, size.w, size.h, openDomain + "screenshot " + dir.file("domain.png") + "\n");
    INFO(second.output);
    REQUIRE(second.status == 0);
    Picture domain = Picture::load(dir.file("domain.png"));
    Box content = contentBox(domain, t);
    CHECK(domain.difference(home, content) > 10);
    CHECK(findTiles(domain, t).empty());
    CHECK(domain.darkFraction(content, 0.1) > 0.005);
    auto cards = documentRows(domain, t);
    REQUIRE(cards.size() >= 3);
    // Newest first: card 0 is the interpretation, card 1 the notice it explains.
    auto third = runKiosk(dir, db, size.w, size.h,
                          openDomain + "tap " + at(cards[1]) + "\nscreenshot " + dir.file("document.png") + "\n");
    INFO(third.output);
    REQUIRE(third.status == 0);
    Picture doc = Picture::load(dir.file("document.png"));
    CHECK(doc.difference(domain, content) > 5);
    CHECK(doc.difference(home, content) > 10);
    CHECK(doc.darkFraction(content, 0.1) > 0.01);
    // The metadata table's shaded label cells: at least four of them.
    auto labels = doc.regions(content, t.tableHeaderBg, 2000, 2);
    CHECK(labels.size() >= 4);
    CHECK(doc.fraction({0, t.headerHeight, size.w, t.headerHeight + t.bannerHeight}, t.bannerBg) > 0.6);
}

TEST_CASE("kiosk ui: dragging a list scrolls it by the drag and opens nothing", "[ui]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string db = fixtureMirror(dir);
    auto first = runKiosk(dir, db, 1920, 1080, "screenshot " + dir.file("home.png") + "\n");
    REQUIRE(first.status == 0);
    auto tiles = findTiles(Picture::load(dir.file("home.png")), t);
    REQUIRE(tiles.size() == 6);
    std::string openDomain = "tap " + at(tiles[2]) + "\n";
    REQUIRE(runKiosk(dir, db, 1920, 1080, openDomain + "screenshot " + dir.file("before.png") + "\n").status == 0);
    Picture before = Picture::load(dir.file("before.png"));
    auto cards = documentRows(before, t);
    REQUIRE(!cards.empty());
    // Start the drag on a document row: a tap there would open it.
    int x = (cards[0].x0 + cards[0].x1) / 2, y = (cards[0].y0 + cards[0].y1) / 2, dy = 300;
    std::string drag = "drag " + std::to_string(x) + " " + std::to_string(y + dy) + " " + std::to_string(x) + " " +
                       std::to_string(y) + "\n";
    auto run = runKiosk(dir, db, 1920, 1080,
                        openDomain + drag + "screenshot " + dir.file("after.png") + "\nwait 400\nscreenshot " +
                            dir.file("later.png") + "\n");
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture after = Picture::load(dir.file("after.png"));
    Picture later = Picture::load(dir.file("later.png"));
    Box title{0, t.headerHeight + t.bannerHeight, 1920, t.contentTop()};
    CHECK(after.difference(before, title) < 0.5);  // still the same page
    Box content = contentBox(after, t);
    CHECK(after.difference(before, content) > 3);  // but moved
    // What was `dy` lower now sits at the top: compare with the offset.
    Box band{0, content.y0 + 10, 1880, content.y1 - dy - 10};
    CHECK(after.difference(before, band, dy) < 1.0);
    CHECK(later.difference(after, {0, 0, 1920, 1080}) < 0.5);  // no fling, nothing opened later
}

TEST_CASE("kiosk ui: a missing or damaged mirror or a broken config shows the out-of-service screen", "[ui]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string db, extra;
    SECTION("missing") {
        db = dir.file("no-such.db");
        CHECK_FALSE(std::filesystem::exists(db));
    }
    SECTION("not a mirror") {
        db = dir.file("junk.db");
        writeFile(db, std::string(4096, 'x'));
        CHECK(std::filesystem::file_size(db) == 4096);
    }
    SECTION("broken config file") {
        db = fixtureMirror(dir);
        writeFile(dir.file("gongkai.toml"), "[kiosk]\nlanguage = \"zh-CN\"\n[mirror\n");
        extra = "--config " + dir.file("gongkai.toml");
        CHECK(std::filesystem::exists(db));
    }
    auto run = runKiosk(dir, db, 1920, 1080, "screenshot " + dir.file("oos.png") + "\n", extra);
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture p = Picture::load(dir.file("oos.png"));
    REQUIRE(!p.empty());
    Box below{0, t.headerHeight, 1920, 1080};
    CHECK(p.fraction(below, t.warning, 16) > 0.002);  // the warning bar and title
    CHECK(p.darkFraction(below, 0.1) > 0.005);        // the explanation
    CHECK(p.fraction({0, t.headerHeight, 1920, t.headerHeight + t.bannerHeight}, t.bannerBg) < 0.01);
    CHECK(findTiles(p, t).empty());
}

TEST_CASE("kiosk ui: the demo county shows its 26 domains as tiles", "[ui]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(sourceDir() / "data" / "demo"))
        if (e.path().extension() == ".ndjson") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    REQUIRE(!files.empty());
    std::string db = makeMirror(dir, "demo.db", files);
    auto size = GENERATE(Size{1920, 1080}, Size{1080, 1920});
    auto run = runKiosk(dir, db, size.w, size.h, "screenshot " + dir.file("home.png") + "\n");
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture home = Picture::load(dir.file("home.png"));
    auto tiles = findTiles(home, t);
    CHECK(tiles.size() == 26);
    if (tiles.size() == 26) checkGrid(tiles, home, t);
    CHECK(run.output.find("0 rare characters left out") != std::string::npos);  // no missing glyphs
}

TEST_CASE("kiosk ui: an interpretation links to what it explains, and Back returns to it", "[ui]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string db = fixtureMirror(dir);
    REQUIRE(runKiosk(dir, db, 1920, 1080, "screenshot " + dir.file("home.png") + "\n").status == 0);
    auto tiles = findTiles(Picture::load(dir.file("home.png")), t);
    REQUIRE(tiles.size() == 6);
    std::string open = "tap " + at(tiles[2]) + "\n";
    REQUIRE(runKiosk(dir, db, 1920, 1080, open + "screenshot " + dir.file("domain.png") + "\n").status == 0);
    auto rows = documentRows(Picture::load(dir.file("domain.png")), t);
    REQUIRE(!rows.empty());
    open += "tap " + at(rows[0]) + "\n";  // the newest: the interpretation
    REQUIRE(runKiosk(dir, db, 1920, 1080, open + "screenshot " + dir.file("interp.png") + "\n").status == 0);
    Picture interp = Picture::load(dir.file("interp.png"));
    auto links = findCards(interp, t, 1920 * 2 / 5, 60);  // metadata cells are narrower
    REQUIRE(links.size() == 1);
    int backX = 60, backY = 1080 - t.navHeight / 2;
    auto run = runKiosk(dir, db, 1920, 1080,
                        open + "tap " + at(links[0]) + "\nscreenshot " + dir.file("target.png") + "\ntap " +
                            std::to_string(backX) + " " + std::to_string(backY) + "\nscreenshot " +
                            dir.file("back.png") + "\n");
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture target = Picture::load(dir.file("target.png"));
    Picture back = Picture::load(dir.file("back.png"));
    Box title{0, t.headerHeight + t.bannerHeight, 1920, t.contentTop()};
    CHECK(target.difference(interp, title) > 1);  // another document's breadcrumb
    CHECK(target.difference(interp, contentBox(target, t)) > 3);
    Box below{0, t.headerHeight, 1920, 1080};  // the header's clock may differ between runs
    CHECK(back.difference(interp, below) < 0.5);
}

TEST_CASE("kiosk ui: an out-of-service kiosk recovers by itself when the mirror appears", "[ui][slow]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string good = fixtureMirror(dir), late = dir.file("late.db");
    // The mirror appears two seconds after start; the kiosk looks again every 15 s.
    auto run = runKiosk(dir, late, 1920, 1080,
                        "screenshot " + dir.file("before.png") + "\nwait 16500\nscreenshot " + dir.file("after.png") +
                            "\n",
                        "& (sleep 2; cp '" + good + "' '" + late + "'); wait $!");
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK(findTiles(Picture::load(dir.file("before.png")), t).empty());
    CHECK(findTiles(Picture::load(dir.file("after.png")), t).size() == 6);
}

TEST_CASE("kiosk ui: --screenshot alone writes the settled home screen and exits", "[ui]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    auto run = runKiosk(dir, fixtureMirror(dir), 1080, 1920, "# nothing to replay\n",
                        "--screenshot " + dir.file("shot.png"));
    INFO(run.output);
    REQUIRE(run.status == 0);
    Picture p = Picture::load(dir.file("shot.png"));
    REQUIRE(p.width() == 1080);
    REQUIRE(p.height() == 1920);
    CHECK(findTiles(p, t).size() == 6);
    CHECK(run.output.find("first frame") != std::string::npos);
}
