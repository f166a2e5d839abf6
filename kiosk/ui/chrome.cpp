#include "ui/chrome.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/text_layout.h"

namespace gongkai::ui {
namespace {

ImDrawList* drawList() { return ImGui::GetBackgroundDrawList(); }

void fill(const Rect& r, Color c, float rounding = 0) {
    drawList()->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), c, rounding);
}

float textWidth(const AppState& s, FontRole role, std::string_view t) {
    return measureText(t, [&](char32_t c) { return s.fonts->advance(role, c); });
}

// The mirror records UTC; residents read the kiosk's local time.
std::string localTime(const std::string& utc) {
    std::tm tm{};
    if (std::sscanf(utc.c_str(), "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5)
        return utc;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t t = timegm(&tm);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

// The banner's colour for an update from a USB stick: blue while it runs
// and when it found nothing new, green when applied, the warning's red when
// rejected or failed (white text on each, >= 4.5:1).
Color updateColor(const Theme& t, UpdateNotice::Tone tone) {
    constexpr Color kAppliedGreen = 0xFF2E6B1B;  // IM_COL32(27, 107, 46), as the desk's "verified"
    switch (tone) {
    case UpdateNotice::Tone::Good: return kAppliedGreen;
    case UpdateNotice::Tone::Bad: return t.warning;
    default: return t.link;
    }
}

}  // namespace

ScreenLayout computeLayout(const AppState& s) {
    const Theme& t = s.theme;
    ScreenLayout l;
    float y = 0;
    l.header = {0, y, s.width, t.headerHeight};
    y += t.headerHeight;
    // An update from a USB stick is told even out of service (an empty kiosk's first data).
    bool banner = (s.home.loaded && s.home.info.demo && !s.outOfService) || (s.freshness.warn && !s.outOfService) ||
                  !s.freshness.update.key.empty();
    l.banner = {0, y, s.width, banner ? t.bannerHeight : 0};
    y += l.banner.h;
    l.title = {0, y, s.width, s.outOfService ? 0 : t.minTarget};
    y += l.title.h;
    float navH = s.outOfService ? 0 : t.navHeight;
    l.nav = {0, s.height - navH, s.width, navH};
    l.content = {t.margin, y + t.gap, s.width - 2 * t.margin, l.nav.y - y - 2 * t.gap};
    return l;
}

void drawHeader(AppState& s, const Rect& r) {
    const Theme& t = s.theme;
    fill(r, t.headerBg);
    const FontSet& f = *s.fonts;
    std::string site = s.home.info.siteName.empty() ? s.text("app.title") : s.home.info.siteName;
    float ty = r.y + (r.h - f.size(FontRole::Title)) * 0.5f - 2;
    drawText(drawList(), f, FontRole::Title, t.headerText, r.x + t.margin, ty, site, true);
    float x = r.x + t.margin + textWidth(s, FontRole::Title, site) + t.gap * 2;
    if (!s.home.info.siteName.empty() && s.width >= 1200) {
        float by = r.y + (r.h - f.size(FontRole::Body)) * 0.5f;
        drawText(drawList(), f, FontRole::Body, t.headerText, x, by, s.text("app.title"));
    }
    if (!s.home.loaded) return;
    std::string updated = s.strings.format("header.updated", {localTime(s.home.info.updatedAt)});
    std::string count = s.strings.format("header.documents", {std::to_string(s.home.info.documents)});
    float small = f.size(FontRole::Small), lh = small * 1.3f;
    float y0 = r.y + (r.h - 2 * lh) * 0.5f;
    for (const std::string& line : {updated, s.home.info.stale ? s.text("header.stale") : count}) {
        float w = textWidth(s, FontRole::Small, line);
        drawText(drawList(), f, FontRole::Small, t.headerText, r.right() - t.margin - w, y0, line);
        y0 += lh;
    }
}

void drawBanner(AppState& s, const Rect& r) {
    if (r.h <= 0) return;
    const Theme& t = s.theme;
    // A USB update outranks old or unsynced data, which outranks the demo notice.
    const UpdateNotice& update = s.freshness.update;
    bool usb = !update.key.empty(), warn = !usb && s.freshness.warn && !s.outOfService;
    fill(r, usb ? updateColor(t, update.tone) : warn ? t.warning : t.bannerBg);
    std::string full = usb    ? s.strings.format(update.key, {update.arg})
                       : warn ? s.strings.format(s.freshness.key, {s.freshness.arg})
                              : s.text("demo.banner");
    std::string text = elide(*s.fonts, FontRole::Body, full, r.w - 2 * t.margin);
    float w = textWidth(s, FontRole::Body, text);
    float y = r.y + (r.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
    drawText(drawList(), *s.fonts, FontRole::Body, usb || warn ? t.headerText : t.bannerText,
             r.x + (r.w - w) * 0.5f, y, text, true);
}

void drawTitleBar(AppState& s, const Rect& r, const std::string& title) {
    if (r.h <= 0) return;
    const Theme& t = s.theme;
    fill(r, t.sectionBg);
    // A breadcrumb trail too long for the bar loses its middle crumbs first
    // (首页 › … › the page), so the resident still sees where they are.
    const std::string& sep = s.text("nav.separator");
    std::vector<std::string> crumbs;
    for (std::size_t at = 0;;) {
        std::size_t next = title.find(sep, at);
        crumbs.push_back(title.substr(at, next == std::string::npos ? std::string::npos : next - at));
        if (next == std::string::npos) break;
        at = next + sep.size();
    }
    float avail = r.w - 2 * t.margin;
    std::string trail = title;
    while (crumbs.size() > 2 && textWidth(s, FontRole::Body, trail) > avail) {
        crumbs.erase(crumbs.begin() + 1);
        trail = crumbs[0] + sep + "…";
        for (std::size_t i = 1; i < crumbs.size(); ++i) trail += sep + crumbs[i];
    }
    std::string text = elide(*s.fonts, FontRole::Body, trail, avail);
    float y = r.y + (r.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
    drawText(drawList(), *s.fonts, FontRole::Body, t.text, r.x + t.margin, y, text, true);
}

bool touchButton(AppState& s, const Rect& r, const std::string& label, bool enabled) {
    const Theme& t = s.theme;
    bool pressed = enabled && s.input.press && r.contains(*s.input.press);
    fill(r, pressed ? t.pressedBg : t.buttonBg, 12);
    drawList()->AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), t.tableBorder, 12, 0, 2);
    float w = textWidth(s, FontRole::Title, label);
    float y = r.y + (r.h - s.fonts->size(FontRole::Title)) * 0.5f - 2;
    drawText(drawList(), *s.fonts, FontRole::Title, enabled ? t.buttonText : t.buttonDisabledText,
             r.x + (r.w - w) * 0.5f, y, label, enabled);
    return enabled && s.input.tap && r.contains(*s.input.tap);
}

// The mode toggles at the right end of the bar (the system helper):
// 长辈模式 / 标准字号 and the language; returns the left edge they use.
float drawModeToggles(AppState& s, const Rect& r) {
    const Theme& t = s.theme;
    float bh = r.h - 2 * t.gap, x = r.right();
    const char* keys[2] = {"lang.switch", s.elderMode ? "mode.standard" : "mode.elder"};
    const char* names[2] = {"bar:language", "bar:elder"};
    Intent::Kind kinds[2] = {Intent::Kind::ToggleLanguage, Intent::Kind::ToggleElder};
    for (int i = 0; i < 2; ++i) {
        float bw = std::max(t.minTarget * 1.5f, textWidth(s, FontRole::Title, s.text(keys[i])) + 2 * t.gap);
        x -= t.margin + bw;
        Rect b{x, r.y + t.gap, bw, bh};
        s.targets.push_back({names[i], b});
        if (touchButton(s, b, s.text(keys[i]))) s.post(Intent::make(kinds[i]));
    }
    return x;
}

void drawNavBar(AppState& s, const Rect& r, bool canScroll) {
    if (r.h <= 0) return;
    const Theme& t = s.theme;
    fill(r, t.navBg);
    float togglesLeft = drawModeToggles(s, r);
    float bh = r.h - 2 * t.gap, bw = std::min(300.0f, (togglesLeft - r.x - 3 * t.margin) / 2.0f);
    Rect back{r.x + t.margin, r.y + t.gap, bw, bh};
    Rect home{back.right() + t.margin, back.y, bw, bh};
    bool atHome = s.routes.size() <= 1;
    if (touchButton(s, back, s.text("nav.back"), !atHome)) s.post(Intent::make(Intent::Kind::Back));
    if (touchButton(s, home, s.text("nav.home"), !atHome)) s.post(Intent::make(Intent::Kind::Home));
    if (!atHome) s.targets.push_back({"bar:back", back}), s.targets.push_back({"bar:home", home});
    if (!canScroll) return;
    std::string hint = s.text("nav.scroll_hint");
    float w = textWidth(s, FontRole::Small, hint);
    if (home.right() + t.margin + w > togglesLeft - t.margin) return;
    float y = r.y + (r.h - s.fonts->size(FontRole::Small)) * 0.5f;
    drawText(drawList(), *s.fonts, FontRole::Small, t.textSecondary, togglesLeft - t.margin - w, y, hint);
}

void drawMessage(AppState& s, const Rect& area, const std::string& text, Color color) {
    PageBuilder b(*s.fonts, area.w);
    float h = b.textHeight(FontRole::Title, area.w * 0.8f, text);
    b.text(FontRole::Title, color, area.w * 0.1f, 0, area.w * 0.8f, text);
    Page p = b.take(h);
    Rect at{area.x, area.y + std::max(0.0f, (area.h - h) * 0.4f), area.w, h};
    drawPage(drawList(), *s.fonts, p, at, 0, nullptr, 0);
}

void applyScrollInput(AppState& s, ScrollState& sc, const Rect& area) {
    const FrameGestures& in = s.input;
    bool mine = in.dragging && area.contains(in.dragStart);
    if (mine) {
        sc.offset -= in.dragDy;
        sc.velocity = in.dragEnded ? -in.releaseVelocityY : 0;
    } else if (sc.velocity != 0) {
        float dt = static_cast<float>(std::min(s.frameSeconds, 0.05));
        sc.offset += sc.velocity * dt;
        sc.velocity *= std::exp(-4.0f * dt);
        if (std::fabs(sc.velocity) < 30) sc.velocity = 0;
    }
    if (std::fabs(sc.velocity) > 6000) sc.velocity = std::copysign(6000.0f, sc.velocity);
    float clamped = std::clamp(sc.offset, 0.0f, sc.maxOffset);
    if (clamped != sc.offset) sc.velocity = 0;
    sc.offset = clamped;
    if (sc.velocity != 0) s.animating = true;
}

void drawScrollBar(AppState& s, const ScrollState& sc, const Rect& area, float pageHeight) {
    if (sc.maxOffset <= 0) return;
    float trackX = area.right() + s.theme.margin * 0.5f - 4;
    float thumbH = std::max(60.0f, area.h * area.h / pageHeight);
    float y = area.y + (area.h - thumbH) * (sc.offset / sc.maxOffset);
    drawList()->AddRectFilled(ImVec2(trackX, area.y), ImVec2(trackX + 8, area.bottom()), s.theme.sectionBg, 4);
    drawList()->AddRectFilled(ImVec2(trackX, y), ImVec2(trackX + 8, y + thumbH), s.theme.tableBorder, 4);
}

float beginScrollRegion(AppState& s, const ScrollState& sc, const Rect& area) {
    return beginScrollRegion(sc, area, s.theme.background);
}

float beginScrollRegion(const ScrollState& sc, const Rect& area, Color backdrop) {
    ImDrawList* dl = drawList();
    dl->PushClipRect(ImVec2(area.x, area.y), ImVec2(area.right(), area.bottom()), true);
    dl->AddDrawCmd();  // the backdrop begins a command (what the renderer looks for)
    dl->AddRectFilled(ImVec2(std::floor(area.x), std::floor(area.y)),
                      ImVec2(std::ceil(area.right()), std::ceil(area.bottom())), backdrop);
    return std::round(sc.offset);
}

void endScrollRegion() { drawList()->PopClipRect(); }

void drawScrollingPage(AppState& s, PageScreenState& ui, const Rect& area) {
    ScrollState& sc = ui.scroll;
    sc.maxOffset = std::max(0.0f, ui.page.height - area.h);
    applyScrollInput(s, sc, area);
    const FrameGestures& in = s.input;
    if (in.tap && area.contains(*in.tap)) {
        Point p{in.tap->x - area.x, in.tap->y - area.y + sc.offset};
        for (const Hotspot& h : ui.page.hotspots) {
            if (!h.rect.contains(p)) continue;
            if (h.intent.kind == Intent::Kind::ScrollTo)  // in-page jumps need no app loop
                sc.offset = std::clamp(h.intent.value, 0.0f, sc.maxOffset), sc.velocity = 0;
            else
                s.post(h.intent);
            break;
        }
    }
    Point pressed;
    const Point* pressedPtr = nullptr;
    if (in.press && area.contains(*in.press)) {
        pressed = {in.press->x - area.x, in.press->y - area.y + sc.offset};
        pressedPtr = &pressed;
    }
    float offset = beginScrollRegion(s, sc, area);
    drawPage(drawList(), *s.fonts, ui.page, area, offset, pressedPtr, s.theme.pressedBg);
    endScrollRegion();
    drawScrollBar(s, sc, area, ui.page.height);
}

}  // namespace gongkai::ui
