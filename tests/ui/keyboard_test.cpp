// Pure logic behind search typing, without a window: the on-screen
// keyboard's layout and hit targets, text editing by keys, the popular-search
// counts (normalising, privacy, merging, the atomic file) and the script's
// typing commands.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "support/temp_dir.h"
#include "ui/keyboard.h"
#include "ui/popular.h"
#include "ui/script.h"
#include "ui/script_player.h"

using gongkai::platform::KeyEvent;
using namespace gongkai::ui;

namespace {

struct Band {
    float w, h, minKey;
};

}  // namespace

TEST_CASE("keyboard: every key is at least the minimum size and no two keys overlap", "[ui][keyboard]") {
    // The bands the search screen gives the keyboard: landscape 1920x1080 and
    // 1366x768 (beside the results), portrait 1080x1920 (full width), elder mode.
    auto band = GENERATE(Band{1030, 654, 64}, Band{856, 358, 64}, Band{1032, 560, 64}, Band{1032, 560, 80},
                         Band{1048, 600, 80});
    CAPTURE(band.w, band.h, band.minKey);
    auto kb = layoutKeyboard(10, 20, band.w, band.h, band.minKey, 8);
    CHECK(kb.width <= band.w + 0.5f);
    std::set<std::string> names;
    for (std::size_t i = 0; i < kb.keys.size(); ++i) {
        const Key& k = kb.keys[i];
        CAPTURE(k.name);
        CHECK(k.box.w >= band.minKey - 0.01f);
        CHECK(k.box.h >= band.minKey - 0.01f);
        CHECK(k.box.x >= 10);
        CHECK(k.box.x + k.box.w <= 10 + band.w + 0.5f);
        names.insert(k.name);
        for (std::size_t j = i + 1; j < kb.keys.size(); ++j) {
            const KeyBox& o = kb.keys[j].box;
            bool apart = k.box.x + k.box.w <= o.x || o.x + o.w <= k.box.x || k.box.y + k.box.h <= o.y ||
                         o.y + o.h <= k.box.y;
            CHECK(apart);
        }
    }
    CHECK(names.size() == kb.keys.size());
    for (const char* need : {"a", "z", "0", "9", "〔", "〕", "[", "]", "(", ")", "号", "-", "space", "backspace", "clear",
                             "hide"})
        CHECK(names.count(need) == 1);
}

TEST_CASE("keyboard: the minimum band holds keys of the minimum size at 60 and 80 px", "[ui][keyboard]") {
    for (float minKey : {60.0f, 80.0f}) {
        float w = keyboardMinWidth(minKey, 8), h = keyboardMinHeight(minKey, 8);
        auto kb = layoutKeyboard(0, 0, w, h, minKey, 8);
        for (const Key& k : kb.keys) {
            CHECK(k.box.w >= minKey - 0.01f);
            CHECK(k.box.h >= minKey - 0.01f);
        }
        CHECK(kb.height <= h + 0.01f);
    }
}

TEST_CASE("keyboard: a tap finds its key, and a tap in a gap goes to the nearer key", "[ui][keyboard]") {
    auto kb = layoutKeyboard(0, 0, 1030, 654, 64, 8);
    for (const Key& k : kb.keys) {
        const Key* hit = keyAt(kb, k.box.x + k.box.w / 2, k.box.y + k.box.h / 2, 8);
        REQUIRE(hit);
        CHECK(hit->name == k.name);
    }
    const Key& q = *std::find_if(kb.keys.begin(), kb.keys.end(), [](const Key& k) { return k.name == "q"; });
    const Key* gapHit = keyAt(kb, q.box.x + q.box.w + 2, q.box.y + 10, 8);  // 2 px right of q, 6 px from w
    REQUIRE(gapHit);
    CHECK(gapHit->name == "q");
    CHECK(keyAt(kb, -50, -50, 8) == nullptr);
}

TEST_CASE("keyboard: keys edit the text by whole characters", "[ui][keyboard]") {
    std::string text;
    for (char32_t c : std::u32string(U"qz〔2020〕10号")) CHECK(applyKey(text, {KeyEvent::Type::Char, c}));
    CHECK(text == "qz〔2020〕10号");
    CHECK(applyKey(text, {KeyEvent::Type::Backspace, 0}));
    CHECK(text == "qz〔2020〕10");
    CHECK(characterCount(text) == 10);
    CHECK_FALSE(applyKey(text, {KeyEvent::Type::Enter, 0}));
    CHECK_FALSE(applyKey(text, {KeyEvent::Type::Char, U'\x07'}));  // control characters are not text
    CHECK(applyKey(text, {KeyEvent::Type::Clear, 0}));
    CHECK(text.empty());
    CHECK_FALSE(applyKey(text, {KeyEvent::Type::Backspace, 0}));
    CHECK_FALSE(applyKey(text, {KeyEvent::Type::Char, U' '}));  // no leading space
    std::string full(40, 'a');
    CHECK_FALSE(applyKey(full, {KeyEvent::Type::Char, U'b'}, 40));
}

