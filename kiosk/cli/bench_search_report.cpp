// The readable tables of `gongkai bench search` (formatSearchBench).
#include <cstdarg>
#include <cstdio>

#include "cli/bench_search.h"
#include "cli/bench_search_queries.h"

namespace gongkai::cli {

namespace {

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

// Pads to `width` terminal columns (CJK characters take two).
std::string pad(const std::string& s, std::size_t width) {
    std::size_t cols = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue;
        cols += c >= 0xE0 ? 2 : 1;
    }
    return s + std::string(cols < width ? width - cols : 0, ' ');
}

double mb(const nlohmann::json& v) { return v.is_number() ? v.get<double>() / 1e6 : 0; }
double num(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0;
}

std::string indexTable(const nlohmann::json& c) {
    const auto& imp = c["import"];
    const auto& ts = c["text_store"];
    std::string out;
    if (c.value("reused", false)) {
        out = "  reused from an earlier --keep run: no import or build figures\n\n";
    } else {
        out = format("  full import (gongkai import path, index included): %.1f s, %.2f MB/s of indexed text\n",
                     num(imp, "import_s"), num(imp, "mb_s"));
        out += format("  text store extraction: %.1f s (of which JSON parse + indexedText %.1f s)\n\n",
                      num(ts, "extract_s"), num(ts, "parse_s"));
    }
    out += format("  %-9s %9s %8s %10s  %s\n", "engine", "build s", "MB/s", "index MB", "notes");
    for (const auto& [name, e] : c["engines"].items()) {
        std::string note;
        if (name == "gongkai")
            note = format("rebuildSearchIndex in one transaction; FTS5 search + pinyin_pair (%.1f MB);"
                          " %.1f MB after import; mirror file %.1f MB",
                          mb(e["pinyin_pair_bytes"]), mb(e["index_bytes_after_import"]), mb(e["mirror_bytes"]));
        else if (name == "trigram")
            note = format("FTS5 shadow tables (external content); plain text table %.1f MB", mb(e["text_table_bytes"]));
        else
            note = "database directory";
        if (e.contains("rebuild_skipped")) note += "; index rebuild skipped (disk): the import's index measured";
        out += format("  %-9s %9.2f %8.2f %10.1f  %s\n", name.c_str(), num(e, "build_s"), num(e, "mb_s"),
                      mb(e["index_bytes"]), note.c_str());
    }
    if (c.value("one_engine_at_a_time", false))
        out += "  one engine at a time: each index was built, queried and deleted before the next\n";
    return out;
}

std::string latencyTable(const nlohmann::json& c) {
    std::vector<std::string> engines;
    for (const auto& [name, e] : c["engines"].items()) engines.push_back(name);
    std::string out = "  " + pad("class (queries)", 22);
    for (const auto& e : engines) out += format(" | %-31s", (e + "  p50 / p95 / p99 ms, hits").c_str());
    out += "\n";
    for (const auto& cls : benchClasses()) {
        const auto& row = c["classes"][cls.id];
        out += "  " + pad(format("%s (%d)", cls.label, row["queries"].get<int>()), 22);
        for (const auto& e : engines) {
            const auto& v = row[e];
            out += v.is_null() ? format(" | %-31s", "n/a")
                               : format(" | %7.2f %7.2f %7.2f %6.1f", num(v, "p50_ms"), num(v, "p95_ms"),
                                        num(v, "p99_ms"), num(v, "mean_hits"));
        }
        out += "\n";
    }
    const auto& r = c["recall_2char"];
    out += format("\n  2-char recall (queries with an instr() match: %d):", r["truth_queries"].get<int>());
    for (const auto& e : engines) out += format("  %s %.2f", e.c_str(), num(r, e.c_str()));
    if (r.contains("trigram_index_only"))
        out += format("  (trigram index alone, without the LIKE fallback: %.2f)", num(r, "trigram_index_only"));
    return out + "\n";
}

}  // namespace

std::string formatSearchBench(const nlohmann::json& report) {
    std::string out;
    for (const auto& c : report["corpora"]) {
        out += format("bench search %s: %llu searchable records, %.1f MB of indexed UTF-8 text\n",
                      c["name"].get<std::string>().c_str(), c["records"].get<unsigned long long>(),
                      mb(c["text_bytes"]));
        out += indexTable(c) + "\n" + latencyTable(c) + "\n";
    }
    out += format("%d timed runs per query after a pass over all queries and one warm-up; hits = mean hits returned (limit 20);"
                  " n/a = not run (pinyin input means nothing to the baselines)\n",
                  report["options"]["runs"].get<int>());
    return out;
}

}  // namespace gongkai::cli
