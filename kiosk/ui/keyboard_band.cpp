// Sections: [lookup]     asking the worker, taking its answer
//           [typing]     keys and candidates become pending pinyin or key events
//           [bar]        the composing line and the candidate bar, with paging
//           [keys]       the keys, the mode keys, the writing pad
//           [band]       layout and drawKeyboardBand
#include "ui/keyboard_band.h"

#include <algorithm>
#include <tuple>

#include <imgui.h>

#include "core/glyphs.h"
#include "ui/handwriting_pad.h"
#include "ui/ime_lookup.h"
#include "ui/keyboard.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

using KeyType = platform::KeyEvent::Type;

// [lookup] -----------------------------------------------------------------------

// Takes an answer for the letters last asked about; asks about new letters.
void syncLookup(AppState& s) {
    InputMethodState& m = s.ime;
    if (auto a = imeLookups().take(); a && a->id == m.asked) {
        m.shownFor = std::move(a->pinyin);
        m.candidates = std::move(a->candidates);
        m.pageStarts = {0};
    }
    if (m.pinyin.empty()) {
        m.askedFor.clear();
        m.shownFor.clear();
        m.candidates.clear();
        m.pageStarts = {0};
        return;
    }
    if (m.pinyin != m.askedFor) {
        m.askedFor = m.pinyin;
        m.asked = imeLookups().ask(m.pinyin);
    }
}

bool candidatesCurrent(const InputMethodState& m) { return !m.pinyin.empty() && m.shownFor == m.pinyin; }

// [typing] -----------------------------------------------------------------------

void typeText(std::vector<platform::KeyEvent>& into, const std::string& text) {
    forEachCodepoint(text, [&](char32_t cp) { into.push_back({KeyType::Char, cp}); });
}

// The candidate's characters go to the field; the letters it stood for leave the pending pinyin.
void commit(AppState& s, std::vector<platform::KeyEvent>& into, const ImeCandidate& c) {
    typeText(into, c.text);
    s.ime.pinyin.erase(0, std::min(c.consumed, s.ime.pinyin.size()));
    s.ime.pageStarts = {0};
}

bool isLetter(char32_t ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

// One key while composing; false when it is the field's to apply.
bool composeKey(AppState& s, const platform::KeyEvent& k, std::vector<platform::KeyEvent>& out) {
    InputMethodState& m = s.ime;
    if (k.type == KeyType::Char && isLetter(k.ch)) {
        if (m.pinyin.size() < kMaxPendingPinyin) m.pinyin.push_back(static_cast<char>(k.ch | 0x20));
        return true;
    }
    if (m.pinyin.empty()) return false;
    switch (k.type) {
    case KeyType::Backspace: m.pinyin.pop_back(); return true;
    case KeyType::Clear: m.pinyin.clear(); return true;
    case KeyType::Enter: case KeyType::Char:  // space or enter: the first candidate
        if (k.type == KeyType::Char && k.ch != U' ') return false;
        if (candidatesCurrent(m) && !m.candidates.empty()) commit(s, out, m.candidates.front());
        return true;
    }
    return false;
}

// Leaving pinyin mode keeps what was typed: the pending letters go to the field.
void switchMode(AppState& s, KeyboardMode to) {
    if (s.ime.mode == KeyboardMode::Pinyin && !s.ime.pinyin.empty()) {
        typeText(s.keys, s.ime.pinyin);
        s.ime.pinyin.clear();
    }
    s.ime.mode = to;
}

// [bar] --------------------------------------------------------------------------

float composeLineHeight(const AppState& s) { return s.fonts->lineHeight(FontRole::Body) + 8; }
float candidateHeight(const AppState& s) { return std::max(minKeySize(s), s.elderMode ? 80.0f : 60.0f); }

void drawComposeLine(AppState& s, const Rect& r) {
    const Theme& t = s.theme;
    const InputMethodState& m = s.ime;
    float y = r.y + (r.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
    if (m.pinyin.empty()) {
        drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, t.textSecondary, r.x + 8, y,
                 elide(*s.fonts, FontRole::Body, s.text("ime.hint"), r.w - 16));
        return;
    }
    std::string shown = m.pinyin;  // the end in view, where the next letter goes
    if (textWidth(s, FontRole::Body, shown) + 24 > r.w) {
        while (shown.size() > 1 && textWidth(s, FontRole::Body, "…" + shown) + 24 > r.w) shown.erase(0, 1);
        shown = "…" + shown;
    }
    float w = textWidth(s, FontRole::Body, shown);
    fillRect({r.x, r.y, w + 24, r.h}, t.tileBg, 8);
    drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, t.text, r.x + 12, y, shown, true);
    fillRect({r.x + 14 + w, r.y + 6, 3, r.h - 12}, t.text);  // where the next letter goes
    addTarget(s, "ime:pinyin:" + m.pinyin, {r.x, r.y, w + 24, r.h});
}

