// The search engine's own machinery: the in-memory record table that ranks a
// window without joins (search_meta.h), the snippet walk over record JSON
// (search_snippet.h) and the per-connection statement cache (sql.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include <sqlite3.h>

#include "core/apply.h"
#include "core/mirror.h"
#include "core/search.h"
#include "core/search_index.h"
#include "core/search_meta.h"
#include "core/search_snippet.h"
#include "core/sql.h"
#include "core/tokenizer.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

std::vector<std::string> hitIds(const Mirror& m, const std::string& text) {
    SearchQuery q;
    q.text = text;
    auto r = search(m, q);
    REQUIRE(r);
    std::vector<std::string> ids;
    for (const auto& h : r.value().hits) ids.push_back(h.id);
    return ids;
}

const char* kTwoRules =
    R"({"type":"document","op":"upsert","id":"a","title":"示范县殡葬管理办法","validity":"有效","published_on":"2018-01-01","domain":"d07","body":[{"p":"殡葬管理"}]})" "\n"
    R"({"type":"document","op":"upsert","id":"b","title":"示范县殡葬管理办法","validity":"有效","published_on":"2017-01-01","domain":"d07","body":[{"p":"殡葬管理"}]})" "\n";

}  // namespace

TEST_CASE("search meta: the record table knows each record's type, domain, date and validity", "[search]") {
    test::SampleMirror f(kTwoRules);
    auto table = SearchMeta::read(f.mirror->db());
    REQUIRE(table);
    sql::Statement q(f.mirror->db(), "SELECT rid FROM record WHERE id = 'a'");
    REQUIRE(q.step() == SQLITE_ROW);
    RecordMeta m;
    REQUIRE(table.value()->find(q.columnInt64(0), m));
    CHECK(m.type == "document");
    CHECK(m.domain == "d07");
    CHECK(m.publishedOn == "2018-01-01");
    CHECK_FALSE(m.notCurrent);
    CHECK_FALSE(table.value()->find(999999, m));
    CHECK_FALSE(table.value()->find(-1, m));
}

TEST_CASE("search meta: an import that repeals a text changes its rank at once", "[search]") {
    test::SampleMirror f(kTwoRules);
    REQUIRE(hitIds(*f.mirror, "示范县殡葬管理办法").front() == "a");  // newer first on a tie
    test::writeFile(f.dir.file("repeal.ndjson"),
        R"({"type":"document","op":"upsert","id":"a","title":"示范县殡葬管理办法","validity":"失效","published_on":"2018-01-01","domain":"d07","body":[{"p":"殡葬管理"}]})" "\n");
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("repeal.ndjson")));
    auto ids = hitIds(*f.mirror, "示范县殡葬管理办法");
    REQUIRE(ids.size() >= 2);
    CHECK(ids[0] == "b");  // the repealed one yields
    CHECK(ids[1] == "a");
}

TEST_CASE("search meta: a search inside a write transaction sees it, and a rollback is not remembered", "[search]") {
    test::SampleMirror f(kTwoRules);
    REQUIRE(hitIds(*f.mirror, "殡葬").size() == 2);
    REQUIRE(f.mirror->exec("BEGIN IMMEDIATE"));
    REQUIRE(f.mirror->exec("UPDATE document SET validity = '废止' WHERE id = 'a'"));
    CHECK(hitIds(*f.mirror, "示范县殡葬管理办法").front() == "b");
    REQUIRE(f.mirror->exec("ROLLBACK"));
    CHECK(hitIds(*f.mirror, "示范县殡葬管理办法").front() == "a");
}

TEST_CASE("search meta: type, domain and date filters are checked against the table as SQL would", "[search]") {
    using Row = std::tuple<std::string, std::string, std::string, bool>;  // type, domain, published_on, passes
    MetaFilter filter{"document", "d07", "2018-01-01", "2018-12-31"};
    auto [type, domain, published, passes] = GENERATE(table<std::string, std::string, std::string, bool>({
        Row{"document", "d07", "2018-06-01", true}, Row{"document", "d07", "2018-01-01", true},
        Row{"document", "d07", "2018-12-31", true}, Row{"document", "d07", "2019-01-01", false},
        Row{"document", "d07", "2017-12-31", false}, Row{"document", "d08", "2018-06-01", false},
        Row{"service_guide", "", "", false}, Row{"document", "d07", "", false}}));
    CHECK(filter.passes({type, domain, published, false}) == passes);
    CHECK(MetaFilter{}.passes({type, domain, published, false}));
}

