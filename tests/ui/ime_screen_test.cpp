// The keyboard's 拼音 mode in the real kiosk under Xvfb on the demo county's
// mirror: pinyin typed by the script composes above a candidate bar, a
// tapped candidate goes into the search field (and the search runs), the
// rest of the letters stay, paging, the three screen shapes, elder sizes,
// and the idle reset forgetting the mode and the half-typed pinyin.
// Candidates are named tap targets ("ime:cand:医疗保险"), the pending pinyin
// is "ime:pinyin:<letters>", so the dump shows what the bar shows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/ime_lookup.h"
#include "ui/keyboard.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/state_dump.h"

using namespace gongkai::test;
using gongkai::ui::KeyboardMode;
using nlohmann::json;

namespace {

using Dump = StateDump;

Dump run(const TempDir& dir, int w, int h, const std::string& script, const std::string& extra = "") {
    return runAndDump(dir, w, h, script, extra);
}

void keep(const std::string& png) { keepScreenshot(png); }

// The taps that open the search screen from home, and those that then put
// the keyboard in 拼音 mode; found once per window size and flags (the
// layout does not change between runs).
struct Taps {
    std::string search, pinyin;
};

const Taps& taps(const TempDir& dir, int w, int h, const std::string& extra = "") {
    static std::map<std::string, Taps> known;
    std::string key = std::to_string(w) + "x" + std::to_string(h) + extra;
    auto it = known.find(key);
    if (it != known.end()) return it->second;
    Dump home = run(dir, w, h, "", extra);
    Taps t;
    t.search = home.tap("home:search");
    Dump search = run(dir, w, h, t.search, extra);
    CHECK(search.names("ime:").empty());  // letters mode first: no bar
    t.pinyin = t.search + search.tap("key:mode_pinyin");
    return known[key] = t;
}

std::string openPinyin(const TempDir& dir, int w, int h, const std::string& extra = "") {
    return taps(dir, w, h, extra).pinyin;
}

}  // namespace

TEST_CASE("keyboard: the mode keys name the other two modes, handwriting keeps only the bottom row", "[ui][keyboard]") {
    using namespace gongkai::ui;
    auto names = [](const KeyboardLayout& kb) {
        std::vector<std::string> out;
        for (const Key& k : kb.keys)
            if (k.action == KeyAction::Mode) out.push_back(k.name);
        return out;
    };
    KeyboardLayout letters = layoutKeyboard(0, 0, 1000, 500, 60, 8, KeyboardMode::Letters);
    KeyboardLayout pinyin = layoutKeyboard(0, 0, 1000, 500, 60, 8, KeyboardMode::Pinyin);
    KeyboardLayout hand = layoutKeyboard(0, 0, 1000, 500, 60, 8, KeyboardMode::Handwriting);
    CHECK(names(letters) == std::vector<std::string>{"mode_pinyin", "mode_handwriting"});
    CHECK(names(pinyin) == std::vector<std::string>{"mode_letters", "mode_handwriting"});
    CHECK(names(hand) == std::vector<std::string>{"mode_letters", "mode_pinyin"});
    CHECK(letters.keys.size() == pinyin.keys.size());
    CHECK(hand.keys.size() == 5);  // clear, two modes, backspace, hide
    CHECK(hand.height == letters.height);
    // The pad takes the four rows above the bottom one.
    CHECK(hand.padArea.y == 0);
    CHECK(hand.padArea.h == Approx(4 * hand.keyHeight + 3 * 8));
    for (const Key& k : hand.keys) CHECK(k.box.y >= hand.padArea.y + hand.padArea.h);
    const Key* m = keyAt(letters, letters.keys.back().box.x - 100, letters.keys.back().box.y + 10, 8);
    REQUIRE(m);
}

TEST_CASE("ime lookups: a newer question replaces an unanswered one, cancel forgets both", "[ui][keyboard]") {
    gongkai::ui::ImeLookups box;
    int notified = 0;
    box.attach([&] { ++notified; });
    auto first = box.ask("hu"), second = box.ask("huj");
    CHECK(notified == 2);
    CHECK(second > first);
    CHECK(box.busy());
    auto q = box.nextQuestion();
    REQUIRE(q);
    CHECK(q->id == second);
    CHECK(q->pinyin == "huj");
    CHECK_FALSE(box.nextQuestion());
    CHECK(box.busy());  // being served
    box.answer({q->id, q->pinyin, {{"户籍", 3, true}}, 1});
    CHECK_FALSE(box.busy());
    auto a = box.take();
    REQUIRE(a);
    CHECK(a->candidates.front().text == "户籍");
    CHECK_FALSE(box.take());
    box.ask("x");
    box.cancel();
    CHECK_FALSE(box.waiting());
    CHECK_FALSE(box.nextQuestion());
    box.detach();
}

