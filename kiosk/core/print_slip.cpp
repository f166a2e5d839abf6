#include "core/print_slip.h"

#include <algorithm>
#include <utility>

#include "core/qr_matrix.h"
#include "core/request_text.h"

namespace gongkai {

namespace {

constexpr int kMarginDots = 8;

struct Sizes {
    int body, heading, notice;
};

Sizes sizesFor(int paperDots) {
    if (paperDots >= kPaperDots80) return {30, 40, 34};
    return {24, 30, 26};
}

// Appends to a growing bitmap, top to bottom.
class SlipWriter {
public:
    SlipWriter(PrintFont& font, int width) : m_font(font), m_bitmap(width, 0) {}

    void paragraph(std::string_view utf8, int px, bool centred = false) {
        const int maxWidth = m_bitmap.width - 2 * kMarginDots;
        for (const auto& line : wrapLines(m_font, utf8ToCodePoints(utf8), px, maxWidth)) {
            const int pitch = m_font.lineHeight(px);
            m_bitmap.grow(pitch);
            const int x = centred ? (m_bitmap.width - m_font.width(line, px)) / 2 : kMarginDots;
            m_font.draw(m_bitmap, std::max(kMarginDots, x), m_y + (pitch - px) / 2, line, px);
            m_y += pitch;
        }
    }
    void field(const char* label, const std::string& value, int px) {
        if (!value.empty()) paragraph(std::string(label) + "：" + value, px);
    }
    void space(int dots) {
        m_bitmap.grow(dots);
        m_y += dots;
    }
    void rule() {
        space(8);
        m_bitmap.grow(2);
        for (int y = m_y; y < m_y + 2; ++y)
            for (int x = kMarginDots; x < m_bitmap.width - kMarginDots; ++x) m_bitmap.set(x, y);
        m_y += 2;
        space(8);
    }
    void qr(const QrMatrix& qr, int module) {
        const int side = (qr.size + 2 * kQrQuietModules) * module;
        const int left = (m_bitmap.width - side) / 2 + kQrQuietModules * module;
        const int top = m_y + kQrQuietModules * module;
        space(side);
        for (int my = 0; my < qr.size; ++my)
            for (int mx = 0; mx < qr.size; ++mx)
                if (qr.at(mx, my))
                    for (int dy = 0; dy < module; ++dy)
                        for (int dx = 0; dx < module; ++dx)
                            m_bitmap.set(left + mx * module + dx, top + my * module + dy);
    }
    Bitmap take() { return std::move(m_bitmap); }

private:
    PrintFont& m_font;
    Bitmap m_bitmap;
    int m_y = 0;
};

}  // namespace

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
    const Sizes px = sizesFor(options.paperDots);
    SlipWriter w(font, options.paperDots);
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
