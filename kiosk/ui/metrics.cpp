#include "ui/metrics.h"

#include <algorithm>

namespace gongkai::ui {

Metrics standardMetrics(const Theme& t) {
    Metrics m;
    m.fonts = {t.fontSmall, t.fontBody, t.fontTitle};
    m.margin = t.margin, m.gap = t.gap, m.headerHeight = t.headerHeight;
    m.bannerHeight = t.bannerHeight, m.navHeight = t.navHeight, m.minTarget = t.minTarget;
    return m;
}

Metrics elderMetrics(const Theme& t) {
    const ElderSizes& e = t.elder;
    Metrics m;
    m.fonts = {e.fontSmall, e.fontBody, e.fontTitle};
    m.margin = e.margin, m.gap = e.gap, m.headerHeight = e.headerHeight;
    m.bannerHeight = e.bannerHeight, m.navHeight = e.navHeight, m.minTarget = e.minTarget;
    return m;
}

Theme themeWithMetrics(const Theme& base, const Metrics& m, float k) {
    Theme t = base;
    t.fontSmall = m.fonts.small * k, t.fontBody = m.fonts.body * k, t.fontTitle = m.fonts.title * k;
    t.margin = m.margin, t.gap = m.gap, t.headerHeight = m.headerHeight;
    t.bannerHeight = m.bannerHeight, t.navHeight = m.navHeight, t.minTarget = m.minTarget;
    return t;
}

void bakedSizes(const Theme& t, float k, float out[3]) {
    out[0] = std::max(t.fontSmall, t.fontBody) * k;
    out[1] = std::max({t.fontTitle, t.elder.fontSmall, t.elder.fontBody}) * k;
    out[2] = std::max(out[1], t.elder.fontTitle * k);
}

}  // namespace gongkai::ui
