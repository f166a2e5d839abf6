#include <catch2/catch.hpp>

#include <random>

#include <sqlite3.h>

#include "core/mirror.h"
#include "core/pinyin_convert.h"
#include "core/tokenizer.h"
#include "core/triple_filter.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;

namespace {

std::string stateOf(const std::string& name) { return "triple-filter-test|" + name; }

std::unique_ptr<Mirror> emptyMirror(const test::TempDir& dir) {
    auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(m);
    return std::move(m.value());
}

char32_t cjk(std::mt19937& rng) { return static_cast<char32_t>(0x4E00 + rng() % 0x5000); }

}  // namespace

TEST_CASE("triple filter: every run written is found, runs never written mostly are not", "[search]") {
    test::TempDir dir;
    auto m = emptyMirror(dir);
    std::mt19937 rng(7);
    std::vector<std::u32string> written;
    TripleFilterWriter writer;
    for (int i = 0; i < 20000; ++i) {
        std::u32string run{cjk(rng), cjk(rng), cjk(rng), cjk(rng)};
        writer.add(run[0], run[1], run[2]);
        writer.add(run[0], run[1], run[2], run[3]);
        written.push_back(run);
    }
    REQUIRE(m->exec("BEGIN"));
    REQUIRE(writer.flush(m->db()));
    REQUIRE(m->exec("COMMIT"));

    TripleFilter::Reader reader(TripleFilter::forState(stateOf("random")), m->db());
    for (const auto& r : written) {
        REQUIRE(reader.mayHave(r[0], r[1], r[2]));
        REQUIRE(reader.mayHave(r[0], r[1], r[2], r[3]));
    }
    int falseYes = 0;
    constexpr int kTries = 20000;
    for (int i = 0; i < kTries; ++i) falseYes += reader.mayHave(cjk(rng), cjk(rng), cjk(rng));
    CHECK(falseYes < kTries / 100);  // 40 000 runs in 4 MB: well under 1%
}

TEST_CASE("triple filter: a second flush adds to what the table has", "[search]") {
    test::TempDir dir;
    auto m = emptyMirror(dir);
    TripleFilterWriter first, second;
    first.add(U'户', U'籍', U'管');
    second.add(U'招', U'生', U'入');
    REQUIRE(first.flush(m->db()));
    REQUIRE(second.flush(m->db()));
    TripleFilter::Reader reader(TripleFilter::forState(stateOf("two flushes")), m->db());
    CHECK(reader.mayHave(U'户', U'籍', U'管'));
    CHECK(reader.mayHave(U'招', U'生', U'入'));
}

TEST_CASE("triple filter: a mirror without one (not reindexed yet) prunes nothing", "[search]") {
    test::TempDir dir;
    auto m = emptyMirror(dir);
    TripleFilter::Reader reader(TripleFilter::forState(stateOf("none")), m->db());
    CHECK(reader.mayHave(U'政', U'法', U'信'));
    CHECK(reader.mayHave(U'政', U'法', U'信', U'息'));
}

TEST_CASE("triple filter: import fills it from the records' text, and pinyin keeps only strings the text has",
          "[search][pinyin]") {
    test::SampleMirror f;
    sqlite3* db = f.mirror->db();
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'state_digest'", -1, &st, nullptr);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string digest = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    TripleFilter::Reader reader(TripleFilter::forState(stateOf("sample " + digest)), db);
    CHECK(reader.mayHave(U'招', U'生', U'入'));
    CHECK(reader.mayHave(U'招', U'生', U'入', U'学'));
    CHECK(reader.mayHave(U'义', U'务', U'教', U'育'));
    // Every candidate of three or more characters is a string some record has.
    for (const char* typed : {"zsrx", "ywjy", "zuidishenghuobaozhang"}) {
        INFO(typed);
        auto got = convertPinyin(db, typed);
        REQUIRE_FALSE(got.empty());
        for (const auto& s : got) {
            std::u32string chars;
            for (std::size_t i = 0; i < s.size();) {
                int len = 1;
                chars.push_back(tokenizer_detail::decodeAt(s, i, len));
                i += static_cast<std::size_t>(len);
            }
            for (std::size_t i = 0; i + 3 <= chars.size(); ++i)
                CHECK(reader.mayHave(chars[i], chars[i + 1], chars[i + 2]));
        }
    }
}

TEST_CASE("triple filter: a filter of another layout is neither read nor added to", "[search]") {
    test::TempDir dir;
    auto m = emptyMirror(dir);
    TripleFilterWriter writer;
    writer.add(U'户', U'籍', U'管');
    REQUIRE(writer.flush(m->db()));
    REQUIRE(m->exec("UPDATE meta SET value = '1' WHERE key = 'triple_filter_layout'"));
    TripleFilterWriter later;
    later.add(U'招', U'生', U'入');
    REQUIRE(later.flush(m->db()));
    TripleFilter::Reader reader(TripleFilter::forState(stateOf("old layout")), m->db());
    CHECK(reader.mayHave(U'政', U'法', U'信'));  // prunes nothing
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(m->db(), "SELECT value FROM meta WHERE key = 'triple_filter_layout'", -1, &st, nullptr);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "1");  // left for a reindex
    sqlite3_finalize(st);
}
