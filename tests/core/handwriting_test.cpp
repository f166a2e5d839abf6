// Handwriting recognition (kiosk/core/handwriting.h) over the recorded
// stroke sets in tests/data/strokes (how they were made: its README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/handwriting.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

const HandwritingRecognizer& recognizer() {
    static Result<HandwritingRecognizer> r = HandwritingRecognizer::open(kDefaultHandwritingModel);
    if (!r) FAIL(r.error().message);
    return r.value();
}

std::vector<InkSample> samples() {
    Result<std::vector<InkSample>> s = readInkSamples((test::sourceDir() / "tests/data/strokes").string());
    if (!s) FAIL(s.error().message);
    return s.value();
}

// Rank of `character` among the candidates, or -1.
int rankOf(const std::vector<HandwritingCandidate>& c, const std::string& character) {
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i].text == character) return static_cast<int>(i);
    return -1;
}

// Characters the tegaki model does not recognise from their standard
// (GB) stroke order, whatever their shape: it was trained on other orders
// (山 with 竖折 first, 医 with 匚 first; 田 reads as 由 in every order and
// stroke direction tried). Kept in the data so the hit rate stays honest.
const std::set<std::string> kModelMisses = {"医", "山", "田"};

}  // namespace

TEST_CASE("handwriting: each recorded character is among the top 5 candidates", "[handwriting]") {
    const std::vector<InkSample> all = samples();
    REQUIRE(all.size() >= 15);
    int top1 = 0, top5 = 0;
    for (const InkSample& s : all) {
        auto c = recognizer().recognize(s.strokes, s.size, s.size, 5);
        REQUIRE(c.ok());
        const int rank = rankOf(c.value(), s.character);
        INFO(s.character << " rank " << rank << " (first: " << (c->empty() ? "" : c->front().text) << ")");
        if (kModelMisses.count(s.character) == 0) CHECK(rank >= 0);
        top1 += rank == 0;
        top5 += rank >= 0;
    }
    WARN("top-1 " << top1 << "/" << all.size() << ", top-5 " << top5 << "/" << all.size());
    CHECK(top5 >= static_cast<int>(all.size() - kModelMisses.size()));
}

TEST_CASE("handwriting: candidates come best first, no more than asked, each one character", "[handwriting]") {
    const InkSample s = samples().front();
    auto c = recognizer().recognize(s.strokes, s.size, s.size, 8);
    REQUIRE(c.ok());
    REQUIRE(c->size() == 8);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < c->size(); ++i) {
        CHECK(seen.insert(c.value()[i].text).second);  // the two readings are merged
        if (i > 0) CHECK(c.value()[i - 1].score >= c.value()[i].score);
    }
}

TEST_CASE("handwriting: the same character written small in a corner of a wide pad is still found", "[handwriting]") {
    for (const InkSample& s : samples()) {
        if (s.character != "户" && s.character != "保") continue;
        std::vector<InkStroke> small = s.strokes;  // a third of the size, at the pad's right edge
        for (InkStroke& stroke : small)
            for (InkPoint& p : stroke) p = {1200 + p.x / 3, 100 + p.y / 3};
        auto c = recognizer().recognize(small, 1600, 900, 5);
        REQUIRE(c.ok());
        INFO(s.character);
        CHECK(rankOf(c.value(), s.character) >= 0);
    }
}

TEST_CASE("handwriting: empty or degenerate ink gives no candidates", "[handwriting]") {
    SECTION("no strokes") {
        auto c = recognizer().recognize({}, 500, 500, 5);
        REQUIRE(c.ok());
        CHECK(c->empty());
    }
    SECTION("strokes without points") {
        auto c = recognizer().recognize({{}, {}}, 500, 500, 5);
        REQUIRE(c.ok());
        CHECK(c->empty());
    }
    SECTION("points that are not numbers") {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        auto c = recognizer().recognize({{{nan, 3}, {4, nan}}}, 500, 500, 5);
        REQUIRE(c.ok());
        CHECK(c->empty());
    }
    SECTION("asking for no candidates") {
        auto c = recognizer().recognize({{{10, 10}, {400, 10}}}, 500, 500, 0);
        REQUIRE(c.ok());
        CHECK(c->empty());
    }
}

TEST_CASE("handwriting: a tap and ink outside the pad are read, not rejected", "[handwriting]") {
    auto tap = recognizer().recognize({{{250, 250}}}, 500, 500, 5);
    REQUIRE(tap.ok());
    CHECK_FALSE(tap->empty());
    // 一 drawn past both edges of the pad is clamped to it.
    auto wide = recognizer().recognize({{{-300, 250}, {250, 250}, {900, 250}}}, 500, 500, 5);
    REQUIRE(wide.ok());
    CHECK(rankOf(wide.value(), "一") >= 0);
}

TEST_CASE("handwriting: a pad without area is an error", "[handwriting]") {
    auto c = recognizer().recognize({{{1, 1}, {2, 2}}}, 0, 500, 5);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find("pad") != std::string::npos);
}

TEST_CASE("handwriting: a missing or broken model file is an error naming the file", "[handwriting]") {
    test::TempDir dir;
    SECTION("missing") {
        const std::string path = dir.file("no-such.model");
        auto r = HandwritingRecognizer::open(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find(path) != std::string::npos);
    }
    SECTION("not a model") {
        const std::string path = dir.file("garbage.model");
        test::writeFile(path, std::string(4096, 'x'));
        auto r = HandwritingRecognizer::open(path);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find(path) != std::string::npos);
    }
}

TEST_CASE("handwriting: a stroke file with a bad point names the file", "[handwriting]") {
    test::TempDir dir;
    const std::string path = dir.file("bad.json");
    test::writeFile(path, R"({"character":"一","size":1000,"strokes":[[[1,2],[3]]]})");
    auto s = readInkSample(path);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find(path) != std::string::npos);
    CHECK(s.error().message.find("[x, y]") != std::string::npos);
}
