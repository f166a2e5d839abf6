// Staff mode's screens, over everything: the PIN pad (digits, ⌫, OK,
// cancel; the PIN shows as dots) and the status page (data version, last
// sync and its error, outbox size, disk space; Reload, Exit, Close).
// The gesture that opens the pad and the PIN check are in the app loop.
#include <algorithm>
#include <cstdio>

#include "core/staff_pin.h"
#include "ui/overlay.h"
#include "ui/text_layout.h"

namespace gongkai::ui {
namespace {

std::string megabytes(long long bytes, const AppState& s) {
    if (bytes < 0) return s.text("staff.unknown");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
    return buf;
}

Rect panel(const AppState& s, float w, float h) {
    const Theme& t = s.theme;
    overlayFill({0, 0, s.width, s.height}, 0xE0000000);
    w = std::min(w, s.width - 2 * t.margin);
    h = std::min(h, s.height - 2 * t.margin);
    Rect r{(s.width - w) * 0.5f, (s.height - h) * 0.5f, w, h};
    overlayFill(r, t.tileBg, 16);
    return r;
}

void drawPinPad(AppState& s, const FrameGestures& in) {
    const Theme& t = s.theme;
    StaffState& st = s.staff;
    float key = std::max(t.minTarget * 1.4f, 96.0f), gap = t.gap;
    float lh = s.fonts->lineHeight(FontRole::Title);
    float w = 3 * key + 4 * gap, h = 2 * lh + 5 * key + 8 * gap;
    Rect r = panel(s, std::max(w, 520.0f), h + 2 * t.margin);
    float cx = r.x + r.w * 0.5f, y = r.y + t.margin;
    std::string title = st.wrongPin ? s.text("staff.wrong_pin") : s.text("staff.enter_pin");
    y += overlayText(s, FontRole::Title, st.wrongPin ? t.warning : t.text, cx, y, r.w - 2 * gap, title, true);
    std::string dots;
    for (std::size_t i = 0; i < st.pin.size(); ++i) dots += s.text("staff.pin_dot");
    overlayText(s, FontRole::Title, t.text, cx, y, r.w, dots.empty() ? " " : dots);
    y += lh + gap;
    static const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
    float x0 = cx - (3 * key + 2 * gap) * 0.5f;
    for (int i = 0; i < 12; ++i) {
        Rect k{x0 + float(i % 3) * (key + gap), y + float(i / 3) * (key + gap), key, key};
        std::string label = i == 11 ? s.text("staff.ok") : i == 9 ? s.text("staff.backspace") : labels[i];
        s.targets.push_back({i == 11 ? "staff:ok" : i == 9 ? "staff:backspace" : std::string("staff:") + labels[i], k});
        if (!overlayButton(s, in, k, label, FontRole::Title, i == 11)) continue;
        st.wrongPin = false;
        if (i == 9 && !st.pin.empty()) st.pin.pop_back();
        else if (i == 11) s.post(Intent::make(Intent::Kind::StaffPin));
        else if (i != 9 && static_cast<int>(st.pin.size()) < kStaffPinMaxDigits) st.pin += labels[i];
    }
    Rect cancel{x0, y + 4 * (key + gap), 3 * key + 2 * gap, key};
    s.targets.push_back({"staff:cancel", cancel});
    if (overlayButton(s, in, cancel, s.text("staff.cancel"), FontRole::Title)) closeStaff(st);
}

// The last update from a USB stick (sync-status.json's "update"): what
// happened and when, and why when it was refused; nothing when none ran.
std::vector<std::string> usbUpdateLines(const AppState& s) {
    const AnnouncedUpdate& u = s.freshness.update.last;
    if (u.state.empty()) return {};
    std::string when = localTimeText(u.finished.empty() ? u.started : u.finished);
    bool known = u.state == "running" || u.state == "applied" || u.state == "up_to_date" || u.state == "rejected";
    std::string what =
        s.strings.format(known ? "staff.usb_" + u.state : "staff.usb_failed", {when, std::to_string(u.version)});
    std::vector<std::string> lines{s.strings.format("staff.usb_update", {what})};
    if (!u.error.empty()) lines.push_back(s.strings.format("staff.usb_reason", {u.error}));
    return lines;
}

void drawStatus(AppState& s, const FrameGestures& in) {
    const Theme& t = s.theme;
    const StaffStatus& ss = s.staff.status;
    std::vector<std::string> lines = {
        s.strings.format("staff.version", {std::to_string(ss.dataVersion), localTimeText(ss.updatedAt)}),
        s.strings.format("staff.last_sync", {ss.lastAttempt.empty() ? s.text("staff.never")
                                                                     : localTimeText(ss.lastAttempt)}),
        s.strings.format("staff.last_success", {ss.lastSuccess.empty() ? s.text("staff.never")
                                                                        : localTimeText(ss.lastSuccess)}),
        s.strings.format("staff.sync_error", {ss.syncError.empty() ? s.text("staff.none") : ss.syncError}),
        s.strings.format("staff.outbox", {megabytes(ss.outboxBytes, s)}),
        s.strings.format("staff.disk", {megabytes(ss.diskFreeBytes, s)}),
    };
    for (std::string& l : usbUpdateLines(s)) lines.push_back(std::move(l));
    float lh = s.fonts->lineHeight(FontRole::Body), bh = std::max(t.minTarget, 88.0f);
    Rect r = panel(s, 1000, s.fonts->lineHeight(FontRole::Title) + 8 * lh + bh + 4 * t.margin);
    float x = r.x + t.margin, y = r.y + t.margin, w = r.w - 2 * t.margin;
    drawText(overlayList(), *s.fonts, FontRole::Title, t.text, x, y, s.text("staff.title"), true);
    y += s.fonts->lineHeight(FontRole::Title) + t.gap;
    for (const std::string& l : lines) {
        drawText(overlayList(), *s.fonts, FontRole::Body, t.text, x, y, elide(*s.fonts, FontRole::Body, l, w));
        y += lh;
    }
    float bw = (w - 2 * t.gap) / 3;
    Rect reload{x, r.bottom() - t.margin - bh, bw, bh};
    Rect exit{reload.right() + t.gap, reload.y, bw, bh};
    Rect close{exit.right() + t.gap, reload.y, bw, bh};
    s.targets.push_back({"staff:reload", reload});
    s.targets.push_back({"staff:exit", exit});
    s.targets.push_back({"staff:close", close});
    if (overlayButton(s, in, reload, s.text("staff.reload"), FontRole::Body))
        s.post(Intent::make(Intent::Kind::StaffReload));
    if (overlayButton(s, in, exit, s.text("staff.exit"), FontRole::Body))
        s.post(Intent::make(Intent::Kind::StaffExit));
    if (overlayButton(s, in, close, s.text("staff.close"), FontRole::Body, true)) closeStaff(s.staff);
}

}  // namespace

void drawStaffScreen(AppState& s, const FrameGestures& in) {
    if (s.staff.phase == StaffState::Phase::Pin) drawPinPad(s, in);
    else if (s.staff.phase == StaffState::Phase::Status) drawStatus(s, in);
}

}  // namespace gongkai::ui
