// The service-guide checklist and the printer test page on 58 and 80 mm
// paper: rendered, encoded as ESC/POS and parsed back by the tests' own
// reader; the QR read by zbar; the tick boxes found in the bitmap, one per
// material, with the materials' wrapped lines indented past them; nothing
// outside the paper; the test page's frame on the paper's edge columns.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/print_guide.h"
#include "print/escpos_stream.h"
#include "print/page_probe.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

PagePrintOptions optionsFor(int paperMm) {
    PagePrintOptions o;
    o.county = "示范县人民政府";
    o.paperDots = paperDots(paperMm).value();
    o.now = std::chrono::system_clock::from_time_t(1795000000);
    return o;
}

// No ink within 6 dots of either side: the text stays on the paper.
void checkInsideMargins(const Bitmap& bm) {
    CHECK(inkInColumns(bm, 0, 6) == 0);
    CHECK(inkInColumns(bm, bm.width - 6, bm.width) == 0);
}

ServiceGuide longMaterialsGuide() {
    ServiceGuide g;
    g.id = "g-long";
    g.name = "城乡居民基本养老保险待遇领取资格认证及个人账户一次性支付申请";
    g.agency = "县人力资源和社会保障局";
    g.place = "县政务服务中心二楼社会保障综合窗口（东门进入，乘电梯至二楼右转第三个窗口）";
    g.materials = {
        "居民身份证",
        "户口簿首页及本人页复印件（复印件须清晰完整，并由申请人在复印件空白处签名确认“与原件一致”）",
        "近期免冠彩色照片两张",
        "由村（居）民委员会出具的、载明申请人共同生活的家庭成员、收入来源及财产状况的证明材料原件一份",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJ银行卡号",
        "委托他人代办的，还需提供委托书及受托人身份证件"};
    g.conditions = {
        "年满60周岁",
        "未领取国家规定的基本养老保障待遇，且已按规定缴纳城乡居民基本养老保险费满15年的本县户籍人员"};
    g.url = "https://www.shifan.gov.cn.example/bsfw/g-long.html";
    return g;
}

// Between the first box's top and the last box's bottom, the columns of the
// boxes carry ink only where a box is: every material's lines are indented.
void checkHangingIndent(const Bitmap& bm, const std::vector<FoundBox>& boxes) {
    REQUIRE_FALSE(boxes.empty());
    const int x = boxes.front().x, side = boxes.front().side;
    int strayRows = 0;
    for (int y = boxes.front().y; y < boxes.back().y + side; ++y) {
        const bool inBox = std::any_of(boxes.begin(), boxes.end(),
                                       [y](const FoundBox& b) { return y >= b.y && y < b.y + b.side; });
        if (!inBox && inkIn(bm, x, y, side, 1) > 0) ++strayRows;
    }
    CHECK(strayRows == 0);
}

}  // namespace

TEST_CASE(
    "print guide: the checklist at 58 and 80 mm parses back at the paper's width and its QR reads the "
    "guide's url",
    "[print][qr]") {
    GuideMirror m("g01");
    for (int mm : {58, 80}) {
        INFO(mm << " mm");
        auto page = renderGuideChecklist(m.guide, optionsFor(mm));
        REQUIRE(page);
        checkParsesBack(page->bitmap, mm);
        CHECK(page->qrModuleDots >= kMinPrintModuleDots);
        const std::vector<std::string> found = zbarDecode(greyOfBitmap(page->bitmap));
        REQUIRE(found.size() == 1);
        CHECK(found[0] == m.guide.url);
        checkInsideMargins(page->bitmap);
    }
}

TEST_CASE("print guide: one clearly drawn tick box per material, level with its text", "[print]") {
    GuideMirror demo("g01");
    for (const ServiceGuide& guide : {demo.guide, longMaterialsGuide()})
        for (int mm : {58, 80}) {
            INFO(guide.id << " at " << mm << " mm");
            auto page = renderGuideChecklist(guide, optionsFor(mm));
            REQUIRE(page);
            const Bitmap& bm = page->bitmap;
            const std::vector<FoundBox> boxes = findTickBoxes(bm, 40);
            REQUIRE(boxes.size() == guide.materials.size());
            for (const FoundBox& b : boxes) {
                CHECK(b.side >= 20);                                         // at least 2.5 mm: easy to tick
                CHECK(inkIn(bm, b.x + b.side, b.y, bm.width, b.side) > 50);  // its material beside it
            }
            checkHangingIndent(bm, boxes);
        }
}

