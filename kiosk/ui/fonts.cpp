// Sections: [budget] how many glyphs fit; [build] one atlas, any thread;
//           [FontSet] background builds, installing, role mapping.
#include "ui/fonts.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <unordered_set>

#include "core/glyphs.h"

namespace gongkai::ui {
namespace {

// [budget] -------------------------------------------------------------------
// One channel at 4096 x 8192 is 32 MiB of texture; glyph boxes are about
// 0.92 em square plus padding. The atlas grows only as tall as it needs.
constexpr int kTexWidth = 4096, kTexMaxHeight = 8192;

int glyphBudget(const float baked[3]) {
    auto cell = [](float px) { return (px * 0.92f + 2) * (px * 0.92f + 2); };
    double area = cell(baked[0]) + cell(baked[1]) + cell(baked[2]);
    return static_cast<int>(double(kTexWidth) * kTexMaxHeight * 0.85 / area);
}

std::vector<unsigned char> readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return {};
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(f), {});
}

// [build] --------------------------------------------------------------------

void fallBack(BuiltAtlas& b, const std::string& why) {
    b.atlas->Clear();
    ImFont* f = b.atlas->AddFontDefault();
    b.fonts[0] = b.fonts[1] = b.fonts[2] = f;
    b.atlas->Build();
    b.error = why;
}

// ASCII, the extra text, common punctuation, then mirror characters in order
// of use until the budget is spent.
ImVector<ImWchar> chooseRanges(const FontRequest& r, int& glyphs, int& dropped) {
    std::unordered_set<char32_t> chosen;
    ImFontGlyphRangesBuilder ranges;
    auto add = [&](char32_t c) {
        if (c > 0xFFFF || c < 0x20 || !chosen.insert(c).second) return;
        ranges.AddChar(static_cast<ImWchar>(c));
    };
    for (char32_t c = 0x20; c < 0x7F; ++c) add(c);
    forEachCodepoint(r.extraText, add);
    for (char32_t c : U"…·—“”‘’（），。、：；？！《》〔〕【】") add(c);
    int budget = glyphBudget(r.baked);
    int taken = 0;
    dropped = 0;
    for (char32_t c : r.mirrorChars) {
        bool full = static_cast<int>(chosen.size()) >= budget ||
                    (r.maxMirrorChars >= 0 && taken >= r.maxMirrorChars);
        if (full) { ++dropped; continue; }
        add(c);
        ++taken;
    }
    ImVector<ImWchar> out;
    ranges.BuildRanges(&out);
    glyphs = static_cast<int>(chosen.size());
    return out;
}

}  // namespace

BuiltAtlas buildAtlas(const FontRequest& r) {
    auto start = std::chrono::steady_clock::now();
    BuiltAtlas b;
    b.atlas = std::make_unique<ImFontAtlas>();
    std::string path = r.path.empty() ? kDefaultFontPath : r.path;
    std::vector<unsigned char> file = readFile(path);  // shared by the three sizes
    if (file.empty()) {
        fallBack(b, "cannot read font " + path);
        return b;
    }
    ImVector<ImWchar> ranges = chooseRanges(r, b.glyphs, b.dropped);
    b.atlas->TexDesiredWidth = kTexWidth;
    b.atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;
    // Dear ImGui 1.86's AddFont copies font data the atlas does not own: 20 MB
    // a size, 60 MB of transient memory for three. So each size is said to own
    // `file`, and the pointers are taken back below before the atlas frees its
    // input data: `file` frees it, once.
    for (int i = 0; i < 3; ++i) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = true;
        cfg.FontNo = r.face;
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        static const ImWchar kAscii[] = {0x20, 0x7E, 0};
        const ImWchar* glyphs = (r.fullSizes >> i) & 1u ? ranges.Data : kAscii;
        b.fonts[i] = b.atlas->AddFontFromMemoryTTF(file.data(), static_cast<int>(file.size()), r.baked[i], &cfg,
                                                   glyphs);
    }
    bool ok = b.atlas->Build() && b.fonts[0] && b.atlas->TexHeight <= kTexMaxHeight;
    // The glyphs are in the atlas now; the file and ranges die with this scope.
    for (ImFontConfig& cfg : b.atlas->ConfigData) cfg.FontData = nullptr;
    b.atlas->ClearInputData();
    if (!ok) fallBack(b, "cannot build the font atlas from " + path);
    b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return b;
}

// [metrics] --------------------------------------------------------------------

