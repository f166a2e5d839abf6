// The on-screen keyboard for search: digits, QWERTY letters and the symbols
// document numbers (文号) need — 〔 〕 [ ] ( ) 号 - and space — plus
// backspace, clear and hide. Residents type pinyin (dibao, hj) or a number;
// search turns pinyin into Chinese, so no input method is needed.
//
//   1 2 3 4 5 6 7 8 9 0 [ ⌫ ]        12 columns a row; wide keys span
//   q w e r t y u i o p 〔 〕          several columns
//   a s d f g h j k l ( ) 号
//     z x c v b n m [ ] -
//   [清空] [拼音] [手写] [ 空格 ] [隐藏]
//
// The two mode keys name the other two input modes (keyboard_band.h): one
// tap reaches any of letters/digits, 拼音 (pinyin with a candidate bar) and
// 手写 (handwriting, which replaces the first four rows with a writing pad
// and the space key with backspace).
//
// Pure layout and text editing (no drawing, no ImGui), so hit targets are
// tested without a window; screen_search.cpp draws it. Thread-safe (no state).
#pragma once

#include <string>
#include <vector>

#include "platform/pointer_event.h"

namespace gongkai::ui {

struct KeyBox {
    float x = 0, y = 0, w = 0, h = 0;
    bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

enum class KeyAction { Char, Backspace, Clear, Hide, Mode };

// What the letter keys do: type letters (search reads them as pinyin),
// compose pinyin for the candidate bar, or give way to the writing pad.
enum class KeyboardMode { Letters, Pinyin, Handwriting };

struct Key {
    KeyAction action = KeyAction::Char;
    char32_t ch = 0;   // Char: what it types (U' ' for space)
    std::string name;  // stable: "a", "0", "〔", "space", "backspace", "clear", "hide",
                       // "mode_letters", "mode_pinyin", "mode_handwriting"
    KeyBox box;
    KeyboardMode mode = KeyboardMode::Letters;  // Mode: the mode it switches to
};

struct KeyboardLayout {
    std::vector<Key> keys;
    float width = 0, height = 0;  // the space used, from the given origin
    float keyHeight = 0;
    KeyBox padArea;  // Handwriting: where the first four rows would be (no keys there)
};

inline constexpr int kKeyboardColumns = 12, kKeyboardRows = 5;

// Lays the keys out from (x, y) in a band `w` wide and at most `maxH` tall.
// Keys are at least `minKey` pixels both ways when the band allows it (a
// column is (w - 11 gaps) / 12 wide, at most 1.6 x minKey; the keyboard is
// centred when the band is wider; when it is too narrow, the gaps shrink
// down to 4 px first). Rows are square-ish and fit `maxH` (a band shorter
// than 5 minimum rows gets shorter keys, down to 0.6 x minKey).
// `mode` picks the two mode keys (the other two modes) and, for handwriting,
// leaves only the bottom row.
KeyboardLayout layoutKeyboard(float x, float y, float w, float maxH, float minKey, float gap,
                              KeyboardMode mode = KeyboardMode::Letters);

// The narrowest band that gives keys of `minKey` pixels.
float keyboardMinWidth(float minKey, float gap);
float keyboardMinHeight(float minKey, float gap);

// The key under (px, py): a tap in the gap between keys goes to the nearer.
const Key* keyAt(const KeyboardLayout& layout, float px, float py, float gap);

// Text editing shared by on-screen keys, a physical keyboard and scripts.
void appendUtf8(std::string& text, char32_t cp);
void eraseLastCharacter(std::string& text);
int characterCount(const std::string& text);
// Applies a typed key to `text`; true when the text changed. Enter changes
// nothing (the caller decides what it means). Control characters are ignored.
bool applyKey(std::string& text, const platform::KeyEvent& key, int maxChars = 40);

}  // namespace gongkai::ui
