// The document reader. A toolbar (table of contents, find) sits above the
// page; the page itself is laid out lazily (document_view.h) from the
// builders of document_page.h, so the longest law opens as fast as a
// notice. Find highlights every match, steps through them and types with
// the on-screen keyboard (keyboard.h) or a physical one.
//
// Sections: [state] [toolbar and find bar] [keyboard] [contents] [page] [screen]
#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>

#include <imgui.h>

#include "ui/chrome.h"
#include "ui/document_page.h"
#include "ui/keyboard.h"
#include "ui/keyboard_band.h"
#include "ui/screens.h"
#include "ui/search_view.h"

namespace gongkai::ui {
namespace {

constexpr double kBackgroundLayoutMs = 3.0;  // per frame, for blocks not yet in view
constexpr float kKeyGap = kKeyboardGap;

// [state] ----------------------------------------------------------------------

ReaderState& readerState(AppState& s) {
    if (!s.pages.reader) s.pages.reader = std::make_shared<ReaderState>();
    return *s.pages.reader;
}

Column readerColumn(const Rect& area) { return readingColumn(area, 1400); }

// Starts over when the document, the width or the type size changes;
// pictures that arrived since are laid out again in place.
void prepare(AppState& s, ReaderState& r, const Rect& area) {
    const Document& d = s.document.document;
    std::string key = d.id + "/" + std::to_string(int(area.w)) + "/" + std::to_string(int(s.fonts->size(FontRole::Body)));
    if (r.builtFor != key) {
        bool sameDocument = r.documentId == d.id;
        r.returnBlock = -1;
        if (sameDocument && r.tops.size() == r.blocks.size() && !r.blocks.empty() &&
            r.scroll.offset > r.header.height) {
            auto it = std::upper_bound(r.tops.begin(), r.tops.end(), r.scroll.offset - r.header.height);
            std::size_t i = it == r.tops.begin() ? 0 : std::size_t(it - r.tops.begin()) - 1;
            r.returnBlock = long(i);
            r.returnFraction = (r.scroll.offset - r.header.height - r.tops[i]) / std::max(1.0f, r.blocks[i].height);
        }
        if (!sameDocument) {
            s.pages.images.clear();
            r = ReaderState{};
            r.documentId = d.id;
        }
        Column c = readerColumn(area);
        r.builtFor = key;
        r.header = buildReaderHeader(s, d, area.w, c);
        r.footer = buildReaderFooter(s, d, area.w, c);
        r.blocks.assign(d.body.size(), ReaderBlock{});
        float em = s.fonts->size(FontRole::Body);
        for (std::size_t i = 0; i < d.body.size(); ++i)
            r.blocks[i].height = estimateBlockHeight(d.body[i], c.w, em, s.fonts->lineHeight(FontRole::Body),
                                                     s.fonts->lineHeight(FontRole::Title));
        r.tops.clear();
        r.laidCount = r.fillCursor = 0;
        r.toc.clear();
        for (std::size_t i = 0; i < d.body.size(); ++i)
            if (d.body[i].kind == Block::Kind::Heading) r.toc.push_back({i, d.body[i].text});
        r.tocPage = {};
        r.imagesVersion = s.pages.images.version();
    } else if (r.imagesVersion != s.pages.images.version()) {
        r.imagesVersion = s.pages.images.version();
        for (std::size_t i = 0; i < r.blocks.size(); ++i)
            if (d.body[i].kind == Block::Kind::Image && r.blocks[i].laid) r.blocks[i].laid = false, --r.laidCount;
        r.fillCursor = 0;
        r.tops.clear();
    }
}

ReaderLayout layoutFor(AppState& s, ReaderState& r, const Rect& area) {
    Column c = readerColumn(area);
    float width = area.w;
    return ReaderLayout(r, [&s, c, width](std::size_t i, ReaderBlock& out) {
        layoutReaderBlock(s, s.document.document, width, c, i, out);
    });
}

// [toolbar and find bar] ----------------------------------------------------------

bool toolButton(AppState& s, const Rect& r, const std::string& label, const std::string& name, bool on = false) {
    const Theme& t = s.theme;
    fillRect(r, on ? t.tileAccent : pressedIn(s, r) ? t.pressedBg : t.buttonBg, 12);
    strokeRect(r, t.tableBorder, 12, 2);
    centeredText(s, r, FontRole::Body, on ? t.headerText : t.link, label, true);
    addTarget(s, name, r);
    return tappedIn(s, r);
}

void goToMatch(AppState& s, ReaderState& r, ReaderLayout& layout, int index, float viewH) {
    if (r.matches.empty()) return;
    int n = int(r.matches.size());
    r.current = ((index % n) + n) % n;
    const FindMatch& m = r.matches[std::size_t(r.current)];
    layout.jumpTo(m.block, 0, 0);  // lays the block out, so its lines are known
    const ReaderBlock& b = r.blocks[m.block];
    float lh = s.fonts->lineHeight(b.role), y = b.lineTop;
    for (std::size_t l = 0; l < b.lines.size(); ++l)
        if (b.lines[l].end > m.begin) { y = b.lineTop + lh * float(l); break; }
    layout.jumpTo(m.block, y, viewH / 3);
}

// Runs the search when the text changed; shows the first match at or after
// the view's top.
void refreshMatches(AppState& s, ReaderState& r, ReaderLayout& layout, float viewH) {
    if (r.findText == r.searchedText) return;
    r.searchedText = r.findText;
    r.matches = findInBlocks(s.document.document.body, r.findText);
    r.current = -1;
    if (r.matches.empty()) return;
    std::size_t top = layout.blockAt(r.scroll.offset);
    int first = 0;
    while (first < int(r.matches.size()) && r.matches[std::size_t(first)].block < top) ++first;
    goToMatch(s, r, layout, first < int(r.matches.size()) ? first : 0, viewH);
}

void drawFindBar(AppState& s, ReaderState& r, ReaderLayout& layout, const Rect& bar, float viewH) {
    const Theme& t = s.theme;
    float bw = std::max(t.minTarget * 1.6f, textWidth(s, FontRole::Body, s.text("find.previous")) + 40);
    Rect close{bar.right() - bw, bar.y, bw, bar.h};
    Rect next{close.x - t.gap - bw, bar.y, bw, bar.h};
    Rect prev{next.x - t.gap - bw, bar.y, bw, bar.h};
    Rect field{bar.x, bar.y, prev.x - t.gap - bar.x, bar.h};
    fillRect(field, t.tileBg, 12);
    strokeRect(field, r.keyboardUp ? t.tileAccent : t.tableBorder, 12, r.keyboardUp ? 3 : 2);
    std::string count = r.findText.empty() ? std::string()
                      : r.matches.empty() ? s.text("find.none")
                      : s.strings.format("find.count", {std::to_string(r.current + 1), std::to_string(r.matches.size())});
    float cw = textWidth(s, FontRole::Body, count);
    float ty = field.y + (field.h - s.fonts->size(FontRole::Body)) * 0.5f - 2;
    drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, t.textSecondary, field.right() - 16 - cw, ty, count);
    const std::string& shown = r.findText.empty() ? s.text("find.placeholder") : r.findText;
    drawText(ImGui::GetBackgroundDrawList(), *s.fonts, FontRole::Body, r.findText.empty() ? t.textSecondary : t.text,
             field.x + 16, ty, elide(*s.fonts, FontRole::Body, shown, field.w - cw - 48));
    addTarget(s, "find:field", field);
    if (tappedIn(s, field)) r.keyboardUp = true;
    if (toolButton(s, prev, s.text("find.previous"), "find:previous")) goToMatch(s, r, layout, r.current - 1, viewH);
    if (toolButton(s, next, s.text("find.next"), "find:next")) goToMatch(s, r, layout, r.current + 1, viewH);
    if (toolButton(s, close, s.text("find.close"), "find:close")) {
        r.findOpen = r.keyboardUp = false;
        r.findText.clear();
        r.searchedText.clear();
        r.matches.clear();
        r.current = -1;
    }
}

// [keyboard] -----------------------------------------------------------------------

// Landscape: the keys beside the page (so the page keeps its height);
// portrait: below it. Returns the page's area and the keyboard's band.
std::pair<Rect, Rect> splitForKeyboard(AppState& s, const Rect& area) {
    float mk = minKeySize(s), gap = s.theme.gap;
    if (area.w >= area.h * 1.3f) {
        float kw = std::clamp(area.w * 0.5f, keyboardMinWidth(mk, kKeyGap), keyboardMinWidth(mk * 1.3f, kKeyGap));
        Rect page{area.x, area.y, area.w - kw - gap, area.h};
        return {page, {area.right() - kw, area.y + kKeyGap, kw - kKeyGap, area.h - 2 * kKeyGap}};
    }
    float kh = std::min(keyboardBandMinHeight(s, mk * 1.3f), std::max(keyboardBandMinHeight(s, mk), area.h * 0.4f));
    Rect page{area.x, area.y, area.w, area.h - kh - gap};
    return {page, {area.x + kKeyGap, area.bottom() - kh + kKeyGap, area.w - 2 * kKeyGap, kh - 2 * kKeyGap}};
}

void takeTypedKeys(AppState& s, ReaderState& r, ReaderLayout& layout, float viewH) {
    if (r.keyboardUp) takeImeKeys(s);  // in pinyin mode, letters compose
    for (const auto& k : s.keys) {
        if (k.type == platform::KeyEvent::Type::Enter) goToMatch(s, r, layout, r.current + 1, viewH);
        else applyKey(r.findText, k, 30);
    }
    s.keys.clear();
}

// [contents] -------------------------------------------------------------------------

Page buildContents(AppState& s, const ReaderState& r, const Rect& area) {
    PageBuilder b(*s.fonts, area.w);
    Column c = readingColumn(area, 1200);
    float y = 8;
    y += b.text(FontRole::Title, s.theme.text, c.x, y, c.w, s.text("toc.title"), 0, true) + 12;
    for (std::size_t i = 0; i < r.toc.size(); ++i) {
        Intent jump = Intent::make(Intent::Kind::ScrollTo, {}, float(r.toc[i].block));
        y += buildCard(s, b, r.toc[i].text, {}, {}, jump, c, y) + 8;
    }
    return b.take(y + 16);
}

// The contents over the page; a tapped heading is jumped to.
void drawContents(AppState& s, ReaderState& r, ReaderLayout& layout, const Rect& area) {
    if (!r.tocPage.valid || r.tocPage.width != area.w) r.tocPage = buildContents(s, r, area);
    r.tocScroll.maxOffset = std::max(0.0f, r.tocPage.height - area.h);
    applyScrollInput(s, r.tocScroll, area);
    const FrameGestures& in = s.input;
    Point pressed;
    bool isPressed = in.press && area.contains(*in.press);
    if (isPressed) pressed = {in.press->x - area.x, in.press->y - area.y + r.tocScroll.offset};
    float offset = beginScrollRegion(s, r.tocScroll, area);  // over the body: its backdrop hides it
    drawPage(ImGui::GetBackgroundDrawList(), *s.fonts, r.tocPage, area, offset, isPressed ? &pressed : nullptr,
             s.theme.pressedBg);
    endScrollRegion();
    drawScrollBar(s, r.tocScroll, area, r.tocPage.height);
    for (std::size_t i = 0; i < r.tocPage.hotspots.size(); ++i) {
        const Rect& h = r.tocPage.hotspots[i].rect;
        float y = area.y + h.y - r.tocScroll.offset;
        if (y + h.h > area.y && y < area.bottom()) addTarget(s, "toc:" + std::to_string(i), {area.x + h.x, y, h.w, h.h});
    }
    if (!in.tap || !area.contains(*in.tap)) return;
    Point p{in.tap->x - area.x, in.tap->y - area.y + r.tocScroll.offset};
    for (const Hotspot& h : r.tocPage.hotspots)
        if (h.rect.contains(p)) {
            layout.jumpTo(std::size_t(h.intent.value), 0, 0);
            r.tocOpen = false;
            return;
        }
}

// [page] -----------------------------------------------------------------------------

void drawHighlights(AppState& s, const ReaderState& r, std::size_t i, float blockY, const Rect& area) {
    const ReaderBlock& b = r.blocks[i];
    const std::string& text = s.document.document.body[i].text;
    auto first = std::lower_bound(r.matches.begin(), r.matches.end(), i,
                                  [](const FindMatch& m, std::size_t blk) { return m.block < blk; });
    float lh = s.fonts->lineHeight(b.role);
    auto adv = [&](char32_t c) { return s.fonts->advance(b.role, c); };
    for (auto m = first; m != r.matches.end() && m->block == i; ++m) {
        bool current = r.current >= 0 && &*m == &r.matches[std::size_t(r.current)];
        for (std::size_t l = 0; l < b.lines.size(); ++l) {
            const TextLine& line = b.lines[l];
            std::size_t from = std::max(m->begin, line.begin), to = std::min(m->end, line.end);
            if (from >= to) continue;
            float x0 = area.x + b.lineX[l] + measureText(std::string_view(text).substr(line.begin, from - line.begin), adv);
            float x1 = x0 + measureText(std::string_view(text).substr(from, to - from), adv);
            float y0 = blockY + b.lineTop + lh * float(l) + 2;
            fillRect({x0 - 2, y0, x1 - x0 + 4, lh - 4}, s.theme.bannerBg, 4);
            if (current) strokeRect({x0 - 3, y0 - 1, x1 - x0 + 6, lh - 2}, s.theme.tileAccent, 4, 3);
        }
    }
}

void drawBody(AppState& s, ReaderState& r, ReaderLayout& layout, const Rect& area, const Point* pressed) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    float scroll = beginScrollRegion(s, r.scroll, area);
    drawPageRects(dl, r.header, area, scroll, pressed, s.theme.pressedBg);
    drawPageTexts(dl, *s.fonts, r.header, area, scroll);
    for (std::size_t i = r.blocks.empty() ? 0 : layout.blockAt(scroll); i < r.blocks.size(); ++i) {
        float top = layout.blockTop(i);
        if (top > scroll + area.h) break;
        const ReaderBlock& b = r.blocks[i];
        if (!b.laid) continue;
        drawPageRects(dl, b.page, area, scroll - top, nullptr, 0);
        float blockY = area.y + top - scroll;
        if (!r.matches.empty()) drawHighlights(s, r, i, blockY, area);
        if (b.picture.w > 0)
            if (const auto* e = s.pages.images.find(s.document.document.body[i].imageSha256); e && e->texture)
                dl->AddImage(reinterpret_cast<ImTextureID>(e->texture), ImVec2(area.x + b.picture.x, blockY + b.picture.y),
                             ImVec2(area.x + b.picture.right(), blockY + b.picture.bottom()));
        drawPageTexts(dl, *s.fonts, b.page, area, scroll - top);
    }
    float footerTop = r.header.height + r.bodyHeight;
    Point footerPressed = pressed ? Point{pressed->x, pressed->y - footerTop} : Point{};
    drawPageRects(dl, r.footer, area, scroll - footerTop, pressed ? &footerPressed : nullptr, s.theme.pressedBg);
    drawPageTexts(dl, *s.fonts, r.footer, area, scroll - footerTop);
    endScrollRegion();
}

