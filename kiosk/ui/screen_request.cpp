// 申请政府信息公开: the resident's request in five steps (request_state.h),
// one question a screen, large choices, "上一步" / "下一步" at the bottom.
//
// Sections: [parts]     the step line, the bottom buttons, the choice tiles
//           [what]      the record it is about and/or the description typed
//           [choices]   agency, form and delivery (built pages with hotspots)
//           [review]    the request in plain words and what happens next
//           [slip]      the QR and the request id
//           [screen]    drawRequestScreen, requestTitle
// Taps on choices post Intent::RequestChoose; next / back / make / done post
// their intents; the app loop applies them (request_flow.h), so a script or
// a test walks the same path as a finger.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/keyboard.h"
#include "ui/keyboard_band.h"
#include "ui/page_blocks.h"
#include "ui/qr_code.h"
#include "ui/request_flow.h"
#include "ui/request_maker.h"
#include "ui/screens.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

// [parts] ---------------------------------------------------------------------

ImDrawList* drawList() { return ImGui::GetBackgroundDrawList(); }

const char* stepKey(RequestStep step) {
    switch (step) {
    case RequestStep::What: return "request.step_what";
    case RequestStep::Agency: return "request.step_agency";
    case RequestStep::Delivery: return "request.step_delivery";
    case RequestStep::Review: return "request.step_review";
    case RequestStep::Slip: return "request.step_slip";
    }
    return "request.step_what";
}

// "第 2 步，共 5 步" and the step's question, with a progress bar under them.
float drawStepLine(AppState& s, const Rect& c) {
    const Theme& t = s.theme;
    RequestStep step = s.request.step;
    std::string line = s.strings.format("request.step_of", {std::to_string(stepNumber(step)), std::to_string(kRequestSteps)}) +
                       "  " + s.text(stepKey(step));
    float h = s.fonts->lineHeight(FontRole::Title) + 24;
    drawText(drawList(), *s.fonts, FontRole::Title, t.text, c.x, c.y + 6, elide(*s.fonts, FontRole::Title, line, c.w), true);
    float segW = (c.w - float(kRequestSteps - 1) * 8) / float(kRequestSteps);
    for (int i = 0; i < kRequestSteps; ++i)
        fillRect({c.x + float(i) * (segW + 8), c.y + h - 12, segW, 8}, i < stepNumber(step) ? t.tileAccent : t.tableBorder, 4);
    return h + 12;
}

// The bottom row: back (a step, or out of the flow at the first) and the
// step's forward action; a disabled forward says why underneath.
Rect bottomRow(const AppState& s, const Rect& c) {
    float h = std::round(minKeySize(s) * 1.2f);
    return {c.x, c.bottom() - h, c.w, h};
}

void drawButtons(AppState& s, const Rect& row, const char* forwardKey, Intent::Kind forward, bool enabled,
                 const char* whyKey) {
    const Theme& t = s.theme;
    float w = std::min(520.0f, (row.w - t.gap) / 2);
    Rect back{row.x, row.y, w, row.h}, next{row.right() - w, row.y, w, row.h};
    addTarget(s, "request:back", back);
    if (touchButton(s, back, s.text("request.back"))) s.post(Intent::make(Intent::Kind::RequestBack));
    addTarget(s, "request:next", next);
    if (enabled) {
        fillRect(next, t.tileAccent, 12);
        centeredText(s, next, FontRole::Title, t.headerText, s.text(forwardKey), true);
        if (tappedIn(s, next)) s.post(Intent::make(forward));
    } else {
        touchButton(s, next, s.text(forwardKey), false);
        std::string why = elide(*s.fonts, FontRole::Small, s.text(whyKey), row.w - back.w - 2 * t.gap);
        float ww = textWidth(s, FontRole::Small, why);
        drawText(drawList(), *s.fonts, FontRole::Small, t.warning, row.right() - ww, row.y - s.fonts->lineHeight(FontRole::Small) - 4, why);
    }
}

