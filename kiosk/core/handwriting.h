// Handwritten character recognition over zinnia (Debian's libzinnia) with the
// tegaki simplified-Chinese model: strokes drawn on a pad in, candidate
// characters out, best first.
//
// Ownership: a HandwritingRecognizer owns its zinnia model (loaded once by
// open(), released by the destructor). Move-only.
// Thread safety: recognize() and setOrderTime() are serialised by an
// internal mutex, so one recogniser may be shared by threads (the kiosk
// calls it from one worker thread); recognize() itself uses a second thread
// while it runs. open() may run on any thread.
// Errors: open() names the model file and zinnia's reason; recognize()
// rejects a pad without area. Empty or degenerate ink (no stroke, strokes
// without points) is no error: it gives no candidates.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai {

// A point of a stroke in pad coordinates (pixels, y growing downwards).
struct InkPoint {
    float x = 0;
    float y = 0;
};
// One stroke: the points of one finger-down .. finger-up drag, in order.
using InkStroke = std::vector<InkPoint>;

struct HandwritingCandidate {
    std::string text;   // one character, UTF-8
    float score = 0;    // zinnia's score: higher is better, comparable only within one result
};

// recognize()'s time for reading other stroke orders: one reading of a
// complex character takes up to ~8 ms on the kiosk's 2 cores, so candidates
// come within the pad's 50 ms goal.
inline constexpr std::chrono::milliseconds kDefaultOrderTime{35};

// Where Debian's tegaki-zinnia-simplified-chinese installs its model.
inline constexpr const char* kDefaultHandwritingModel =
    "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";

// A recorded character: its strokes in a size x size square. The file format
// (tests/data/strokes/README.md): {"character": "户", "size": 1000,
// "strokes": [[[x, y], ...], ...]}.
struct InkSample {
    std::string character;
    float size = 0;
    std::vector<InkStroke> strokes;
};
// Errors name the file and what was wrong.
Result<InkSample> readInkSample(const std::string& path);
// Every *.json in `dir`, in file-name order; an error for the first bad one.
Result<std::vector<InkSample>> readInkSamples(const std::string& dir);

// Besides the order drawn, the stroke orders HandwritingRecognizer reads
// `ink` in, likeliest first, at most `most` of them: each a permutation of
// 0 .. ink.size()-1 (order[k] is the stroke written k-th), none the identity,
// no two alike. Derived from the strokes' count and shapes only.
std::vector<std::vector<std::size_t>> strokeOrdersToTry(const std::vector<InkStroke>& ink, std::size_t most);

class HandwritingRecognizer {
public:
    static Result<HandwritingRecognizer> open(const std::string& modelPath);

    HandwritingRecognizer(HandwritingRecognizer&&) noexcept;
    HandwritingRecognizer& operator=(HandwritingRecognizer&&) noexcept;
    ~HandwritingRecognizer();

    // The `topN` best candidates for the ink drawn on a pad of padWidth x
    // padHeight. Points outside the pad are clamped to it. The ink is read
    // both as drawn and fitted to the model's square (keeping its aspect), so
    // a character in a corner reads like one in the middle, and in a few
    // other stroke orders (strokeOrdersToTry), so a character is found
    // whatever order it was written in; each character keeps its best score
    // over all readings. First comes the best candidate of the order as
    // written, then the others by score, best first (a reading in another
    // order adds candidates, and may score them above the first, but never
    // takes the first place). Uses a second thread for part of the readings.
    // Other orders are read, likeliest first, until setOrderTime's time after
    // the call began has passed, so a busy machine reads fewer of them.
    Result<std::vector<HandwritingCandidate>> recognize(
        const std::vector<InkStroke>& strokes, float padWidth, float padHeight,
        std::size_t topN) const;

    // How long recognize() may go on reading other stroke orders (counted
    // from its start; the reading under way when it ends is finished).
    // Zero: no limit, every order is read and the same ink always gives the
    // same candidates (tests). Default kDefaultOrderTime.
    void setOrderTime(std::chrono::milliseconds t);

    const std::string& modelPath() const;

private:
    struct Impl;
    explicit HandwritingRecognizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace gongkai
