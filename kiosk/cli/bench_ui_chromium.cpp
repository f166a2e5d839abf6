// bench ui: Debian's Chromium in kiosk mode showing the document's static page.
// First paint is approximated by the moment its window carries the page's
// title (polled with `xwininfo -root -tree` every ~20 ms): the title is set
// once the page is parsed, a frame or so before its first paint.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "cli/bench_ui.h"

namespace gongkai::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kInstall = "apt-get install chromium";
constexpr const char* kMarker = "gongkai-bench";  // in the page's <title> (bench_ui_doc.cpp)

std::string onPath(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= p.size();) {
        auto end = p.find(':', start);
        if (end == std::string::npos) end = p.size();
        fs::path candidate = fs::path(p.substr(start, end - start)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        start = end + 1;
    }
    return {};
}

std::string commandOutput(const std::string& cmd) {
    std::string out;
    if (std::FILE* f = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
        ::pclose(f);
    }
    return out;
}

bool windowShown(const std::string& display) {
    return commandOutput("DISPLAY=" + display + " xwininfo -root -tree 2>/dev/null").find(kMarker) !=
           std::string::npos;
}

std::vector<std::string> chromiumArgs(const std::string& bin, const std::string& dir) {
    std::vector<std::string> a{bin, "--kiosk", "--no-first-run", "--no-default-browser-check",
                               "--user-data-dir=" + dir + "/chromium-profile", "--disable-gpu",
                               "--window-position=0,0", "--window-size=1920,1080", "--password-store=basic"};
    if (::geteuid() == 0) a.push_back("--no-sandbox");  // Chromium refuses root without it
    a.push_back("file://" + dir + "/page.html");
    return a;
}

// Starts Chromium and waits for the page's window: ms from spawn, or an error.
Result<std::pair<Spawned, double>> launch(const std::string& bin, const std::string& display, const std::string& dir) {
    auto sp = spawnProgram(chromiumArgs(bin, dir), display, dir + "/chromium.log");
    if (!sp) return sp.error();
    for (long long end = monotonicNs() + 60000000000LL; monotonicNs() < end;) {
        if (windowShown(display))
            return std::make_pair(sp.value(), double(monotonicNs() - sp.value().startNs) / 1e6);
        if (waitProgram(sp.value().pid, 0.02) >= 0) return Error{"chromium exited (see " + dir + "/chromium.log)"};
    }
    stopProgram(sp.value().pid);
    return Error{"chromium showed no window with the page in 60 s (see " + dir + "/chromium.log)"};
}

std::string findChromium(const BenchUiOptions& opt) {
    if (!opt.chromium.empty()) return ::access(opt.chromium.c_str(), X_OK) == 0 ? opt.chromium : "";
    std::string bin = onPath("chromium");
    if (bin.empty() && opt.install) {
        std::fprintf(stderr, "bench ui: chromium is missing; running apt-get install -y chromium\n");
        if (std::system("DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2") == 0)
            bin = onPath("chromium");
    }
    return bin;
}

}  // namespace

json measureChromium(const std::string& display, const std::string& dir, const BenchDocument& doc,
                     const BenchUiOptions& opt) {
    std::string bin = findChromium(opt);
    if (bin.empty())
        return {{"skipped", "chromium is not installed"}, {"install", kInstall}};
    std::ofstream(dir + "/page.html") << doc.html;
    auto warm = launch(bin, display, dir);  // the profile's first start; the second one is measured
    if (!warm) return {{"skipped", warm.error().message}};
    stopProgram(warm.value().first.pid);
    auto run = launch(bin, display, dir);
    if (!run) return {{"skipped", run.error().message}};
    pid_t pid = run.value().first.pid;
    sleepSeconds(5);  // the page is painted and the renderer settles
    json idle = measureIdle(pid, opt.idleSeconds);
    stopProgram(pid);
    std::string version = commandOutput(bin + " --version 2>/dev/null");
    while (!version.empty() && (version.back() == '\n' || version.back() == ' ')) version.pop_back();
    json out = {{"binary", bin}, {"version", version}, {"first_paint_ms", run.value().second},
                {"first_paint_method", "spawn until xwininfo -root -tree lists a window titled with the page's title"},
                {"args", chromiumArgs(bin, dir)}};
    out.update(idle);
    return out;
}

}  // namespace gongkai::cli