// A choice tile: the label, and a check mark and thick border when chosen.
float buildChoice(AppState& s, PageBuilder& b, const std::string& label, const std::string& detail, bool chosen,
                  const std::string& choice, const Rect& r) {
    const Theme& t = s.theme;
    b.rect(r, chosen ? t.pressedBg : t.tileBg, chosen ? t.tileAccent : t.tileBorder, 12, chosen ? 5 : 2);
    const std::string& mark = s.text("request.chosen");
    float pad = 24, markW = b.measure(FontRole::Title, mark) + pad;
    float textW = r.w - 2 * pad - markW;
    float th = b.textHeight(FontRole::Title, textW, label) + (detail.empty() ? 0 : b.textHeight(FontRole::Small, textW, detail));
    float y = r.y + std::max(12.0f, (r.h - th) * 0.5f);
    y += b.text(FontRole::Title, t.text, r.x + pad, y, textW, label, 0, true);
    if (!detail.empty()) b.text(FontRole::Small, t.textSecondary, r.x + pad, y, textW, detail);
    if (chosen)
        b.textLine(FontRole::Title, t.tileAccent, r.right() - markW, r.y + (r.h - b.lineHeight(FontRole::Title)) * 0.5f, markW, mark, true);
    b.hotspot(r, Intent::make(Intent::Kind::RequestChoose, choice));
    return r.h;
}

// [what] ----------------------------------------------------------------------

// The record the request is about, in a tinted card (nothing to type).
float drawAbout(AppState& s, const Rect& c) {
    const DisclosureRequest& d = s.request.draft;
    PageBuilder b(*s.fonts, c.w);
    float pad = 20, y = pad;
    y += b.text(FontRole::Body, s.theme.textSecondary, pad, y, c.w - 2 * pad, s.text("request.about"));
    y += b.text(FontRole::Title, s.theme.text, pad, y, c.w - 2 * pad, d.title, 0, true);
    if (!d.docNo.empty()) y += b.text(FontRole::Body, s.theme.text, pad, y, c.w - 2 * pad, d.docNo);
    Page page = b.take(y + pad);
    fillRect({c.x, c.y, c.w, page.height}, s.theme.sectionBg, 10);
    drawPage(drawList(), *s.fonts, page, {c.x, c.y, c.w, page.height}, 0, nullptr, 0);
    return page.height;
}

// The description field: wrapped text, the caret at its end, the count of
// characters left under it (so the slip never has to refuse at the end).
void drawDescription(AppState& s, const Rect& r) {
    const Theme& t = s.theme;
    const std::string& text = s.request.draft.description;
    fillRect(r, t.tileBg, 12);
    strokeRect(r, t.tileAccent, 12, 3);
    PageBuilder b(*s.fonts, r.w);
    float pad = 20;
    std::string shown = text.empty() ? s.text(s.request.fromRecord.empty() ? "request.describe_hint" : "request.more_hint")
                                     : text + "|";
    b.text(FontRole::Body, text.empty() ? t.textSecondary : t.text, pad, pad, r.w - 2 * pad, shown);
    Page page = b.take(r.h);
    float overflow = std::max(0.0f, page.texts.empty() ? 0.0f : page.texts.back().y + s.fonts->lineHeight(FontRole::Body) + pad - r.h);
    drawPage(drawList(), *s.fonts, page, r, overflow, nullptr, 0);  // long text: keep its end in view
    addTarget(s, "request:field", r);
    if (tappedIn(s, r)) s.request.keyboardUp = true;
    int left = descriptionCharsLeft(s.request, s.pages.agencies);
    std::string count = s.strings.format("request.chars_left", {std::to_string(left)});
    drawText(drawList(), *s.fonts, FontRole::Body, left < 10 ? t.warning : t.textSecondary, r.x, r.bottom() + 8, count, left < 10);
}