float candidateWidth(const AppState& s, const ImeCandidate& c, float h) {
    return std::max(h, textWidth(s, FontRole::Title, c.text) + 40);
}

// Paging: ‹ and › at the right end; the candidates from the current page's start that fit.
void drawCandidates(AppState& s, const Rect& row, std::vector<platform::KeyEvent>& out) {
    const Theme& t = s.theme;
    InputMethodState& m = s.ime;
    float h = row.h, gap = kKeyboardGap;
    Rect next{row.right() - h, row.y, h, h}, prev{next.x - gap - h, row.y, h, h};
    bool current = candidatesCurrent(m);
    std::size_t start = std::min(m.pageStarts.back(), m.candidates.size()), i = start;
    float x = row.x;
    for (; i < m.candidates.size(); ++i) {
        const ImeCandidate& c = m.candidates[i];
        float w = candidateWidth(s, c, h);
        if (x + w > prev.x - gap && i > start) break;
        Rect r{x, row.y, std::min(w, prev.x - gap - x), h};
        fillRect(r, current && pressedIn(s, r) ? t.pressedBg : t.buttonBg, 10);
        strokeRect(r, i == 0 ? t.tileAccent : t.tableBorder, 10, i == 0 ? 3.0f : 1.5f);
        centeredText(s, r, FontRole::Title, current ? t.buttonText : t.buttonDisabledText, c.text, c.phrase);
        if (!current) { x += w + gap; continue; }
        addTarget(s, "ime:cand:" + c.text, r);
        if (tappedIn(s, r)) commit(s, out, c);
        x += w + gap;
    }
    bool hasPrev = m.pageStarts.size() > 1, hasNext = current && i < m.candidates.size();
    for (auto [r, on, label, name] : {std::tuple{prev, hasPrev, "ime.previous", "ime:prev"},
                                      std::tuple{next, hasNext, "ime.next", "ime:next"}}) {
        fillRect(r, on && pressedIn(s, r) ? t.pressedBg : t.sectionBg, 10);
        strokeRect(r, t.tableBorder, 10, 1.5f);
        centeredText(s, r, FontRole::Title, on ? t.buttonText : t.buttonDisabledText, s.text(label), true);
        addTarget(s, name, r);
    }
    if (hasPrev && tappedIn(s, prev)) m.pageStarts.pop_back();
    if (hasNext && tappedIn(s, next)) m.pageStarts.push_back(i);
}

// [keys] -------------------------------------------------------------------------

std::string keyLabel(const AppState& s, const Key& k) {
    switch (k.action) {
    case KeyAction::Backspace: return s.text("kbd.backspace");
    case KeyAction::Clear: return s.text("kbd.clear");
    case KeyAction::Hide: return s.text("kbd.hide");
    case KeyAction::Mode: return s.text("kbd." + k.name);
    case KeyAction::Char: break;
    }
    if (k.ch == U' ') return s.text("kbd.space");
    std::string out;
    appendUtf8(out, k.ch);
    return out;
}

// Returns true for hide.
bool pressKey(AppState& s, const Key& k) {
    switch (k.action) {
    case KeyAction::Hide: return true;
    case KeyAction::Mode: switchMode(s, k.mode); return false;
    case KeyAction::Backspace: s.keys.push_back({KeyType::Backspace, 0}); break;
    case KeyAction::Clear: s.keys.push_back({KeyType::Clear, 0}); break;
    case KeyAction::Char: s.keys.push_back({KeyType::Char, k.ch}); break;
    }
    takeImeKeys(s);  // in pinyin mode, letters compose
    return false;
}

bool drawKeys(AppState& s, const KeyboardLayout& kb) {
    const Theme& t = s.theme;
    const Key* tapped = s.input.tap ? keyAt(kb, s.input.tap->x, s.input.tap->y, kKeyboardGap) : nullptr;
    const Key* down = s.input.press ? keyAt(kb, s.input.press->x, s.input.press->y, kKeyboardGap) : nullptr;
    for (const Key& k : kb.keys) {
        Rect r{k.box.x, k.box.y, k.box.w, k.box.h};
        bool special = k.action != KeyAction::Char, mode = k.action == KeyAction::Mode;
        fillRect(r, &k == down ? t.pressedBg : mode ? t.tileBg : special ? t.sectionBg : t.buttonBg, 10);
        strokeRect(r, mode ? t.tileAccent : t.tableBorder, 10, mode ? 3.0f : 1.5f);
        FontRole role = special || k.ch == U' ' ? FontRole::Body : FontRole::Title;
        centeredText(s, r, role, mode ? t.tileAccent : t.buttonText, keyLabel(s, k), special);
        addTarget(s, "key:" + k.name, r);
    }
    return tapped && pressKey(s, *tapped);
}

