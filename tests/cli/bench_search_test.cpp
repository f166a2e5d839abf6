// `gongkai bench search`: the query set derived from a text store, and the
// whole benchmark through the real binary on a small generated corpus.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/bench_search_measure.h"
#include "cli/bench_search_queries.h"
#include "cli/bench_search_sqlite.h"
#include "support/temp_dir.h"

using gongkai::Error;
using gongkai::Result;
using gongkai::cli::BenchDb;
using gongkai::cli::BenchEngine;
using gongkai::cli::BenchQuery;
using gongkai::cli::measureEngine;
using gongkai::test::TempDir;
using gongkai::test::runCommand;

namespace {

std::string gk(const std::string& args) { return std::string(GONGKAI_CLI_PATH) + " " + args; }

// A text store whose titles use 户籍 after and before several different
// characters (a word), and 理规 only inside 管理规定 (not a word).
std::unique_ptr<BenchDb> smallTextStore(const TempDir& dir) {
    auto db = BenchDb::open(dir.file("text.db"), false);
    REQUIRE(db.ok());
    REQUIRE(db.value()->exec("CREATE TABLE plain(rowid INTEGER PRIMARY KEY, type TEXT, year INTEGER,"
                             " doc_no TEXT, title TEXT, ref TEXT, summary TEXT, body TEXT)").ok());
    const char* titles[] = {"户籍管理规定", "办理户籍迁移手续管理规定", "县户籍登记通知", "做好户籍制度改革",
                            "规范户籍档案管理规定", "城市道路管理规定"};
    int year = 2015;
    for (const char* t : titles) {
        std::string sql = "INSERT INTO plain(type, year, doc_no, title, ref, summary, body) VALUES ('document', " +
                          std::to_string(year++) + ", '国发〔2019〕4号', '" + t + "', '国发〔2019〕4号', '', '正文')";
        REQUIRE(db.value()->exec(sql).ok());
    }
    return std::move(db.value());
}

std::vector<std::string> texts(const std::vector<BenchQuery>& qs, const std::string& cls) {
    std::vector<std::string> out;
    for (const auto& q : qs)
        if (q.cls == cls) out.push_back(q.text);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("bench search: the query set comes from the corpus, deterministically, in every class", "[cli]") {
    TempDir dir;
    auto db = smallTextStore(dir);
    auto a = gongkai::cli::deriveBenchQueries(*db, 10, 1);
    auto b = gongkai::cli::deriveBenchQueries(*db, 10, 1);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(texts(a.value(), "cjk2") == texts(b.value(), "cjk2"));
    CHECK(texts(a.value(), "prefix") == texts(b.value(), "prefix"));
    auto words = texts(a.value(), "cjk2");
    CHECK(has(words, "户籍"));
    CHECK_FALSE(has(words, "理规"));
    for (const auto& w : words) CHECK(gongkai::cli::codePointCount(w) == 2);
    CHECK(has(texts(a.value(), "pinyin"), "huji"));
    CHECK(has(texts(a.value(), "initials"), "hj"));
    auto prefixes = texts(a.value(), "prefix");
    CHECK(has(prefixes, "hu"));
    CHECK(has(prefixes, "huj"));
    CHECK_FALSE(has(prefixes, "h"));
    CHECK_FALSE(has(prefixes, "huji"));
    auto docNos = texts(a.value(), "docno");
    for (const char* form : {"国发〔2019〕4号", "国发[2019]4号", "国发(2019)4号", "国发2019 4号", "国发〔２０１９〕４号"})
        CHECK(has(docNos, form));
    for (const auto& q : a.value()) {
        if (q.cls != "filtered") continue;
        CHECK((!q.type.empty() || (q.fromYear > 0 && q.toYear == q.fromYear + 2)));
    }
    auto found = gongkai::cli::textStoreContains(*db, "户籍");
    auto missing = gongkai::cli::textStoreContains(*db, "低保");
    REQUIRE(found.ok());
    REQUIRE(missing.ok());
    CHECK(found.value());
    CHECK_FALSE(missing.value());
}

TEST_CASE("bench search: every query runs once before any is timed, then a warm-up and the timed runs", "[cli]") {
    struct Recorder : BenchEngine {
        std::vector<std::string> calls;
        Result<int> run(const BenchQuery& q) override {
            calls.push_back(q.text);
            if (q.text == "bad") return Error{"no such thing"};
            return 3;
        }
    } engine;
    std::vector<BenchQuery> queries = {{"cjk1", "a", "", 0, 0}, {"cjk2", "b", "", 0, 0}, {"initials", "p", "", 0, 0},
                                       {"cjk2", "bad", "", 0, 0}};
    auto t = measureEngine(engine, queries, 2, false);
    // The pass (pinyin-only classes skipped), then per query: warm-up + 2 timed.
    CHECK(engine.calls == std::vector<std::string>{"a", "b", "bad", "a", "a", "a", "b", "b", "b", "bad"});
    CHECK(t.hits == std::vector<int>{3, 3, -1, -1});
    CHECK(t.classes["cjk1"]["queries"] == 1);
    CHECK(t.classes["cjk2"]["errors"] == 1);
    CHECK(t.firstError == "bad: no such thing");
    CHECK_FALSE(t.classes.contains("initials"));
}

TEST_CASE("bench search: three engines, every class, sizes, percentiles and 2-char recall", "[cli][slow]") {
    TempDir dir;
    std::string out;
    REQUIRE(runCommand(gk("bench search --docs 300 --no-shared-corpus --queries-per-class 4 --runs 2 --json"
                          " --work-dir " + dir.file("work")), out) == 0);
    auto j = nlohmann::json::parse(out);
    REQUIRE(j["corpora"].size() == 1);
    const auto& c = j["corpora"][0];
    CHECK(c["records"] == 300);
    CHECK(c["text_bytes"].get<double>() > 0);
    for (const char* e : {"gongkai", "trigram", "xapian"}) {
        INFO(e);
        CHECK(c["engines"][e]["index_bytes"].get<double>() > 0);
        CHECK(c["engines"][e]["build_s"].get<double>() > 0);
    }
    CHECK(c["engines"]["gongkai"]["mirror_bytes"].get<double>() > c["engines"]["gongkai"]["index_bytes"].get<double>());
    for (const auto& cls : gongkai::cli::benchClasses()) {
        const auto& row = c["classes"][cls.id];
        INFO(cls.id);
        CHECK(row["queries"].get<int>() > 0);
        for (const char* e : {"gongkai", "trigram", "xapian"}) {
            INFO(e);
            const auto& v = row[e];
            if (cls.pinyinOnly && std::string(e) != "gongkai") {
                CHECK(v.is_null());
                continue;
            }
            REQUIRE(v.is_object());
            CHECK(v["queries"] == row["queries"]);
            CHECK(v["p50_ms"].get<double>() > 0);
            CHECK(v["p50_ms"].get<double>() <= v["p95_ms"].get<double>());
            CHECK(v["p95_ms"].get<double>() <= v["p99_ms"].get<double>());
        }
    }
    CHECK(c["recall_2char"]["truth_queries"].get<int>() > 0);
    CHECK(c["recall_2char"]["gongkai"].get<double>() == 1.0);
    CHECK(c["recall_2char"]["trigram"].get<double>() == 1.0);               // thanks to the LIKE fallback
    CHECK(c["recall_2char"]["trigram_index_only"].get<double>() == 0.0);    // MATCH finds no 2-char word
    CHECK_FALSE(std::filesystem::exists(dir.file("work") + "/docs-300"));
}

TEST_CASE("bench search: --reuse measures a kept work dir again, --classes picks the query classes", "[cli][slow]") {
    TempDir dir;
    std::string out, work = " --work-dir " + dir.file("work");
    const std::string base = "bench search --docs 300 --no-shared-corpus --queries-per-class 3 --runs 1 --json"
                             " --engines gongkai,trigram";
    REQUIRE(runCommand(gk(base + " --keep" + work), out) == 0);
    auto mirror = dir.file("work") + "/docs-300/mirror.db";
    REQUIRE(std::filesystem::exists(mirror));
    auto built = std::filesystem::last_write_time(mirror);
    REQUIRE(runCommand(gk(base + " --reuse --classes cjk2,docno" + work), out) == 0);
    auto c = nlohmann::json::parse(out)["corpora"][0];
    CHECK(c["reused"] == true);
    CHECK(c["records"] == 300);
    CHECK_FALSE(c["engines"]["gongkai"].contains("build_s"));  // nothing rebuilt
    CHECK(c["engines"]["trigram"]["index_bytes"].get<double>() > 0);
    CHECK(std::filesystem::last_write_time(mirror) == built);
    for (const auto& cls : gongkai::cli::benchClasses()) {
        INFO(cls.id);
        bool asked = std::string(cls.id) == "cjk2" || std::string(cls.id) == "docno";
        CHECK((c["classes"][cls.id]["queries"].get<int>() > 0) == asked);
    }
    CHECK(runCommand(gk(base + " --reuse --classes nonsense" + work), out) != 0);
    CHECK(runCommand(gk(base + " --reuse"), out) == 2);  // --reuse needs --work-dir
}

TEST_CASE("bench search: --reuse checks free disk before building a baseline index it does not find", "[cli][slow]") {
    TempDir dir;
    std::string out, work = " --work-dir " + dir.file("work");
    const std::string base = "bench search --docs 300 --no-shared-corpus --queries-per-class 2 --runs 1 --json";
    REQUIRE(runCommand(gk(base + " --engines gongkai --keep" + work), out) == 0);
    // The kept corpus has no trigram index, so measuring trigram there builds one.
    CHECK(runCommand(gk(base + " --engines gongkai,trigram --reuse --keep-free-gb 900000" + work), out) == 1);
    CHECK_THAT(out, Catch::Contains("trigram's index") && Catch::Contains("kept free"));
    // Gongkai's index is already there: nothing is built, so no room is asked for.
    CHECK(runCommand(gk(base + " --engines gongkai --reuse --keep-free-gb 900000" + work), out) == 0);
}

TEST_CASE("bench search: refuses a corpus the disk cannot hold, before generating anything", "[cli]") {
    TempDir dir;
    std::string out;
    CHECK(runCommand(gk("bench search --docs 100000000000 --no-shared-corpus --work-dir " + dir.file("w")), out) == 1);
    CHECK_THAT(out, Catch::Contains("not enough free disk"));
    CHECK_FALSE(std::filesystem::exists(dir.file("w") + "/docs-100000000000/generated.ndjson.zst"));
}

TEST_CASE("bench search: one engine at a time, each index removed before the next, trigram last", "[cli][slow]") {
    TempDir dir;
    std::string out;
    REQUIRE(runCommand(gk("bench search --docs 300 --no-shared-corpus --queries-per-class 3 --runs 1 --json"
                          " --engines trigram,gongkai --one-engine-at-a-time --work-dir " + dir.file("work")),
                       out) == 0);
    auto c = nlohmann::json::parse(out)["corpora"][0];
    CHECK(c["one_engine_at_a_time"] == true);
    for (const char* e : {"gongkai", "trigram"}) {
        INFO(e);
        CHECK(c["engines"][e]["index_bytes"].get<double>() > 0);
        CHECK(c["classes"]["cjk2"][e]["queries"].get<int>() > 0);
    }
    CHECK(c["recall_2char"]["trigram_index_only"].get<double>() == 0.0);  // the trigram index was still there
}

TEST_CASE("bench search: refuses when a step would leave less free disk than asked", "[cli]") {
    TempDir dir;
    std::string out;
    CHECK(runCommand(gk("bench search --docs 300 --no-shared-corpus --keep-free-gb 900000 --work-dir " +
                        dir.file("w")), out) == 1);
    CHECK_THAT(out, Catch::Contains("kept free"));
    CHECK_FALSE(std::filesystem::exists(dir.file("w") + "/docs-300/generated.ndjson.zst"));
}
