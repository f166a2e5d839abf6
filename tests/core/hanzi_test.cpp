#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>

#include "core/hanzi.h"

using namespace gongkai;

namespace {

bool hasReading(char32_t cp, std::string_view syllable) {
    auto r = hanzi::readings(cp);
    return std::find(r.begin(), r.end(), syllable) != r.end();
}

std::string firstReading(char32_t cp) {
    auto r = hanzi::readings(cp);
    return r.empty() ? std::string("<none>") : std::string(r.front());
}

}  // namespace

TEST_CASE("hanzi: common characters read as toneless pinyin, most common first", "[hanzi]") {
    auto [cp, expected] = GENERATE(table<char32_t, std::string>({
        {U'户', "hu"},
        {U'籍', "ji"},
        {U'管', "guan"},
        {U'理', "li"},
        {U'保', "bao"},
        {U'绿', "lv"},
        {U'女', "nv"},
        {U'行', "xing"},
        {U'重', "zhong"},
        {U'〇', "ling"},
    }));
    CAPTURE(static_cast<std::uint32_t>(cp));
    CHECK(firstReading(cp) == expected);
}

TEST_CASE("hanzi: polyphones carry their other readings after the first", "[hanzi]") {
    CHECK(hasReading(U'绿', "lu"));
    CHECK(hasReading(U'行', "hang"));
    CHECK(hasReading(U'重', "chong"));
    CHECK(hasReading(U'长', "chang"));
    CHECK(hasReading(U'长', "zhang"));
    CHECK(hasReading(U'乐', "yue"));
    CHECK(hasReading(U'还', "huan"));
    CHECK(hasReading(U'地', "di"));
    CHECK(hanzi::readings(U'略').front() == "lve");
}

TEST_CASE("hanzi: historical readings stay out of common characters", "[hanzi]") {
    CHECK_FALSE(hasReading(U'女', "ru"));  // 女 for 汝, only in kHanyuPinyin
    CHECK_FALSE(hasReading(U'不', "fou"));
}

TEST_CASE("hanzi: every character of everyday search words has a reading", "[hanzi]") {
    for (char32_t cp : std::u32string_view(U"户籍管理最低生活保障义务教育戶口登記醫療")) {
        CAPTURE(static_cast<std::uint32_t>(cp));
        CHECK_FALSE(hanzi::readings(cp).empty());
    }
}

TEST_CASE("hanzi: reading lists are short, distinct and made of known syllables", "[hanzi]") {
    const auto& all = hanzi::allSyllables();
    std::size_t covered = 0;
    for (char32_t cp = 0x3000; cp < 0xFB00; ++cp) {
        auto r = hanzi::readings(cp);
        if (r.empty()) continue;
        ++covered;
        REQUIRE(r.size() <= 4);
        for (std::size_t i = 0; i < r.size(); ++i) {
            REQUIRE(std::binary_search(all.begin(), all.end(), r[i]));
            REQUIRE(std::count(r.begin(), r.end(), r[i]) == 1);
        }
    }
    CHECK(covered > 27000);
}

TEST_CASE("hanzi: code points outside the table have no readings", "[hanzi]") {
    CHECK(hanzi::readings(U'A').empty());
    CHECK(hanzi::readings(U'，').empty());
    CHECK(hanzi::readings(U'あ').empty());
    CHECK(hanzi::readings(0x20BB7).empty());  // 𠮷: supplementary, not in the table
    CHECK(hanzi::readings(0x10FFFF).empty());
}

TEST_CASE("hanzi: compatibility ideographs read like their unified form", "[hanzi]") {
    auto compat = hanzi::readings(0xF900);  // CJK COMPATIBILITY IDEOGRAPH-F900 = 豈
    auto unified = hanzi::readings(U'豈');
    REQUIRE_FALSE(unified.empty());
    CHECK(std::equal(compat.begin(), compat.end(), unified.begin(), unified.end()));
}

TEST_CASE("hanzi: traditional characters map to simplified, others to themselves", "[hanzi]") {
    auto [from, to] = GENERATE(table<char32_t, char32_t>({
        {U'戶', U'户'},
        {U'記', U'记'},
        {U'醫', U'医'},
        {U'國', U'国'},
        {U'發', U'发'},
        {U'髮', U'发'},
        {U'登', U'登'},
        {U'户', U'户'},
        {U'乾', U'乾'},
        {U'A', U'A'},
        {U'〇', U'〇'},
    }));
    CAPTURE(static_cast<std::uint32_t>(from));
    CHECK(hanzi::toSimplified(from) == to);
}

TEST_CASE("hanzi: simplification is idempotent", "[hanzi]") {
    for (char32_t cp = 0x3400; cp < 0xA000; ++cp) {
        char32_t s = hanzi::toSimplified(cp);
        if (s == cp) continue;
        CAPTURE(static_cast<std::uint32_t>(cp));
        REQUIRE(hanzi::toSimplified(s) == s);
    }
}

TEST_CASE("hanzi: isCjk accepts ideographs only", "[hanzi]") {
    for (char32_t cp : std::u32string_view(U"户戶〇豈\U00020BB7\U00003400\U00009FFF"))
        CHECK(hanzi::isCjk(cp));
    for (char32_t cp : std::u32string_view(U"Aa1，。あア한⺀\U0001F600")) CHECK_FALSE(hanzi::isCjk(cp));
    CHECK(hanzi::isCjk(0xF900));
}

TEST_CASE("hanzi: allSyllables lists every toneless syllable once, sorted", "[hanzi]") {
    const auto& all = hanzi::allSyllables();
    CHECK(all.size() >= 380);
    CHECK(all.size() <= 450);
    CHECK(std::is_sorted(all.begin(), all.end()));
    CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
    for (std::string_view s : {"xian", "xi", "an", "lve", "zhuang", "nv", "er"}) {
        CAPTURE(s);
        CHECK(std::binary_search(all.begin(), all.end(), s));
    }
    for (std::string_view s : {"lü", "xíng", "v", ""}) {
        CAPTURE(s);
        CHECK_FALSE(std::binary_search(all.begin(), all.end(), s));
    }
}

TEST_CASE("hanzi: initial gives zh/ch/sh whole and one letter otherwise", "[hanzi]") {
    auto [syllable, expected] = GENERATE(table<std::string, std::string>({
        {"zhang", "zh"},
        {"chang", "ch"},
        {"shi", "sh"},
        {"zi", "z"},
        {"ci", "c"},
        {"si", "s"},
        {"an", "a"},
        {"e", "e"},
        {"ou", "o"},
        {"lv", "l"},
        {"h", "h"},
        {"", ""},
    }));
    CHECK(hanzi::initial(syllable) == expected);
}

TEST_CASE("hanzi: data version names the Unicode release", "[hanzi]") {
    CHECK(hanzi::dataVersion().find('.') != std::string_view::npos);
}
