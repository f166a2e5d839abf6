// The service-guide checklist and the printer test page (core/print_guide.h).
// Sections: [1] shared pieces (time, QR size), [2] the checklist, [3] the
// test page's pictures (ruler, grey bars, frame), [4] the test page.
#include "core/print_guide.h"

#include <algorithm>
#include <ctime>

#include "core/print_layout.h"
#include "core/qr_matrix.h"
#include "core/request_text.h"

namespace gongkai {

namespace {

// [1] Shared pieces ---------------------------------------------------------

// A phone reads a QR of 0.75 mm modules easily; larger ones only waste paper
// (the slip's QR is scanned by the counter's reader and fills the width).
constexpr int kPageQrMaxModuleDots = 6;

std::string beijingTime(std::chrono::system_clock::time_point t) {
    const std::time_t s = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&s, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    // "（北京时间）" on a line of its own: wrapped, it would break inside the
    // phrase on 80 mm paper.
    std::string text = beijingTimeText(buf);
    if (const auto bracket = text.find("（"); bracket != std::string::npos) text.insert(bracket, "\n");
    return text;
}

// The QR of `text` and its module in dots for this paper.
Result<std::pair<QrMatrix, int>> pageQr(const std::string& text, int paperDots) {
    auto qr = makeQr(text);
    if (!qr) return qr.error();
    const int fits = paperDots / (qr->size + 2 * kQrQuietModules);
    if (fits < kMinPrintModuleDots)
        return Error{"the QR code of \"" + text + "\" (" + std::to_string(qr->size) +
                     " modules) does not fit " + std::to_string(paperDots) + " dots at " +
                     std::to_string(kMinPrintModuleDots) + " dots a module"};
    return std::pair{std::move(qr.value()), std::min(fits, kPageQrMaxModuleDots)};
}

// [2] The checklist ---------------------------------------------------------

void checklistHeader(PageWriter& w, const ServiceGuide& guide, const PagePrintOptions& options,
                     const PageFontSizes& px) {
    w.space(16);
    if (!options.county.empty()) w.paragraph(options.county, px.body, true);
    w.paragraph(guide.name, px.heading, true);
    w.paragraph("办事材料清单", px.body, true);
    w.rule();
    w.field("办理机构", guide.agency, px.body);
    w.field("办理地点", guide.place, px.body);
    w.field("办理时间", guide.hours, px.body);
    w.field("咨询电话", guide.phone, px.body);
}

void checklistLists(PageWriter& w, const ServiceGuide& guide, const PageFontSizes& px) {
    if (!guide.materials.empty()) {
        w.rule();
        w.paragraph("所需材料（备齐后打勾）", px.notice);
        w.space(6);
        for (const auto& material : guide.materials) {
            w.tickBoxItem(material, px.notice);  // what the resident acts on: the larger size
            w.space(8);                          // boxes clearly apart, one per material
        }
    }
    if (!guide.conditions.empty()) {
        w.rule();
        w.paragraph("办理条件", px.notice);
        w.space(6);
        w.numberedItems(guide.conditions, px.body);
    }
}

// [3] The test page's pictures -----------------------------------------------

// Ticks every 8 dots (1 mm), 5 mm ones longer, 10 mm ones longest and
// numbered in mm; 2 dots wide so a worn head element shows as a gap.
void drawRuler(Bitmap& bm, int top, PrintFont& font) {
    constexpr int kLabelPx = 16;
    for (int x = 0; x + 1 < bm.width; x += kDotsPerMm) {
        const int length = x % 80 == 0 ? 24 : x % 40 == 0 ? 14 : 8;
        fillRect(bm, x, top, 2, length);
        if (x % 80 != 0 || x == 0) continue;
        const std::u32string label = utf8ToCodePoints(std::to_string(x / kDotsPerMm));
        const int w = font.width(label, kLabelPx);
        // Digits' ink starts 7 dots below the top given: under the long tick.
        font.draw(bm, std::min(x + 1 - w / 2, bm.width - w - 4), top + 22, label, kLabelPx);
    }
}

// Three bars of 25, 50 and 75 % black in 2 x 2 cells, labelled below.
void drawGreyBars(Bitmap& bm, int top, int barHeight, PrintFont& font, int px) {
    constexpr int kGap = 12;
    const int barWidth = (bm.width - 2 * kPageMarginDots - 2 * kGap) / 3;
    const int shares[] = {25, 50, 75};
    for (int i = 0; i < 3; ++i) {
        const int left = kPageMarginDots + i * (barWidth + kGap);
        for (int y = 0; y < barHeight; ++y)
            for (int x = 0; x < barWidth; ++x) {
                const int cell = (y % 2) * 2 + x % 2;  // which dot of its 2 x 2 cell
                const bool black = shares[i] == 25   ? cell == 0
                                   : shares[i] == 50 ? (x + y) % 2 == 0
                                                     : cell != 3;
                if (black) bm.set(left + x, top + y);
            }
        const std::u32string label = utf8ToCodePoints(std::to_string(shares[i]) + "%");
        font.draw(bm, left + (barWidth - font.width(label, px)) / 2, top + barHeight + 6, label, px);
    }
}

// [4] The test page -------------------------------------------------------------

void testPageText(PageWriter& w, const PagePrintOptions& options, const PageFontSizes& px) {
    const int mm = options.paperDots / kDotsPerMm;
    w.paragraph("打印测试页", px.heading, true);
    w.paragraph("纸宽 " + std::to_string(options.paperDots >= kPaperDots80 ? 80 : 58) + " mm，" +
                    std::to_string(options.paperDots) + " 点",
                px.body, true);
    w.paragraph("可打印宽度 " + std::to_string(mm) + " mm", px.body, true);
    if (!options.county.empty()) w.paragraph(options.county, px.body, true);
    w.rule();
    w.paragraph("中文：政府信息公开 办事指南", px.body);
    w.paragraph("ASCII: 0123456789 ABCDEFGHIJKLM abcdefghijklm", px.body);
    w.space(8);
    w.paragraph(
        "这是一段较长的中文文字，用来检查自动换行：行首不出现逗号、句号等标点，"
        "行尾不出现左括号；文字不超出纸张两侧（《政府信息公开条例》第二十条）。",
        px.body);
    w.rule();
}

}  // namespace

Result<PrintedPage> renderGuideChecklist(const ServiceGuide& guide, const PagePrintOptions& options) {
    auto font = PrintFont::open(options.fontPath, options.fontFace);
    if (!font) return font.error();
    return renderGuideChecklist(font.value(), guide, options);
}

Result<PrintedPage> renderGuideChecklist(PrintFont& font, const ServiceGuide& guide,
                                         const PagePrintOptions& options) {
    const PageFontSizes px = pageFontSizes(options.paperDots);
    PageWriter w(font, options.paperDots);
    checklistHeader(w, guide, options, px);
    checklistLists(w, guide, px);
    w.rule();
    w.paragraph("打印时间：" + beijingTime(options.now), px.body);
    int module = 0;
    if (!guide.url.empty()) {
        auto qr = pageQr(guide.url, options.paperDots);
        if (!qr) return qr.error();
        module = qr->second;
        w.qr(qr->first, module);
        w.paragraph("扫码查看办事指南", px.body, true);
    }
    w.space(16);
    return PrintedPage{w.take(), module};
}

Result<PrintedPage> renderTestPage(PrintFont& font, const std::string& qrText,
                                   const PagePrintOptions& options) {
    auto qr = pageQr(qrText, options.paperDots);
    if (!qr) return qr.error();
    const PageFontSizes px = pageFontSizes(options.paperDots);
    PageWriter w(font, options.paperDots);
    w.space(kTickBoxBorderDots);
    w.block(44, [&font](Bitmap& bm, int top) { drawRuler(bm, top, font); });
    testPageText(w, options, px);
    constexpr int kBarHeight = 40;
    w.block(kBarHeight + 6 + font.lineHeight(px.body),
            [&](Bitmap& bm, int top) { drawGreyBars(bm, top, kBarHeight, font, px.body); });
    w.rule();
    w.paragraph("打印时间：" + beijingTime(options.now), px.body);
    w.qr(qr->first, qr->second);
    w.paragraph(qrText, px.body, true);
    w.space(16);
    Bitmap page = w.take();
    strokeRect(page, 0, 0, page.width, page.height, 2);  // after the content: the frame is on top
    return PrintedPage{std::move(page), qr->second};
}

}  // namespace gongkai
