// bench ui: the goals beside the figures, ratios, the readable table.
#include <cstdio>
#include <string>

#include "cli/bench_ui.h"

namespace gongkai::cli {

using nlohmann::json;

namespace {

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

double num(const json& j, const char* key, double otherwise = -1) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : otherwise;
}

json goal(const std::string& name, const std::string& target, double value, const std::string& unit, bool known,
          bool met) {
    json g = {{"goal", name}, {"target", target}, {"unit", unit}};
    g["value"] = known ? json(value) : json(nullptr);
    g["met"] = known ? json(met) : json(nullptr);
    return g;
}

bool hasChromium(const json& r) { return r.contains("chromium") && r["chromium"].contains("pss_mb"); }

std::string row(const std::string& label, const std::string& kiosk, const std::string& chromium,
                const std::string& ratio) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-40s %18s %18s %15s\n", label.c_str(), kiosk.c_str(), chromium.c_str(),
                  ratio.c_str());
    return buf;
}

std::string figuresTable(const json& r) {
    const json& k = r["kiosk"];
    const json c = hasChromium(r) ? r["chromium"] : json::object();
    const bool ch = hasChromium(r);
    auto cv = [&](const char* key, const char* f) { return ch ? fmt(f, num(c, key)) : std::string("-"); };
    auto ratio = [&](const char* key) {
        double a = num(k, key), b = num(c, key);
        return ch && a > 0 ? fmt("%.1fx", b / a) : std::string("-");
    };
    std::string t = row("", "gongkai-kiosk", "chromium --kiosk", "chromium/kiosk");
    t += row("start to first frame / page window", fmt("%.0f ms", num(k, "first_frame_ms")),
             cv("first_paint_ms", "%.0f ms"), ch ? fmt("%.1fx", num(c, "first_paint_ms") / num(k, "first_frame_ms")) : "-");
    t += row("PSS, all processes (idle)", fmt("%.1f MB", num(k, "pss_mb")), cv("pss_mb", "%.1f MB"), ratio("pss_mb"));
    t += row("RSS, summed (idle)", fmt("%.1f MB", num(k, "rss_mb")), cv("rss_mb", "%.1f MB"), ratio("rss_mb"));
    t += row("PSS peak (reader scrolling)", fmt("%.1f MB", num(k, "pss_peak_mb")), "-", "-");
    t += row("processes", fmt("%.0f", num(k, "processes")), cv("processes", "%.0f"), "-");
    t += row("CPU idle (" + fmt("%.0f", num(k, "idle_seconds")) + " s), % of a core",
             fmt("%.3f %%", num(k, "idle_cpu_percent")), cv("idle_cpu_percent", "%.3f %%"),
             ch && num(k, "idle_cpu_percent") > 0 ? fmt("%.1fx", num(c, "idle_cpu_percent") / num(k, "idle_cpu_percent")) : "-");
    for (const char* screen : {"home", "search", "scroll", "reader"}) {
        if (!k["frames"].contains(screen)) continue;
        const json& f = k["frames"][screen];
        std::string name = std::string(screen) == "scroll" ? "results scrolled" : screen;
        t += row("frame time " + name + " p50 / p99 (n=" + fmt("%.0f", num(f, "frames")) + ")",
                 fmt("%.1f", num(f, "p50_ms")) + " / " + fmt("%.1f ms", num(f, "p99_ms")), "-", "-");
        t += row(std::string("  of which the kiosk's own work p50 / p99"),
                 fmt("%.1f", num(f, "draw_p50_ms")) + " / " + fmt("%.1f ms", num(f, "draw_p99_ms")), "-", "-");
        t += row(std::string("  frames that changed pixels p50 / p99"),
                 fmt("%.1f", num(f, "changed_p50_ms", 0)) + " / " + fmt("%.1f ms", num(f, "changed_p99_ms", 0)), "-",
                 "-");
        if (num(f, "atlas_frames", 0) > 0)
            t += row(std::string("  the glyph atlas swapped in (not above)"),
                     fmt("%.0f", num(f, "atlas_frames", 0)) + " frame, " + fmt("%.1f ms", num(f, "atlas_max_ms", 0)),
                     "-", "-");
        t += row(std::string("  frames unchanged / partial / full"),
                 fmt("%.0f", num(f, "unchanged", 0)) + " / " + fmt("%.0f", num(f, "partial", 0)) + " / " +
                     fmt("%.0f", num(f, "full", 0)),
                 "-", "-");
        if (num(f, "scrolled", 0) > 0)
            t += row(std::string("  partial frames scrolled by a copy"), fmt("%.0f", num(f, "scrolled", 0)), "-", "-");
        t += row(std::string("  pixels redrawn p50 / p99"),
                 fmt("%.0f", 100 * num(f, "redrawn_p50", 0)) + " / " + fmt("%.0f %%", 100 * num(f, "redrawn_p99", 0)),
                 "-", "-");
    }
    return t;
}

}  // namespace

