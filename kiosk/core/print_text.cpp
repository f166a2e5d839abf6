#include "core/print_text.h"

#include <map>
#include <utility>

#include <ft2build.h>
#include FT_FREETYPE_H

namespace gongkai {

namespace {

struct Glyph {
    int advance = 0, left = 0, top = 0, width = 0, rows = 0;
    std::vector<std::uint8_t> ink;  // width * rows, 1 = black
};

bool isAsciiWordChar(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

}  // namespace

struct PrintFont::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    int sizePx = 0;
    std::map<std::pair<char32_t, int>, Glyph> cache;

    ~Impl() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
    void setSize(int px) {
        if (px != sizePx) FT_Set_Pixel_Sizes(face, 0, FT_UInt(px));
        sizePx = px;
    }
    const Glyph& glyph(char32_t c, int px);
};

const Glyph& PrintFont::Impl::glyph(char32_t c, int px) {
    auto key = std::make_pair(c, px);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    setSize(px);
    Glyph g;
    if (FT_Load_Char(face, FT_ULong(c), FT_LOAD_RENDER) == 0) {
        const FT_GlyphSlot slot = face->glyph;
        const FT_Bitmap& bm = slot->bitmap;
        g.advance = int(slot->advance.x >> 6);
        g.left = slot->bitmap_left;
        g.top = slot->bitmap_top;
        g.width = int(bm.width);
        g.rows = int(bm.rows);
        g.ink.resize(std::size_t(g.width) * std::size_t(g.rows));
        for (int y = 0; y < g.rows; ++y)
            for (int x = 0; x < g.width; ++x)
                g.ink[std::size_t(y * g.width + x)] = bm.buffer[y * bm.pitch + x] >= kInkThreshold;
    }
    return cache.emplace(key, std::move(g)).first->second;
}

std::u32string utf8ToCodePoints(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + std::size_t(len) > s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
            ok = ok && (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        out.push_back(ok ? cp : 0xFFFD);
        i += ok ? std::size_t(len) : 1;
    }
    return out;
}

bool isClosingPunctuation(char32_t c) {
    static constexpr std::u32string_view kClosing = U"，。、；：？！）」』》〉】〕…”’〗］｝,.;:?!)]}%";
    return kClosing.find(c) != std::u32string_view::npos;
}

bool isOpeningPunctuation(char32_t c) {
    static constexpr std::u32string_view kOpening = U"（「『《〈【〔“‘〖［｛([{";
    return kOpening.find(c) != std::u32string_view::npos;
}

Result<PrintFont> PrintFont::open(const std::string& path, int faceIndex) {
    auto impl = std::make_unique<Impl>();
    if (FT_Init_FreeType(&impl->library) != 0) return Error{"FreeType: cannot initialise"};
    if (FT_New_Face(impl->library, path.c_str(), faceIndex, &impl->face) != 0)
        return Error{path + ": cannot open face " + std::to_string(faceIndex) + " (not a font, or missing)"};
    return PrintFont(std::move(impl));
}

PrintFont::PrintFont(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PrintFont::PrintFont(PrintFont&&) noexcept = default;
PrintFont& PrintFont::operator=(PrintFont&&) noexcept = default;
PrintFont::~PrintFont() = default;

int PrintFont::advance(char32_t c, int px) { return m_impl->glyph(c, px).advance; }

int PrintFont::width(std::u32string_view text, int px) {
    int w = 0;
    for (char32_t c : text) w += advance(c, px);
    return w;
}

int PrintFont::ascent(int px) {
    m_impl->setSize(px);
    return int(m_impl->face->size->metrics.ascender >> 6);
}

void PrintFont::draw(Bitmap& bitmap, int x, int top, std::u32string_view text, int px) {
    const int baseline = top + ascent(px);
    for (char32_t c : text) {
        const Glyph& g = m_impl->glyph(c, px);
        for (int gy = 0; gy < g.rows; ++gy) {
            const int y = baseline - g.top + gy;
            if (y < 0 || y >= bitmap.height) continue;
            for (int gx = 0; gx < g.width; ++gx) {
                const int dx = x + g.left + gx;
                if (dx >= 0 && dx < bitmap.width && g.ink[std::size_t(gy * g.width + gx)]) bitmap.set(dx, y);
            }
        }
        x += g.advance;
    }
}

namespace {

// Where to break a line that overflows at `at` (start < at): never before
// closing punctuation, preferably not inside an ASCII word.
std::size_t breakPoint(std::u32string_view text, std::size_t start, std::size_t at) {
    std::size_t b = at;
    while (b > start + 1 && isClosingPunctuation(text[b])) --b;
    if (isClosingPunctuation(text[b])) b = at;  // a line of punctuation only: give up
    if (isAsciiWordChar(text[b]) && isAsciiWordChar(text[b - 1])) {
        std::size_t w = b;
        while (w > start && isAsciiWordChar(text[w - 1])) --w;
        if (w > start && !isClosingPunctuation(text[w])) b = w;
    }
    while (b > start + 1 && isOpeningPunctuation(text[b - 1])) --b;  // "（" goes down with what it opens
    return b;
}

}  // namespace

std::vector<std::u32string> wrapLines(PrintFont& font, std::u32string_view text, int px, int maxWidth) {
    std::vector<std::u32string> lines;
    std::size_t start = 0, i = 0;
    int width = 0;
    while (i < text.size()) {
        if (text[i] == U'\n') {
            lines.emplace_back(text.substr(start, i - start));
            start = ++i;
            width = 0;
            continue;
        }
        const int a = font.advance(text[i], px);
        if (width + a > maxWidth && i > start) {
            const std::size_t b = breakPoint(text, start, i);
            lines.emplace_back(text.substr(start, b - start));
            start = i = b;
            while (start < text.size() && text[start] == U' ') start = ++i;  // no leading spaces
            width = 0;
            continue;
        }
        width += a;
        ++i;
    }
    if (start < text.size() || lines.empty()) lines.emplace_back(text.substr(start));
    return lines;
}

}  // namespace gongkai
