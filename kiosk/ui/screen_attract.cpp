// The idle screens: the countdown overlay ("还在使用吗？" with a big continue
// button; any touch continues) and the attract screen (the latest notices,
// large; any touch leaves it). Touches are handled by the app loop through
// updateIdle (idle.h); these only draw.
#include <algorithm>
#include <cstdio>

#include "ui/overlay.h"
#include "ui/text_layout.h"

namespace gongkai::ui {

void drawIdleCountdown(AppState& s, const FrameGestures& in) {
    const Theme& t = s.theme;
    overlayFill({0, 0, s.width, s.height}, 0xC0000000);
    float w = std::min(s.width - 2 * t.margin, 900.0f), h = std::min(s.height - 2 * t.margin, 560.0f);
    Rect box{(s.width - w) * 0.5f, (s.height - h) * 0.5f, w, h};
    overlayFill(box, t.tileBg, 16);
    float y = box.y + t.margin * 2, cx = box.x + w * 0.5f;
    y += overlayText(s, FontRole::Title, t.text, cx, y, w - 2 * t.margin, s.text("idle.question"), true);
    y += t.gap;
    std::string left = s.strings.format("idle.countdown", {std::to_string(countdownLeft(s.idle, s.now))});
    overlayText(s, FontRole::Body, t.textSecondary, cx, y, w - 2 * t.margin, left);
    float bh = std::max(t.minTarget * 1.6f, 120.0f);
    Rect button{box.x + t.margin * 2, box.bottom() - bh - t.margin * 2, w - 4 * t.margin, bh};
    s.targets.push_back({"idle:continue", button});
    overlayButton(s, in, button, s.text("idle.continue"), FontRole::Title, true);
}

void drawAttractScreen(AppState& s, const FrameGestures&) {
    const Theme& t = s.theme;
    overlayFill({0, 0, s.width, s.height}, t.background);
    Rect band{0, 0, s.width, t.headerHeight * 1.5f};
    overlayFill(band, t.headerBg);
    std::string site = s.home.info.siteName.empty() ? s.text("app.title") : s.home.info.siteName;
    float lh = s.fonts->lineHeight(FontRole::Title);
    overlayText(s, FontRole::Title, t.headerText, s.width * 0.5f, (band.h - lh) * 0.5f, s.width, site, true);
    float y = band.h + t.margin * 2, x = t.margin * 2, w = s.width - 4 * t.margin;
    drawText(overlayList(), *s.fonts, FontRole::Title, t.text, x, y, s.text("attract.latest"), true);
    y += lh + t.gap;
    Rect footer{0, s.height - t.navHeight * 1.2f, s.width, t.navHeight * 1.2f};
    for (const DocumentSummary& d : s.latest) {
        float rowH = s.fonts->lineHeight(FontRole::Body) * 2 + t.gap * 2;
        if (y + rowH > footer.y - t.gap) break;
        overlayFill({x, y, w, rowH - t.gap}, t.tileBg, 10);
        overlayList()->AddRectFilled(ImVec2(x, y), ImVec2(x + 10, y + rowH - t.gap), t.tileAccent, 4);
        float ty = y + t.gap * 0.5f;
        std::string title = elide(*s.fonts, FontRole::Body, d.title, w - 3 * t.gap);
        drawText(overlayList(), *s.fonts, FontRole::Body, t.text, x + 2 * t.gap, ty, title, true);
        std::string meta = d.publishedOn + "  " + d.issuer;
        drawText(overlayList(), *s.fonts, FontRole::Small, t.textSecondary, x + 2 * t.gap,
                 ty + s.fonts->lineHeight(FontRole::Body), elide(*s.fonts, FontRole::Small, meta, w - 3 * t.gap));
        y += rowH;
    }
    overlayFill(footer, t.bannerBg);
    overlayText(s, FontRole::Title, t.bannerText, s.width * 0.5f,
                footer.y + (footer.h - s.fonts->lineHeight(FontRole::Title)) * 0.5f, s.width - 2 * t.margin,
                s.text("attract.touch"), true);
}

}  // namespace gongkai::ui
