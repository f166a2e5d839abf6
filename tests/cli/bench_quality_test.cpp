// Search quality: the labelled-set loader (fast, temp files), recall@10 on a
// small mirror, `gongkai bench quality --json`, and the [slow] evaluation of
// tests/quality/queries.tsv over ../shared/corpus (recall@10 >= 0.95).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/bench_quality.h"
#include "core/apply.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using gongkai::cli::loadQualityQueries;
using gongkai::test::TempDir;
using gongkai::test::writeFile;

namespace {

const std::string kHeader = "class\tquery\texpect\tfilters\tnote\n";

// Loads `body` (after the header unless `withHeader` is false) from a temp
// file and returns the error message, or "" when the file loaded.
std::string loadError(const TempDir& dir, const std::string& body, bool withHeader = true) {
    writeFile(dir.file("q.tsv"), (withHeader ? kHeader : "") + body);
    auto r = loadQualityQueries(dir.file("q.tsv"));
    return r ? "" : r.error().message;
}

}  // namespace

TEST_CASE("bench quality: a well-formed query file loads every query with its filters", "[bench][quality]") {
    TempDir dir;
    writeFile(dir.file("q.tsv"),
              "# comment before the header\n\n" + kHeader +
                  "word2\t工伤\tlaw-1\t\tnational regulation\n"
                  "# comment between queries\n"
                  "filtered\t通知\tgovcn-6, govcn-7\ttype=document;issuer=国务院办公厅;from=2019;to=2020;"
                  "validity=有效;domain=d05;sort=newest\tnote\r\n"
                  "docno\t国发2019 4号\tgovcn-3\n");
    auto r = loadQualityQueries(dir.file("q.tsv"));
    REQUIRE(r);
    const auto& qs = r.value();
    REQUIRE(qs.size() == 3);
    CHECK(qs[0].queryClass == "word2");
    CHECK(qs[0].search.text == "工伤");
    CHECK(qs[0].expect == std::vector<std::string>{"law-1"});
    CHECK(qs[0].note == "national regulation");
    CHECK(qs[0].location == dir.file("q.tsv") + ":4");
    const auto& f = qs[1].search;
    CHECK(qs[1].expect == std::vector<std::string>{"govcn-6", "govcn-7"});
    CHECK(f.type == "document");
    CHECK(f.issuer == "国务院办公厅");
    CHECK(f.validity == "有效");
    CHECK(f.domain == "d05");
    CHECK(f.fromYear == 2019);
    CHECK(f.toYear == 2020);
    CHECK(f.sort == gongkai::SearchSort::Newest);
    CHECK(qs[1].note == "note");  // the CR of a CRLF line is not part of the note
    CHECK(qs[2].search.text == "国发2019 4号");  // inner spaces kept; filters and note may be left off
    CHECK(qs[2].search.fromYear == 0);
}

TEST_CASE("bench quality: malformed lines are reported as FILE:LINE with what is wrong", "[bench][quality]") {
    TempDir dir;
    const auto at = [&](int line) { return dir.file("q.tsv") + ":" + std::to_string(line) + ": "; };
    SECTION("too few columns") {
        CHECK_THAT(loadError(dir, "word2\t工伤\n"), Catch::StartsWith(at(2) + "expected 3 to 5") &&
                                                      Catch::Contains("got 2"));
    }
    SECTION("too many columns") {
        CHECK_THAT(loadError(dir, "word2\t工伤\tlaw-1\t\tnote\textra\n"), Catch::Contains(at(2)) &&
                                                                          Catch::Contains("got 6"));
    }
    SECTION("unknown class") {
        CHECK_THAT(loadError(dir, "word2\t工伤\tlaw-1\nsynonym\t低保\tlaw-2\n"),
                   Catch::StartsWith(at(3) + "unknown class 'synonym'"));
    }
    SECTION("unknown filter key") {
        CHECK_THAT(loadError(dir, "filtered\t工伤\tlaw-1\tyear=2019\n"),
                   Catch::StartsWith(at(2) + "unknown filter key 'year'"));
    }
    SECTION("bad filter values") {
        auto e = loadError(dir, "filtered\ta\tx\tfrom=19\nfiltered\tb\tx\tvalidity\nfiltered\tc\tx\tsort=best\n");
        CHECK_THAT(e, Catch::Contains(at(2) + "filter 'from' needs a four-digit year"));
        CHECK_THAT(e, Catch::Contains(at(3) + "filter 'validity' is not key=value"));
        CHECK_THAT(e, Catch::Contains(at(4) + "filter 'sort' is relevance or newest"));
    }
    SECTION("empty query or no expected ids") {
        auto e = loadError(dir, "word2\t \tlaw-1\nword2\t工伤\t , \n");
        CHECK_THAT(e, Catch::Contains(at(2) + "empty query"));
        CHECK_THAT(e, Catch::Contains(at(3) + "no expected ids"));
    }
    SECTION("missing header") {
        CHECK_THAT(loadError(dir, "word2\t工伤\tlaw-1\n", false), Catch::StartsWith(at(1) + "expected the header"));
    }
    SECTION("every bad line is listed, not only the first") {
        auto e = loadError(dir, "bad\tq\tx\nword2\tok\tx\nword2\tq\n");
        CHECK_THAT(e, Catch::Contains(at(2)) && Catch::Contains(at(4)) && !Catch::Contains(at(3)));
    }
    SECTION("missing file") {
        auto r = loadQualityQueries(dir.file("none.tsv"));
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains(dir.file("none.tsv")));
    }
}