TEST_CASE("ime: pinyin composes above the candidate bar, a tapped candidate is typed and searched", "[ui][ime]") {
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string open = openPinyin(dir, 1080, 1920);
    std::string png = dir.file("ime-bar.png");
    Dump typed = run(dir, 1080, 1920, open + "type yiliaobaoxian\nscreenshot " + png + "\n");
    CHECK(typed.target("ime:pinyin:yiliaobaoxian"));
    CHECK(typed.searchText().empty());  // nothing reaches the field while composing
    auto cands = typed.inReadingOrder("ime:cand:");
    REQUIRE_FALSE(cands.empty());
    CHECK(cands.front() == "医疗保险");
    CHECK(std::find(cands.begin(), cands.end(), "医疗") != cands.end());
    // The first candidate is drawn: a framed button with dark characters in it.
    const json* first = typed.target("ime:cand:医疗保险");
    REQUIRE(first);
    CHECK(first->at("h").get<float>() >= 60);
    Picture p = Picture::load(png);
    Box box{int(first->at("x").get<float>()), int(first->at("y").get<float>()),
            int(first->at("x").get<float>() + first->at("w").get<float>()),
            int(first->at("y").get<float>() + first->at("h").get<float>())};
    CHECK(p.darkFraction(box, 0.25) > 0.03);
    CHECK(p.fraction(box, t.tileAccent, 24) > 0.01);  // the first candidate's frame

    // The whole phrase: typed into the field, and searched.
    Dump done = run(dir, 1080, 1920, open + "type yiliaobaoxian\n" + typed.tap("ime:cand:医疗保险") + "wait 300\n");
    CHECK(done.searchText() == "医疗保险");
    CHECK(done.names("ime:pinyin:").empty());
    CHECK(done.j.at("search").at("total").get<int>() > 0);
    CHECK_FALSE(done.names("hit:").empty());
    // Part of it: the rest of the letters stay, and backspace edits them first.
    std::string part = open + "type yiliaobaoxian\n" + typed.tap("ime:cand:医疗");
    Dump rest = run(dir, 1080, 1920, part);
    CHECK(rest.searchText() == "医疗");
    CHECK(rest.target("ime:pinyin:baoxian"));
    REQUIRE_FALSE(rest.inReadingOrder("ime:cand:").empty());
    CHECK(rest.inReadingOrder("ime:cand:").front() == "保险");
    Dump edited = run(dir, 1080, 1920, part + "key backspace\n");
    CHECK(edited.target("ime:pinyin:baoxia"));
    CHECK(edited.searchText() == "医疗");
}

TEST_CASE("ime: the candidate bar pages forward and back", "[ui][ime]") {
    TempDir dir;
    std::string typed = openPinyin(dir, 1920, 1080) + "type ji\n";
    Dump first = run(dir, 1920, 1080, typed);
    auto page1 = first.inReadingOrder("ime:cand:");
    REQUIRE(page1.size() >= 3);
    Dump second = run(dir, 1920, 1080, typed + first.tap("ime:next"));
    auto page2 = second.inReadingOrder("ime:cand:");
    REQUIRE_FALSE(page2.empty());
    for (const auto& c : page2) CHECK(std::find(page1.begin(), page1.end(), c) == page1.end());
    Dump back = run(dir, 1920, 1080, typed + first.tap("ime:next") + second.tap("ime:prev"));
    CHECK(back.inReadingOrder("ime:cand:") == page1);
}

