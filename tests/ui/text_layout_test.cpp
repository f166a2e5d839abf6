// Line breaking with the Chinese rules (避头尾), over a fixed-width advance:
// CJK characters and full-width marks 30 px, ASCII 15 px.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ui/document_find.h"
#include "ui/text_layout.h"

using gongkai::ui::breakLines;
using gongkai::ui::TextLine;

namespace {

float advance(char32_t c) { return c < 0x80 ? 15.0f : 30.0f; }

std::vector<std::string> lines(const std::string& text, float width, float indent = 0) {
    std::vector<std::string> out;
    for (const TextLine& l : breakLines(text, width, advance, indent)) out.push_back(text.substr(l.begin, l.end - l.begin));
    return out;
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("text layout: Chinese text breaks between any two characters", "[ui][layout]") {
    auto out = lines("一二三四五六七八九十", 120);  // four characters a line
    REQUIRE(out.size() == 3);
    CHECK(out[0] == "一二三四");
    CHECK(out[1] == "五六七八");
    CHECK(out[2] == "九十");
}

TEST_CASE("text layout: closing punctuation never starts a line", "[ui][layout]") {
    auto mark = GENERATE(as<std::string>{}, "，", "。", "、", "；", "：", "？", "！", "”", "）", "》", "」", "』", "〕", "】");
    CAPTURE(mark);
    // Four characters fill the line exactly; the mark would start line two.
    auto out = lines("一二三四" + mark + "五六", 120);
    REQUIRE(out.size() >= 2);
    for (std::size_t i = 1; i < out.size(); ++i) CHECK_FALSE(startsWith(out[i], mark));
    CHECK(out[1] == "四" + mark + "五六");  // the last character moves down with its mark
}

TEST_CASE("text layout: opening brackets never end a line", "[ui][layout]") {
    auto mark = GENERATE(as<std::string>{}, "“", "（", "《", "「", "『", "〔", "【");
    CAPTURE(mark);
    auto out = lines("一二三" + mark + "四五六", 120);
    REQUIRE(out.size() == 2);
    CHECK_FALSE(endsWith(out[0], mark));
    CHECK(out[0] == "一二三");
    CHECK(out[1] == mark + "四五六");
}

TEST_CASE("text layout: a document number keeps its brackets with their neighbours", "[ui][layout]") {
    auto out = lines("根据清政办〔2020〕10号文件", 240);
    for (const auto& l : out) {
        CHECK_FALSE(endsWith(l, "〔"));
        CHECK_FALSE(startsWith(l, "〕"));
    }
}

TEST_CASE("text layout: Latin words and numbers break at spaces only", "[ui][layout]") {
    auto out = lines("total 2024 budget", 150);  // 10 ASCII characters a line
    REQUIRE(out.size() == 2);
    CHECK(out[0] == "total 2024");
    CHECK(out[1] == "budget");
    auto num = lines("共计123456元", 120);
    for (const auto& l : num) CHECK((l.find("123456") != std::string::npos || l.find('1') == std::string::npos));
}

TEST_CASE("text layout: a word wider than the line is split, never lost", "[ui][layout]") {
    std::string word(30, 'a');
    auto out = lines(word, 150);
    std::string joined;
    for (const auto& l : out) {
        CHECK(l.size() <= 10);
        joined += l;
    }
    CHECK(joined == word);
}

TEST_CASE("text layout: first-line indent and newlines", "[ui][layout]") {
    auto out = lines("一二三四五六", 120, 60);  // indent of two characters
    REQUIRE(out.size() == 2);
    CHECK(out[0] == "一二");
    CHECK(out[1] == "三四五六");
    auto para = lines("一二\n三四", 300);
    REQUIRE(para.size() == 2);
    CHECK(para[0] == "一二");
    CHECK(para[1] == "三四");
}

TEST_CASE("text layout: every line fits unless one unit cannot", "[ui][layout]") {
    std::string text = "为提高政府采购透明度，保障供应商和社会公众的知情权和监督权，根据《中华人民共和国政府采购法》"
                       "等有关规定，结合我县实际，现就有关事项通知如下：";
    for (float width : {90.0f, 200.0f, 333.0f, 900.0f}) {
        auto ls = breakLines(text, width, advance);
        std::string joined;
        for (const TextLine& l : ls) {
            CHECK(l.width <= width + 60.0f);  // at most one glued mark past the edge... never more
            joined += text.substr(l.begin, l.end - l.begin);
        }
        CHECK(joined == text);
    }
}

TEST_CASE("tables: numbers are recognised for right alignment, dates and words are not", "[ui][layout]") {
    using gongkai::ui::looksNumeric;
    CHECK(looksNumeric("48,266"));
    CHECK(looksNumeric("101.2%"));
    CHECK(looksNumeric("-3.5"));
    CHECK_FALSE(looksNumeric("2026-07-05"));
    CHECK_FALSE(looksNumeric("教育支出"));
    CHECK_FALSE(looksNumeric(""));
    CHECK_FALSE(looksNumeric("12号"));
}

TEST_CASE("find in document: every match in headings and paragraphs, in reading order", "[ui][layout]") {
    using gongkai::Block;
    std::vector<Block> blocks = {
        {Block::Kind::Heading, "第一章　灯塔", {}, {}},
        {Block::Kind::Table, "", {{"灯塔", "1"}}, {}},  // tables are not searched
        {Block::Kind::Paragraph, "灯塔和灯塔之间，有一座Ｌamp 与 lamp。", {}, {}},
    };
    auto m = gongkai::ui::findInBlocks(blocks, "灯塔");
    REQUIRE(m.size() == 3);
    CHECK(m[0].block == 0);
    CHECK(blocks[0].text.substr(m[0].begin, m[0].end - m[0].begin) == "灯塔");
    CHECK(m[1].block == 2);
    CHECK(m[1].begin == 0);
    CHECK(m[2].begin == std::string("灯塔和").size());
    SECTION("Latin letters match regardless of case and width") {
        auto lamp = gongkai::ui::findInBlocks(blocks, "LAMP");
        REQUIRE(lamp.size() == 2);
        CHECK(blocks[2].text.substr(lamp[0].begin, lamp[0].end - lamp[0].begin) == "Ｌamp");
    }
    SECTION("letters find Chinese text by its pinyin, full or initials") {
        std::vector<Block> law = {{Block::Kind::Paragraph, "收集、调取证据的，依法保全证据。", {}, {}}};
        auto full = gongkai::ui::findInBlocks(law, "zhengju");
        REQUIRE(full.size() == 2);
        CHECK(law[0].text.substr(full[0].begin, full[0].end - full[0].begin) == "证据");
        auto initials = gongkai::ui::findInBlocks(law, "zj");
        REQUIRE(initials.size() == 2);
        CHECK(initials[1].begin == full[1].begin);
        CHECK(gongkai::ui::findInBlocks(law, "xyz").empty());
    }
    SECTION("nothing to look for finds nothing") {
        CHECK(gongkai::ui::findInBlocks(blocks, "  ").empty());
        CHECK(gongkai::ui::findInBlocks(blocks, "海").empty());
    }
}
