#include "ui/keyboard.h"

#include <algorithm>
#include <cmath>

#include "core/glyphs.h"

namespace gongkai::ui {
namespace {

struct KeySpec {
    KeyAction action;
    char32_t ch;
    const char* name;
    float span;  // columns
    KeyboardMode mode = KeyboardMode::Letters;
};

// One row: an indent in columns, then its keys.
struct RowSpec {
    float indent;
    std::vector<KeySpec> keys;
};

KeySpec ch(char32_t c, const char* name) { return {KeyAction::Char, c, name, 1}; }

const std::vector<RowSpec>& rows() {
    static const std::vector<RowSpec> r = {
        {0, {ch('1', "1"), ch('2', "2"), ch('3', "3"), ch('4', "4"), ch('5', "5"), ch('6', "6"), ch('7', "7"),
             ch('8', "8"), ch('9', "9"), ch('0', "0"), {KeyAction::Backspace, 0, "backspace", 2}}},
        {0, {ch('q', "q"), ch('w', "w"), ch('e', "e"), ch('r', "r"), ch('t', "t"), ch('y', "y"), ch('u', "u"),
             ch('i', "i"), ch('o', "o"), ch('p', "p"), ch(U'〔', "〔"), ch(U'〕', "〕")}},
        {0, {ch('a', "a"), ch('s', "s"), ch('d', "d"), ch('f', "f"), ch('g', "g"), ch('h', "h"), ch('j', "j"),
             ch('k', "k"), ch('l', "l"), ch('(', "("), ch(')', ")"), ch(U'号', "号")}},
        {1, {ch('z', "z"), ch('x', "x"), ch('c', "c"), ch('v', "v"), ch('b', "b"), ch('n', "n"), ch('m', "m"),
             ch('[', "["), ch(']', "]"), ch('-', "-")}},
        {0, {{KeyAction::Clear, 0, "clear", 2}, {KeyAction::Mode, 0, "mode", 2}, {KeyAction::Mode, 0, "mode", 2},
             {KeyAction::Char, U' ', "space", 4}, {KeyAction::Hide, 0, "hide", 2}}},
    };
    return r;
}

const char* modeName(KeyboardMode m) {
    return m == KeyboardMode::Pinyin ? "mode_pinyin" : m == KeyboardMode::Handwriting ? "mode_handwriting" : "mode_letters";
}

// The bottom row's keys for `mode`: the mode keys name the other two modes,
// and handwriting has backspace where space was.
KeySpec forMode(KeySpec k, KeyboardMode mode, int& modeKeys) {
    if (k.action == KeyAction::Mode) {
        static const KeyboardMode order[] = {KeyboardMode::Letters, KeyboardMode::Pinyin, KeyboardMode::Handwriting};
        int seen = 0;
        for (KeyboardMode m : order)
            if (m != mode && seen++ == modeKeys) k.mode = m;
        ++modeKeys;
        k.name = modeName(k.mode);
    } else if (mode == KeyboardMode::Handwriting && k.ch == U' ') {
        k = {KeyAction::Backspace, 0, "backspace", k.span};
    }
    return k;
}

}  // namespace

float keyboardMinWidth(float minKey, float gap) { return minKey * kKeyboardColumns + gap * (kKeyboardColumns - 1); }
float keyboardMinHeight(float minKey, float gap) { return minKey * kKeyboardRows + gap * (kKeyboardRows - 1); }

KeyboardLayout layoutKeyboard(float x, float y, float w, float maxH, float minKey, float gap, KeyboardMode mode) {
    if ((w - gap * (kKeyboardColumns - 1)) / kKeyboardColumns < minKey)  // narrow: gaps give way to keys
        gap = std::max(4.0f, (w - minKey * kKeyboardColumns) / (kKeyboardColumns - 1));
    float unit = std::min((w - gap * (kKeyboardColumns - 1)) / kKeyboardColumns, minKey * 1.6f);
    float fit = (maxH - gap * (kKeyboardRows - 1)) / kKeyboardRows;
    float keyH = std::clamp(fit, minKey, std::max(minKey, unit));
    if (fit < minKey) keyH = std::max(fit, minKey * 0.6f);  // a band too short: keys stay inside it
    float used = unit * kKeyboardColumns + gap * (kKeyboardColumns - 1);
    float left = x + std::max(0.0f, (w - used) * 0.5f);
    KeyboardLayout out;
    out.width = used;
    out.keyHeight = keyH;
    float top = y;
    int modeKeys = 0;
    for (std::size_t r = 0; r < rows().size(); ++r) {
        const RowSpec& row = rows()[r];
        bool last = r + 1 == rows().size();
        if (mode == KeyboardMode::Handwriting && !last) {  // the writing pad's place
            top += keyH + gap;
            continue;
        }
        float col = row.indent;
        for (const KeySpec& spec : row.keys) {
            KeySpec k = last ? forMode(spec, mode, modeKeys) : spec;
            float kx = left + col * (unit + gap);
            float kw = unit * k.span + gap * (k.span - 1);
            out.keys.push_back({k.action, k.ch, k.name, {kx, top, kw, keyH}, k.mode});
            col += k.span;
        }
        top += keyH + gap;
    }
    if (mode == KeyboardMode::Handwriting) out.padArea = {left, y, used, top - y - 2 * gap - keyH};
    out.height = top - gap - y;
    return out;
}

const Key* keyAt(const KeyboardLayout& layout, float px, float py, float gap) {
    const Key* best = nullptr;
    float bestDist = gap * 0.5f + 0.01f;
    for (const Key& k : layout.keys) {
        float dx = std::max({k.box.x - px, 0.0f, px - (k.box.x + k.box.w)});
        float dy = std::max({k.box.y - py, 0.0f, py - (k.box.y + k.box.h)});
        float d = std::max(dx, dy);
        if (d < bestDist) best = &k, bestDist = d;
    }
    return best;
}

void appendUtf8(std::string& text, char32_t cp) {
    if (cp < 0x80) {
        text += static_cast<char>(cp);
        return;
    }
    int n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    char buf[4];
    for (int k = n - 1; k > 0; --k) {
        buf[k] = static_cast<char>(0x80 | (cp & 0x3F));
        cp >>= 6;
    }
    buf[0] = static_cast<char>((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    text.append(buf, static_cast<std::size_t>(n));
}

void eraseLastCharacter(std::string& text) {
    while (!text.empty()) {
        auto c = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((c & 0xC0) != 0x80) break;  // stop after the lead byte
    }
}

int characterCount(const std::string& text) {
    int n = 0;
    forEachCodepoint(text, [&](char32_t) { ++n; });
    return n;
}

bool applyKey(std::string& text, const platform::KeyEvent& key, int maxChars) {
    using Type = platform::KeyEvent::Type;
    switch (key.type) {
    case Type::Char:
        if (key.ch < 0x20 || (key.ch >= 0x7F && key.ch < 0xA0) || characterCount(text) >= maxChars) return false;
        if (key.ch == U' ' && (text.empty() || text.back() == ' ')) return false;  // no leading or double spaces
        appendUtf8(text, key.ch);
        return true;
    case Type::Backspace:
        if (text.empty()) return false;
        eraseLastCharacter(text);
        return true;
    case Type::Clear:
        if (text.empty()) return false;
        text.clear();
        return true;
    case Type::Enter:
        return false;
    }
    return false;
}

}  // namespace gongkai::ui
