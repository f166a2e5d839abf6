#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "core/apply.h"
#include "core/mirror.h"
#include "core/search.h"
#include "core/search_snippet.h"
#include "core/search_query.h"
#include "core/tokenizer.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

SearchQuery query(const std::string& text, int limit = 20, const std::string& type = "") {
    SearchQuery q;
    q.text = text;
    q.limit = limit;
    q.type = type;
    return q;
}

struct SearchFixture : test::SampleMirror {
    std::vector<std::string> ids(const std::string& text, const std::string& type = "") {
        auto r = search(*mirror, query(text, 20, type));
        REQUIRE(r);
        std::vector<std::string> out;
        for (const auto& h : r.value().hits) out.push_back(h.id);
        return out;
    }
};

// How many segments an FTS5 table's index has: its data rows other than the
// averages and the structure record have the segment id in bits 37 and up.
std::int64_t segmentCount(const Mirror& m, const std::string& table) {
    sqlite3_stmt* st = nullptr;
    std::string sql = "SELECT count(DISTINCT id >> 37) FROM " + table + "_data WHERE id > 10";
    sqlite3_prepare_v2(m.db(), sql.c_str(), -1, &st, nullptr);
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("search: two-character words match", "[search]") {
    SearchFixture f;
    CHECK(contains(f.ids("低保"), "g-dibao") == false);  // 低保 is not in the guide's text
    CHECK(contains(f.ids("最低"), "g-dibao"));
    CHECK(contains(f.ids("招生"), "sf-2020-0123"));
    CHECK(contains(f.ids("招生"), "c-03-1"));
}

TEST_CASE("search: document numbers match in every bracket style", "[search]") {
    SearchFixture f;
    for (const char* q : {"示政办〔2020〕12号", "示政办[2020]12号", "示政办(2020)12号", "示政办2020 12号", "示政办〔２０２０〕１２号"}) {
        INFO(q);
        auto ids = f.ids(q);
        REQUIRE_FALSE(ids.empty());
        CHECK(ids.front() == "sf-2020-0123");
    }
    // Found, a document number is not widened to every text of its issuer (示政, 政办 ...).
    auto r = search(*f.mirror, query("示政办〔2020〕12号"));
    REQUIRE(r);
    CHECK(r.value().total == r.value().hits.size());
    for (const auto& h : r.value().hits) CHECK(h.docNo == "示政办〔2020〕12号");
    // Not found: the relaxed plan still offers what is near.
    CHECK_FALSE(f.ids("示政办〔2020〕999号").empty());
    // Still typing its number: 12 is on its way.
    CHECK(contains(f.ids("示政办〔2020〕1"), "sf-2020-0123"));
    CHECK(contains(f.ids("示政办2020 1"), "sf-2020-0123"));
}

TEST_CASE("search: a document number is told from other queries", "[search]") {
    auto [text, isNumber] = GENERATE(table<std::string, bool>({
        {"国发〔2019〕4号", true}, {"国发[2019]4号", true}, {"国发2019 4号", true}, {"国发（２０１９）４号", true},
        {"〔2019〕4", true}, {"国发〔2019〕4号 通知", false}, {"2019年4号", false}, {"国发", false},
        {"国发2019", false}, {"低保 2019", false}}));
    INFO(text);
    CHECK(isDocumentNumber(text) == isNumber);
}

TEST_CASE("search: traditional characters find simplified text", "[search]") {
    SearchFixture f;
    CHECK(contains(f.ids("義務教育"), "sf-2020-0123"));
}

TEST_CASE("search: pinyin finds Chinese text: syllables, initials, mixed, unfinished", "[search]") {
    SearchFixture f;
    for (const char* q : {"zhaosheng", "zs", "zhaos", "招s", "zhaoshengruxue", "ZhaoSheng", "yiwujiaoyu", "yiwujiaoy"}) {
        INFO(q);
        CHECK(contains(f.ids(q), "sf-2020-0123"));
    }
    CHECK(contains(f.ids("zuidi"), "g-dibao"));
    CHECK(f.ids("qqqq").empty());
}

TEST_CASE("search: FTS syntax in the input never breaks a query", "[search]") {
    SearchFixture f;
    for (const char* q : {"\"", "招生\"", "-招生", "招生*", "title:招生", "(招生", "招生 AND", "NOT", "NEAR(a b)", "〔", "", "~hu", "^", "a OR b", "x\" OR \"y"}) {
        INFO(q);
        auto r = search(*f.mirror, query(q, 10));
        CHECK(r);
    }
    CHECK(contains(f.ids("(招生"), "sf-2020-0123"));
    // A pasted wall of words is cut to the first 12 terms.
    std::string many = "招生";
    for (int i = 0; i < 500; ++i) many += " ab";
    auto expr = buildMatchExpression(many);
    CHECK(std::count(expr.begin(), expr.end(), '(') <= 12);
}

TEST_CASE("search: the index follows upserts and deletes", "[search]") {
    SearchFixture f;
    REQUIRE(contains(f.ids("细则"), "sf-2021-0001"));
    test::writeFile(f.dir.file("b.ndjson"),
        R"({"type":"document","op":"upsert","id":"sf-2021-0001","title":"示范县特困人员救助供养办法"}
{"type":"document","op":"delete","id":"sf-2020-0124"}
)");
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("b.ndjson")));
    CHECK_FALSE(contains(f.ids("细则"), "sf-2021-0001"));
    CHECK(contains(f.ids("特困"), "sf-2021-0001"));
    CHECK_FALSE(contains(f.ids("解读"), "sf-2020-0124"));
}