namespace {

std::uint32_t be32(const unsigned char* p) { return std::uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
int be16s(const unsigned char* p) { return static_cast<std::int16_t>(std::uint16_t(p[0] << 8 | p[1])); }

bool readAt(std::ifstream& f, std::uint32_t offset, unsigned char* out, std::size_t n) {
    f.seekg(offset);
    return static_cast<bool>(f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n)));
}

}  // namespace

float lineBoxPerEm(const std::string& path, int face) {
    std::ifstream f(path.empty() ? kDefaultFontPath : path, std::ios::binary);
    unsigned char b[16];
    if (!f || !readAt(f, 0, b, 12)) return 1;
    std::uint32_t font = 0;  // a collection (TTC) lists its faces' offset tables
    if (std::memcmp(b, "ttcf", 4) == 0) {
        if (face < 0 || face >= static_cast<int>(be32(b + 8)) || !readAt(f, 12 + 4 * std::uint32_t(face), b, 4)) return 1;
        font = be32(b);
    }
    if (!readAt(f, font, b, 6)) return 1;
    int tables = b[4] << 8 | b[5];
    std::uint32_t head = 0, hhea = 0;
    for (int i = 0; i < tables && readAt(f, font + 12 + 16 * std::uint32_t(i), b, 16); ++i) {
        if (std::memcmp(b, "head", 4) == 0) head = be32(b + 8);
        if (std::memcmp(b, "hhea", 4) == 0) hhea = be32(b + 8);
    }
    unsigned char h[20], v[8];
    if (!head || !hhea || !readAt(f, head, h, 20) || !readAt(f, hhea, v, 8)) return 1;
    int unitsPerEm = h[18] << 8 | h[19];
    int box = be16s(v + 4) - be16s(v + 6);
    return unitsPerEm > 0 && box > 0 ? float(box) / float(unitsPerEm) : 1;
}

// [FontSet] --------------------------------------------------------------------

FontSet::FontSet() : m_placeholder(std::make_unique<ImFontAtlas>()) {
    // The backend's first device setup reads this: keep it tiny.
    ImFontConfig cfg;
    cfg.SizePixels = 13;
    m_placeholder->AddFontDefault(&cfg);
    m_placeholder->Build();
}

FontSet::~FontSet() {
    if (m_pending.valid()) m_pending.wait();
}

void FontSet::startBuild(FontRequest r, std::function<void()> done) {
    if (m_pending.valid()) m_pending.wait();  // rare: characters changed during a build
    m_pending = std::async(std::launch::async, [r = std::move(r), done = std::move(done)] {
        BuiltAtlas b = buildAtlas(r);
        if (done) done();
        return b;
    });
}

bool FontSet::building() const { return m_pending.valid(); }

BuiltAtlas FontSet::takeFinished() {
    if (!m_pending.valid() || m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return {};
    return m_pending.get();
}

void FontSet::install(BuiltAtlas b) {
    if (!b.atlas) return;
    b.atlas->ClearTexData();  // the texture holds the pixels now
    ImGui::GetIO().Fonts = b.atlas.get();
    m_atlas = std::move(b.atlas);  // the previous atlas is freed here
    for (int i = 0; i < 3; ++i) m_baked[i] = b.fonts[i];
    m_glyphs = b.glyphs, m_dropped = b.dropped, m_seconds = b.seconds;
    ++m_generation;
    mapRoles();
}

void FontSet::setModeSizes(const FontSizes& em, float lineBoxPerEm, bool elder) {
    m_sizes[0] = em.small * lineBoxPerEm, m_sizes[1] = em.body * lineBoxPerEm, m_sizes[2] = em.title * lineBoxPerEm;
    m_elder = elder;
    mapRoles();
}

// Each role draws from the smallest baked font at least its size (scaling
// down stays sharp), else the largest.
void FontSet::mapRoles() {
    for (int role = 0; role < 3; ++role) {
        ImFont* pick = m_baked[2];
        for (int i = 0; i < 3; ++i)
            if (m_baked[i] && m_baked[i]->FontSize + 0.5f >= m_sizes[role]) { pick = m_baked[i]; break; }
        m_roleFont[role] = pick;
    }
}

float FontSet::advance(FontRole r, char32_t c) const {
    const ImFont* f = font(r);
    float scale = size(r) / f->FontSize;
    if (c > 0xFFFF) return f->FallbackAdvanceX * scale;
    return f->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
}

bool FontSet::hasGlyph(char32_t c) const {
    const ImFont* f = font(FontRole::Body);
    if (c > 0xFFFF || !f) return false;
    return f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
}

}  // namespace gongkai::ui
