// The disclosure request slip on thermal paper (issue 9): the signed request
// (core/slip.h) laid out for a 58 mm or 80 mm roll as a 1-bit bitmap, ready
// for encodeEscPos() (core/escpos.h) or a PNG.
//
// Top to bottom: the county, 申请政府信息公开申请凭条, 受理机关, 申请时间
// (Beijing time, core/request_text.h), 申请编号 (the ULID in groups of 4),
// what was asked (标题, 文号, 描述; empty fields left out), 请携带身份证到窗口
// 办理, the 20-working-day rule, and the slip's QR code (makeSlipQr) centred,
// its module the largest number of dots that fits the paper with the
// 4-module quiet zone (an Error below kMinPrintModuleDots). Text is wrapped
// to the paper (core/print_text.h); nothing is drawn outside it. The
// bitmap's width is the paper's dots; height / kDotsPerMm is the printed
// length in mm (before the feed to the cutter).
//
// Pure apart from reading the font file; any thread (each call opens its
// own font unless given one).
#pragma once

#include <string>

#include "core/escpos.h"
#include "core/print_text.h"
#include "core/result.h"
#include "core/slip.h"

namespace gongkai {

inline constexpr int kMinPrintModuleDots = 3;

struct SlipPrintOptions {
    std::string county;           // e.g. "某某县人民政府"; empty: no county line
    int paperDots = kPaperDots58;  // kPaperDots58 or kPaperDots80
    std::string fontPath = kDefaultPrintFont;
    int fontFace = kDefaultPrintFace;
};

struct PrintedSlip {
    Bitmap bitmap;
    int qrModuleDots = 0;  // dots per QR module
    int qrVersion = 0;
    double lengthMm() const { return double(bitmap.height) / kDotsPerMm; }
};

// `slipText` is encodeSlip(request, key). Errors: the font cannot be opened,
// the QR cannot be made or does not fit at kMinPrintModuleDots.
Result<PrintedSlip> renderRequestSlip(const DisclosureRequest& request, const std::string& slipText,
                                      const SlipPrintOptions& options);
Result<PrintedSlip> renderRequestSlip(PrintFont& font, const DisclosureRequest& request,
                                      const std::string& slipText, const SlipPrintOptions& options);

}  // namespace gongkai