json benchUiGoals(const json& r) {
    const json& k = r["kiosk"];
    json goals = json::array();
    double ff = num(k, "first_frame_ms"), cpu = num(k, "idle_cpu_percent"), pss = num(k, "pss_mb");
    double peak = num(k, "pss_peak_mb");
    goals.push_back(goal("first frame", "<= 500 ms", ff, "ms", ff >= 0, ff <= 500));
    goals.push_back(goal("idle CPU", "<= 1 %", cpu, "%", cpu >= 0, cpu <= 1));
    goals.push_back(goal("PSS idle", "<= 130 MB", pss, "MB", pss >= 0, pss <= 130));
    goals.push_back(goal("PSS peak (reader)", "<= 130 MB", peak, "MB", peak >= 0, peak <= 130));
    double cp = hasChromium(r) ? num(r["chromium"], "pss_mb") : -1;
    goals.push_back(goal("PSS vs Chromium", ">= 3x less", cp > 0 && pss > 0 ? cp / pss : 0, "x", cp > 0 && pss > 0,
                         pss > 0 && cp / pss >= 3));
    for (const char* screen : {"home", "search", "scroll", "reader"}) {
        // Over the frames that changed pixels, the frames a person sees: a
        // frame where nothing changed costs next to nothing and is not shown,
        // and a script waiting on the screen makes hundreds of them.
        if (!k["frames"].contains(screen)) continue;
        const json& f = k["frames"][screen];
        double p99 = num(f, "changed_p99_ms");
        bool known = num(f, "frames", 0) - num(f, "unchanged", 0) > 0;
        goals.push_back(goal(std::string("frame p99 ") + screen, "<= 16 ms", p99, "ms", known, p99 <= 16));
    }
    return goals;
}

std::string formatBenchUi(const json& r) {
    std::string t = "bench ui: Xvfb " + r.value("display", "") + " " + r.value("screen", "") + ", mirror " +
                    r.value("db", "") + "\n  document " + r["document"].value("id", "") + " (" +
                    fmt("%.0f", num(r["document"], "blocks")) + " blocks) \"" + r["document"].value("title", "") +
                    "\"\n\n" + figuresTable(r);
    if (r.contains("chromium") && r["chromium"].contains("skipped")) {
        t += "\nchromium: " + r["chromium"]["skipped"].get<std::string>();
        if (r["chromium"].contains("install")) t += " (install it: " + r["chromium"]["install"].get<std::string>() + ")";
        t += "\n";
    } else if (hasChromium(r)) {
        t += "\nchromium: " + r["chromium"].value("version", "") + "; first paint = " +
             r["chromium"].value("first_paint_method", "") + "\n";
    }
    t += "kiosk: frame time = work per frame (input, draw, render, present), from --report-timing; frames that\n"
         "took a screenshot are left out. The kiosk's own work ends at ImGui::Render: the rest is finding what\n"
         "changed, Mesa's llvmpipe rasterising it in software, and copying the frame to the window (nothing when\n"
         "no pixel changed)";
    t += r["kiosk"].value("full_redraw", false) ? "; this run redrew every frame in full (--full-redraw)" : "";
    t += ".\nThe frame-time goals are judged on the frames that changed pixels (the frames shown), less the one\n"
         "frame after start where the full glyph atlas replaces the first one (every glyph moves: a full redraw,\n"
         "shown on its own line).\n\n";
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-22s %-14s %12s  %s\n", "goal", "target", "measured", "");
    t += buf;
    for (const auto& g : r["goals"]) {
        std::string v = g["value"].is_null() ? "-" : fmt("%.2f ", g["value"].get<double>()) + g["unit"].get<std::string>();
        std::string met = g["met"].is_null() ? "n/a" : g["met"].get<bool>() ? "met" : "NOT MET";
        std::snprintf(buf, sizeof buf, "%-22s %-14s %12s  %s\n", g["goal"].get<std::string>().c_str(),
                      g["target"].get<std::string>().c_str(), v.c_str(), met.c_str());
        t += buf;
    }
    return t;
}

}  // namespace gongkai::cli
