// Damage tracking (kiosk/platform/damage.h) on frames drawn by a real Dear
// ImGui context with no window: the draw data is what the kiosk's renderer
// compares, so the damage found here is the damage the kiosk redraws.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <string>

#include <imgui.h>

#include "platform/damage.h"

using gongkai::platform::computeDamage;
using gongkai::platform::Damage;
using gongkai::platform::describeFrame;
using gongkai::platform::FrameGeometry;
using gongkai::platform::kTile;
using gongkai::platform::PixelRect;
using gongkai::platform::TextureVersions;
using gongkai::platform::WhitePixel;

namespace {

constexpr int kWidth = 1920, kHeight = 1080;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize;

// An ImGui context with the built-in font, drawing frames without a window.
class Headless {
public:
    Headless() : m_ctx(ImGui::CreateContext()) {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(kWidth, kHeight);
        io.DeltaTime = 1.0f / 60;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(std::intptr_t{1}));
        white = {1, io.Fonts->TexUvWhitePixel.x, io.Fonts->TexUvWhitePixel.y};
    }
    ~Headless() { ImGui::DestroyContext(m_ctx); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    // Draws a frame and describes it; a few frames first so windows settle
    // (ImGui sizes and places a window over its first frames).
    FrameGeometry frame(const std::function<void()>& draw, int warmUp = 0) {
        for (int i = 0; i <= warmUp; ++i) {
            ImGui::NewFrame();
            draw();
            ImGui::Render();
        }
        return describeFrame(*ImGui::GetDrawData(), kWidth, kHeight, versions, white);
    }
    TextureVersions versions;
    WhitePixel white;

private:
    ImGuiContext* m_ctx;
};

PixelRect itemRect() {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return {int(a.x), int(a.y), int(b.x) + 1, int(b.y) + 1};
}

PixelRect grown(const PixelRect& r, int by) {
    return {r.x0 - by, r.y0 - by, r.x1 + by, r.y1 + by};
}

bool damaged(const Damage& d, const PixelRect& r) {
    if (d.full) return true;
    for (const auto& x : d.rects)
        if (x.intersects(r)) return true;
    return false;
}

// Every pixel of `r` is inside some damage rectangle.
bool covers(const Damage& d, const PixelRect& r) {
    if (d.full) return true;
    for (int y = r.y0; y < r.y1; ++y)
        for (int x = r.x0; x < r.x1; ++x) {
            bool in = false;
            for (const auto& q : d.rects) in = in || (x >= q.x0 && x < q.x1 && y >= q.y0 && y < q.y1);
            if (!in) return false;
        }
    return true;
}

// A window of three buttons far apart; `hot` draws the middle one in another colour.
struct Buttons {
    bool hot = false;
    ImVec2 at{100, 100};
    PixelRect rects[3];
    PixelRect window;
    void operator()() {
        ImGui::SetNextWindowPos(at);
        ImGui::SetNextWindowSize(ImVec2(900, 600));
        ImGui::Begin("buttons", nullptr, kFixed);
        for (int i = 0; i < 3; ++i) {
            ImGui::SetCursorPos(ImVec2(40.0f + 300.0f * float(i), 200));
            if (i == 1 && hot) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.9f, 0.2f, 0.1f, 1));
            ImGui::Button(i == 0 ? "first" : i == 1 ? "second" : "third", ImVec2(180, 90));
            if (i == 1 && hot) ImGui::PopStyleColor();
            rects[i] = itemRect();
        }
        ImVec2 p = ImGui::GetWindowPos(), s = ImGui::GetWindowSize();
        window = {int(p.x), int(p.y), int(p.x + s.x), int(p.y + s.y)};
        ImGui::End();
    }
};

