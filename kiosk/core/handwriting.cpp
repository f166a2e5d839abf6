// Handwriting recognition over zinnia's C API (see handwriting.h).
//
// zinnia reads a character as integer points in a width x height box and
// scores each model character with features of stroke directions and
// absolute positions, in stroke order: a character's score is its linear
// SVM's bias plus the dot product of its weights with those features
// (zinnia/recognizer.cpp), so scores from different readings of the same
// ink are comparable and the best one stands for the character.
//
// Sections: [ink] cleaning and mapping into zinnia's box; [orders] the stroke
// orders tried besides the one drawn; [recognize] the readings merged;
// [files] recorded stroke sets.
#include "core/handwriting.h"

#include <zinnia.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/hanzi.h"
#include "core/tokenizer.h"

namespace gongkai {

namespace {

// ---- [ink] ----------------------------------------------------------------

constexpr float kBox = 1000.0F;    // the square handed to zinnia
constexpr float kFill = 0.9F;      // the ink's larger side fills this much of it
// Ink smaller than this share of the pad is not blown up further: a lone
// dot or a short first stroke stays short instead of becoming a long line.
constexpr float kSmallestInk = 0.3F;
// How many stroke orders are read besides the one drawn (strokeOrdersToTry):
// a reading takes zinnia about 2 ms + 0.3 ms a stroke here (every model
// character's weights against the ink's features), and the pad's first
// candidates should come within 50 ms of a stroke, so a character of n
// strokes gets kOrderStrokes / n orders, from 2 to kMostOrders. Few are
// needed for many strokes: one stroke out of place barely changes them.
constexpr std::size_t kMostOrders = 10;
constexpr std::size_t kOrderStrokes = 50;
std::size_t ordersToRead(std::size_t strokes) {
    return std::clamp<std::size_t>(kOrderStrokes / std::max<std::size_t>(strokes, 1), 2, kMostOrders);
}
// Characters of more strokes do not get their last strokes brought to the
// front (strokeOrdersToTry).
constexpr std::size_t kMostStrokesToFront = 5;

struct Box {
    float minX, minY, maxX, maxY;
};

// The ink on the pad: points clamped to it, non-finite points and strokes
// left without points dropped.
std::vector<InkStroke> cleanInk(const std::vector<InkStroke>& strokes, float w, float h) {
    std::vector<InkStroke> out;
    for (const InkStroke& s : strokes) {
        InkStroke clean;
        for (const InkPoint& p : s)
            if (std::isfinite(p.x) && std::isfinite(p.y))
                clean.push_back({std::clamp(p.x, 0.0F, w), std::clamp(p.y, 0.0F, h)});
        if (!clean.empty()) out.push_back(std::move(clean));
    }
    return out;
}

Box inkBounds(const std::vector<InkStroke>& strokes, float w, float h) {
    Box b{w, h, 0, 0};
    for (const InkStroke& s : strokes)
        for (const InkPoint& p : s) {
            b.minX = std::min(b.minX, p.x);
            b.minY = std::min(b.minY, p.y);
            b.maxX = std::max(b.maxX, p.x);
            b.maxY = std::max(b.maxY, p.y);
        }
    return b;
}

struct CharacterDeleter {
    void operator()(zinnia_character_t* c) const { zinnia_character_destroy(c); }
};
struct ResultDeleter {
    void operator()(zinnia_result_t* r) const { zinnia_result_destroy(r); }
};

// How pad coordinates map into zinnia's square: v -> kBox/2 + (v - centre) * scale.
struct Mapping {
    float scale, cx, cy;
};

// The pad as it is: its square middle fills the box (how tegaki feeds zinnia).
Mapping asDrawn(float w, float h) { return {kBox / std::max(w, h), w / 2, h / 2}; }

// The ink's bounding box centred and grown to fill kFill of the box.
Mapping fitted(const std::vector<InkStroke>& ink, float w, float h) {
    const Box b = inkBounds(ink, w, h);
    const float extent = std::max({b.maxX - b.minX, b.maxY - b.minY, kSmallestInk * std::min(w, h)});
    return {kFill * kBox / extent, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2};
}

// Two mappings that put every point within a few hundredths of the box of
// each other read alike.
bool nearlySame(const Mapping& a, const Mapping& b) {
    const float shift = std::hypot(a.cx - b.cx, a.cy - b.cy) * a.scale;
    return std::abs(a.scale / b.scale - 1) < 0.1F && shift < 0.03F * kBox;
}

// Fills `c` with clean ink (cleanInk) mapped into the square.
void fillCharacter(zinnia_character_t* c, const std::vector<InkStroke>& ink, Mapping m) {
    auto toBox = [&](float v, float centre) {
        return static_cast<int>(std::lround(std::clamp(kBox / 2 + (v - centre) * m.scale, 0.0F, kBox)));
    };
    zinnia_character_clear(c);
    zinnia_character_set_width(c, static_cast<std::size_t>(kBox));
    zinnia_character_set_height(c, static_cast<std::size_t>(kBox));
    for (std::size_t id = 0; id < ink.size(); ++id) {
        for (const InkPoint& p : ink[id]) zinnia_character_add(c, id, toBox(p.x, m.cx), toBox(p.y, m.cy));
        // A tap is one point; zinnia needs a direction, so it becomes a dot.
        if (ink[id].size() == 1)
            zinnia_character_add(c, id, toBox(ink[id][0].x, m.cx) + 1, toBox(ink[id][0].y, m.cy) + 1);
    }
}

bool byScore(const HandwritingCandidate& a, const HandwritingCandidate& b) { return a.score > b.score; }

// Residents write to search for everyday words. The model also knows rare
// characters and bare radicals, and some of them fit common ink better than
// the character meant (口 written large reads as 囗, 医 as 匡). The first
// kEverydayFirst candidates in everyday use (Unihan kHanyuPinlu) therefore
// come first, in their order; the rest follow in theirs.
constexpr std::size_t kEverydayFirst = 5;
constexpr std::size_t kRareSlack = 5;  // more asked of zinnia, so the rare have stand-ins

bool isEveryday(const std::string& text) {
    int len = 1;
    const char32_t cp = tokenizer_detail::decodeAt(text, 0, len);
    return !hanzi::isCjk(cp) || hanzi::pinluFrequency(cp) > 0;
}

void everydayFirst(std::vector<HandwritingCandidate>& ranked) {
    std::vector<HandwritingCandidate> head, tail;
    for (HandwritingCandidate& c : ranked)
        (head.size() < kEverydayFirst && isEveryday(c.text) ? head : tail).push_back(std::move(c));
    head.insert(head.end(), std::make_move_iterator(tail.begin()), std::make_move_iterator(tail.end()));
    ranked = std::move(head);
}

// Adds `cand` to `best`, or raises the score of the same character there.
void mergeCandidate(std::vector<HandwritingCandidate>& best, HandwritingCandidate cand) {
    auto same = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.text == cand.text; });
    if (same == best.end()) best.push_back(std::move(cand));
    else same->score = std::max(same->score, cand.score);
}