// Taps on the header's and footer's cards (the interpretation links).
void tapPage(AppState& s, const ReaderState& r, const Rect& area) {
    const FrameGestures& in = s.input;
    if (!in.tap || !area.contains(*in.tap)) return;
    Point p{in.tap->x - area.x, in.tap->y - area.y + r.scroll.offset};
    for (const Hotspot& h : r.header.hotspots)
        if (h.rect.contains(p)) { s.post(h.intent); return; }
}

void nameLinks(AppState& s, const ReaderState& r, const Rect& area) {
    for (const Hotspot& h : r.header.hotspots) {
        float y = area.y + h.rect.y - r.scroll.offset;
        if (y + h.rect.h > area.y && y < area.bottom())
            addTarget(s, (h.intent.kind == Intent::Kind::StartRequest ? "apply:document:" : "doc:link:") + h.intent.id,
                      {area.x + h.rect.x, y, h.rect.w, h.rect.h});
    }
}

}  // namespace

// [screen] -----------------------------------------------------------------------------

std::string documentTitle(const AppState& s) {
    std::string current = s.document.loaded ? s.document.document.title : s.text("loading");
    bool fromDomain = false;
    for (const Route& r : s.routes) fromDomain = fromDomain || r.screen == ScreenId::Domain;
    if (fromDomain || s.document.document.domain.empty()) return breadcrumb(s, current);
    // Opened from a list or a search: the document's own domain still says where it belongs.
    return breadcrumb(s, domainName(s, s.document.document.domain) + s.text("nav.separator") + current);
}