// A result list as the kiosk draws it (ui/chrome.h's scroll region): its
// clip rectangle, a backdrop beginning a command, rows at `offset`; and a
// badge drawn over it when `overlay`.
struct List {
    float offset = 0, pitch = 90.5f;
    bool backdrop = true, overlay = false;
    PixelRect region{200, 150, 1400, 850};
    PixelRect badge{1200, 400, 1350, 460};
    void operator()() const {
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(kWidth, kHeight), IM_COL32(234, 242, 245, 255));
        dl->PushClipRect(ImVec2(float(region.x0), float(region.y0)), ImVec2(float(region.x1), float(region.y1)), true);
        if (backdrop) {
            dl->AddDrawCmd();
            dl->AddRectFilled(ImVec2(float(region.x0), float(region.y0)), ImVec2(float(region.x1), float(region.y1)),
                              IM_COL32(234, 242, 245, 255));
        }
        for (int i = 0; i < 40; ++i) {
            float y = float(region.y0) + float(i) * pitch - offset;
            if (y > float(region.y1) || y + 80 < float(region.y0)) continue;
            ImVec2 a(float(region.x0) + 10, y), b(float(region.x1) - 10, y + 80);
            dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 255), 10);
            dl->AddRect(a, b, IM_COL32(180, 170, 150, 255), 10, 0, 2);
            static const char* const kWords[] = {"pension", "housing", "school", "permit", "tax", "clinic", "road"};
            std::string text = "notice " + std::to_string(i * 7919 % 1000) + " on " + kWords[i % 7] + " and " +
                               kWords[(i * 3 + 1) % 7] + ", issued " + std::to_string(2000 + i);
            dl->AddText(ImVec2(a.x + 20, y + 30), IM_COL32(20, 20, 20, 255), text.c_str());
        }
        dl->PopClipRect();
        if (overlay)
            dl->AddRectFilled(ImVec2(float(badge.x0), float(badge.y0)), ImVec2(float(badge.x1), float(badge.y1)),
                              IM_COL32(160, 30, 30, 255), 8);
    }
};

PixelRect moved(const PixelRect& r, int dy) { return {r.x0, r.y0 - dy, r.x1, r.y1 - dy}; }

// The damage of `list` scrolled from `from` to `to`.
Damage scrolled(Headless& ui, List& list, float from, float to) {
    list.offset = from;
    FrameGeometry a = ui.frame(std::cref(list), 1);
    list.offset = to;
    return computeDamage(a, ui.frame(std::cref(list)));
}

}  // namespace

TEST_CASE("damage: a list scrolled by whole pixels is copied, and only the rows scrolled into view are redrawn",
          "[damage]") {
    Headless ui;
    List list;
    for (int dy : {37, -37, 1, 300}) {
        INFO("moved by " << dy);
        float from = dy < 0 ? 400 : 0;
        Damage d = scrolled(ui, list, from, from + float(dy));
        REQUIRE(!d.full);
        REQUIRE(d.scroll);
        CHECK(d.scroll->region == list.region);
        CHECK(d.scroll->dy == dy);
        CHECK(d.scroll->copied() == list.region.intersection(moved(list.region, dy)));
        // The strip scrolled into view is redrawn; for small moves little
        // else is (some rows' rounded corners: their float arithmetic rounds
        // differently at another height, damage.cpp).
        PixelRect strip = dy > 0 ? PixelRect{list.region.x0, list.region.y1 - dy, list.region.x1, list.region.y1}
                                 : PixelRect{list.region.x0, list.region.y0, list.region.x1, list.region.y0 - dy};
        CHECK(covers(d, strip));
        if (std::abs(dy) < 100) CHECK(d.pixels() <= strip.area() + list.region.area() / 4);
    }
}

TEST_CASE("damage: a list with no backdrop is redrawn and not copied, and one moved by part of a pixel is redrawn",
          "[damage]") {
    Headless ui;
    List list;
    list.backdrop = false;
    Damage d = scrolled(ui, list, 0, 40);
    CHECK(!d.scroll);
    CHECK(covers(d, list.region));  // the page behind it could show through anywhere

    // The rows' shapes moved by part of a pixel match nothing: redrawn. (Their
    // text, which Dear ImGui puts on whole pixels, may still be copied.)
    list.backdrop = true;
    list.pitch = 91;
    CHECK(covers(scrolled(ui, list, 0, 40.5f), list.region));
}