// Adds zinnia's first `n` candidates to `best` (mergeCandidate).
void classifyInto(zinnia_recognizer_t* r, const zinnia_character_t* c, std::size_t n,
                  std::vector<HandwritingCandidate>& best) {
    std::unique_ptr<zinnia_result_t, ResultDeleter> result(zinnia_recognizer_classify(r, c, n));
    if (!result) return;  // zinnia classifies nothing it cannot read
    for (std::size_t i = 0; i < zinnia_result_size(result.get()); ++i)
        mergeCandidate(best, {zinnia_result_value(result.get(), i), zinnia_result_score(result.get(), i)});
}

using Clock = std::chrono::steady_clock;

// The readings of the ink in other stroke orders, shared by two threads (the
// kiosk has two cores, and its UI thread idles while a finger is up): each
// takes the next order not yet taken, likeliest first, until none is left or
// the deadline has passed. zinnia_recognizer_classify only reads the model
// (zinnia's recognizer.cpp: features and results are its locals), so two
// threads may read at once, each with a character of its own.
struct OrderReadings {
    zinnia_recognizer_t* recognizer;
    const std::vector<InkStroke>& ink;
    std::vector<std::vector<std::size_t>> orders;
    Mapping mapping;
    std::optional<Clock::time_point> deadline;
    std::atomic<std::size_t> next{0};
    // Each order's first candidate; a slot is written only by the thread
    // that took its order, and read after both are done.
    std::vector<std::vector<HandwritingCandidate>> winners = std::vector<std::vector<HandwritingCandidate>>(orders.size());

