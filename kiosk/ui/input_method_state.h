// The on-screen keyboard's input mode and the pinyin being composed
// (keyboard_band.h draws them; AppState::ime holds them). The mode and any
// half-typed pinyin are cleared by the idle reset (clearInputMethod), as is
// everything a resident typed. UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ime.h"
#include "ui/handwriting_pad.h"
#include "ui/keyboard.h"

namespace gongkai::ui {

inline constexpr std::size_t kMaxPendingPinyin = 32;  // as many letters as the input method reads

struct InputMethodState {
    KeyboardMode mode = KeyboardMode::Letters;
    std::string pinyin;  // letters typed in pinyin mode, not yet committed (a-z)

    // The lookup (ime_lookup.h): what was last asked, what came back.
    std::uint64_t asked = 0;  // id of the question for `askedFor` (0: none)
    std::string askedFor;
    std::string shownFor;  // the letters `candidates` are for
    std::vector<ImeCandidate> candidates;
    std::vector<std::size_t> pageStarts{0};  // where each page seen so far starts (‹ goes back one)
    HandwritingPad pad;  // 手写 mode's writing pad (handwriting_pad.h)
};

// Overwrites the pending letters and candidates before freeing them, forgets
// any lookup in flight, empties the writing pad (clearHandwritingPad) and
// returns to letters mode.
void clearInputMethod(InputMethodState& ime);

}  // namespace gongkai::ui
