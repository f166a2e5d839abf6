// Handwriting recognition (kiosk/core/handwriting.h) over the recorded
// stroke sets in tests/data/strokes (how they were made: its README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "core/handwriting.h"
#include "core/hanzi.h"
#include "core/tokenizer.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

// In everyday use: a reading counted in Unihan's kHanyuPinlu.
bool everyday(const std::string& text) {
    int len = 1;
    return gongkai::hanzi::pinluFrequency(gongkai::tokenizer_detail::decodeAt(text, 0, len)) > 0;
}

// Reads every stroke order, however long it takes, so the same ink always
// gives the same candidates.
const HandwritingRecognizer& recognizer() {
    static Result<HandwritingRecognizer> r = [] {
        Result<HandwritingRecognizer> opened = HandwritingRecognizer::open(kDefaultHandwritingModel);
        if (opened) opened->setOrderTime(std::chrono::milliseconds{0});
        return opened;
    }();
    if (!r) FAIL(r.error().message);
    return r.value();
}

std::vector<InkSample> samplesIn(const char* dir) {
    Result<std::vector<InkSample>> s = readInkSamples((test::sourceDir() / dir).string());
    if (!s) FAIL(s.error().message);
    return s.value();
}
// Standard (GB) stroke order.
std::vector<InkSample> samples() { return samplesIn("tests/data/strokes"); }
// The same drawings in common wrong orders (each file's "order" says which).
std::vector<InkSample> wrongOrderSamples() { return samplesIn("tests/data/strokes/wrong_order"); }

// Rank of `character` among the candidates, or -1.
int rankOf(const std::vector<HandwritingCandidate>& c, const std::string& character) {
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i].text == character) return static_cast<int>(i);
    return -1;
}

// Characters the tegaki model misses however the strokes are reordered
// (tests/data/strokes/README.md, "What the model makes of them"):
// 田 reads as 由 in every one of its 120 orders; 口 in a wrong order is
// pushed below the first five by other orders' everyday characters (in
// standard order it now gets in once the radical 囗 goes after the
// everyday characters); 医 in standard order is two moves from the
// model's (匚 first, and 点 before the last 撇), and the one-move orders
// tried give 医 only second place (behind 匡); 中 with the long 竖 before
// the closing 横 likewise comes second (behind 由) in the order that
// undoes it. The checks below also fail when one of these starts to pass,
// so the lists stay true.
const std::set<std::string> kStandardOrderMisses = {"医", "田"};
const std::set<std::string> kWrongOrderMisses = {"中", "口", "田"};

// Checks every sample is among the top 5 unless named in `misses`, and that
// the named ones still miss. Returns {top-1, top-5}.
std::pair<int, int> checkTop5(const std::vector<InkSample>& all, const std::set<std::string>& misses) {
    int top1 = 0, top5 = 0;
    for (const InkSample& s : all) {
        auto c = recognizer().recognize(s.strokes, s.size, s.size, 5);
        REQUIRE(c.ok());
        const int rank = rankOf(c.value(), s.character);
        INFO(s.character << " rank " << rank << " (first: " << (c->empty() ? "" : c->front().text) << ")");
        CHECK((rank >= 0) == (misses.count(s.character) == 0));
        top1 += rank == 0;
        top5 += rank >= 0;
    }
    return {top1, top5};
}

}  // namespace

TEST_CASE("handwriting: each recorded character in standard order is among the top 5 candidates", "[handwriting]") {
    const std::vector<InkSample> all = samples();
    REQUIRE(all.size() >= 26);
    auto [top1, top5] = checkTop5(all, kStandardOrderMisses);
    WARN("standard order: top-1 " << top1 << "/" << all.size() << ", top-5 " << top5 << "/" << all.size());
    CHECK(top5 == static_cast<int>(all.size() - kStandardOrderMisses.size()));
}

TEST_CASE("handwriting: each recorded character in a common wrong order is among the top 5 candidates", "[handwriting]") {
    const std::vector<InkSample> all = wrongOrderSamples();
    REQUIRE(all.size() >= 20);
    auto [top1, top5] = checkTop5(all, kWrongOrderMisses);
    WARN("wrong orders: top-1 " << top1 << "/" << all.size() << ", top-5 " << top5 << "/" << all.size());
    CHECK(top5 == static_cast<int>(all.size()) - 4);  // 中, 口, and 田 in both its wrong orders
}

