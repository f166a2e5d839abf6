// Tables on a page: column widths from the cells' natural widths (shrunk
// fairly when the table is wider than the page), cells wrapped with the
// Chinese line-breaking rules, a grid, and a shaded header row or shaded
// label columns (for label/value tables such as a document's metadata).
#pragma once

#include <string>
#include <vector>

#include "ui/page.h"

namespace gongkai::ui {

struct TableStyle {
    FontRole font = FontRole::Body;
    bool headerRow = true;        // first row shaded and bold
    bool shadeEvenColumns = false;  // columns 0, 2, ... shaded (labels)
    bool fillWidth = true;          // false: a narrow table stays compact
    Color text = 0, shade = 0, border = 0, background = 0;
};

// Column widths for `rows` within `width`; exposed for tests.
std::vector<float> tableColumnWidths(const PageBuilder& b, FontRole font,
                                     const std::vector<std::vector<std::string>>& rows, float width,
                                     bool fillWidth = true);

// True when every row fits `width` at `font` without wrapping.
bool tableFitsUnwrapped(const PageBuilder& b, FontRole font, const std::vector<std::vector<std::string>>& rows,
                        float width);


// Adds the table at (x, y); returns its height.
float buildTable(PageBuilder& b, const TableStyle& style, const std::vector<std::vector<std::string>>& rows,
                 float x, float y, float width);

}  // namespace gongkai::ui
