// Paper from a service-guide page and the printer test page (issue 9), laid
// out like the request slip (core/print_slip.h): a 1-bit bitmap the paper's
// width in dots, ready for encodeEscPos() or a PNG.
//
// The checklist (办事材料清单), top to bottom: the county (if given), the
// service's name, 办理机构, 办理地点, 办理时间, 咨询电话 (empty fields left
// out), 所需材料 with an empty tick box before each material (a box about
// one line high, drawn with a 2-dot border, the material's wrapped lines
// indented past it), 办理条件 as a numbered list, the printing time (Beijing,
// core/request_text.h beijingTimeText), and a QR code of the guide's url
// (makeQr, byte mode) centred with 扫码查看办事指南 under it. No url: no QR.
//
// The test page (打印测试页): the paper width in mm and dots, a 2-dot frame
// along the paper's edges (to see that nothing is cut off), a ruler with a
// tick every 8 dots (1 mm) and a longer one every 80 (10 mm) across the top,
// a line of Chinese and one of ASCII text, a long Chinese paragraph wrapped
// to the paper, a grey-scale check (bars of 25/50/75 % dither), the time,
// and a QR code of the given text.
//
// Pure apart from reading the font file; any thread (each call opens its
// own font unless given one). Errors: the font cannot be opened, the QR
// cannot be made or does not fit the paper at kMinPrintModuleDots.
#pragma once

#include <chrono>
#include <string>

#include "core/escpos.h"
#include "core/print_slip.h"
#include "core/print_text.h"
#include "core/result.h"
#include "core/store.h"

namespace gongkai {

struct PrintedPage {
    Bitmap bitmap;
    int qrModuleDots = 0;  // 0: no QR on the page
    double lengthMm() const { return double(bitmap.height) / kDotsPerMm; }
};

struct PagePrintOptions {
    std::string county;            // empty: no county line
    int paperDots = kPaperDots58;  // kPaperDots58 or kPaperDots80
    std::string fontPath = kDefaultPrintFont;
    int fontFace = kDefaultPrintFace;
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

Result<PrintedPage> renderGuideChecklist(PrintFont& font, const ServiceGuide& guide, const PagePrintOptions& options);
Result<PrintedPage> renderGuideChecklist(const ServiceGuide& guide, const PagePrintOptions& options);

// `qrText`: what the test page's QR says (e.g. "GONGKAI PRINT TEST 58MM").
Result<PrintedPage> renderTestPage(PrintFont& font, const std::string& qrText, const PagePrintOptions& options);

}  // namespace gongkai
