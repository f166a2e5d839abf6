#include <catch2/catch.hpp>

#include "core/tokenizer.h"

using namespace gongkai;

namespace {

// "text@start-end" for each token; colocated ones prefixed with "+".
std::vector<std::string> tokens(const std::string& text, TokenizeMode mode) {
    std::vector<std::string> out;
    tokenize(text, mode, [&](const Token& t) {
        out.push_back((t.colocated ? "+" : "") + std::string(t.text) + "@" + std::to_string(t.start) + "-" +
                      std::to_string(t.end));
        return true;
    });
    return out;
}

std::vector<std::string> texts(const std::string& text, TokenizeMode mode) {
    std::vector<std::string> out;
    tokenize(text, mode, [&](const Token& t) {
        out.emplace_back(t.text);
        return true;
    });
    return out;
}

}  // namespace

TEST_CASE("tokenizer: documents get CJK characters with colocated pairs, and no pinyin", "[tokenizer]") {
    CHECK(tokens("低保户", TokenizeMode::Document) ==
          std::vector<std::string>{"低@0-3", "+低保@0-6", "保@3-6", "+保户@3-9", "户@6-9"});
    CHECK(texts("行", TokenizeMode::Document) == std::vector<std::string>{"行"});
    // Pinyin is expanded at query time (pinyin_convert.h); marks are punctuation.
    CHECK(texts("~hu ^j", TokenizeMode::Document) == std::vector<std::string>{"hu", "j"});
    CHECK(texts("~hu ^j", TokenizeMode::Query) == std::vector<std::string>{"hu", "j"});
}

TEST_CASE("tokenizer: a query run is its pairs, and keeps its last character only before more tokens",
          "[tokenizer]") {
    CHECK(texts("低保", TokenizeMode::Query) == std::vector<std::string>{"低保"});
    CHECK(texts("户籍管理", TokenizeMode::Query) == std::vector<std::string>{"户籍", "籍管", "管理"});
    CHECK(texts("户", TokenizeMode::Query) == std::vector<std::string>{"户"});
    CHECK(texts("户籍 管理", TokenizeMode::Query) == std::vector<std::string>{"户籍", "籍", "管理"});
    CHECK(texts("户籍ab", TokenizeMode::Query) == std::vector<std::string>{"户籍", "籍", "ab"});
}

TEST_CASE("tokenizer: document numbers tokenize alike in every bracket style", "[tokenizer]") {
    auto expected = texts("国发〔2019〕4号", TokenizeMode::Query);
    CHECK(expected == std::vector<std::string>{"国发", "发", "2019\u30154", "4", "号"});
    for (const char* form : {"国发[2019]4号", "国发(2019)4号", "国发（2019）4号", "国发2019 4号", "国发〔２０１９〕４号",
                             "国发【2019】4号"})
        CHECK(texts(form, TokenizeMode::Query) == expected);
}

TEST_CASE("tokenizer: a document number's year and number give one token, colocated with the year in documents",
          "[tokenizer]") {
    CHECK(tokens("发〔2019〕45号", TokenizeMode::Document) ==
          std::vector<std::string>{"发@0-3", "2019@6-10", "+2019\u301545@6-15", "45@13-15", "号@15-18"});
    CHECK(tokens("发〔2019〕45号", TokenizeMode::Query) ==
          std::vector<std::string>{"发@0-3", "2019\u301545@6-15", "45@13-15", "号@15-18"});
    // Typed so far, its number unfinished: the year, so that 国发〔2019〕4* finds 国发〔2019〕45号.
    CHECK(texts("国发〔2019〕4", TokenizeMode::QueryPrefix) == std::vector<std::string>{"国发", "发", "2019", "4"});
    CHECK(texts("国发〔2019〕4号", TokenizeMode::QueryPrefix) == texts("国发〔2019〕4号", TokenizeMode::Query));
    // Not a document number: a year without a number after it, a number not a year, no bracket before.
    for (const char* text : {"〔2019〕号", "〔201〕4号", "〔20190〕4号", "2019〕4号", "于2019年4月", "(2019) 4"}) {
        INFO(text);
        for (const auto& t : texts(text, TokenizeMode::Document)) CHECK(t.find("\u3015") == std::string::npos);
    }
}

TEST_CASE("tokenizer: full-width letters, case and traditional characters are normalised", "[tokenizer]") {
    CHECK(texts("ＡＢＣ abc", TokenizeMode::Document) == std::vector<std::string>{"abc", "abc"});
    CHECK(texts("戶口登記", TokenizeMode::Query) == texts("户口登记", TokenizeMode::Query));
    CHECK(texts("GB2312", TokenizeMode::Document) == std::vector<std::string>{"gb", "2312"});
}

TEST_CASE("tokenizer: punctuation separates and invalid UTF-8 never breaks it", "[tokenizer]") {
    CHECK(texts("一、总体要求。", TokenizeMode::Query) == std::vector<std::string>{"一", "总体", "体要", "要求", "求"});
    CHECK(texts("\xff\xfe" "a\xe4" "b", TokenizeMode::Document) == std::vector<std::string>{"a", "b"});
    CHECK(texts("", TokenizeMode::Document).empty());
    CHECK(texts("“”《》", TokenizeMode::Query).empty());
}
