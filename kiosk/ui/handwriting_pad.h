// The writing pad (手写): a box where a finger writes one character, its
// strokes drawn thick as they are written, a row of candidate characters
// (best first, >= 60 px buttons, >= 80 px in elder mode) updated after
// every stroke, and the buttons 撤销笔画 (undo the last stroke) and 清除
// (clear). Tapping a candidate commits it and empties the pad for the next
// character. The keyboard's 手写 mode (keyboard_band.h) draws it where the
// letter rows would be.
//
//   wide area:  [ box ]  [王] [玉] [主] [丰] [五]      tall area: [王][玉][主][丰]
//                        [干] [三] [土] ...                       [   box   ]
//                        [撤销笔画] [清除]                         [撤销笔画][清除]
//
// Strokes are pointer drags (a tap is a dot), so mouse-emulated touch under
// X11 writes as a finger does. Recognition runs on a HandwritingWorker
// thread (handwriting_worker.h), one for the process, started on first use
// with the model named by setHandwritingModel(); the pad asks after each
// stroke and takes the answer on a later frame, keeping AppState::animating
// set meanwhile so the loop keeps drawing.
//
// Named targets (for --script dumps): "hw:box", "hw:undo", "hw:clear" and one
// "hw:cand:<character>" per candidate shown. UI thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/handwriting.h"

namespace gongkai::ui {

struct AppState;

struct HandwritingPad {
    std::vector<InkStroke> strokes;  // finished strokes, in box coordinates (0..boxSide)
    InkStroke current;               // the stroke being drawn
    bool drawing = false;
    float penX = 0, penY = 0;        // where the finger is, in box coordinates
    float boxSide = 0;               // the box's size when last drawn

    std::uint64_t asked = 0;         // the worker question being waited for (0: none)
    std::vector<HandwritingCandidate> candidates;  // for `strokes` as last answered
    std::string error;               // the recogniser's error, if any (for staff; the pad says "unavailable")
};

// Empties the pad: the ink, the candidates and any answer being waited for
// (the idle reset calls it). The ink is overwritten before it is freed.
void clearHandwritingPad(HandwritingPad& pad);

// The model the process's worker opens (before the pad is first drawn; a
// later call has no effect on a worker already started). Default:
// kDefaultHandwritingModel.
void setHandwritingModel(const std::string& path);

// Draws the pad in the area (x, y, w, h) and takes this frame's input on it.
// Returns the character committed by tapping a candidate (UTF-8), else "".
// A box of another size than last frame's (elder mode, another screen
// shape) starts empty: the ink drawn for the old one no longer fits.
std::string drawHandwritingPad(HandwritingPad& pad, float x, float y, float w, float h, AppState& s);

}  // namespace gongkai::ui