void takeDescriptionKeys(AppState& s) {
    if (s.request.keyboardUp) takeImeKeys(s);
    std::string& text = s.request.draft.description;
    for (const auto& k : s.keys) {
        if (k.type == platform::KeyEvent::Type::Enter) { s.request.keyboardUp = false; continue; }
        int max = characterCount(text) + descriptionCharsLeft(s.request, s.pages.agencies);
        applyKey(text, k, max);
    }
    s.keys.clear();
}

void drawWhat(AppState& s, const Rect& c) {
    takeDescriptionKeys(s);
    const float gap = s.theme.gap;
    Rect buttons = bottomRow(s, c);
    Rect keyboard{};
    float bottom = buttons.y - gap - s.fonts->lineHeight(FontRole::Small) - 8;
    if (s.request.keyboardUp) {
        float kh = std::min(c.h * 0.45f, std::max(keyboardBandMinHeight(s, minKeySize(s)), c.h * 0.36f));
        keyboard = {c.x, c.bottom() - kh, c.w, kh};
        buttons.y = keyboard.y - gap - buttons.h;
        bottom = buttons.y - gap - s.fonts->lineHeight(FontRole::Small) - 8;
    }
    float y = c.y;
    if (!s.request.fromRecord.empty()) y += drawAbout(s, {c.x, y, c.w, 0}) + gap;
    float countH = s.fonts->lineHeight(FontRole::Body) + 16;
    Rect field{c.x, y, c.w, std::max(minKeySize(s) * 1.5f, std::min(360.0f, bottom - y - countH))};
    drawDescription(s, field);
    drawButtons(s, buttons, "request.next", Intent::Kind::RequestNext, stepComplete(s.request, RequestStep::What),
                "request.need_description");
    if (s.request.keyboardUp && drawKeyboardBand(s, keyboard, true)) s.request.keyboardUp = false;
}

// [choices] -------------------------------------------------------------------

Page buildAgencies(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area);
    float y = 4, gap = s.theme.gap;
    float h = std::round(minKeySize(s) * 1.6f);
    for (const Agency& a : acceptingAgencies(s.pages.agencies)) {
        float rowH = std::max(h, b.textHeight(FontRole::Title, c.w - 120, a.name) + b.textHeight(FontRole::Small, c.w - 120, a.address) + 24);
        y += buildChoice(s, b, a.name, a.address, a.id == s.request.draft.agencyId, "agency:" + a.id, {c.x, y, c.w, rowH}) + gap;
    }
    if (y <= 4) y += buildNote(s, b, s.text("request.no_agencies"), c, y);
    return b.take(y);
}

// A row of equal tiles under a heading: the form, or the way of delivery.
float buildChoiceRow(AppState& s, PageBuilder& b, const Column& c, float y, const char* heading,
                     const std::vector<std::pair<std::string, std::string>>& options, const std::string& current) {
    y += buildSectionHeading(s, b, s.text(heading), c, y);
    float gap = s.theme.gap, n = float(options.size());
    float w = (c.w - gap * (n - 1)) / n, h = std::round(minKeySize(s) * 1.6f);
    for (std::size_t i = 0; i < options.size(); ++i) {
        const auto& [value, choice] = options[i];
        buildChoice(s, b, s.text("request." + choice), {}, value == current, choice, {c.x + float(i) * (w + gap), y, w, h});
    }
    return y + h + 32;
}

Page buildDelivery(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area);
    const DisclosureRequest& d = s.request.draft;
    float y = buildChoiceRow(s, b, c, 4, "request.form_heading", {{"paper", "form:paper"}, {"electronic", "form:electronic"}}, d.form);
    y = buildChoiceRow(s, b, c, y, "request.delivery_heading",
                       {{"counter", "delivery:counter"}, {"post", "delivery:post"}, {"email", "delivery:email"}}, d.delivery);
    y += buildNote(s, b, s.text("request.contact_at_counter"), c, y);
    return b.take(y);
}

// [review] --------------------------------------------------------------------

std::string whatInWords(const AppState& s) {
    const DisclosureRequest& d = s.request.draft;
    std::string what = d.title;
    if (!d.docNo.empty()) what += "（" + d.docNo + "）";
    if (!d.description.empty()) what += (what.empty() ? "" : s.text("request.and")) + d.description;
    return what;
}