TEST_CASE("search meta: a filtered search inside a write transaction filters its new records too",
          "[search]") {
    test::SampleMirror f(kTwoRules);
    SearchQuery q;
    q.text = "殡葬";
    q.fromYear = 2018;
    auto ids = [&] {
        auto r = search(*f.mirror, q);
        REQUIRE(r);
        std::vector<std::string> out;
        for (const auto& h : r.value().hits) out.push_back(h.id);
        std::sort(out.begin(), out.end());
        return out;
    };
    REQUIRE(ids() == std::vector<std::string>{"a"});
    test::writeFile(f.dir.file("more.ndjson"),
        R"({"type":"document","op":"upsert","id":"c","title":"殡葬服务","validity":"有效","published_on":"2019-05-01","domain":"d07","body":[{"p":"殡葬"}]})" "\n"
        R"({"type":"document","op":"upsert","id":"d","title":"殡葬服务","validity":"有效","published_on":"2016-05-01","domain":"d07","body":[{"p":"殡葬"}]})" "\n");
    {
        Batch batch(*f.mirror);  // rolled back when it goes
        REQUIRE(batch.status());
        std::uint64_t lines = 0, bytes = 0;
        REQUIRE(scanRecordFile(f.dir.file("more.ndjson"), [&](const Record& r, std::uint64_t) { return batch.apply(r); },
                               {}, lines, bytes));
        REQUIRE(batch.writeIndex({}));
        CHECK(ids() == std::vector<std::string>{"a", "c"});
        q.type = "service_guide";
        CHECK(ids().empty());
    }
    q.type.clear();
    CHECK(ids() == std::vector<std::string>{"a"});
}

TEST_CASE("snippets: escaped JSON strings, table cells and the body's first match", "[search]") {
    TokenSet tokens = highlightTokens("\"低保\"");
    // \u4f4e\u4fdd is 低保 written with escapes; the quote inside must not end the string.
    auto s = snippetOf(R"({"title":"无关","body":[{"p":"第一段"},{"p":"说\"明\"：\u4f4e\u4fdd标准"}]})", "document", tokens);
    CHECK(s.text == "说\"明\"：低保标准");
    REQUIRE(s.highlights.size() == 1);
    CHECK(s.highlights[0] == std::pair<int, int>{5, 2});
    auto cell = snippetOf(R"({"title":"表","body":[{"table":[["项目","标准"],["城市低保","800元"]]}]})", "document", tokens);
    CHECK(cell.text == "城市低保");
    // No match anywhere: the body's opening.
    auto none = snippetOf(R"({"title":"表","body":[{"p":"开头一段"}]})", "document", highlightTokens("\"医保\""));
    CHECK(none.text == "开头一段");
    CHECK(none.highlights.empty());
    // A title match when the body has none; strings outside indexed fields are not searched.
    auto title = snippetOf(R"({"url":"低保","title":"低保办法","body":[{"p":"其他"}]})", "document", tokens);
    CHECK(title.text == "低保办法");
}

