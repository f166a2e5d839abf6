// Handwriting recognition over zinnia's C API (see handwriting.h).
//
// zinnia reads a character as integer points in a width x height box and
// scores each model character with features of stroke directions and
// absolute positions, in stroke order. The ink is read twice, as drawn on
// the pad and fitted to the box, and the two candidate lists merged.
#include "core/handwriting.h"

#include <zinnia.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

namespace gongkai {

namespace {

constexpr float kBox = 1000.0F;    // the square handed to zinnia
constexpr float kFill = 0.9F;      // the ink's larger side fills this much of it
// Ink smaller than this share of the pad is not blown up further: a lone
// dot or a short first stroke stays short instead of becoming a long line.
constexpr float kSmallestInk = 0.3F;

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

// Adds zinnia's candidates to `best`, keeping each character's higher score.
void classifyInto(zinnia_recognizer_t* r, const zinnia_character_t* c, std::size_t n,
                  std::vector<HandwritingCandidate>& best) {
    std::unique_ptr<zinnia_result_t, ResultDeleter> result(zinnia_recognizer_classify(r, c, n));
    if (!result) return;  // zinnia classifies nothing it cannot read
    for (std::size_t i = 0; i < zinnia_result_size(result.get()); ++i) {
        HandwritingCandidate cand{zinnia_result_value(result.get(), i), zinnia_result_score(result.get(), i)};
        auto same = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.text == cand.text; });
        if (same == best.end()) best.push_back(std::move(cand));
        else same->score = std::max(same->score, cand.score);
    }
}

}  // namespace

struct HandwritingRecognizer::Impl {
    std::string path;
    zinnia_recognizer_t* recognizer = nullptr;
    mutable std::mutex mutex;  // zinnia documents no thread safety: one call at a time
    ~Impl() {
        if (recognizer) zinnia_recognizer_destroy(recognizer);
    }
};

HandwritingRecognizer::HandwritingRecognizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
HandwritingRecognizer::HandwritingRecognizer(HandwritingRecognizer&&) noexcept = default;
HandwritingRecognizer& HandwritingRecognizer::operator=(HandwritingRecognizer&&) noexcept = default;
HandwritingRecognizer::~HandwritingRecognizer() = default;

const std::string& HandwritingRecognizer::modelPath() const { return m_impl->path; }

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
    const Mapping drawn = asDrawn(padWidth, padHeight), fit = fitted(ink, padWidth, padHeight);
    std::lock_guard lock(m_impl->mutex);
    fillCharacter(character.get(), ink, drawn);
    classifyInto(m_impl->recognizer, character.get(), topN, out);
    if (!nearlySame(drawn, fit)) {
        fillCharacter(character.get(), ink, fit);
        classifyInto(m_impl->recognizer, character.get(), topN, out);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    if (out.size() > topN) out.resize(topN);
    return out;
}

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