Page buildReview(AppState& s, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area);
    const DisclosureRequest& d = s.request.draft;
    std::string how = s.text("request.form:" + d.form) + s.text("meta.separator") + s.text("request.delivery:" + d.delivery);
    float y = 4 + buildFacts(s, b, {{s.text("request.review_what"), whatInWords(s)},
                                    {s.text("request.review_agency"), d.agencyName},
                                    {s.text("request.review_how"), how}}, c, 4) + 24;
    y += buildSectionHeading(s, b, s.text("request.next_steps"), c, y);
    std::vector<std::string> steps;
    for (int i = 1; i <= 4; ++i) steps.push_back(s.text("request.next_step" + std::to_string(i)));
    y += buildItems(s, b, steps, true, c, y);
    return b.take(y + 16);
}

// [slip] ----------------------------------------------------------------------

// The largest whole number of pixels a module (at most 10) that fits `room`.
float slipModule(const QrMatrix& qr, float room) {
    return std::max(1.0f, std::floor(std::min(10.0f, room / float(qr.size + 2 * kQrQuietModules))));
}

// The print button (bottom left) and, above the buttons, what the last print did.
void drawSlipPrint(AppState& s, const Rect& buttons, const Rect& news) {
    const Theme& t = s.theme;
    std::string subject = "slip:" + s.request.draft.id;
    PrintNews said = printNews(s, subject, "print.slip_kept");
    if (!said.text.empty()) {
        PageBuilder b(*s.fonts, news.w);
        float h = b.text(FontRole::Body, said.color, 0, 0, news.w, said.text, 0, true);
        drawPage(drawList(), *s.fonts, b.take(h), {news.x, news.bottom() - h, news.w, h}, 0, nullptr, 0);
    }
    float w = std::min(520.0f, (buttons.w - t.gap) / 2);
    Rect print{buttons.x, buttons.y, w, buttons.h};
    addTarget(s, "print:slip", print);
    bool busy = s.print.phase == PrintPhase::Printing;
    if (touchButton(s, print, s.text(busy ? "print.printing_short" : "print.slip")) && !busy)
        s.post(Intent::make(Intent::Kind::Print, "slip"));
}

// Portrait: the QR on top, the id and the hint under it. Landscape: the QR
// left as tall as the screen allows, the id, hint and "done" right of it.
// With a printer: "print the slip" beside "done", and what it did above them.
void drawSlip(AppState& s, const Rect& c) {
    const Theme& t = s.theme;
    const RequestState& r = s.request;
    Rect buttons = bottomRow(s, c);
    bool wide = c.w > c.h * 1.3f;
    float idH = s.fonts->lineHeight(FontRole::Title) * 2 + 16, hintH = s.fonts->lineHeight(FontRole::Body) * 3 + 24;
    float newsH = s.print.available ? s.fonts->lineHeight(FontRole::Body) * 3 + 16 : 0;
    float module = wide ? slipModule(r.qr, std::min(c.h, c.w * 0.5f))
                        : slipModule(r.qr, std::min(c.w, buttons.y - c.y - idH - hintH - newsH - 2 * t.gap));
    float side = float(r.qr.size + 2 * kQrQuietModules) * module;
    Rect qrBox = wide ? Rect{c.x, c.y, side, side} : Rect{c.x + std::round((c.w - side) * 0.5f), c.y, side, side};
    Rect text = wide ? Rect{c.x + side + 3 * t.gap, c.y + t.gap, c.w - side - 3 * t.gap, buttons.y - c.y}
                     : Rect{c.x, c.y + side + 16, c.w, buttons.y - c.y - side - 16};
    PageBuilder b(*s.fonts, c.w);
    buildQr(b, r.qr, qrBox.x - c.x, 0, module, 0xFF000000, 0xFFFFFFFF);
    float y = text.y - c.y;
    std::string id = s.strings.format("request.slip_id", {groupedRequestId(r.draft.id)});
    float idW = b.measure(FontRole::Title, id);
    float idX = wide ? text.x - c.x : std::max(0.0f, (c.w - idW) * 0.5f);
    y += b.text(FontRole::Title, t.text, idX, y, text.w, id, 0, true) + 16;
    b.text(FontRole::Body, t.text, text.x - c.x, y, text.w, s.text("request.slip_hint"), 0, true);
    Page page = b.take(c.h);
    drawPage(drawList(), *s.fonts, page, {c.x, c.y, c.w, c.h}, 0, nullptr, 0);
    addTarget(s, "request:qr", qrBox);
    float dw = std::min(520.0f, wide ? text.w : c.w);
    Rect row = wide ? Rect{text.x, buttons.y, text.w, buttons.h} : buttons;
    if (s.print.available) {
        dw = std::min(dw, (row.w - t.gap) / 2);
        drawSlipPrint(s, row, {text.x, buttons.y - t.gap - newsH, text.w, newsH});
    }
    Rect done{c.right() - dw, buttons.y, dw, buttons.h};
    addTarget(s, "request:done", done);
    fillRect(done, t.tileAccent, 12);
    centeredText(s, done, FontRole::Title, t.headerText, s.text("request.done"), true);
    if (tappedIn(s, done)) s.post(Intent::make(Intent::Kind::RequestDone));
}

