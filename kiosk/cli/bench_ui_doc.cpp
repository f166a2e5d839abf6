// bench ui: the mirror (the demo one when none is given), the document both
// programs show, and its static HTML page for Chromium.
#include <filesystem>
#include <optional>

#include "cli/bench_files.h"
#include "cli/bench_ui.h"
#include "core/apply.h"
#include "core/mirror.h"
#include "core/store.h"

namespace gongkai::cli {

namespace {

std::string escapeHtml(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::size_t bodyBytes(const Document& d) {
    std::size_t n = 0;
    for (const auto& b : d.body) {
        n += b.text.size();
        for (const auto& row : b.rows)
            for (const auto& cell : row) n += cell.size();
    }
    return n;
}

std::string metadataTable(const Document& d) {
    const std::pair<const char*, const std::string*> rows[] = {
        {"索引号", &d.indexNo}, {"发文字号", &d.docNo}, {"发布机构", &d.issuer}, {"主题分类", &d.topic},
        {"成文日期", &d.writtenOn}, {"发布日期", &d.publishedOn}, {"有效性", &d.validity},
        {"公开方式", &d.disclosure}, {"文种", &d.kind}};
    std::string t = "<table class=\"meta\">\n";
    for (const auto& [label, value] : rows)
        if (!value->empty()) t += "<tr><th>" + std::string(label) + "</th><td>" + escapeHtml(*value) + "</td></tr>\n";
    return t + "</table>\n";
}

std::string bodyHtml(const Document& d) {
    std::string h;
    for (const auto& b : d.body) {
        switch (b.kind) {
        case Block::Kind::Heading: h += "<h2>" + escapeHtml(b.text) + "</h2>\n"; break;
        case Block::Kind::Paragraph: h += "<p>" + escapeHtml(b.text) + "</p>\n"; break;
        case Block::Kind::Image: h += "<p class=\"caption\">" + escapeHtml(b.text) + "</p>\n"; break;
        case Block::Kind::Table:
            h += "<table class=\"body\">\n";
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                h += "<tr>";
                for (const auto& cell : b.rows[r])
                    h += (r == 0 ? "<th>" : "<td>") + escapeHtml(cell) + (r == 0 ? "</th>" : "</td>");
                h += "</tr>\n";
            }
            h += "</table>\n";
            break;
        }
    }
    return h;
}

// Same font and sizes as the kiosk's theme (Noto Sans CJK, body 24 px, title 30 px). The
// title ends in an ASCII marker, so the window is found by its name (bench_ui_chromium.cpp).
std::string pageHtml(const Document& d) {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>" + escapeHtml(d.title) +
           " gongkai-bench</title>\n<style>\n"
           "body{margin:0;padding:24px 48px;font-family:'Noto Sans CJK SC','Noto Sans CJK',sans-serif;"
           "font-size:24px;line-height:1.45;background:#f5f7fa;color:#1a1a1a}\n"
           "h1{font-size:30px}h2{font-size:26px}table{border-collapse:collapse;margin:16px 0}\n"
           "th,td{border:1px solid #c8d0da;padding:8px 16px;text-align:left}th{background:#e8eef5}\n"
           "</style></head>\n<body>\n<h1>" + escapeHtml(d.title) + "</h1>\n" + metadataTable(d) + bodyHtml(d) +
           "</body></html>\n";
}

}  // namespace

Result<std::string> buildDemoMirror(const std::string& dir) {
    auto files = demoRecordFiles();
    if (files.empty()) return Error{"no --db given and data/demo not found: pass --db MIRROR"};
    std::string path = dir + "/mirror.db";
    auto mirror = Mirror::open(path, Mirror::Mode::Create);
    if (!mirror) return mirror.error();
    for (const auto& f : files)
        if (auto st = importRecordFile(*mirror.value(), f); !st) return Error{f + ": " + st.error().message};
    return path;
}

Result<BenchDocument> pickLongDocument(const std::string& db) {
    auto mirror = Mirror::open(db, Mirror::Mode::ReadOnly);
    if (!mirror) return mirror.error();
    Store store(*mirror.value());
    auto latest = store.latestDocuments(500);
    if (!latest) return latest.error();
    std::optional<Document> best;
    for (const auto& s : latest.value()) {
        auto d = store.document(s.id);
        if (d && (!best || bodyBytes(d.value()) > bodyBytes(*best))) best = std::move(d.value());
    }
    if (!best) return Error{db + " holds no document to read"};
    return BenchDocument{best->id, best->title, pageHtml(*best), int(best->body.size())};
}

}  // namespace gongkai::cli
