// `gongkai bench ime` on the demo data: the JSON report has both figures,
// the goals they are judged against, and the misses with what came instead.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

using nlohmann::json;

TEST_CASE("bench ime: latency and hit rate on the demo data come back as JSON", "[ime]") {
    gongkai::test::TempDir dir;
    std::string out;
    std::string cmd = "{ cd '" + gongkai::test::sourceDir().string() + "' && " + GONGKAI_CLI_PATH +
                      " bench ime --json --words 40 > '" + dir.file("r.json") + "' 2> '" + dir.file("err.txt") + "'; }";
    int status = gongkai::test::runCommand(cmd, out);
    INFO(gongkai::test::readFile(dir.file("err.txt")));
    REQUIRE(status == 0);
    json r = json::parse(gongkai::test::readFile(dir.file("r.json")), nullptr, false);
    REQUIRE(r.is_object());
    CHECK(r["db"] == "demo");

    const json& l = r["latency"];
    CHECK(l["goal_ms"] == 50);
    CHECK(l["keystrokes"].get<int>() > 40 * 3);  // every prefix of 40 words' pinyin
    CHECK(l["median_ms"].get<double>() > 0);
    CHECK(l["median_ms"].get<double>() <= l["p95_ms"].get<double>());
    CHECK(l["p95_ms"].get<double>() <= l["max_ms"].get<double>());
    CHECK(l["met"].is_boolean());

    const json& w = r["words"];
    CHECK(w["count"] == 40);
    CHECK(w["top"] == 5);
    CHECK(w["goal"] == 0.9);
    int hits = w["hits"].get<int>();
    CHECK(w["hit_rate"].get<double>() == Approx(hits / 40.0));
    REQUIRE(w["misses"].is_array());
    CHECK(w["misses"].size() == std::size_t(40 - hits));
    for (const json& m : w["misses"]) {
        CHECK_FALSE(m["word"].get<std::string>().empty());
        CHECK_FALSE(m["pinyin"].get<std::string>().empty());
        CHECK(m["records"].get<int>() > 0);
        CHECK(m["phrases"].size() <= 5);
    }
    CHECK(hits >= 36);  // the goal on the demo's commonest words
}