TEST_CASE("bench quality: recall@10 counts the expected ids found and lists the misses", "[bench][quality]") {
    gongkai::test::SampleMirror sample;
    writeFile(sample.dir.file("q.tsv"), kHeader +
                                            "words\t最低生活保障\tsf-2021-0001,no-such-id\n"
                                            "title\t义务教育招生入学\tsf-2020-0123\n"
                                            "filtered\t义务教育招生入学\tsf-2020-0123\tvalidity=失效\n");
    auto qs = loadQualityQueries(sample.dir.file("q.tsv"));
    REQUIRE(qs);
    auto r = gongkai::cli::evaluateQuality(*sample.mirror, qs.value());
    REQUIRE(r);
    const auto& report = r.value();
    CHECK(report.queries == 3);
    CHECK(report.complete == 1);
    CHECK(report.recall == Approx((0.5 + 1.0 + 0.0) / 3));
    REQUIRE(report.classes.size() == 3);  // in kQualityClasses order: words, title, filtered
    CHECK(report.classes[0].queryClass == "words");
    CHECK(report.classes[0].recall == Approx(0.5));
    CHECK(report.classes[1].recall == Approx(1.0));
    CHECK(report.classes[2].recall == Approx(0.0));  // the only match is not 失效
    REQUIRE(report.misses.size() == 2);
    CHECK(report.misses[0].missing == std::vector<std::string>{"no-such-id"});
    // What came first instead: up to 3 hits as "id title"; the found one is among them.
    const auto& top = report.misses[0].top;
    CHECK((!top.empty() && top.size() <= 3));
    CHECK(std::any_of(top.begin(), top.end(), [](const std::string& s) { return s.rfind("sf-2021-0001 示范县", 0) == 0; }));
    CHECK(report.misses[1].location == sample.dir.file("q.tsv") + ":4");
    auto text = gongkai::cli::formatQualityReport(report);
    CHECK_THAT(text, Catch::Contains("overall") && Catch::Contains("no-such-id"));
}

TEST_CASE("bench quality: the command prints one JSON object with per-class recall", "[bench][quality]") {
    TempDir dir;
    writeFile(dir.file("a.ndjson"), gongkai::test::sampleRecords());
    writeFile(dir.file("q.tsv"), kHeader + "title\t义务教育招生入学\tsf-2020-0123\n");
    const std::string gk = std::string(GONGKAI_CLI_PATH) + " ";
    std::string out;
    REQUIRE(gongkai::test::runCommand(gk + "import -q --db " + dir.file("m.db") + " " + dir.file("a.ndjson"), out) == 0);
    auto args = "bench quality --db " + dir.file("m.db") + " --queries " + dir.file("q.tsv");
    REQUIRE(gongkai::test::runCommand(gk + args + " --json", out) == 0);
    auto j = nlohmann::json::parse(out);
    CHECK(j["queries"] == 1);
    CHECK(j["recall_at_10"] == 1.0);
    CHECK(j["classes"]["title"]["recall_at_10"] == 1.0);
    CHECK(j["misses"].empty());
    // Below --min-recall: the table is still printed, the exit status is 2.
    writeFile(dir.file("miss.tsv"), kHeader + "title\t义务教育招生入学\tno-such-id\n");
    auto miss = "bench quality --db " + dir.file("m.db") + " --queries " + dir.file("miss.tsv");
    CHECK(gongkai::test::runCommand(gk + miss + " --min-recall 0.95", out) == 2);
    CHECK_THAT(out, Catch::Contains("overall") && Catch::Contains("missing: no-such-id"));
    CHECK(gongkai::test::runCommand(gk + miss, out) == 0);
    writeFile(dir.file("bad.tsv"), kHeader + "title\tq\n");
    CHECK(gongkai::test::runCommand(gk + "bench quality --db " + dir.file("m.db") + " --queries " + dir.file("bad.tsv"),
                                    out) == 1);
    CHECK_THAT(out, Catch::Contains(dir.file("bad.tsv") + ":2:"));
}

TEST_CASE("bench quality: the labelled set reaches recall@10 >= 0.95 on the shared corpus", "[bench][quality][slow]") {
    auto queriesPath = (gongkai::test::sourceDir() / "tests" / "quality" / "queries.tsv").string();
    auto queries = loadQualityQueries(queriesPath);
    REQUIRE(queries);
    std::map<std::string, int> perClass;
    for (const auto& q : queries.value()) perClass[q.queryClass] += 1;
    CHECK(queries.value().size() >= 50);
    for (const auto& c : gongkai::cli::kQualityClasses) CHECK(perClass[c] >= 4);

    TempDir dir;
    auto mirror = gongkai::Mirror::open(dir.file("corpus.db"), gongkai::Mirror::Mode::Create);
    REQUIRE(mirror);
    for (const char* name : {"govcn-policies.ndjson.zst", "laws.ndjson.zst"}) {
        auto path = (gongkai::test::corpusDir() / name).string();
        REQUIRE(std::filesystem::exists(path));
        auto stats = gongkai::importRecordFile(*mirror.value(), path);
        REQUIRE(stats);
    }
    auto report = gongkai::cli::evaluateQuality(*mirror.value(), queries.value());
    REQUIRE(report);
    auto text = gongkai::cli::formatQualityReport(report.value());
    std::cout << "search quality over " << gongkai::test::corpusDir().string() << "\n" << text << std::flush;
    INFO(text);
    CHECK(report.value().queries == static_cast<int>(queries.value().size()));
    REQUIRE(report.value().recall >= 0.95);
}