void drawDocumentScreen(AppState& s, const Rect& content) {
    const DocumentData& d = s.document;
    if (!d.error.empty()) { drawMessage(s, content, s.text(d.error), s.theme.warning); return; }
    if (!d.loaded) { drawMessage(s, content, s.text("loading"), s.theme.textSecondary); return; }
    ReaderState& r = readerState(s);
    const Theme& t = s.theme;
    float barH = std::max(t.minTarget, s.fonts->lineHeight(FontRole::Body) + 16);
    Rect bar{content.x, content.y, content.w - 24, barH};
    Rect area{content.x, bar.bottom() + t.gap, content.w, content.bottom() - bar.bottom() - t.gap};
    Rect keys;
    if (r.findOpen && r.keyboardUp) std::tie(area, keys) = splitForKeyboard(s, area);
    prepare(s, r, area);
    ReaderLayout layout = layoutFor(s, r, area);
    if (r.returnBlock >= 0) {  // laid out anew: back to the match, or to where the reader was
        auto i = std::size_t(r.returnBlock);
        r.returnBlock = -1;
        if (r.current >= 0) goToMatch(s, r, layout, r.current, area.h);
        else layout.jumpTo(i, 0, 0), layout.jumpTo(i, r.returnFraction * r.blocks[i].height, 0);
    }
    if (r.findOpen) {
        if (r.keyboardUp && drawKeyboardBand(s, keys, false)) r.keyboardUp = false;
        takeTypedKeys(s, r, layout, area.h);
        refreshMatches(s, r, layout, area.h);
        drawFindBar(s, r, layout, bar, area.h);
    } else {
        s.keys.clear();
        float bw = std::max(t.minTarget * 2.2f, textWidth(s, FontRole::Body, s.text("toc.button")) + 48);
        float x = bar.x;
        if (r.toc.size() >= 2 && toolButton(s, {x, bar.y, bw, bar.h}, s.text("toc.button"), "doc:toc", r.tocOpen))
            r.tocOpen = !r.tocOpen;
        if (r.toc.size() >= 2) x += bw + t.gap;
        if (!r.blocks.empty() && toolButton(s, {x, bar.y, bw, bar.h}, s.text("find.button"), "doc:find"))
            r.findOpen = r.keyboardUp = true, r.tocOpen = false;
    }
    if (r.tocOpen && !r.findOpen) { drawContents(s, r, layout, area); layout.update(area.h, 0); return; }
    r.scroll.maxOffset = std::max(0.0f, layout.totalHeight() - area.h);
    applyScrollInput(s, r.scroll, area);
    if (layout.update(area.h, r.scroll.moving() ? 1.0 : kBackgroundLayoutMs)) s.animating = true;
    r.scroll.maxOffset = std::max(0.0f, layout.totalHeight() - area.h);
    r.scroll.offset = std::clamp(r.scroll.offset, 0.0f, r.scroll.maxOffset);
    s.documentUi.scroll.maxOffset = r.scroll.maxOffset;  // the nav bar's "drag for more" hint
    const FrameGestures& in = s.input;
    Point pressed;
    bool isPressed = in.press && area.contains(*in.press);
    if (isPressed) pressed = {in.press->x - area.x, in.press->y - area.y + r.scroll.offset};
    drawBody(s, r, layout, area, isPressed ? &pressed : nullptr);
    drawScrollBar(s, r.scroll, area, layout.totalHeight());
    nameLinks(s, r, area);
    tapPage(s, r, area);
}

}  // namespace gongkai::ui
