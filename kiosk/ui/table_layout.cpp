#include "ui/table_layout.h"

#include "ui/text_layout.h"

#include <algorithm>
#include <numeric>

namespace gongkai::ui {
namespace {

constexpr float kPad = 12;

}  // namespace

bool tableFitsUnwrapped(const PageBuilder& b, FontRole font, const std::vector<std::vector<std::string>>& rows,
                        float width) {
    std::vector<float> natural;
    for (const auto& r : rows) {
        if (natural.size() < r.size()) natural.resize(r.size(), 0);
        for (std::size_t i = 0; i < r.size(); ++i)
            natural[i] = std::max(natural[i], b.measure(font, r[i]) + 2 * kPad + 1);
    }
    return std::accumulate(natural.begin(), natural.end(), 0.0f) <= width;
}

std::vector<float> tableColumnWidths(const PageBuilder& b, FontRole font,
                                     const std::vector<std::vector<std::string>>& rows, float width,
                                     bool fillWidth) {
    std::size_t cols = 0;
    for (const auto& r : rows) cols = std::max(cols, r.size());
    if (cols == 0) return {};
    std::vector<float> natural(cols, 0), least(cols, 0);
    float em = b.fonts().size(font);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i)
            natural[i] = std::max(natural[i], b.measure(font, r[i]) + 2 * kPad + 1);
    for (std::size_t i = 0; i < cols; ++i) least[i] = std::min(natural[i], 3 * em + 2 * kPad);
    float sumNatural = std::accumulate(natural.begin(), natural.end(), 0.0f);
    float sumLeast = std::accumulate(least.begin(), least.end(), 0.0f);
    std::vector<float> w(cols);
    if (sumNatural <= width) {  // everything fits on one line: spread some slack evenly
        float target = fillWidth ? width : std::min(width, std::max(sumNatural * 1.25f, width * 0.55f));
        float extra = (target - sumNatural) / float(cols);
        for (std::size_t i = 0; i < cols; ++i) w[i] = natural[i] + extra;
    } else if (sumLeast >= width) {
        for (std::size_t i = 0; i < cols; ++i) w[i] = least[i] * width / sumLeast;
    } else {  // shrink each column in proportion to how much it can give
        float give = sumNatural - width, canGive = sumNatural - sumLeast;
        for (std::size_t i = 0; i < cols; ++i) w[i] = natural[i] - (natural[i] - least[i]) * give / canGive;
    }
    return w;
}

float buildTable(PageBuilder& b, const TableStyle& st, const std::vector<std::vector<std::string>>& rows,
                 float x, float y, float width) {
    auto w = tableColumnWidths(b, st.font, rows, width, st.fillWidth);
    if (w.empty()) return 0;
    float top = y;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        bool header = st.headerRow && r == 0;
        float h = b.lineHeight(st.font);
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            h = std::max(h, b.textHeight(st.font, w[c] - 2 * kPad, rows[r][c]));
        h += 2 * kPad * 0.6f;
        float cx = x;
        for (std::size_t c = 0; c < w.size(); ++c) {
            bool shaded = header || (st.shadeEvenColumns && c % 2 == 0);
            b.rect({cx, y, w[c], h}, shaded ? st.shade : st.background, st.border, 0, 1.5f);
            if (c < rows[r].size()) {
                const std::string& cell = rows[r][c];
                float tw = b.measure(st.font, cell), inner = w[c] - 2 * kPad;
                float tx = st.headerRow && !header && looksNumeric(cell) && tw <= inner ? cx + w[c] - kPad - tw : cx + kPad;
                b.text(st.font, st.text, tx, y + kPad * 0.6f, inner, cell, 0, header || (st.shadeEvenColumns && c % 2 == 0));
            }
            cx += w[c];
        }
        y += h;
    }
    return y - top;
}

}  // namespace gongkai::ui
