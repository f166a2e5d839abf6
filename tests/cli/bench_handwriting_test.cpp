// `gongkai bench handwriting` over the recorded stroke sets: the JSON report
// has the latency figures (every stroke prefix timed), the hit rates and the
// misses; a model that cannot be opened is an error naming it.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/handwriting.h"
#include "support/temp_dir.h"

using nlohmann::json;

namespace {

int runBench(const gongkai::test::TempDir& dir, const std::string& args) {
    std::string out;
    const std::string cmd = std::string("{ ") + GONGKAI_CLI_PATH + " bench handwriting " + args + " > '" +
                            dir.file("r.json") + "' 2> '" + dir.file("err.txt") + "'; }";
    return gongkai::test::runCommand(cmd, out);
}

}  // namespace

TEST_CASE("bench handwriting: latency and hit rate of the recorded characters come back as JSON", "[handwriting]") {
    gongkai::test::TempDir dir;
    const std::string strokes = (gongkai::test::sourceDir() / "tests/data/strokes").string();
    const int status = runBench(dir, "--json --runs 2 --strokes '" + strokes + "'");
    INFO(gongkai::test::readFile(dir.file("err.txt")));
    REQUIRE(status == 0);
    json r = json::parse(gongkai::test::readFile(dir.file("r.json")), nullptr, false);
    REQUIRE(r.is_object());

    auto samples = gongkai::readInkSamples(strokes);
    REQUIRE(samples);
    int prefixes = 0;
    for (const auto& s : samples.value()) prefixes += static_cast<int>(s.strokes.size());
    CHECK(r["samples"] == samples->size());
    CHECK(r["timings"] == 2 * prefixes);  // every prefix, every run
    CHECK(r["goal_ms"] == 50);
    CHECK(r["met"].is_boolean());
    CHECK(r["model_load_ms"].get<double>() > 0);
    CHECK(r["median_ms"].get<double>() > 0);
    CHECK(r["median_ms"].get<double>() <= r["p95_ms"].get<double>());
    CHECK(r["p95_ms"].get<double>() <= r["max_ms"].get<double>());

    const int top1 = r["top1"], top5 = r["top5"], n = r["samples"];
    CHECK(top1 <= top5);
    CHECK(top5 <= n);
    CHECK(r["top5_rate"].get<double>() == Approx(static_cast<double>(top5) / n));
    REQUIRE(r["misses"].is_array());
    CHECK(r["misses"].size() == static_cast<std::size_t>(n - top1));
    for (const json& m : r["misses"]) {
        CHECK(m["character"].get<std::string>().size() >= 3);  // one CJK character
        CHECK(m["rank"].get<int>() != 1);
        CHECK(m["first"].size() == 3);
    }
}

TEST_CASE("bench handwriting: a model that cannot be opened is an error naming it", "[handwriting]") {
    gongkai::test::TempDir dir;
    const std::string model = dir.file("missing.model");
    const std::string strokes = (gongkai::test::sourceDir() / "tests/data/strokes").string();
    const int status = runBench(dir, "--runs 1 --strokes '" + strokes + "' --model '" + model + "'");
    CHECK(status == 1);
    CHECK(gongkai::test::readFile(dir.file("err.txt")).find(model) != std::string::npos);
}
