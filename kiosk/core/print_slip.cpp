#include "core/print_slip.h"

#include "core/print_layout.h"
#include "core/qr_matrix.h"
#include "core/request_text.h"

namespace gongkai {

Result<PrintedSlip> renderRequestSlip(const DisclosureRequest& request, const std::string& slipText,
                                      const SlipPrintOptions& options) {
    auto font = PrintFont::open(options.fontPath, options.fontFace);
    if (!font) return font.error();
    return renderRequestSlip(font.value(), request, slipText, options);
}

Result<PrintedSlip> renderRequestSlip(PrintFont& font, const DisclosureRequest& request,
                                      const std::string& slipText, const SlipPrintOptions& options) {
    auto qr = makeSlipQr(slipText);
    if (!qr) return qr.error();
    const int module = options.paperDots / (qr->size + 2 * kQrQuietModules);
    if (module < kMinPrintModuleDots)
        return Error{"the QR code (" + std::to_string(qr->size) + " modules) does not fit " +
                     std::to_string(options.paperDots) + " dots at " + std::to_string(kMinPrintModuleDots) +
                     " dots a module"};
    const PageFontSizes px = pageFontSizes(options.paperDots);
    PageWriter w(font, options.paperDots);
    w.space(16);
    if (!options.county.empty()) w.paragraph(options.county, px.body, true);
    w.paragraph("申请政府信息公开申请凭条", px.heading, true);
    w.rule();
    w.field("受理机关", request.agencyName, px.body);
    w.field("申请时间", beijingTimeText(request.createdAt), px.body);
    w.field("申请编号", groupedRequestId(request.id), px.body);
    w.rule();
    w.field("标题", request.title, px.body);
    w.field("文号", request.docNo, px.body);
    w.field("描述", request.description, px.body);
    w.rule();
    w.paragraph("请携带身份证到窗口办理", px.notice, true);
    w.space(8);
    w.paragraph("行政机关收到申请之日起20个工作日内予以答复；需要延长答复期限的，经负责人同意可延长，"
                "延长期限最长不超过20个工作日。",
                px.body);
    w.qr(qr.value(), module);
    w.paragraph("窗口工作人员扫码受理", px.body, true);
    w.space(16);
    return PrintedSlip{w.take(), module, qr->version};
}

}  // namespace gongkai