TEST_CASE("print guide: long Chinese materials, conditions and places wrap inside the paper", "[print]") {
    const ServiceGuide guide = longMaterialsGuide();
    for (int mm : {58, 80}) {
        INFO(mm << " mm");
        auto page = renderGuideChecklist(guide, optionsFor(mm));
        REQUIRE(page);
        checkParsesBack(page->bitmap, mm);
        checkInsideMargins(page->bitmap);
        const std::vector<std::string> found = zbarDecode(greyOfBitmap(page->bitmap));
        REQUIRE(found.size() == 1);
        CHECK(found[0] == guide.url);
    }
}

TEST_CASE("print guide: a guide without url has no QR, one with only a name still prints", "[print]") {
    GuideMirror m("g02");
    ServiceGuide guide = m.guide;
    auto withQr = renderGuideChecklist(guide, optionsFor(58));
    guide.url.clear();
    auto without = renderGuideChecklist(guide, optionsFor(58));
    REQUIRE((withQr && without));
    CHECK(without->qrModuleDots == 0);
    CHECK(zbarDecode(greyOfBitmap(without->bitmap)).empty());
    CHECK(without->bitmap.height < withQr->bitmap.height - 100);
    CHECK(findTickBoxes(without->bitmap, 40).size() == guide.materials.size());

    ServiceGuide bare;
    bare.id = "g-bare";
    bare.name = "仅有名称的办事指南";
    auto page = renderGuideChecklist(bare, optionsFor(80));
    REQUIRE(page);
    checkParsesBack(page->bitmap, 80);
    CHECK(findTickBoxes(page->bitmap, 40).empty());
    CHECK(page->bitmap.height < without->bitmap.height);
}

TEST_CASE("print guide: the test page has its frame on the paper's edge columns and its QR reads",
          "[print][qr]") {
    auto font = PrintFont::open();
    REQUIRE(font);
    for (int mm : {58, 80}) {
        INFO(mm << " mm");
        const std::string qrText = "GONGKAI PRINT TEST " + std::to_string(mm) + "MM";
        auto page = renderTestPage(font.value(), qrText, optionsFor(mm));
        REQUIRE(page);
        const Bitmap& bm = page->bitmap;
        checkParsesBack(bm, mm);
        for (int x : {0, 1, bm.width - 2, bm.width - 1}) CHECK(inkInColumns(bm, x, x + 1) == bm.height);
        for (int y : {0, 1, bm.height - 2, bm.height - 1}) CHECK(inkIn(bm, 0, y, bm.width, 1) == bm.width);
        // The ruler: a tick every 1 mm along the top, inside the frame.
        int ticks = 0;
        for (int x = 8; x + 1 < bm.width - 2; x += 8) ticks += bm.at(x, 6) && !bm.at(x + 4, 6);
        CHECK(ticks == bm.width / 8 - 1);  // 1 .. 47 mm (58), 1 .. 71 mm (80)
        const std::vector<std::string> found = zbarDecode(greyOfBitmap(bm));
        REQUIRE(found.size() == 1);
        CHECK(found[0] == qrText);
    }
}

TEST_CASE("print guide: checklist render + encode time at 58 mm, and its printed length", "[print][bench]") {
    GuideMirror m("g01");
    for (int mm : {58, 80}) {
        std::vector<double> ms;
        double lengthMm = 0;
        for (int run = 0; run < (mm == 58 ? 21 : 1); ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            auto page = renderGuideChecklist(m.guide, optionsFor(mm));  // opens the font each time
            REQUIRE(page);
            REQUIRE(encodeEscPos(page->bitmap));
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            lengthMm = page->lengthMm();
        }
        std::sort(ms.begin(), ms.end());
        std::printf(
            "checklist g01 (%zu materials), %d mm: %.1f mm long; render + encode median %.1f ms of %zu\n",
            m.guide.materials.size(), mm, lengthMm, ms[ms.size() / 2], ms.size());
    }
}