TEST_CASE("damage: what is drawn over a scrolled list is redrawn where it is and where the copy took it",
          "[damage]") {
    Headless ui;
    List list;
    list.overlay = true;
    Damage d = scrolled(ui, list, 0, 50);
    REQUIRE(d.scroll);
    REQUIRE(d.scroll->dy == 50);
    CHECK(covers(d, list.badge));             // copied pixels landed under it
    CHECK(covers(d, moved(list.badge, 50)));  // and its own were copied here
}

TEST_CASE("damage: an unchanged frame damages nothing", "[damage]") {
    Headless ui;
    Buttons scene;
    FrameGeometry a = ui.frame(std::ref(scene), 2), b = ui.frame(std::ref(scene));
    REQUIRE(!a.chunks.empty());
    Damage d = computeDamage(a, b);
    CHECK(!d.full);
    CHECK(d.rects.empty());
    CHECK(d.pixels() == 0);
}

TEST_CASE("damage: a button that changes colour damages its own rectangle and not the rest", "[damage]") {
    Headless ui;
    Buttons scene;
    FrameGeometry before = ui.frame(std::ref(scene), 2);
    scene.hot = true;
    FrameGeometry after = ui.frame(std::ref(scene));
    Damage d = computeDamage(before, after);
    INFO("damaged pixels " << d.pixels());
    REQUIRE(!d.full);
    CHECK(covers(d, scene.rects[1]));
    CHECK(!damaged(d, scene.rects[0]));
    CHECK(!damaged(d, scene.rects[2]));
    for (const auto& r : d.rects) {  // nothing beyond the button, bar rounding out to tiles
        CHECK(grown(scene.rects[1], kTile + 2).intersection(r) == r);
        CHECK(r.x0 % kTile == 0);
        CHECK(r.y0 % kTile == 0);
    }
    // And back: the same rectangle again.
    scene.hot = false;
    Damage back = computeDamage(after, ui.frame(std::ref(scene)));
    CHECK(back.rects == d.rects);
}

TEST_CASE("damage: a moved window damages where it was and where it is", "[damage]") {
    Headless ui;
    Buttons scene;
    FrameGeometry before = ui.frame(std::ref(scene), 2);
    PixelRect was = scene.window;
    scene.at = ImVec2(1000, 420);
    FrameGeometry after = ui.frame(std::ref(scene), 1);
    PixelRect is = scene.window;
    REQUIRE(!was.intersects(is));
    Damage d = computeDamage(before, after);
    REQUIRE(!d.full);
    CHECK(covers(d, was));
    CHECK(covers(d, is));
    CHECK(!damaged(d, {1500, 40, 1900, 380}));  // the top right corner: neither place
    CHECK(!damaged(d, {20, 760, 900, 1060}));   // nor the bottom left
}

TEST_CASE("damage: text typed at the end of a line damages the end, not the start", "[damage]") {
    Headless ui;
    std::string text = "The quick brown fox jumps over the lazy dog and keeps running";
    float startRight = 0;
    auto scene = [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
        ImGui::Begin("text", nullptr, kFixed);
        ImGui::SetWindowFontScale(3.0f);
        ImGui::SetCursorPos(ImVec2(50, 300));
        ImGui::TextUnformatted(text.c_str());
        startRight = 50 + ImGui::CalcTextSize("The quick brown fox").x;
        ImGui::End();
    };
    FrameGeometry before = ui.frame(scene, 2);
    text += "!";
    Damage d = computeDamage(before, ui.frame(scene));
    REQUIRE(!d.full);
    REQUIRE(!d.rects.empty());
    CHECK(!damaged(d, {50, 290, int(startRight), 360}));  // the text's start stays
    CHECK(d.pixels() < 400LL * 200);
}