TEST_CASE("snippets: a match written in traditional characters, full width, upper case or other brackets is found",
          "[search]") {
    struct Case {
        const char* query;
        const char* paragraph;
    };
    auto [query, paragraph] = GENERATE(values<Case>({{"\"户籍\"", "办理戶籍手续"},
                                                     {"\"登记\"", "户口登記"},
                                                     {"\"abc\"", "使用ＡＢＣ系统"},
                                                     {"\"abc\"", "使用ABC系统"},
                                                     {"\"2019\"", "于２０１９年"},
                                                     {"\"国发〔2019〕4号\"", "依据国发[2019]4号文件"}}));
    INFO(paragraph);
    std::string json = std::string(R"({"title":"无关","body":[{"p":"第一段"},{"p":")") + paragraph + R"("}]})";
    auto s = snippetOf(json, "document", highlightTokens(query));
    CHECK(s.text == paragraph);
    CHECK_FALSE(s.highlights.empty());
}

TEST_CASE("snippets: a character is found wherever it stands in a long paragraph", "[search]") {
    // 贴 is E8 B4 B4; 贵 (E8 B4 B5) and 账 (E8 B4 A6) share bytes with it and must not count.
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += i % 2 ? "贵" : "账";
    for (std::size_t at = 0; at <= filler.size(); at += 3) {
        INFO(at);
        std::string paragraph = filler.substr(0, at) + "贴" + filler.substr(at);
        auto s = snippetOf(R"({"title":"无关","body":[{"p":")" + filler + R"("},{"p":")" + paragraph + R"("}]})",
                           "document", highlightTokens("\"贴\""));
        CHECK(s.text.find("贴") != std::string::npos);
        CHECK(s.highlights.size() == 1);
    }
}

TEST_CASE("snippets: highlights stay exact when the search for a match starts at its first candidate", "[search]") {
    // 低 without 保 all along the paragraph: a pair is searched for whole,
    // and the highlight counts characters from where the snippet starts.
    std::string prefix;
    for (int i = 0; i < 60; ++i) prefix += i % 3 ? "低" : "贵";
    std::string paragraph = prefix + "城市低保标准，农村低保";
    auto s = snippetOf(R"({"title":"无关","body":[{"p":"低于标准"},{"p":")" + paragraph + R"("}]})", "document",
                       highlightTokens("\"低保\""));
    REQUIRE(s.highlights.size() == 2);
    auto chars = [&](int from, int n) {
        std::string out;
        std::size_t at = 0;
        for (int c = 0; at < s.text.size() && c < from + n; ++c) {
            int len = 1;
            char32_t cp = tokenizer_detail::decodeAt(s.text, at, len);
            if (c >= from) tokenizer_detail::appendUtf8(out, cp);
            at += static_cast<std::size_t>(len);
        }
        return out;
    };
    CHECK(chars(s.highlights[0].first, s.highlights[0].second) == "低保");
    CHECK(chars(s.highlights[1].first, s.highlights[1].second) == "低保");
    CHECK(s.highlights[0].first == kSnippetBefore);  // the snippet starts that many characters before it

    // A word of letters is not cut where a query's letter first stands:
    // "anana" is not in "banana", only in the word after it.
    auto word = snippetOf(R"({"title":"无关","body":[{"p":"banana anana"}]})", "document", highlightTokens("\"anana\""));
    REQUIRE(word.highlights.size() == 1);
    CHECK(word.highlights[0] == std::pair<int, int>{7, 5});

    // Several tokens: the earliest of them, whichever comes first in the set.
    auto two = snippetOf(R"({"title":"无关","body":[{"p":"先说医疗，再说低保"}]})", "document",
                         highlightTokens("\"低保\" OR \"医\""));
    REQUIRE(two.highlights.size() == 2);
    CHECK(two.highlights[0] == std::pair<int, int>{2, 1});
    CHECK(two.highlights[1] == std::pair<int, int>{7, 2});
}

TEST_CASE("snippets: the walk skips to the next place a match may start, and stops there for keys, escapes and "
          "characters outside the BMP",
          "[search]") {
    TokenSet tokens = highlightTokens("\"低保\"");
    // 低保 first in a key and in a field that is not indexed, then paragraphs
    // with an escape and a character outside the BMP, then the match.
    std::string json = R"({"body":[{"note低保":"低保","p":"第一段\n说明"},{"p":"𠀀字"},{"p":"无关"},)"
                       R"({"p":"城市低保标准"},{"p":"农村低保"}],"title":"低保办法"})";
    auto s = snippetOf(json, "document", tokens);
    CHECK(s.text == "城市低保标准");
    CHECK(s.highlights == std::vector<std::pair<int, int>>{{2, 2}});
    // The match written with escapes after plain paragraphs without one.
    auto escaped = snippetOf(R"({"body":[{"p":"一段"},{"p":"二段"},{"p":"城市\u4f4e\u4fdd"}]})", "document", tokens);
    CHECK(escaped.text == "城市低保");
    // No match in the body: the title, whatever came before.
    auto title = snippetOf(R"({"body":[{"p":"一段"},{"p":"低于"}],"title":"低保办法"})", "document", tokens);
    CHECK(title.text == "低保办法");
    // More tokens than one pass searches for together (each character has a
    // traditional form too): the same result by the other way.
    TokenSet many = highlightTokens("\"甲\" OR \"乙\" OR \"丙\" OR \"丁\" OR \"戊\" OR \"己\" OR \"庚\" OR \"辛\" OR "
                                    "\"壬\" OR \"癸\" OR \"低保\"");
    auto wide = snippetOf(json, "document", many);
    CHECK(wide.text == "城市低保标准");
    CHECK(wide.highlights == std::vector<std::pair<int, int>>{{2, 2}});
    // Nothing anywhere: the body's opening, however the walk skipped.
    auto none = snippetOf(R"({"body":[{"p":"开头"},{"p":"低于"}],"title":"无关"})", "document", tokens);
    CHECK(none.text == "开头");
    CHECK(none.highlights.empty());
}

TEST_CASE("snippets: body blocks before the next place a match may start are passed over whatever their strings hold",
          "[search]") {
    TokenSet tokens = highlightTokens("\"低保\"");
    // Brackets and braces inside strings, a table (arrays in a block), an
    // escaped quote next to a bracket, and numbers and literals, all before
    // the match: none of them may end a block early or hide the match.
    std::string json = R"({"body":[{"p":"开头"},{"p":"见[附件]}{一"},{"n":12,"ok":true,"p":"{[二"},)"
                       R"({"table":[["甲","乙]"],["丙","{丁"]]},{"p":"说\"]\"明"},{"p":"]]三"},)"
                       R"({"p":"城市低保标准"}],"title":"低保办法"})";
    auto s = snippetOf(json, "document", tokens);
    CHECK(s.text == "城市低保标准");
    CHECK(s.highlights == std::vector<std::pair<int, int>>{{2, 2}});
    // The match in a table cell after such blocks.
    auto cell = snippetOf(R"({"body":[{"p":"开头"},{"p":"[{"},{"table":[["项目"],["城市低保"]]}]})", "document", tokens);
    CHECK(cell.text == "城市低保");
    // No match in the body: its opening, and the title's match after it.
    auto title = snippetOf(R"({"body":[{"p":"开头]"},{"p":"}二"},{"p":"三"}],"title":"低保办法"})", "document", tokens);
    CHECK(title.text == "低保办法");
}

TEST_CASE("snippets: malformed JSON ends the walk without reading past it", "[search]") {
    TokenSet tokens = highlightTokens("\"低保\"");
    for (const char* bad : {"", "{", "{\"body\":[{\"p\":\"低保", "{\"title\" \"低保\"}", "[[[[", "{\"a\":tru",
                            "{\"title\":\"低保\",}", "\"\\"})
        CHECK_NOTHROW(snippetOf(bad, "document", tokens));
    auto partial = snippetOf(R"({"title":"低保办法","body":[{"p":"x"})", "document", tokens);  // cut short
    CHECK(partial.text == "低保办法");
}

TEST_CASE("statement cache: the same SQL can run nested, and statements outlive no connection", "[search]") {
    test::TempDir dir;
    for (int round = 0; round < 2; ++round) {  // a second mirror may get the first one's connection address
        auto mirror = Mirror::open(dir.file("m" + std::to_string(round) + ".db"), Mirror::Mode::Create);
        REQUIRE(mirror);
        sqlite3* db = mirror.value()->db();
        const char* text = "SELECT value FROM meta WHERE key = ?1";
        for (int i = 0; i < 3; ++i) {
            sql::Statement outer(db, text, sql::Reuse::Cached);
            outer.bind(1, "mirror_version");
            REQUIRE(outer.step() == SQLITE_ROW);
            sql::Statement inner(db, text, sql::Reuse::Cached);  // a second copy while the first is in use
            inner.bind(1, "tokenizer_version");
            REQUIRE(inner.step() == SQLITE_ROW);
            CHECK(outer.columnText(0) == std::to_string(mirror.value()->mirrorVersion()));
            CHECK(inner.columnText(0) == std::to_string(kTokenizerVersion));
        }
        // A cached statement comes back reset and unbound.
        sql::Statement again(db, text, sql::Reuse::Cached);
        CHECK(again.step() == SQLITE_DONE);  // ?1 is NULL: no row
    }
}

TEST_CASE("index writes are queued: one file that deletes, re-adds and replaces records leaves the index exact",
          "[search]") {
    test::SampleMirror f(kTwoRules);
    // b is the newest rid: deleting it and adding c may give c the same rid,
    // so the queued removal of b's text must come before c's text.
    test::writeFile(f.dir.file("mix.ndjson"),
        R"({"type":"document","op":"delete","id":"b"})" "\n"
        R"({"type":"document","op":"upsert","id":"c","title":"示范县林地保护条例","published_on":"2022-01-01","body":[{"p":"林地"}]})" "\n"
        R"({"type":"document","op":"upsert","id":"a","title":"示范县墓地管理办法","validity":"有效","published_on":"2018-01-01","body":[{"p":"墓地"}]})" "\n"
        R"({"type":"document","op":"upsert","id":"a","title":"示范县公墓管理办法","validity":"有效","published_on":"2018-01-01","body":[{"p":"公墓"}]})" "\n");
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("mix.ndjson")));
    CHECK(hitIds(*f.mirror, "殡葬").empty());
    CHECK(hitIds(*f.mirror, "墓地").empty());
    CHECK(hitIds(*f.mirror, "公墓") == std::vector<std::string>{"a"});
    CHECK(hitIds(*f.mirror, "林地") == std::vector<std::string>{"c"});
    // The titles' own index follows: title suggestions come from it.
    auto titles = [&](const std::string& text) { return test::suggestedIds(*f.mirror, text); };
    CHECK(titles("殡葬").empty());
    CHECK(titles("墓地").empty());
    CHECK(titles("公墓") == std::vector<std::string>{"a"});
    CHECK(titles("林地") == std::vector<std::string>{"c"});
    // FTS5's own check: the indexes hold exactly the rows and tokens written.
    REQUIRE(f.mirror->exec("INSERT INTO search(search, rank) VALUES ('integrity-check', 0)"));
    REQUIRE(f.mirror->exec("INSERT INTO search_title(search_title, rank) VALUES ('integrity-check', 0)"));
}

