// gongkai-kiosk's command line: bad input is a clear message and status 2,
// before any window opens (so these need no display).
#include <catch2/catch.hpp>

#include "support/temp_dir.h"
#include "ui/options.h"

using namespace gongkai::test;

TEST_CASE("kiosk flags: bad flags exit with status 2 and say what is wrong", "[ui]") {
    auto [args, expected] = GENERATE(table<std::string, std::string>({
        {"--db x.db --bogus", "unknown option"},
        {"--db x.db --size 12", "--size"},
        {"--db x.db --size 800x", "--size"},
        {"--windowed", "--db"},
        {"--db", "needs a value"},
        {"--db x.db --lang fr", "--lang"},
    }));
    CAPTURE(args);
    std::string out;
    int status = runCommand(std::string(GONGKAI_KIOSK_PATH) + " " + args, out);
    CHECK(status == 2);
    CHECK(out.find(expected) != std::string::npos);
}

TEST_CASE("kiosk flags: a script with a bad line is refused with its line number", "[ui]") {
    TempDir dir;
    writeFile(dir.file("s.txt"), "tap 1 2\njump 3 4\n");
    std::string out;
    int status = runCommand(std::string(GONGKAI_KIOSK_PATH) + " --db x.db --script " + dir.file("s.txt"), out);
    CHECK(status == 2);
    CHECK(out.find("line 2") != std::string::npos);
}

TEST_CASE("kiosk flags: sizes, paths and switches are parsed", "[ui]") {
    auto o = gongkai::ui::parseOptions({"--db", "m.db", "--windowed", "--size", "1080x1920", "--screenshot", "a.png",
                                        "--script", "s.txt", "--config", "k.toml"});
    REQUIRE(o.ok());
    CHECK(o->dbPath == "m.db");
    CHECK(o->windowed);
    CHECK(o->width == 1080);
    CHECK(o->height == 1920);
    CHECK(o->sizeGiven);
    CHECK(o->screenshotPath == "a.png");
    CHECK(o->scriptPath == "s.txt");
    CHECK(o->configPath == "k.toml");
    auto d = gongkai::ui::parseOptions({"--db", "m.db"});
    REQUIRE(d.ok());
    CHECK_FALSE(d->windowed);
    CHECK(d->width == 1920);
    CHECK(d->height == 1080);
}
