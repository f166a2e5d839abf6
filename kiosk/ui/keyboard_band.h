// The on-screen keyboard as the search screen and the reader's find bar
// draw it: the keys (keyboard.h) with the input-mode keys, and in 拼音 mode
// the pinyin being composed above a bar of candidates; in 手写 mode the
// writing pad in place of the letter rows.
//
//   yiliao                                  <- the pending pinyin
//   [医疗] [医疗保险] [一] [以] [已] [ ‹ ] [ › ] <- candidates, >= 60 px (80 elder)
//   1 2 3 ...                               <- the keys
//
// Typed text reaches the screen as key events in AppState::keys (a tapped
// candidate becomes its characters), so the screen edits its own field as
// before. Candidates are looked up on the DataWorker's thread
// (ime_lookup.h); the band takes the answer when it is drawn.
// UI thread only.
#pragma once

#include "ui/app_state.h"

namespace gongkai::ui {

inline constexpr float kKeyboardGap = 8;  // between keys

// The band height that gives keys of `minKey` pixels in the current mode
// (pinyin adds the composing line and the candidate bar).
float keyboardBandMinHeight(const AppState& s, float minKey);

// Before a screen applies AppState::keys: in pinyin mode, letters typed on a
// physical keyboard (or by a script) compose pinyin instead of reaching the
// field; backspace and clear edit the pending pinyin first; space and enter
// commit the first candidate. Idempotent: what it lets through or commits
// is never composed again.
void takeImeKeys(AppState& s);

// Draws the band in `band` (the keys at its bottom when `atBottom`, else at
// its top) and takes this frame's taps on it. True when hide was tapped.
bool drawKeyboardBand(AppState& s, const Rect& band, bool atBottom);

}  // namespace gongkai::ui