    // Catches everything: it runs on the helper thread too, and a reading
    // lost only loses a candidate.
    void work() noexcept {
        try {
            std::unique_ptr<zinnia_character_t, CharacterDeleter> c(zinnia_character_new());
            if (!c) return;
            std::vector<InkStroke> reordered(ink.size());
            for (std::size_t k = next++; k < orders.size() && !(deadline && Clock::now() >= *deadline); k = next++) {
                for (std::size_t i = 0; i < ink.size(); ++i) reordered[i] = ink[orders[k][i]];
                fillCharacter(c.get(), reordered, mapping);
                classifyInto(recognizer, c.get(), 1, winners[k]);
            }
        } catch (const std::exception&) {
            // out of memory: the candidates read so far
        }
    }
};

// A thread working on `readings` (joined when it goes out of scope), or none
// if there is no thread to be had.
std::jthread helpWith(OrderReadings& readings) {
    if (readings.orders.size() < 2) return {};
    try {
        return std::jthread([&readings] { readings.work(); });
    } catch (const std::system_error&) {
        return {};  // the caller reads them all
    }
}

// ---- [orders] -------------------------------------------------------------

using StrokeOrder = std::vector<std::size_t>;

// 0, 1, .., n-1 with the stroke at `from` taken out and put back at `to`.
StrokeOrder moved(std::size_t n, std::size_t from, std::size_t to) {
    StrokeOrder o(n);
    for (std::size_t i = 0; i < n; ++i) o[i] = i;
    const std::size_t s = o[from];
    o.erase(o.begin() + static_cast<long>(from));
    o.insert(o.begin() + static_cast<long>(to), s);
    return o;
}

// The stroke that closes a frame (口 日 田 目 四 国's last 横): a flat stroke
// along the bottom of the ink, most of its width. Written before what the
// frame holds, it is the commonest order mistake.
std::optional<std::size_t> closingStroke(const std::vector<InkStroke>& ink) {
    constexpr float kFar = std::numeric_limits<float>::max();
    const Box all = inkBounds(ink, kFar, kFar);
    const float w = all.maxX - all.minX, h = all.maxY - all.minY;
    std::optional<std::size_t> lowest;
    float lowestY = 0;
    for (std::size_t i = 0; i < ink.size(); ++i) {
        const Box b = inkBounds({ink[i]}, kFar, kFar);
        const bool flat = b.maxY - b.minY <= 0.1F * h, wide = b.maxX - b.minX >= 0.6F * w;
        if (flat && wide && b.minY >= all.minY + 0.85F * h && (!lowest || b.minY > lowestY)) {
            lowest = i;
            lowestY = b.minY;
        }
    }
    return lowest;
}

}  // namespace

