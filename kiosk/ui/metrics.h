// Sizes in one place: every pixel size the screens use (font sizes per
// role, margins, bar heights, the smallest touch target) for the standard
// and the elder-friendly mode (长辈模式). Both come from assets/theme.json
// (top level: standard; "elder": the elder mode's overrides).
//
// The app applies the current mode's Metrics to AppState::theme (the copy
// the screens read) and to the FontSet, so a screen that reads
// `s.theme.minTarget` or `s.fonts->size(FontRole::Body)` follows the mode
// without knowing about it. Pure functions; any thread.
#pragma once

#include "ui/assets.h"
#include "ui/fonts.h"

namespace gongkai::ui {

struct Metrics {
    FontSizes fonts;            // type size (em, px) per role; FontSet draws them at em x lineBoxPerEm
    float lineSpacing = 1.45f;  // line height / font size (FontSet::lineHeight)
    float margin = 24, gap = 16, headerHeight = 96, bannerHeight = 58, navHeight = 112, minTarget = 64;
};

Metrics standardMetrics(const Theme& base);
Metrics elderMetrics(const Theme& base);
inline Metrics metricsFor(const Theme& base, bool elder) {
    return elder ? elderMetrics(base) : standardMetrics(base);
}

// `base` with the sizes of `m` (colours unchanged); its font sizes are the
// drawn (Dear ImGui) sizes, em x `lineBoxPerEm`, as FontSet::size returns.
Theme themeWithMetrics(const Theme& base, const Metrics& m, float lineBoxPerEm);

// The three Dear ImGui sizes the atlas bakes: standard body, standard
// headings and elder body (the larger of the two), elder headings.
void bakedSizes(const Theme& base, float lineBoxPerEm, float out[3]);

}  // namespace gongkai::ui