TEST_CASE("search: an import writes its records' index as one segment, not one per record", "[search]") {
    TempDir dir;
    auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(m);
    std::string lines;
    for (int i = 0; i < 40; ++i)
        lines += R"({"type":"document","op":"upsert","id":"seg-)" + std::to_string(i) +
                 R"(","title":"示范县第)" + std::to_string(i) + R"(号通知","body":[{"p":"低保申请办理"}]})" "\n";
    test::writeFile(dir.file("a.ndjson"), lines);
    REQUIRE(importRecordFile(*m.value(), dir.file("a.ndjson")));
    CHECK(segmentCount(*m.value(), "search") == 1);
    CHECK(segmentCount(*m.value(), "search_title") == 1);
    auto r = search(*m.value(), query("低保", 50));
    REQUIRE(r);
    CHECK(r.value().hits.size() == 40);
}

TEST_CASE("search: hits carry type, snippet and highlight ranges, facets count matches", "[search]") {
    SearchFixture f;
    auto r = search(*f.mirror, query("招生", 10));
    REQUIRE(r);
    CHECK(r.value().total == r.value().hits.size());
    CHECK(r.value().facets["type"]["document"] >= 1);
    CHECK(r.value().facets["type"]["catalog_item"] == 1);
    for (const auto& h : r.value().hits) {
        REQUIRE_FALSE(h.highlights.empty());
        // Each highlight covers 招生 in the snippet (character ranges).
        auto [start, length] = h.highlights.front();
        CHECK(length == 2);
        std::u32string chars;
        for (std::size_t i = 0; i < h.snippet.size();) {
            int len = 1;
            chars.push_back(tokenizer_detail::decodeAt(h.snippet, i, len));
            i += static_cast<std::size_t>(len);
        }
        CHECK(chars.substr(static_cast<std::size_t>(start), 2) == U"招生");
    }
    auto onlyGuides = search(*f.mirror, query("最低", 10, "service_guide"));
    REQUIRE(onlyGuides);
    REQUIRE(onlyGuides.value().hits.size() == 1);
    CHECK(onlyGuides.value().hits[0].type == "service_guide");
}