// [screen] --------------------------------------------------------------------

// The key a built step page is rebuilt on: everything it shows.
std::string pageKey(const AppState& s) {
    const DisclosureRequest& d = s.request.draft;
    return std::to_string(stepNumber(s.request.step)) + d.agencyId + "|" + d.form + "|" + d.delivery + "|" +
           std::to_string(s.pages.agencies.size()) + d.description + d.title;
}

void nameChoices(AppState& s, const Rect& area) {
    for (const Hotspot& h : s.requestUi.page.hotspots) {
        Rect r{area.x + h.rect.x, area.y + h.rect.y - s.requestUi.scroll.offset, h.rect.w, h.rect.h};
        if (r.bottom() < area.y || r.y > area.bottom()) continue;
        addTarget(s, "request:" + h.intent.id, r);
    }
}

template <class Build>
void drawChoicePage(AppState& s, const Rect& c, Build build, Intent::Kind forward, const char* forwardKey,
                    const char* whyKey) {
    Rect buttons = bottomRow(s, c);
    float whyH = s.fonts->lineHeight(FontRole::Small) + 12;
    Rect area{c.x, c.y, c.w, buttons.y - whyH - c.y};
    std::string key = pageKey(s);
    if (s.requestUi.builtFor != key) {
        s.requestUi.page = build(s, area);
        s.requestUi.builtFor = key;
    }
    drawScrollingPage(s, s.requestUi, area);
    nameChoices(s, area);
    drawButtons(s, buttons, forwardKey, forward, stepComplete(s.request, s.request.step), whyKey);
}

}  // namespace

std::string requestTitle(const AppState& s) { return breadcrumb(s, s.text("request.title")); }

void drawRequestScreen(AppState& s, const Rect& content) {
    Rect c = content;
    float h = drawStepLine(s, c);
    c.y += h, c.h -= h;
    switch (s.request.step) {
    case RequestStep::What: drawWhat(s, c); break;
    case RequestStep::Agency:
        drawChoicePage(s, c, buildAgencies, Intent::Kind::RequestNext, "request.next", "request.need_agency");
        break;
    case RequestStep::Delivery:
        drawChoicePage(s, c, buildDelivery, Intent::Kind::RequestNext, "request.next", "request.need_agency");
        break;
    case RequestStep::Review:
        drawChoicePage(s, c, buildReview, Intent::Kind::RequestMake, "request.make", "request.too_long");
        if (!s.request.error.empty()) drawMessage(s, {c.x, c.bottom() - 200, c.w, 60}, s.text(s.request.error), s.theme.warning);
        break;
    case RequestStep::Slip: drawSlip(s, c); break;
    }
}

}  // namespace gongkai::ui