// The orders most worth a reading, likeliest first. Two kinds of difference
// come up: a writer's slip (a frame closed early, two neighbours swapped, a
// dot or a 撇 written first) and a model trained on another school's order
// (the tegaki model wants 匚 before what it holds in 医 区, 竖折 first in
// 山, 人 before the dots in 火). Each is undone by moving one stroke, or the
// last two, to another place, so those are the orders tried: the closing
// stroke put last, the last stroke brought to the front, neighbours swapped
// from both ends inwards, the first stroke moved later, the last two first.
std::vector<std::vector<std::size_t>> strokeOrdersToTry(const std::vector<InkStroke>& ink, std::size_t most) {
    std::vector<StrokeOrder> out;
    const std::size_t n = ink.size();
    if (n < 2 || most == 0) return out;
    StrokeOrder same(n);
    for (std::size_t i = 0; i < n; ++i) same[i] = i;
    auto add = [&](StrokeOrder o) {
        if (out.size() < most && o != same && std::find(out.begin(), out.end(), o) == out.end())
            out.push_back(std::move(o));
    };
    if (auto c = closingStroke(ink)) add(moved(n, *c, n - 1));
    add(moved(n, n - 2, n - 1));
    add(moved(n, 0, 1));
    // The last strokes brought to the front: a whole part written first
    // (匚 in 区, 人 in 火). Not in characters of many strokes, where it makes
    // a chimera the model scores wildly (保 with its 撇 and 点 first reads
    // as 山, at 0.99 to 保's own 0.08).
    if (n <= kMostStrokesToFront) {
        if (n >= 3) add(moved(n, n - 1, 1));
        add(moved(n, n - 1, 0));
        if (n >= 4) {
            StrokeOrder lastTwoFirst = {n - 2, n - 1};
            for (std::size_t i = 0; i + 2 < n; ++i) lastTwoFirst.push_back(i);
            add(std::move(lastTwoFirst));
        }
    }
    for (std::size_t d = 1; 2 * d < n; ++d) {  // neighbours, from both ends inwards
        add(moved(n, n - 2 - d, n - 1 - d));
        add(moved(n, d, d + 1));
    }
    for (std::size_t to = 2; to < n; ++to) add(moved(n, 0, to));
    for (std::size_t from = n - 1; from-- > 0;) add(moved(n, from, n - 1));
    for (std::size_t to = 2; to + 1 < n; ++to) add(moved(n, n - 1, to));
    return out;
}

// ---- [recognize] ----------------------------------------------------------

struct HandwritingRecognizer::Impl {
    std::string path;
    zinnia_recognizer_t* recognizer = nullptr;
    mutable std::mutex mutex;  // zinnia documents no thread safety: one call at a time
    std::chrono::milliseconds orderTime = kDefaultOrderTime;  // guarded by `mutex`
    ~Impl() {
        if (recognizer) zinnia_recognizer_destroy(recognizer);
    }
};

HandwritingRecognizer::HandwritingRecognizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
HandwritingRecognizer::HandwritingRecognizer(HandwritingRecognizer&&) noexcept = default;
HandwritingRecognizer& HandwritingRecognizer::operator=(HandwritingRecognizer&&) noexcept = default;
HandwritingRecognizer::~HandwritingRecognizer() = default;

const std::string& HandwritingRecognizer::modelPath() const { return m_impl->path; }

void HandwritingRecognizer::setOrderTime(std::chrono::milliseconds t) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->orderTime = t;
}

Result<HandwritingRecognizer> HandwritingRecognizer::open(const std::string& modelPath) {
    auto impl = std::make_unique<Impl>();
    impl->path = modelPath;
    impl->recognizer = zinnia_recognizer_new();
    if (!impl->recognizer) return Error{"handwriting model " + modelPath + ": zinnia could not start"};
    if (!zinnia_recognizer_open(impl->recognizer, modelPath.c_str())) {
        const char* why = zinnia_recognizer_strerror(impl->recognizer);
        return Error{"handwriting model " + modelPath + ": cannot open (" +
                     std::string(why && *why ? why : "unknown reason") + ")"};
    }
    if (zinnia_recognizer_size(impl->recognizer) == 0)
        return Error{"handwriting model " + modelPath + ": holds no characters"};
    return HandwritingRecognizer(std::move(impl));
}

