// The pinyin input method (core/ime.h) on the demo county's mirror (data/demo),
// imported once through the real import path and shared by the cases.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/apply.h"
#include "core/hanzi.h"
#include "core/ime.h"
#include "core/mirror.h"
#include "support/temp_dir.h"

using namespace gongkai;
namespace fs = std::filesystem;

namespace {

struct DemoMirror {
    test::TempDir dir;
    std::unique_ptr<Mirror> mirror;
    DemoMirror() {
        auto opened = Mirror::open(dir.file("mirror.db"), Mirror::Mode::Create);
        REQUIRE(opened);
        mirror = std::move(opened.value());
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(test::sourceDir() / "data" / "demo"))
            if (e.path().extension() == ".ndjson") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        REQUIRE_FALSE(files.empty());
        for (const auto& f : files) REQUIRE(importRecordFile(*mirror, f.string()));
    }
};

DemoMirror& demo() {
    static DemoMirror d;
    return d;
}

std::vector<ImeCandidate> all(InputMethod& ime, const std::string& typed) {
    return ime.candidates(typed, 0, kMaxImeCandidates).candidates;
}

// Where `text` is among the phrase candidates (-1: not there).
int phraseRank(const std::vector<ImeCandidate>& v, const std::string& text) {
    int rank = 0;
    for (const auto& c : v) {
        if (!c.phrase) continue;
        if (c.text == text) return rank;
        ++rank;
    }
    return -1;
}

