// What the reader shows, built as pages: the header (centred title, the
// metadata table beside or above the "read on your phone" QR code, the
// interpretation links both ways, the summary), one body block at a time
// (for the lazy layout of document_view.h) and the footer (attachments,
// the portal address). UI thread only.
#pragma once

#include "ui/document_view.h"
#include "ui/page_blocks.h"

namespace gongkai::ui {

Page buildReaderHeader(AppState& s, const Document& d, float width, const Column& c);
Page buildReaderFooter(AppState& s, const Document& d, float width, const Column& c);
// Lays out body block `i`; image blocks ask s.pages.images for their picture.
void layoutReaderBlock(AppState& s, const Document& d, float width, const Column& c, std::size_t i,
                       ReaderBlock& out);

}  // namespace gongkai::ui