TEST_CASE("ime: the bar and keys fit at 1080x1920, 1920x1080 and 1366x768, and in elder mode", "[ui][ime]") {
    struct Size {
        int w, h;
        const char* name;
        bool elder;
    };
    auto size = GENERATE(Size{1080, 1920, "ime-portrait.png", false}, Size{1920, 1080, "ime-landscape.png", false},
                         Size{1366, 768, "ime-1366.png", false}, Size{1080, 1920, "ime-elder.png", true});
    CAPTURE(size.w, size.h, size.elder);
    TempDir dir;
    UiTheme t = loadUiTheme();
    std::string open = openPinyin(dir, size.w, size.h, size.elder ? "--elder" : "");
    std::string png = dir.file(size.name);
    Dump d = run(dir, size.w, size.h, open + "type zhaijidi\nscreenshot " + png + "\n", size.elder ? "--elder" : "");
    keep(png);
    float min = size.elder ? 80 : 60;
    auto cands = d.inReadingOrder("ime:cand:");
    REQUIRE_FALSE(cands.empty());
    CHECK(cands.front() == "宅基地");
    std::vector<std::string> targets = d.names("ime:cand:");
    for (const char* n : {"ime:prev", "ime:next"}) targets.push_back(n);
    for (const auto& k : d.names("key:")) targets.push_back(k);
    CHECK(d.names("key:").size() >= 45);
    for (const auto& n : targets) {
        INFO(n);
        const json* r = d.target(n);
        CHECK(r->at("h").get<float>() >= min);
        CHECK(r->at("w").get<float>() >= min);
        CHECK(r->at("x").get<float>() + r->at("w").get<float>() <= size.w);
        CHECK(r->at("y").get<float>() + r->at("h").get<float>() <= size.h - t.navHeight);
    }
    // The pending letters are above the bar (or, on a short band, at its
    // left end), the bar above the keys.
    const json* pending = d.target("ime:pinyin:zhaijidi");
    REQUIRE(pending);
    const json* first = d.target("ime:cand:宅基地");
    float barY = first->at("y").get<float>();
    bool above = pending->at("y").get<float>() + pending->at("h").get<float>() <= barY;
    bool before = pending->at("x").get<float>() + pending->at("w").get<float>() <= first->at("x").get<float>();
    CHECK((above || before));
    CHECK(barY + min <= d.target("key:q")->at("y").get<float>());
}

TEST_CASE("ime: one tap reaches each mode, handwriting gives the letter rows to the pad", "[ui][ime]") {
    TempDir dir;
    std::string open = taps(dir, 1080, 1920).search;
    Dump letters = run(dir, 1080, 1920, open);
    CHECK(letters.target("key:mode_pinyin"));
    CHECK(letters.target("key:mode_handwriting"));
    CHECK(letters.target("key:a"));
    Dump hand = run(dir, 1080, 1920, open + letters.tap("key:mode_handwriting"));
    CHECK(hand.target("key:mode_letters"));
    CHECK(hand.target("key:mode_pinyin"));
    CHECK_FALSE(hand.target("key:a"));
    CHECK(hand.target("key:backspace"));
    CHECK(hand.target("hw:box"));  // the writing pad where the letter rows were
    Dump back = run(dir, 1080, 1920, open + letters.tap("key:mode_handwriting") + hand.tap("key:mode_letters"));
    CHECK(back.target("key:a"));
    CHECK(back.target("key:mode_pinyin"));
    CHECK_FALSE(back.target("hw:box"));
}

TEST_CASE("ime: the idle reset forgets the mode and the half-typed pinyin", "[ui][ime]") {
    TempDir dir;
    const std::string idle = "--idle-reset 1 --idle-countdown 1";
    const Taps& t = taps(dir, 1080, 1920);  // the same places with idle flags
    Dump typed = run(dir, 1080, 1920, t.pinyin + "type huj\n", idle);
    CHECK(typed.target("ime:pinyin:huj"));
    CHECK(typed.j.at("ime").at("mode") == "pinyin");
    CHECK(typed.j.at("ime").at("pinyin") == "huj");
    // Reset to home (nothing touched for 2 s), then the search again.
    Dump again = run(dir, 1080, 1920, t.pinyin + "type huj\nwait 3500\n" + t.search, idle);
    CHECK(again.j.at("system").at("idle").at("resets") == 1);
    CHECK(again.j.at("route") == "search");
    CHECK(again.names("ime:").empty());       // no bar, nothing pending
    CHECK(again.target("key:mode_pinyin"));  // letters mode again
    CHECK(again.target("key:a"));
    CHECK(again.searchText().empty());
    CHECK(again.j.at("ime").at("mode") == "letters");
    CHECK(again.j.at("ime").at("pinyin") == "");
    CHECK(again.j.at("ime").at("candidates").empty());
}