TEST_CASE("search: a schema-1 mirror is migrated and indexed when a writer opens it", "[search]") {
    SearchFixture f;
    REQUIRE(f.mirror->exec("DROP TABLE search; DROP TABLE pinyin_pair; DROP TABLE pinyin_triple; DROP TABLE search_title;"
                           " DELETE FROM meta WHERE key='tokenizer_version'; PRAGMA user_version=1;"));
    f.mirror.reset();
    auto readOnly = Mirror::open(f.dir.file("m.db"), Mirror::Mode::ReadOnly);
    REQUIRE_FALSE(readOnly);
    CHECK_THAT(readOnly.error().message, Catch::Contains("must be upgraded by a writer"));
    auto writer = Mirror::open(f.dir.file("m.db"), Mirror::Mode::ReadWrite);
    REQUIRE(writer);
    CHECK(writer.value()->schemaVersion() == kSchemaVersion);
    f.mirror = std::move(writer.value());
    CHECK(contains(f.ids("招生"), "sf-2020-0123"));
}

TEST_CASE("search: a schema-4 mirror gets the titles' index, filled by the reindex its migration forces", "[search]") {
    SearchFixture f;
    auto titles = [&](const std::string& text) { return test::suggestedIds(*f.mirror, text); };
    const auto before = titles("招生");
    REQUIRE_FALSE(before.empty());
    REQUIRE(f.mirror->exec("DROP TABLE search_title; PRAGMA user_version=4;"));
    f.mirror.reset();
    auto writer = Mirror::open(f.dir.file("m.db"), Mirror::Mode::ReadWrite);
    REQUIRE(writer);
    CHECK(writer.value()->schemaVersion() == kSchemaVersion);
    f.mirror = std::move(writer.value());
    CHECK(titles("招生") == before);
    REQUIRE(f.mirror->exec("INSERT INTO search_title(search_title, rank) VALUES ('integrity-check', 0)"));
}

TEST_CASE("search: a tokenizer version change rebuilds the index on open", "[search]") {
    SearchFixture f;
    REQUIRE(f.mirror->exec("INSERT INTO search(search) VALUES ('delete-all');"
                           " UPDATE meta SET value='0' WHERE key='tokenizer_version'"));
    // Until a writer rebuilds it, a reader is told so instead of getting no hits.
    auto stale = search(*f.mirror, query("招生"));
    REQUIRE_FALSE(stale);
    CHECK_THAT(stale.error().message, Catch::Contains("not yet rebuilt"));
    f.mirror.reset();
    auto reopened = Mirror::open(f.dir.file("m.db"), Mirror::Mode::ReadWrite);
    REQUIRE(reopened);
    f.mirror = std::move(reopened.value());
    CHECK(contains(f.ids("招生"), "sf-2020-0123"));
}

TEST_CASE("search: filters and newest-first sorting", "[search]") {
    SearchFixture f;
    auto q = query("示范县");
    q.domain = "d03";
    auto r = search(*f.mirror, q);
    REQUIRE(r);
    REQUIRE_FALSE(r.value().hits.empty());
    for (const auto& h : r.value().hits) CHECK((h.id == "sf-2020-0123" || h.id == "sf-2020-0124"));
    q.domain.clear();
    q.fromYear = 2021;
    r = search(*f.mirror, q);
    REQUIRE(r);
    REQUIRE(r.value().hits.size() == 1);
    CHECK(r.value().hits[0].id == "sf-2021-0001");
    q.text = "义务教育";
    q.fromYear = 0;
    q.toYear = 2020;
    q.type = "document";
    q.sort = SearchSort::Newest;
    r = search(*f.mirror, q);
    REQUIRE(r);
    REQUIRE(r.value().hits.size() == 2);
    CHECK(r.value().hits[0].id == "sf-2020-0124");
    q.validity = "废止";
    r = search(*f.mirror, q);
    REQUIRE(r);
    CHECK(r.value().hits.empty());
}

TEST_CASE("search: pinyin matches are highlighted too", "[search]") {
    SearchFixture f;
    auto r = search(*f.mirror, query("zhaosheng", 5, "document"));
    REQUIRE(r);
    REQUIRE_FALSE(r.value().hits.empty());
    CHECK_FALSE(r.value().hits[0].highlights.empty());
    // Whole words light up, never a lone character of one of the candidates.
    for (const auto& h : r.value().hits)
        for (auto [start, length] : h.highlights) CHECK(length >= 2);
}