Result<std::vector<HandwritingCandidate>> HandwritingRecognizer::recognize(
    const std::vector<InkStroke>& strokes, float padWidth, float padHeight,
    std::size_t topN) const {
    const Clock::time_point start = Clock::now();
    if (!(padWidth > 0) || !(padHeight > 0) || !std::isfinite(padWidth) || !std::isfinite(padHeight))
        return Error{"handwriting: the pad has no area"};
    std::vector<HandwritingCandidate> out;
    if (topN == 0) return out;
    std::unique_ptr<zinnia_character_t, CharacterDeleter> character(zinnia_character_new());
    if (!character) return Error{"handwriting: zinnia could not make a character"};
    const std::vector<InkStroke> ink = cleanInk(strokes, padWidth, padHeight);
    if (ink.empty()) return out;

    // Two readings, merged: zinnia's features hold absolute positions, so a
    // character written small reads best as drawn (口 is small in the model,
    // 囗 fills its box) and one written off-centre reads best fitted.
    // When the two are nearly the same, one reading does (half the time).
    // Other stroke orders are read in the fitted mapping unless the two are
    // nearly the same, starting on a helper thread at once, likeliest first.
    const Mapping drawn = asDrawn(padWidth, padHeight), fit = fitted(ink, padWidth, padHeight);
    const bool oneMapping = nearlySame(drawn, fit);
    std::lock_guard lock(m_impl->mutex);
    zinnia_recognizer_t* r = m_impl->recognizer;
    OrderReadings others{r, ink, strokeOrdersToTry(ink, ordersToRead(ink.size())), oneMapping ? drawn : fit, {}};
    if (m_impl->orderTime.count() > 0) others.deadline = start + m_impl->orderTime;
    std::jthread helper = helpWith(others);
    fillCharacter(character.get(), ink, drawn);
    classifyInto(r, character.get(), topN + kRareSlack, out);
    if (!oneMapping) {
        fillCharacter(character.get(), ink, fit);
        classifyInto(r, character.get(), topN + kRareSlack, out);
    }
    others.work();
    if (helper.joinable()) helper.join();
    if (out.empty()) return out;
    std::stable_sort(out.begin(), out.end(), byScore);
    // The best everyday character of the order as written (everydayFirst).
    auto lead = std::find_if(out.begin(), out.end(), [](const auto& c) { return isEveryday(c.text); });
    const std::string asWritten = (lead == out.end() ? out.front() : *lead).text;

    // Scores are comparable across readings (one linear model, the same
    // ink), but a reading in an order the writer did not use is a shape the
    // model never saw, and some character always fits it well (上 read 横
    // 竖 横 scores 土 at 1.8, above 上's own 0.85). So another order's first
    // candidate joins the list by its score, but the best reading of the
    // order as written keeps first place: reading other orders only adds.
    for (std::vector<HandwritingCandidate>& order : others.winners)
        for (HandwritingCandidate& w : order) mergeCandidate(out, std::move(w));
    std::stable_sort(out.begin(), out.end(), byScore);
    auto first = std::find_if(out.begin(), out.end(), [&](const auto& c) { return c.text == asWritten; });
    std::rotate(out.begin(), first, first + 1);
    everydayFirst(out);
    if (out.size() > topN) out.resize(topN);
    return out;
}

// ---- [files] --------------------------------------------------------------

namespace {

Result<InkStroke> parseStroke(const nlohmann::json& j) {
    if (!j.is_array()) return Error{"a stroke is not an array of points"};
    InkStroke stroke;
    for (const auto& p : j) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
            return Error{"a point is not [x, y]"};
        stroke.push_back({p[0].get<float>(), p[1].get<float>()});
    }
    return stroke;
}

Result<InkSample> parseSample(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("character") || !j["character"].is_string())
        return Error{"no \"character\""};
    InkSample sample;
    sample.character = j["character"].get<std::string>();
    sample.size = j.value("size", 0.0F);
    if (!(sample.size > 0)) return Error{"\"size\" is missing or not positive"};
    if (!j.contains("strokes") || !j["strokes"].is_array()) return Error{"no \"strokes\" array"};
    for (const auto& s : j["strokes"]) {
        Result<InkStroke> stroke = parseStroke(s);
        if (!stroke) return stroke.error();
        sample.strokes.push_back(std::move(stroke.value()));
    }
    return sample;
}

}  // namespace

Result<InkSample> readInkSample(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open"};
    const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Error{path + ": not JSON"};
    Result<InkSample> sample = parseSample(j);
    if (!sample) return Error{path + ": " + sample.error().message};
    return sample;
}

Result<std::vector<InkSample>> readInkSamples(const std::string& dir) {
    std::error_code ec;
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") paths.push_back(e.path().string());
    if (ec) return Error{dir + ": " + ec.message()};
    std::sort(paths.begin(), paths.end());
    std::vector<InkSample> samples;
    for (const std::string& p : paths) {
        Result<InkSample> s = readInkSample(p);
        if (!s) return s.error();
        samples.push_back(std::move(s.value()));
    }
    return samples;
}

}  // namespace gongkai
