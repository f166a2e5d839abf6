#include <catch2/catch.hpp>

#include "core/pinyin.h"

using namespace gongkai;

namespace {

std::vector<std::string> best(const std::string& letters) {
    auto r = pinyin::segment(letters);
    return r.empty() ? std::vector<std::string>{} : r.front().tokens;
}

bool hasReading(const std::string& letters, const std::vector<std::string>& tokens) {
    for (const auto& r : pinyin::segment(letters, 16))
        if (r.tokens == tokens) return true;
    return false;
}

}  // namespace

TEST_CASE("pinyin: full syllables segment, fewest positions first", "[pinyin]") {
    CHECK(best("hujiguanli") == std::vector<std::string>{"~hu", "~ji", "~guan", "~li"});
    CHECK(best("dibao") == std::vector<std::string>{"~di", "~bao"});
    CHECK(best("zhengfu") == std::vector<std::string>{"~zheng", "~fu"});
}

TEST_CASE("pinyin: ambiguous splits are all offered", "[pinyin]") {
    CHECK(best("xian") == std::vector<std::string>{"~xian"});
    CHECK(hasReading("xian", {"~xi", "~an"}));
    CHECK(hasReading("fangan", {"~fang", "~an"}));
    CHECK(hasReading("fangan", {"~fan", "~gan"}));
}

TEST_CASE("pinyin: initials, mixed input and v for ü", "[pinyin]") {
    CHECK(best("hjgl") == std::vector<std::string>{"^h", "^j", "^g", "^l"});
    CHECK(hasReading("hujgl", {"~hu", "^j", "^g", "^l"}));
    CHECK(hasReading("zhs", {"^z", "^s"}));  // zh/ch/sh initials are first letters
    CHECK(best("lvyou") == std::vector<std::string>{"~lv", "~you"});
    CHECK(best("nv") == std::vector<std::string>{"~nv"});
}

TEST_CASE("pinyin: an unfinished last syllable is a prefix", "[pinyin]") {
    auto r = pinyin::segment("hujiguan");
    REQUIRE_FALSE(r.empty());
    auto typing = pinyin::segment("xio");  // on the way to xiong
    REQUIRE_FALSE(typing.empty());
    CHECK(typing.front().tokens == std::vector<std::string>{"~xio"});
    CHECK(typing.front().lastIsPrefix);
}

TEST_CASE("pinyin: what cannot be pinyin gives nothing, quickly", "[pinyin]") {
    CHECK(pinyin::segment("").empty());
    CHECK(pinyin::segment("iiii").empty());
    CHECK(pinyin::segment("Hu").empty());          // callers lowercase first
    CHECK(pinyin::segment(std::string(33, 'a')).empty());
    // 31 letters each readable two ways, then a dead end: no exponential search.
    CHECK(pinyin::segment(std::string(31, 'a') + "i").size() <= 6);
}
