// Line breaking in three passes:
//   1. split the text into code points;
//   2. group them into unbreakable units: one CJK character, one Latin word
//      or number, a run of spaces; then glue every closing mark to the unit
//      before it and every opening mark to the unit after it (避头尾);
//   3. fill lines greedily with units, pushing a unit that does not fit to
//      the next line (push-out, never squeezing) and dropping spaces at breaks.
#include "ui/text_layout.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace gongkai::ui {
namespace {

struct CodePoint {
    char32_t cp;
    std::size_t begin, end;  // bytes
};

std::vector<CodePoint> decode(std::string_view s) {
    std::vector<CodePoint> out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back({cp, i, i + static_cast<std::size_t>(n)});
        i += static_cast<std::size_t>(n);
    }
    return out;
}

bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

// Latin letters, digits and the ASCII marks that belong inside a word keep
// together; everything else (CJK, full-width marks) breaks per character.
bool isWordChar(char32_t c) {
    if (c < 0x80) return c > ' ' && c != '\n';
    return (c >= 0xC0 && c < 0x2000) || (c >= 0xFF10 && c <= 0xFF19) ||
           (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

enum class UnitKind { Text, Space, Newline };

struct Unit {
    std::size_t first, last;  // code point indices, inclusive-exclusive
    UnitKind kind;
    float width;
};

std::vector<Unit> makeUnits(const std::vector<CodePoint>& cps, const AdvanceFn& advance) {
    std::vector<Unit> units;
    for (std::size_t i = 0; i < cps.size();) {
        char32_t c = cps[i].cp;
        std::size_t j = i + 1;
        UnitKind kind = UnitKind::Text;
        if (c == '\n') {
            kind = UnitKind::Newline;
        } else if (isSpace(c)) {
            kind = UnitKind::Space;
            while (j < cps.size() && isSpace(cps[j].cp)) ++j;
        } else if (isWordChar(c)) {
            while (j < cps.size() && isWordChar(cps[j].cp)) ++j;
        }
        float w = 0;
        if (kind != UnitKind::Newline)
            for (std::size_t k = i; k < j; ++k) w += advance(cps[k].cp);
        units.push_back({i, j, kind, w});
        i = j;
    }
    return units;
}

// Glues closing marks backwards and opening marks forwards, so that the
// greedy filler can only break where the rules allow.
std::vector<Unit> glue(const std::vector<Unit>& in, const std::vector<CodePoint>& cps) {
    std::vector<Unit> out;
    bool glueNext = false;
    for (const Unit& u : in) {
        bool text = u.kind == UnitKind::Text;
        bool closing = text && isNoLineStart(cps[u.first].cp);
        if (!out.empty() && out.back().kind == UnitKind::Text && text && (closing || glueNext)) {
            out.back().last = u.last;
            out.back().width += u.width;
        } else {
            out.push_back(u);
        }
        glueNext = text && isNoLineEnd(cps[u.last - 1].cp);
    }
    return out;
}

class LineFiller {
public:
    LineFiller(const std::vector<CodePoint>& cps, const AdvanceFn& advance, float maxWidth,
               float firstIndent, std::size_t textSize)
        : m_cps(cps), m_advance(advance), m_max(maxWidth), m_indent(firstIndent),
          m_textSize(textSize) {}

    void add(const Unit& u) {
        if (u.kind == UnitKind::Newline) { flush(); return; }
        if (u.kind == UnitKind::Space) {
            if (m_open) m_pendingSpace += u.width;  // spaces at a line start vanish
            return;
        }
        if (m_open && m_width + m_pendingSpace + u.width > available()) flush();
        if (!m_open && u.width > available()) { splitInside(u); return; }
        append(u.first, u.last, u.width);
    }

    std::vector<TextLine> finish() {
        if (m_open || m_lines.empty()) flushOpenOrEmpty();
        return std::move(m_lines);
    }

private:
    float available() const { return std::max(1.0f, m_max - (m_lines.empty() ? m_indent : 0)); }

    void append(std::size_t first, std::size_t last, float w) {
        if (!m_open) { m_line = {m_cps[first].begin, m_cps[first].begin, 0}; m_width = 0; m_open = true; }
        m_width += m_pendingSpace + w;
        m_pendingSpace = 0;
        m_line.end = m_cps[last - 1].end;
        m_line.width = m_width;
    }

    // A unit wider than a whole line: break it by characters.
    void splitInside(const Unit& u) {
        for (std::size_t k = u.first; k < u.last; ++k) {
            float w = m_advance(m_cps[k].cp);
            if (m_open && m_width + w > available()) flush();
            append(k, k + 1, w);
        }
    }

    void flush() {
        if (!m_open) {
            std::size_t at = m_lines.empty() ? 0 : m_lines.back().end;
            m_lines.push_back({at, at, 0});  // an empty line from "\n\n"
        } else {
            m_lines.push_back(m_line);
        }
        m_open = false;
        m_pendingSpace = 0;
    }

    void flushOpenOrEmpty() {
        if (m_open) { flush(); return; }
        m_lines.push_back({m_textSize, m_textSize, 0});
    }

    const std::vector<CodePoint>& m_cps;
    const AdvanceFn& m_advance;
    float m_max, m_indent;
    std::size_t m_textSize;
    std::vector<TextLine> m_lines;
    TextLine m_line;
    float m_width = 0, m_pendingSpace = 0;
    bool m_open = false;
};

}  // namespace

bool looksNumeric(std::string_view cell) {
    bool digit = false;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        char c = cell[i];
        if (c >= '0' && c <= '9') digit = true;
        else if ((c == '-' || c == '+') && i == 0) continue;  // a sign; "2026-07-05" is a date
        else if (!std::strchr(",.%", c)) return false;
    }
    return digit;
}

bool isNoLineStart(char32_t c) {
    static const std::u32string marks =
        U"，。、；：？！”’）》」』〕】〉］｝〗〙〛·・…—～％‰℃,.;:?!)]}%、﹐﹑﹒﹔﹕﹖﹗ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
    return marks.find(c) != std::u32string::npos;
}

bool isNoLineEnd(char32_t c) {
    static const std::u32string marks = U"“‘（《「『〔【〈［｛〖〘〚([{￥＄$";
    return marks.find(c) != std::u32string::npos;
}

std::vector<TextLine> breakLines(std::string_view text, float maxWidth, const AdvanceFn& advance,
                                 float firstIndent) {
    auto cps = decode(text);
    auto units = glue(makeUnits(cps, advance), cps);
    LineFiller filler(cps, advance, maxWidth, firstIndent, text.size());
    for (const Unit& u : units) filler.add(u);
    return filler.finish();
}

float measureText(std::string_view text, const AdvanceFn& advance) {
    float w = 0;
    for (const auto& cp : decode(text)) w += advance(cp.cp);
    return w;
}

}  // namespace gongkai::ui
