// The writing pad (handwriting_pad.h).
//
// Sections:
//   [worker]  the process's recognition worker and its model path
//   [layout]  where the box, the candidates and the buttons go
//   [ink]     strokes from this frame's gestures; asking and taking answers
//   [draw]    the box with its guide lines, the ink, candidates, buttons
#include "ui/handwriting_pad.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <imgui.h>

#include "ui/app_state.h"
#include "ui/chrome.h"
#include "ui/handwriting_worker.h"
#include "ui/search_view.h"

namespace gongkai::ui {

namespace {

// [worker] -----------------------------------------------------------------------

std::string& modelPath() {
    static std::string path = kDefaultHandwritingModel;
    return path;
}

HandwritingWorker& worker() {
    static HandwritingWorker w(modelPath());  // started on first use, joined at exit
    return w;
}

constexpr std::size_t kAskFor = 16;  // more than fit: some may lack a glyph in the font

// [layout] -----------------------------------------------------------------------

struct PadLayout {
    Rect box;         // the writing box (square)
    Rect candidates;  // where the candidate buttons go
    Rect undo, clear;
    float cell = 0;   // a candidate button's side
};

// Wide areas (the keyboard's letter rows) put the box at the left, as tall
// as the area, and the candidates and buttons beside it; tall ones stack
// candidates, box and buttons.
PadLayout layoutPad(const Rect& a, float target, float gap, float buttonW) {
    PadLayout l;
    l.cell = std::round(target * 1.25f);  // larger than a key: the character is what the resident reads
    if (a.w >= a.h * 1.6f) {
        float side = std::min(a.h, a.w - 2 * buttonW - 2 * gap);
        l.box = {a.x, a.y, side, side};
        float rx = a.x + side + gap, rw = a.right() - rx;
        l.undo = {rx, a.bottom() - target, buttonW, target};
        l.clear = {rx + buttonW + gap, a.bottom() - target, buttonW, target};
        l.candidates = {rx, a.y, rw, std::max(target, a.h - target - gap)};
    } else {
        float side = std::max(target, std::min(a.w, a.h - l.cell - target - 2 * gap));
        l.candidates = {a.x, a.y, a.w, l.cell};
        l.box = {a.x + (a.w - side) / 2, a.y + l.cell + gap, side, side};
        float by = l.box.bottom() + gap;
        l.undo = {a.x + a.w / 2 - gap / 2 - buttonW, by, buttonW, target};
        l.clear = {a.x + a.w / 2 + gap / 2, by, buttonW, target};
    }
    return l;
}

// [ink] ----------------------------------------------------------------------------

void zeroInk(std::vector<InkStroke>& strokes) {
    for (auto& s : strokes) std::fill(s.begin(), s.end(), InkPoint{});
    strokes.clear();
    strokes.shrink_to_fit();
}

void ask(HandwritingPad& pad) {
    if (pad.strokes.empty()) {
        pad.asked = 0;
        pad.candidates.clear();
        return;
    }
    pad.asked = worker().ask(pad.strokes, pad.boxSide, pad.boxSide, kAskFor);
}

void finishStroke(HandwritingPad& pad) {
    pad.drawing = false;
    if (pad.current.empty()) return;
    pad.strokes.push_back(std::move(pad.current));
    pad.current.clear();
    ask(pad);
}

// A press in the box starts a stroke; the drag that follows extends it; the
// release (or a tap: a dot) ends it. Gesture points are frame-coalesced, so a
// stroke gets one point a frame, which is as often as the finger is seen.
void takeInk(HandwritingPad& pad, AppState& s, const Rect& box) {
    const FrameGestures& in = s.input;
    auto local = [&](Point p) { return InkPoint{p.x - box.x, p.y - box.y}; };
    if (!pad.drawing && in.press && box.contains(*in.press)) {
        pad.drawing = true;
        pad.current = {local(*in.press)};
        pad.penX = pad.current[0].x;
        pad.penY = pad.current[0].y;
    }
    if (pad.drawing && in.dragging && box.contains(in.dragStart)) {
        pad.penX += in.dragDx;
        pad.penY += in.dragDy;
        const InkPoint& last = pad.current.back();
        if (pad.penX != last.x || pad.penY != last.y) pad.current.push_back({pad.penX, pad.penY});
        if (in.dragEnded) finishStroke(pad);
    }
    if (in.tap && box.contains(*in.tap)) {
        if (!pad.drawing) pad.current = {local(*in.tap)};
        finishStroke(pad);
    }
    if (pad.drawing && !in.press && !in.dragging) finishStroke(pad);  // the press went elsewhere
}

void undoStroke(HandwritingPad& pad) {
    std::fill(pad.strokes.back().begin(), pad.strokes.back().end(), InkPoint{});
    pad.strokes.pop_back();
    ask(pad);  // the candidates for the strokes left (none when none are)
}

void takeAnswer(HandwritingPad& pad, AppState& s) {
    if (pad.asked == 0) return;
    if (auto a = worker().take(pad.asked)) {
        pad.asked = 0;
        pad.candidates = std::move(a->candidates);
        pad.error = std::move(a->error);
    } else {
        s.animating = true;  // keep drawing frames until the answer comes
    }
}

// [draw] ---------------------------------------------------------------------------

ImDrawList* dl() { return ImGui::GetBackgroundDrawList(); }

// A 米字格-like guide: the middle cross, dashed and faint, as in exercise books.
void drawGuides(const Rect& box, Color c) {
    const float dash = std::max(8.0f, box.w / 40), cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    for (float d = 0; d < box.w; d += 2 * dash) {
        float e = std::min(d + dash, box.w);
        dl()->AddLine({box.x + d, cy}, {box.x + e, cy}, c, 2);
        dl()->AddLine({cx, box.y + d}, {cx, box.y + e}, c, 2);
    }
}

void drawStroke(const InkStroke& st, const Rect& box, Color c, float thick) {
    std::vector<ImVec2> pts;
    pts.reserve(st.size());
    for (const InkPoint& p : st)
        pts.push_back({box.x + std::clamp(p.x, 0.0f, box.w), box.y + std::clamp(p.y, 0.0f, box.h)});
    if (pts.size() > 1) dl()->AddPolyline(pts.data(), static_cast<int>(pts.size()), c, 0, thick);
    for (const ImVec2& p : pts) dl()->AddCircleFilled(p, thick / 2, c, 12);  // round joints and ends
}

void drawBox(HandwritingPad& pad, AppState& s, const Rect& box) {
    const Theme& t = s.theme;
    fillRect(box, t.tileBg, 12);
    drawGuides(box, t.tableBorder);
    strokeRect(box, t.tileAccent, 12, 3);
    addTarget(s, "hw:box", box);
    const float thick = std::clamp(box.w / 28, 7.0f, 18.0f);
    dl()->PushClipRect({box.x, box.y}, {box.right(), box.bottom()}, true);
    for (const InkStroke& st : pad.strokes) drawStroke(st, box, t.text, thick);
    if (pad.drawing) drawStroke(pad.current, box, t.text, thick);
    dl()->PopClipRect();
    if (pad.strokes.empty() && !pad.drawing) {
        Rect hint{box.x, box.y + box.h * 0.7f, box.w, s.fonts->lineHeight(FontRole::Body)};
        float tw = std::min(box.w - 8, textWidth(s, FontRole::Body, s.text("hw.hint")) + 16);
        fillRect({box.x + (box.w - tw) / 2, hint.y, tw, hint.h}, t.tileBg);  // the guide line stops short of it
        centeredText(s, hint, FontRole::Body, t.textSecondary, s.text("hw.hint"));
    }
}

char32_t firstCodePoint(const std::string& u) {
    const auto* b = reinterpret_cast<const unsigned char*>(u.data());
    if (u.size() >= 3 && (b[0] & 0xF0) == 0xE0)
        return char32_t((b[0] & 0x0F) << 12 | (b[1] & 0x3F) << 6 | (b[2] & 0x3F));
    if (u.size() >= 2 && (b[0] & 0xE0) == 0xC0) return char32_t((b[0] & 0x1F) << 6 | (b[1] & 0x3F));
    return u.empty() ? 0 : b[0];
}

// The candidates that fit, in rows of square buttons; returns the tapped one.
std::string drawCandidates(HandwritingPad& pad, AppState& s, const PadLayout& l, float gap) {
    const Rect& area = l.candidates;
    const int cols = std::max(1, static_cast<int>((area.w + gap) / (l.cell + gap)));
    const int rows = std::max(1, static_cast<int>((area.h + gap) / (l.cell + gap)));
    if (!pad.error.empty() || pad.candidates.empty()) {
        const char* key = !pad.error.empty() ? "hw.unavailable" : pad.strokes.empty() ? "hw.candidates_hint" : "";
        if (*key) centeredText(s, {area.x, area.y, area.w, l.cell}, FontRole::Body, s.theme.textSecondary, s.text(key));
        return {};
    }
    std::string tapped;
    int shown = 0;
    for (const HandwritingCandidate& c : pad.candidates) {
        if (shown == cols * rows) break;
        if (!s.fonts->hasGlyph(firstCodePoint(c.text))) continue;  // the atlas cannot draw it
        Rect r{area.x + (shown % cols) * (l.cell + gap), area.y + (shown / cols) * (l.cell + gap), l.cell, l.cell};
        addTarget(s, "hw:cand:" + c.text, r);
        if (touchButton(s, r, c.text)) tapped = c.text;
        if (shown == 0) strokeRect(r, s.theme.tileAccent, 12, 3);  // the best guess stands out
        ++shown;
    }
    return tapped;
}

}  // namespace

void clearHandwritingPad(HandwritingPad& pad) {
    zeroInk(pad.strokes);
    std::fill(pad.current.begin(), pad.current.end(), InkPoint{});
    pad.current.clear();
    pad.drawing = false;
    pad.asked = 0;  // an answer still coming is dropped
    pad.candidates.clear();
}

void setHandwritingModel(const std::string& path) { modelPath() = path; }

std::string drawHandwritingPad(HandwritingPad& pad, float x, float y, float w, float h, AppState& s) {
    const float target = std::max(minKeySize(s), s.elderMode ? 80.0f : 60.0f), gap = s.theme.gap;
    const float buttonW = std::max({target * 2, textWidth(s, FontRole::Title, s.text("hw.undo")) + 2 * gap,
                                    textWidth(s, FontRole::Title, s.text("hw.clear")) + 2 * gap});
    const PadLayout l = layoutPad({x, y, w, h}, target, gap, buttonW);
    if (pad.boxSide != l.box.w && pad.boxSide > 0 && !pad.strokes.empty()) {
        clearHandwritingPad(pad);  // the box changed size (mode or screen): its ink no longer fits
    }
    pad.boxSide = l.box.w;
    takeInk(pad, s, l.box);
    takeAnswer(pad, s);
    if (pad.drawing) s.animating = true;
    drawBox(pad, s, l.box);
    std::string committed = drawCandidates(pad, s, l, gap);
    addTarget(s, "hw:undo", l.undo);
    addTarget(s, "hw:clear", l.clear);
    if (touchButton(s, l.undo, s.text("hw.undo"), !pad.strokes.empty())) undoStroke(pad);
    if (touchButton(s, l.clear, s.text("hw.clear"), !pad.strokes.empty())) clearHandwritingPad(pad);
    if (!committed.empty()) clearHandwritingPad(pad);  // ready for the next character
    return committed;
}

}  // namespace gongkai::ui