TEST_CASE("damage: windows drawn over each other in a new order damage their overlap", "[damage]") {
    Headless ui;
    bool swap = false;
    auto scene = [&] {
        const char* names[2] = {"under", "over"};
        for (int i = 0; i < 2; ++i) {
            ImGui::SetNextWindowPos(ImVec2(200.0f + 300.0f * float(i), 200.0f + 200.0f * float(i)));
            ImGui::SetNextWindowSize(ImVec2(500, 400));
            ImGui::Begin(names[i], nullptr, kFixed);
            ImGui::Text("%s", names[i]);
            ImGui::End();
        }
        ImGui::SetWindowFocus(swap ? "under" : "over");  // the focused window is drawn last
    };
    FrameGeometry before = ui.frame(scene, 2);
    swap = true;
    ui.frame(scene);  // the focus change takes effect on the next frame
    FrameGeometry after = ui.frame(scene);
    Damage d = computeDamage(before, after);
    REQUIRE(!d.full);
    CHECK(covers(d, {500, 400, 700, 600}));       // where the two overlap
    CHECK(!damaged(d, {1300, 700, 1900, 1060}));  // far from both
}

TEST_CASE("damage: new contents under the same texture name damage where it is drawn", "[damage]") {
    Headless ui;
    auto picture = reinterpret_cast<ImTextureID>(std::intptr_t{7});
    auto scene = [&] {
        ImGui::GetBackgroundDrawList()->AddImage(picture, ImVec2(300, 300), ImVec2(500, 420));
        ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(1200, 700), ImVec2(1400, 900),
                                                      IM_COL32(0, 90, 200, 255));
    };
    ui.versions.bump(7);
    FrameGeometry before = ui.frame(scene, 1);
    CHECK(computeDamage(before, ui.frame(scene)).rects.empty());
    ui.versions.bump(7);  // GL gave the name to a new picture
    Damage d = computeDamage(before, ui.frame(scene));
    REQUIRE(!d.full);
    CHECK(covers(d, {300, 300, 500, 420}));
    CHECK(!damaged(d, {1200, 700, 1400, 900}));
}

TEST_CASE("damage: a new frame size or damage over most of the frame means a full redraw", "[damage]") {
    Headless ui;
    float grey = 0.2f;
    auto scene = [&] {
        ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(kWidth, kHeight - 100),
                                                      ImGui::GetColorU32(ImVec4(grey, grey, grey, 1)));
    };
    FrameGeometry a = ui.frame(scene, 1);
    grey = 0.3f;
    FrameGeometry b = ui.frame(scene);
    CHECK(computeDamage(a, b).full);
    CHECK(!computeDamage(a, b, 0.95).full);  // 91% of the frame: under this threshold
    FrameGeometry smaller = a;
    smaller.width = 1080;
    CHECK(computeDamage(smaller, a).full);
    CHECK(computeDamage(FrameGeometry{}, a).full);  // the first frame
}

TEST_CASE("damage: rectangles stay few, disjoint and inside the frame however scattered the changes",
          "[damage]") {
    Headless ui;
    int shift = 0;
    auto scene = [&] {
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        for (int i = 0; i < 60; ++i) {  // small squares all over, every other one moving
            float x = float((i * 337) % (kWidth - 40)), y = float((i * 211) % (kHeight - 40));
            float dx = i % 2 ? float(shift) : 0.0f;
            dl->AddRectFilled(ImVec2(x + dx, y), ImVec2(x + dx + 12, y + 12), IM_COL32(200, 30, 30, 255));
        }
    };
    FrameGeometry a = ui.frame(scene, 1);
    shift = 3;
    Damage d = computeDamage(a, ui.frame(scene), 1.0);
    REQUIRE(!d.full);
    CHECK(!d.rects.empty());
    CHECK(d.rects.size() <= 16);
    for (std::size_t i = 0; i < d.rects.size(); ++i) {
        CHECK(d.rects[i].intersection({0, 0, kWidth, kHeight}) == d.rects[i]);
        for (std::size_t j = i + 1; j < d.rects.size(); ++j) CHECK(!d.rects[i].intersects(d.rects[j]));
    }
}