TEST_CASE("search: highlight tokens come from each phrase on its own", "[search]") {
    TokenSet tokens = highlightTokens(R"(("dibao"* OR "底保" OR "低保") AND "户籍管")");
    for (const char* t : {"dibao", "底保", "低保", "户籍", "籍管"}) {
        INFO(t);
        CHECK(tokens.count(t) == 1);
    }
    for (const char* t : {"保", "管", "and", "or"}) {
        INFO(t);
        CHECK(tokens.count(t) == 0);
    }
    CHECK(highlightTokens(R"("国发 2019 4号")").count("2019") == 1);
}

TEST_CASE("search: a question in plain words finds the document that answers it", "[search]") {
    SearchFixture f;
    for (const char* q : {"怎么申请最低生活保障", "最低生活保障要什么材料？", "我想问一下义务教育招生的事"}) {
        INFO(q);
        auto ids = f.ids(q);
        REQUIRE_FALSE(ids.empty());
        CHECK((contains(ids, "g-dibao") || contains(ids, "sf-2020-0123")));
    }
    CHECK(dropQuestionWords("怎么申请低保吗？") == " 申请低保  ");
}

TEST_CASE("search: current texts and whole-title matches come first", "[search]") {
    test::SampleMirror f(
        R"({"type":"document","op":"upsert","id":"old","title":"示范县殡葬管理办法","validity":"失效","published_on":"2019-01-01","body":[{"p":"殡葬管理"}]})" "\n"
        R"({"type":"document","op":"upsert","id":"new","title":"示范县殡葬管理办法","validity":"有效","published_on":"2018-01-01","body":[{"p":"殡葬管理"}]})" "\n"
        R"({"type":"document","op":"upsert","id":"other","title":"关于殡葬改革和殡葬管理工作的若干意见与殡葬服务","published_on":"2020-01-01"})" "\n");
    auto r = search(*f.mirror, query("示范县殡葬管理办法"));
    REQUIRE(r);
    REQUIRE(r.value().hits.size() >= 2);
    CHECK(r.value().hits[0].id == "new");
    CHECK(r.value().hits[1].id == "old");
}

TEST_CASE("search: a term matching more than the window is ranked over its newest and its title matches",
          "[search]") {
    std::string extra = R"({"type":"document","op":"upsert","id":"title-hit","title":"公告栏管理规定","published_on":"2001-01-01"})" "\n";
    for (int i = 0; i < 400; ++i)
        extra += R"({"type":"document","op":"upsert","id":"n)" + std::to_string(i) +
                 R"(","title":"第)" + std::to_string(i) + R"(号通知","body":[{"p":"请见公告栏。"}]})" "\n";
    test::SampleMirror f(extra);
    auto r = search(*f.mirror, query("公告", 10));
    REQUIRE(r);
    CHECK(r.value().total == static_cast<std::uint64_t>(kSearchWindow));  // bounded, not every match counted
    REQUIRE_FALSE(r.value().hits.empty());
    CHECK(r.value().hits[0].id == "title-hit");  // oldest, but its title has the word
}

TEST_CASE("search: title suggestions as you type, pinyin included", "[search]") {
    SearchFixture f;
    for (const char* typed : {"招生", "zhaosheng", "zhaos", "zs"}) {
        INFO(typed);
        auto s = suggestTitles(*f.mirror, typed, 5);
        REQUIRE(s);
        REQUIRE_FALSE(s.value().empty());
        bool found = false;
        for (const auto& t : s.value()) found = found || t.id == "sf-2020-0123";
        CHECK(found);
        for (const auto& t : s.value()) CHECK_FALSE(t.title.empty());
    }
    auto none = suggestTitles(*f.mirror, "!!!", 5);
    REQUIRE(none);
    CHECK(none.value().empty());
}

TEST_CASE("search: explain shows the Chinese that pinyin became", "[search]") {
    SearchFixture f;
    auto plans = explainQuery(*f.mirror, "zhaosheng");
    REQUIRE(plans.size() == 2);
    CHECK_THAT(plans[0], Catch::Contains("\"招生\""));
}