const ImeCandidate* find(const std::vector<ImeCandidate>& v, const std::string& text) {
    for (const auto& c : v)
        if (c.text == text) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("ime: the demo county's words come first for their full pinyin", "[ime]") {
    InputMethod ime(*demo().mirror);
    struct Case {
        const char* typed;
        const char* word;
    };
    for (auto c : {Case{"huji", "户籍"}, Case{"dibao", "低保"}, Case{"yiliaobaoxian", "医疗保险"},
                   Case{"zhaijidi", "宅基地"}, Case{"yanglao", "养老"}, Case{"jiuye", "就业"}}) {
        INFO(c.typed);
        auto got = all(ime, c.typed);
        REQUIRE_FALSE(got.empty());
        CHECK(got.front().text == c.word);
        CHECK(got.front().phrase);
        CHECK(got.front().consumed == std::string(c.typed).size());
    }
}

TEST_CASE("ime: initials and an unfinished last syllable find the same words", "[ime]") {
    InputMethod ime(*demo().mirror);
    for (const char* typed : {"hj", "huj", "hujig", "yiliaobaox", "ylbx", "zhaijid"}) {
        INFO(typed);
        auto got = all(ime, typed);
        REQUIRE_FALSE(got.empty());
        std::string t = typed;
        const char* word = t[0] == 'h' ? "户籍" : t[0] == 'y' ? "医疗保险" : "宅基地";
        int rank = phraseRank(got, word);
        CHECK(rank >= 0);
        CHECK(rank < 5);
    }
    // hujig: 户籍 stands for "huji" only; the g is left to type on with.
    auto got = all(ime, "hujig");
    const ImeCandidate* huji = find(got, "户籍");
    REQUIRE(huji);
    CHECK(huji->consumed == 4);
}

TEST_CASE("ime: a candidate says how many letters it stands for, so the rest can follow", "[ime]") {
    InputMethod ime(*demo().mirror);
    auto got = all(ime, "yiliaobaoxian");
    const ImeCandidate* yiliao = find(got, "医疗");
    REQUIRE(yiliao);
    CHECK(yiliao->consumed == 6);  // "yiliao": "baoxian" remains
    auto rest = all(ime, std::string("yiliaobaoxian").substr(yiliao->consumed));
    REQUIRE_FALSE(rest.empty());
    CHECK(rest.front().text == "保险");
    // Single characters stand for the first syllable.
    const ImeCandidate* yi = nullptr;
    for (const auto& c : got)
        if (!c.phrase && c.text == "医") yi = &c;
    REQUIRE(yi);
    CHECK(yi->consumed == 2);
    // Those standing for more letters come first.
    CHECK(std::is_sorted(got.begin(), got.end(),
                         [](const ImeCandidate& a, const ImeCandidate& b) { return a.consumed > b.consumed; }));
}

TEST_CASE("ime: single characters rank by kHanyuPinlu, then by the mirror", "[ime]") {
    InputMethod ime(*demo().mirror);
    auto got = all(ime, "shi");
    std::vector<const ImeCandidate*> singles;
    for (const auto& c : got)
        if (!c.phrase) singles.push_back(&c);
    REQUIRE(singles.size() > 5);
    CHECK(singles.front()->text == "是");  // the commonest shi of the Pinlu corpus
    auto freq = [](const ImeCandidate* c) {
        char32_t cp = 0;
        for (unsigned char ch : c->text) cp = (ch & 0xC0) == 0x80 ? (cp << 6) | (ch & 0x3F) : ch & 0x0F;
        return hanzi::pinluFrequency(cp, "shi");
    };
    for (std::size_t i = 1; i < singles.size(); ++i) CHECK(freq(singles[i - 1]) >= freq(singles[i]));
}

TEST_CASE("ime: a whole syllable's commonest characters come before readings of its letters as initials", "[ime]") {
    InputMethod ime(*demo().mirror);
    auto got = all(ime, "xian");
    REQUIRE(got.size() > 5);
    for (std::size_t i = 0; i < 5; ++i) {
        INFO(got[i].text);
        CHECK_FALSE(got[i].phrase);  // 县 现 先 ..., not 下内 (xia + n)
        CHECK(got[i].consumed == 4);
    }
    CHECK(find(got, "县"));
    // An unfinished syllable's exact readings first: "ji" gives ji before jiu.
    auto ji = all(ime, "ji");
    REQUIRE_FALSE(ji.empty());
    CHECK(ji.front().text != "就");
}

TEST_CASE("ime: v stands for ü", "[ime]") {
    InputMethod ime(*demo().mirror);
    auto got = all(ime, "lvse");
    CHECK(phraseRank(got, "绿色") == 0);
    auto lv = all(ime, "lv");
    CHECK(find(lv, "绿"));
    CHECK(find(lv, "律"));
}

TEST_CASE("ime: paging returns consecutive windows of one list", "[ime]") {
    InputMethod ime(*demo().mirror);
    ImePage whole = ime.candidates("ji", 0, kMaxImeCandidates);
    REQUIRE(whole.total > 16);
    CHECK(whole.candidates.size() == whole.total);
    ImePage first = ime.candidates("ji", 0, 8), second = ime.candidates("ji", 8, 8);
    CHECK(first.total == whole.total);
    REQUIRE(first.candidates.size() == 8);
    REQUIRE(second.candidates.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) {
        CHECK(first.candidates[i].text == whole.candidates[i].text);
        CHECK(second.candidates[i].text == whole.candidates[8 + i].text);
    }
    CHECK(ime.candidates("ji", whole.total, 8).candidates.empty());
    CHECK(ime.candidates("ji", whole.total - 1, 8).candidates.size() == 1);
}

TEST_CASE("ime: nonsense gives nothing and does not crash", "[ime]") {
    InputMethod ime(*demo().mirror);
    for (const std::string& typed : std::vector<std::string>{"", "qqqq", "2019", "x!y", "户籍", "iiii", "vvvv",
                                                             std::string(40, 'a'), std::string(kMaxImeLetters + 1, 'h')}) {
        INFO(typed);
        CHECK(ime.candidates(typed, 0, 8).candidates.empty());
        CHECK(ime.candidates(typed, 0, 8).total == 0);
    }
    CHECK(ime.candidates("huji", 1000, 8).candidates.empty());  // past the end
    CHECK_FALSE(ime.candidates("huji", 0, 8).candidates.empty());  // and still works after
}