TEST_CASE("popular searches: texts are counted in one normal form, personal-looking ones never", "[ui][popular]") {
    CHECK(PopularSearches::normalize("  DiBao  ") == "dibao");
    CHECK(PopularSearches::normalize("养老\u3000 保险") == "养老 保险");
    CHECK(PopularSearches::normalize("13812345678").empty());         // a phone number
    CHECK(PopularSearches::normalize("41012319800101123X").empty());  // an ID card number
    CHECK(PopularSearches::normalize("清政办〔2020〕10号") == "清政办〔2020〕10号");
    CHECK(PopularSearches::normalize(std::string(30, 'a')).empty());
    PopularSearches p;
    CHECK(p.count("DiBao"));
    CHECK(p.count("dibao "));
    CHECK_FALSE(p.count("13812345678"));
    CHECK(p.countOf("dibao") == 2);
    CHECK(p.counts().size() == 1);
}

TEST_CASE("popular searches: counted texts come first, most counted first, then the configured list", "[ui][popular]") {
    PopularSearches p;
    for (int i = 0; i < 3; ++i) p.count("hj");
    for (int i = 0; i < 5; ++i) p.count("医保");
    p.count("once");  // below kMinCount: not shown
    auto m = p.merged({"低保", "医保", "户籍"}, 4);
    REQUIRE(m.size() == 4);
    CHECK(m[0] == "医保");
    CHECK(m[1] == "hj");
    CHECK(m[2] == "低保");
    CHECK(m[3] == "户籍");  // 医保 is not repeated
    CHECK(p.merged({"低保"}, 1) == std::vector<std::string>{"医保"});
}

TEST_CASE("popular searches: the counts file round-trips and is replaced atomically", "[ui][popular]") {
    gongkai::test::TempDir dir;
    std::string path = dir.file("popular-searches.json");
    PopularSearches p;
    REQUIRE(p.load(path));  // missing: an empty start
    p.count("dibao");
    p.count("dibao");
    REQUIRE(p.save());
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
    PopularSearches again;
    REQUIRE(again.load(path));
    CHECK(again.countOf("dibao") == 2);
    // A save never leaves a partial file: the old content stays until rename.
    // Simulate a writer that died after writing the temporary file.
    gongkai::test::writeFile(path + ".tmp", "{\"counts\": {\"half");
    PopularSearches third;
    REQUIRE(third.load(path));
    CHECK(third.countOf("dibao") == 2);
    third.count("hj");
    REQUIRE(third.save());
    CHECK(gongkai::test::readFile(path).find("\"hj\"") != std::string::npos);
    gongkai::test::writeFile(path, "not json");
    PopularSearches broken;
    CHECK_FALSE(broken.load(path));
    CHECK(broken.counts().empty());
}

TEST_CASE("popular searches: a full table forgets the least counted, never the one being counted", "[ui][popular]") {
    PopularSearches p;
    p.count("keep");
    p.count("keep");
    for (std::size_t i = 0; i < PopularSearches::kMaxEntries + 5; ++i) p.count("q" + std::to_string(i));
    CHECK(p.counts().size() == PopularSearches::kMaxEntries);
    CHECK(p.countOf("keep") == 2);
    CHECK(p.countOf("q" + std::to_string(PopularSearches::kMaxEntries + 4)) == 1);
}

TEST_CASE("script: type, key and dump parse, and typing plays one key a frame", "[ui][input]") {
    auto s = parseScript("type dibao 2\nkey backspace\ndump /tmp/x.json\n");
    REQUIRE(s);
    REQUIRE(s.value().size() == 3);
    CHECK(s.value()[0].kind == ScriptCommand::Kind::Type);
    CHECK(s.value()[0].path == "dibao 2");
    CHECK(s.value()[1].kind == ScriptCommand::Kind::Key);
    CHECK(s.value()[2].kind == ScriptCommand::Kind::Dump);
    CHECK_FALSE(parseScript("key escape\n"));
    CHECK_FALSE(parseScript("type\n"));
    CHECK_FALSE(parseScript("dump\n"));

    ScriptPlayer player(parseScript("type 低保a\nkey backspace\ndump out.json\n").value());
    std::u32string typed;
    int backspaces = 0, frames = 0;
    bool dumped = false;
    for (double t = 0; frames < 50 && player.active(); t += 0.016, ++frames) {
        auto step = player.advance(t, true);
        CHECK(step.keys.size() <= 1);
        for (const auto& k : step.keys) {
            if (k.type == KeyEvent::Type::Char) typed += k.ch;
            if (k.type == KeyEvent::Type::Backspace) ++backspaces;
        }
        dumped = dumped || (step.dump && *step.dump == "out.json");
    }
    CHECK(typed == U"低保a");
    CHECK(backspaces == 1);
    CHECK(dumped);
}
