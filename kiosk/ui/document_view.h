// The document reader's layout, kept fast for laws of 100 000 characters:
// the page is a header (title, metadata, links, QR), the body blocks and a
// footer. The header and footer are laid out at once; a body block is laid
// out only when it comes into view (or, a few milliseconds a frame, in the
// background until all are), and until then counts with an estimated height.
// When a block's real height replaces its estimate, the scroll position is
// anchored to the block at the top of the view, so nothing on screen jumps.
//
// Also holds the reader's table of contents (from the headings) and its
// find-in-document state. UI thread only (layout reads the font atlas).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ui/app_state.h"
#include "ui/document_find.h"
#include "ui/page.h"

namespace gongkai::ui {

struct ReaderBlock {
    bool laid = false;
    float height = 0;                // estimated until laid
    Page page;                       // y from the block's top
    FontRole role = FontRole::Body;  // of `lines`
    std::vector<TextLine> lines;     // heading / paragraph lines
    std::vector<float> lineX;        // each line's left edge (the first is indented)
    float lineTop = 0;               // y of the first line in the block
    Rect picture;                    // image block: where the picture goes (w 0: none)
};

struct TocEntry {
    std::size_t block = 0;
    std::string text;
};

struct ReaderState {
    std::string builtFor;  // document id / width / font size / images version
    std::string documentId;
    Page header, footer;
    std::vector<ReaderBlock> blocks;
    std::vector<float> tops;  // y of each block from the body's start
    float bodyHeight = 0;
    std::size_t laidCount = 0, fillCursor = 0;
    ScrollState scroll;
    // During an update: keep block `anchor` at `anchorOffset` above the
    // view's top while heights change (-1: the view is in the header).
    long anchor = -1;
    float anchorOffset = 0;

    // A relayout of the same document (new width or type size) returns to
    // this block, this far down it (-1: nothing to return to).
    long returnBlock = -1;
    float returnFraction = 0;

    std::vector<TocEntry> toc;
    bool tocOpen = false;
    Page tocPage;
    ScrollState tocScroll;

    bool findOpen = false, keyboardUp = false;
    std::string findText, searchedText;  // what is typed; what `matches` are for
    std::vector<FindMatch> matches;
    int current = -1;                    // the match shown, -1 none

    std::uint64_t imagesVersion = 0;  // of s.pages.images when last laid out
    double worstLayoutMs = 0;  // the longest single frame of layout work so far
};

// Lays out one body block; `column` x and width within the page.
using BlockLayoutFn = std::function<void(std::size_t index, ReaderBlock& out)>;

class ReaderLayout {
public:
    ReaderLayout(ReaderState& r, BlockLayoutFn layout) : m_r(r), m_layout(std::move(layout)) {}

    float totalHeight() const { return m_r.header.height + m_r.bodyHeight + m_r.footer.height; }
    float blockTop(std::size_t i) const { return m_r.header.height + m_r.tops[i]; }
    // Lays out what the view [scroll, scroll + viewH] shows, then up to
    // `budgetMs` of background work; keeps the anchor. True while blocks
    // remain to be laid out.
    bool update(float viewH, double budgetMs);
    // Scrolls so that `y` within block `i` is `margin` below the view's top.
    void jumpTo(std::size_t i, float y, float margin);
    // The block holding page y (the last one whose top is <= y).
    std::size_t blockAt(float y) const;

private:
    void layOut(std::size_t i);
    void recomputeTops();
    void captureAnchor();
    void applyAnchor();

    ReaderState& m_r;
    BlockLayoutFn m_layout;
};

// A block's estimated height before layout: wrapped line count from its
// character count at `em` (the body size) and `width`.
float estimateBlockHeight(const Block& b, float width, float bodyEm, float bodyLine, float titleLine);

}  // namespace gongkai::ui