TEST_CASE("a rebuilt index is one segment, and finds what it found before", "[search]") {
    test::SampleMirror f(kTwoRules);
    test::writeFile(f.dir.file("more.ndjson"),
        R"({"type":"document","op":"upsert","id":"c","title":"示范县林地保护条例","published_on":"2022-01-01","body":[{"p":"林地"}]})" "\n");
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("more.ndjson")));  // a second write: a second segment
    auto segments = [&] {
        sql::Statement q(f.mirror->db(), "SELECT count(DISTINCT segid) FROM search_idx");
        REQUIRE(q.step() == SQLITE_ROW);
        return q.columnInt64(0);
    };
    REQUIRE(segments() > 1);
    // A tiny in-memory hash makes the rebuild write many segments, as a large
    // mirror's does; they pile up unmerged until its end.
    REQUIRE(f.mirror->exec("BEGIN IMMEDIATE"));
    REQUIRE(rebuildSearchIndex(f.mirror->db(), 256));
    REQUIRE(f.mirror->exec("COMMIT"));
    CHECK(segments() == 1);
    // The rebuild's settings are not left to the imports after it.
    auto option = [&](const char* name) {
        sql::Statement q(f.mirror->db(), "SELECT v FROM search_config WHERE k = ?1");
        q.bind(1, name);
        REQUIRE(q.step() == SQLITE_ROW);
        return q.columnInt64(0);
    };
    CHECK(option("hashsize") == kIndexHashBytes);
    CHECK(option("crisismerge") == kDefaultCrisisMerge);
    CHECK(option("automerge") == 4);
    REQUIRE(f.mirror->reindex());  // the mirror's own way
    CHECK(segments() == 1);
    CHECK(hitIds(*f.mirror, "殡葬").size() == 2);
    CHECK(hitIds(*f.mirror, "林地") == std::vector<std::string>{"c"});
    REQUIRE(f.mirror->exec("INSERT INTO search(search, rank) VALUES ('integrity-check', 0)"));
    REQUIRE(f.mirror->exec("INSERT INTO search_title(search_title, rank) VALUES ('integrity-check', 0)"));
}