TEST_CASE("handwriting: reading other orders never displaces the best reading of the order written", "[handwriting]") {
    // 上 written 竖 横 横 and read 横 竖 横 scores 土 far above 上 (1.8 to 0.85).
    for (const InkSample& s : samples()) {
        if (s.character != "上" && s.character != "日") continue;
        auto c = recognizer().recognize(s.strokes, s.size, s.size, 5);
        REQUIRE(c.ok());
        INFO(s.character);
        CHECK(rankOf(c.value(), s.character) == 0);
    }
}

TEST_CASE("handwriting: with little time for other orders the order as written is still read", "[handwriting]") {
    Result<HandwritingRecognizer> hurried = HandwritingRecognizer::open(kDefaultHandwritingModel);
    REQUIRE(hurried);
    hurried->setOrderTime(std::chrono::milliseconds{1});
    for (const InkSample& s : samples()) {
        auto quick = hurried->recognize(s.strokes, s.size, s.size, 5);
        auto full = recognizer().recognize(s.strokes, s.size, s.size, 5);
        REQUIRE(quick.ok());
        REQUIRE(full.ok());
        INFO(s.character);
        REQUIRE_FALSE(quick->empty());
        CHECK(quick->front().text == full->front().text);
    }
}

TEST_CASE("handwriting: the stroke orders tried are distinct permutations, at most as many as asked", "[handwriting]") {
    for (const InkSample& s : samples()) {
        const std::size_t n = s.strokes.size();
        for (std::size_t most : {std::size_t{0}, std::size_t{3}, std::size_t{10}}) {
            const auto orders = strokeOrdersToTry(s.strokes, most);
            INFO(s.character << " most " << most);
            CHECK(orders.size() <= most);
            if (n >= 2 && most > 0) CHECK_FALSE(orders.empty());
            std::set<std::vector<std::size_t>> seen;
            for (const auto& o : orders) {
                std::vector<std::size_t> sorted = o;
                std::sort(sorted.begin(), sorted.end());
                bool permutation = sorted.size() == n;
                for (std::size_t i = 0; permutation && i < n; ++i) permutation = sorted[i] == i;
                CHECK(permutation);
                CHECK_FALSE(std::is_sorted(o.begin(), o.end()));  // not the order drawn
                CHECK(seen.insert(o).second);
            }
        }
    }
    CHECK(strokeOrdersToTry({}, 10).empty());
    CHECK(strokeOrdersToTry({{{1, 1}, {5, 1}}}, 10).empty());  // one stroke has one order
}

TEST_CASE("handwriting: a frame closed before its inside is tried with the closing stroke last, first", "[handwriting]") {
    // 日 written 竖 横折, bottom 横, middle 横: the first order tried is the standard one.
    int seen = 0;
    for (const InkSample& s : wrongOrderSamples()) {
        if (s.character != "日") continue;
        ++seen;
        const auto orders = strokeOrdersToTry(s.strokes, 10);
        REQUIRE_FALSE(orders.empty());
        CHECK(orders.front() == std::vector<std::size_t>{0, 1, 3, 2});
        auto c = recognizer().recognize(s.strokes, s.size, s.size, 5);
        REQUIRE(c.ok());
        CHECK(rankOf(c.value(), "日") >= 0);
    }
    CHECK(seen == 1);
}

TEST_CASE("handwriting: candidates come best first, no more than asked, each one character", "[handwriting]") {
    for (const InkSample& s : samples()) {
        auto c = recognizer().recognize(s.strokes, s.size, s.size, 8);
        REQUIRE(c.ok());
        INFO(s.character);
        REQUIRE(c->size() == 8);
        std::set<std::string> seen;
        // Up to five characters in everyday use come first: the best of the
        // order as written, then the others by score. The rest follow by score.
        std::size_t head = 0;
        while (head < c->size() && head < 5 && everyday(c.value()[head].text)) ++head;
        for (std::size_t i = 0; i < c->size(); ++i) {
            CHECK(seen.insert(c.value()[i].text).second);  // the readings are merged
            if (i > 1 && i != head) CHECK(c.value()[i - 1].score >= c.value()[i].score);
            if (i >= head && head < 5) CHECK_FALSE(everyday(c.value()[i].text));
        }
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
