#include "ui/document_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace gongkai::ui {
namespace {

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

float estimateBlockHeight(const Block& b, float width, float bodyEm, float bodyLine, float titleLine) {
    auto lines = [&](const std::string& t, float em, float indent) {
        float chars = float(codePoints(t)) + indent;
        return std::max(1.0f, std::ceil(chars * em * 0.98f / std::max(width, em)));
    };
    switch (b.kind) {
    case Block::Kind::Heading: return lines(b.text, bodyEm * 1.4f, 0) * titleLine + 32;
    case Block::Kind::Paragraph: return lines(b.text, bodyEm, 2) * bodyLine + 16;
    case Block::Kind::Table: return float(b.rows.size()) * (bodyLine + 16) + 34;
    case Block::Kind::Image: return std::min(360.0f, width * 0.4f) + bodyLine + 40;
    }
    return bodyLine;
}

void ReaderLayout::recomputeTops() {
    m_r.tops.resize(m_r.blocks.size());
    float y = 0;
    for (std::size_t i = 0; i < m_r.blocks.size(); ++i) {
        m_r.tops[i] = y;
        y += m_r.blocks[i].height;
    }
    m_r.bodyHeight = y;
}

std::size_t ReaderLayout::blockAt(float y) const {
    float bodyY = y - m_r.header.height;
    auto it = std::upper_bound(m_r.tops.begin(), m_r.tops.end(), bodyY);
    return it == m_r.tops.begin() ? 0 : std::size_t(it - m_r.tops.begin()) - 1;
}

void ReaderLayout::captureAnchor() {
    float y = m_r.scroll.offset;
    if (m_r.blocks.empty() || y < m_r.header.height) { m_r.anchor = -1; return; }
    std::size_t i = blockAt(y);
    m_r.anchor = long(i);
    m_r.anchorOffset = y - blockTop(i);
}

void ReaderLayout::applyAnchor() {
    if (m_r.anchor < 0 || std::size_t(m_r.anchor) >= m_r.blocks.size()) return;
    m_r.scroll.offset = blockTop(std::size_t(m_r.anchor)) + m_r.anchorOffset;
}

void ReaderLayout::layOut(std::size_t i) {
    ReaderBlock& b = m_r.blocks[i];
    if (b.laid) return;
    m_layout(i, b);
    b.laid = true;
    ++m_r.laidCount;
}

bool ReaderLayout::update(float viewH, double budgetMs) {
    auto t0 = std::chrono::steady_clock::now();
    if (m_r.tops.size() != m_r.blocks.size()) recomputeTops();
    captureAnchor();  // the view's top block, wherever the last drag or jump left it
    // What is in view (and half a view beyond, so a drag finds it ready);
    // a laid-out block may change the tops, so go round until settled.
    for (int round = 0; round < 4 && !m_r.blocks.empty(); ++round) {
        applyAnchor();
        float top = std::max(0.0f, m_r.scroll.offset), bottom = top + viewH * 1.5f;
        bool changed = false;
        for (std::size_t i = blockAt(top); i < m_r.blocks.size() && blockTop(i) <= bottom; ++i)
            if (!m_r.blocks[i].laid) layOut(i), changed = true;
        if (!changed) break;
        recomputeTops();
    }
    // Background: the rest, a few milliseconds a frame.
    bool changed = false;
    while (m_r.laidCount < m_r.blocks.size() && msSince(t0) < budgetMs) {
        while (m_r.fillCursor < m_r.blocks.size() && m_r.blocks[m_r.fillCursor].laid) ++m_r.fillCursor;
        if (m_r.fillCursor >= m_r.blocks.size()) break;
        layOut(m_r.fillCursor);
        changed = true;
    }
    if (changed) recomputeTops();
    applyAnchor();
    m_r.worstLayoutMs = std::max(m_r.worstLayoutMs, msSince(t0));
    return m_r.laidCount < m_r.blocks.size();
}

void ReaderLayout::jumpTo(std::size_t i, float y, float margin) {
    if (i >= m_r.blocks.size()) return;
    layOut(i);
    recomputeTops();
    m_r.anchor = long(i);
    m_r.anchorOffset = y - margin;
    m_r.scroll.velocity = 0;
    applyAnchor();
}

}  // namespace gongkai::ui