// The writing pad where the letter rows would be; a character it commits is typed.
void drawHandwriting(AppState& s, const Rect& area) {
    std::string committed = drawHandwritingPad(s.ime.pad, area.x, area.y, area.w, area.h, s);
    if (!committed.empty()) typeText(s.keys, committed);
}

}  // namespace

// [band] -------------------------------------------------------------------------

float keyboardBandMinHeight(const AppState& s, float minKey) {
    float keys = keyboardMinHeight(minKey, kKeyboardGap);
    if (s.ime.mode == KeyboardMode::Handwriting) return keys + 2 * minKey;  // a roomier writing box
    if (s.ime.mode != KeyboardMode::Pinyin) return keys;
    return keys + composeLineHeight(s) + candidateHeight(s) + 2 * kKeyboardGap;
}

void takeImeKeys(AppState& s) {
    if (s.ime.mode != KeyboardMode::Pinyin) return;
    std::vector<platform::KeyEvent> out;
    for (const auto& k : s.keys)
        if (!composeKey(s, k, out)) out.push_back(k);
    s.keys = std::move(out);
}

namespace {

// The composing line and the candidate bar above the keys at `left, top`.
// Compact (a band too short for both rows, as beside the keys at 1366x768):
// the pending letters sit at the bar's left end instead.
void drawPinyinRows(AppState& s, float left, float top, float width, bool compact) {
    std::vector<platform::KeyEvent> typed;
    float lineH = composeLineHeight(s), barH = candidateHeight(s);
    Rect bar{left, compact ? top : top + lineH + kKeyboardGap, width, barH};
    if (!compact) {
        drawComposeLine(s, {left, top, width, lineH});
    } else if (s.ime.pinyin.empty()) {
        drawComposeLine(s, {left, top + (barH - lineH) * 0.5f, width - 2 * (barH + kKeyboardGap), lineH});
    } else {
        float w = std::min(textWidth(s, FontRole::Body, s.ime.pinyin) + 24, width * 0.3f);
        drawComposeLine(s, {left, top + (barH - lineH) * 0.5f, w, lineH});
        bar.x += w + kKeyboardGap;
        bar.w -= w + kKeyboardGap;
    }
    drawCandidates(s, bar, typed);
    s.keys.insert(s.keys.end(), typed.begin(), typed.end());
}

}  // namespace

bool drawKeyboardBand(AppState& s, const Rect& band, bool atBottom) {
    const Theme& t = s.theme;
    const float gap = kKeyboardGap, mk = minKeySize(s);
    const KeyboardMode mode = s.ime.mode;
    bool pinyin = mode == KeyboardMode::Pinyin;
    if (pinyin) syncLookup(s);
    float full = composeLineHeight(s) + candidateHeight(s) + 2 * gap;
    bool compact = band.h < keyboardMinHeight(mk, gap) + full;
    float extra = !pinyin ? 0 : compact ? candidateHeight(s) + gap : full;
    KeyboardLayout probe = layoutKeyboard(band.x, 0, band.w, band.h - extra, mk, gap, mode);
    float top = atBottom ? band.bottom() - probe.height - extra : band.y;
    KeyboardLayout kb = layoutKeyboard(band.x, top + extra, band.w, band.h - extra, mk, gap, mode);
    float left = kb.keys.front().box.x;
    Rect pad{left, kb.padArea.y, kb.width, kb.padArea.h};
    if (mode == KeyboardMode::Handwriting && atBottom) {  // the pad takes the whole band above the bottom row
        pad = {left, band.y, kb.width, kb.padArea.y + kb.padArea.h - band.y};
        extra += top - band.y;
        top = band.y;
    }
    fillRect({left - gap, top - gap, kb.width + 2 * gap, kb.height + extra + 2 * gap}, t.navBg, 12);
    if (pinyin) drawPinyinRows(s, left, top, kb.width, compact);
    if (mode == KeyboardMode::Handwriting) drawHandwriting(s, pad);
    bool hide = drawKeys(s, kb);
    if (s.ime.mode == KeyboardMode::Pinyin) syncLookup(s);  // ask about what was typed this frame
    return hide;
}

namespace {

void zero(std::string& text) { std::fill(text.begin(), text.end(), '\0'); }

}  // namespace

void clearInputMethod(InputMethodState& m) {
    imeLookups().cancel();
    clearHandwritingPad(m.pad);
    zero(m.pinyin);
    zero(m.askedFor);
    zero(m.shownFor);
    for (auto& c : m.candidates) zero(c.text);
    m = InputMethodState{};
}

}  // namespace gongkai::ui
