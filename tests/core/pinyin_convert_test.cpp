#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include <sqlite3.h>

#include "core/apply.h"
#include "core/mirror.h"
#include "core/pair_vocabulary.h"
#include "core/pinyin_chain.h"
#include "core/pinyin_convert.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::int64_t pairCount(const Mirror& m, const std::string& key, const std::string& pair) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(m.db(), "SELECT n FROM pinyin_pair WHERE ikey = ?1 AND pair = ?2", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, pair.c_str(), -1, SQLITE_TRANSIENT);
    std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

}  // namespace

TEST_CASE("pinyin: syllables, initials, unfinished and mixed input become the mirror's words", "[pinyin]") {
    test::SampleMirror f;
    sqlite3* db = f.mirror->db();
    struct Case {
        const char* typed;
        const char* word;
    };
    for (auto c : {Case{"zhaosheng", "招生"}, Case{"zs", "招生"}, Case{"zhaos", "招生"}, Case{"招s", "招生"},
                   Case{"ZhaoSheng", "招生"}, Case{"zhaoshengruxue", "招生入学"}, Case{"zsrx", "招生入学"},
                   Case{"yiwujiaoyu", "义务教育"}, Case{"yiwujiaoy", "义务教育"}, Case{"ywjy", "义务教育"},
                   Case{"zuidishenghuobaozhang", "最低生活保障"}, Case{"义务jiaoyu", "义务教育"}}) {
        INFO(c.typed);
        auto got = convertPinyin(db, c.typed);
        CHECK(got.size() <= kMaxPinyinCandidates);
        CHECK(contains(got, c.word));
    }
    // The best reading comes first when the mirror has it.
    REQUIRE_FALSE(convertPinyin(db, "zhaosheng").empty());
    CHECK(convertPinyin(db, "zhaosheng").front() == "招生");
}

TEST_CASE("pinyin: what cannot be pinyin, or is not in the mirror, gives nothing", "[pinyin]") {
    test::SampleMirror f;
    sqlite3* db = f.mirror->db();
    for (const char* typed : {"qqqq", "2019", "zhao2019", "", "zhuangjiahuafei", "x!y"}) {
        INFO(typed);
        CHECK(convertPinyin(db, typed).empty());
    }
}

TEST_CASE("pinyin vocabulary: pairs counted per record, kept on delete, recounted by a reindex", "[pinyin]") {
    test::SampleMirror f;
    std::int64_t before = pairCount(*f.mirror, "zs", "招生");
    CHECK(before >= 2);  // the notice, its interpretation, the catalogue item
    CHECK(pairCount(*f.mirror, "xz", "行政") == -1);
    CHECK(pairCount(*f.mirror, "hz", "行政") == -1);
    // Re-importing unchanged records adds nothing.
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("base.ndjson")));
    CHECK(pairCount(*f.mirror, "zs", "招生") == before);
    // A polyphone pair gets a row per key: 行 is xing and hang.
    test::writeFile(f.dir.file("more.ndjson"),
                    R"({"type":"document","op":"upsert","id":"x1","title":"行政审批"})" "\n"
                    R"({"type":"document","op":"delete","id":"sf-2020-0124"})" "\n");
    REQUIRE(importRecordFile(*f.mirror, f.dir.file("more.ndjson")));
    CHECK(pairCount(*f.mirror, "xz", "行政") == 1);
    CHECK(pairCount(*f.mirror, "hz", "行政") == 1);
    CHECK(pairCount(*f.mirror, "zs", "招生") == before);  // counts only grow...
    REQUIRE(f.mirror->reindex());
    CHECK(pairCount(*f.mirror, "zs", "招生") == before - 1);  // ...until a reindex recounts
    CHECK(pairCount(*f.mirror, "xz", "行政") == 1);
}

TEST_CASE("pinyin beam: offers taken one at a time keep what keepBest keeps, in its order", "[pinyin]") {
    // Scores with many ties (ties go by the characters) and more offers than the beam.
    std::vector<Chain> all;
    std::uint32_t x = 12345;
    for (int i = 0; i < 500; ++i) {
        x = x * 1103515245u + 12345u;
        all.push_back({{static_cast<char32_t>(0x4E00 + (x >> 8) % 300), static_cast<char32_t>(0x4E00 + i)},
                       static_cast<double>((x >> 16) % 40)});
    }
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{96}, std::size_t{600}}) {
        INFO("beam " << n);
        std::vector<Chain> expected = all;
        keepBest(expected, n);
        BeamStep step(n);
        std::size_t asked = 0;
        for (const Chain& c : all)
            if (step.wants(c.score)) {
                ++asked;
                step.add(c);
            }
        std::vector<Chain> got = step.take();
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].chars == expected[i].chars);
            CHECK(got[i].score == expected[i].score);
        }
        if (n > 0 && n < 100) CHECK(asked < all.size());  // the costly test is skipped for hopeless offers
    }
}

TEST_CASE("pinyin vocabulary: a pair counts once per record however often it occurs there", "[pinyin]") {
    PairCounts counts;
    std::map<std::uint64_t, std::uint32_t> expected;
    std::mt19937 rng(3);
    for (std::uint32_t record = 1; record <= 300; ++record) {
        std::set<std::uint64_t> seen;
        for (int i = 0; i < 200; ++i) {  // 60 000 draws of 5 000 pairs: repeats in and across records
            std::uint64_t pair = (std::uint64_t{0x4E00 + rng() % 50} << 32) | (0x4E00 + rng() % 100);
            counts.count(pair, record);
            if (seen.insert(pair).second) ++expected[pair];
        }
    }
    std::map<std::uint64_t, std::uint32_t> got;
    counts.forEach([&](std::uint64_t pair, std::uint32_t records) { got[pair] = records; });
    CHECK(got == expected);
    counts.clear();
    CHECK(counts.empty());
}
