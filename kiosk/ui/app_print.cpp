#include "ui/app_print.h"

#include <cstdio>

#include "core/print_text.h"
#include "core/printer_config.h"
#include "platform/window.h"

namespace gongkai::ui {

namespace {

// [printer] of the config, then the flags over it.
Result<PrinterConfig> printerConfigFor(const Options& o) {
    auto c = resolvePrinterConfig(o.configPath, o.printerDevice, o.paperMm);
    if (c && !o.printSpoolDir.empty()) c->pngDir = o.printSpoolDir;
    return c;
}

const char* phaseName(PrintPhase p) {
    switch (p) {
    case PrintPhase::Idle: return "idle";
    case PrintPhase::Printing: return "printing";
    case PrintPhase::Printed: return "printed";
    case PrintPhase::Failed: return "failed";
    }
    return "idle";
}

void logResult(const std::string& what, const PrintResult& r) {
    const char* w = what.c_str();
    if (!r.pngError.empty()) std::fprintf(stderr, "gongkai-kiosk: print %s: %s\n", w, r.pngError.c_str());
    if (!r.renderError.empty())
        std::fprintf(stderr, "gongkai-kiosk: print %s: cannot make the page: %s\n", w, r.renderError.c_str());
    else if (r.ok())
        std::fprintf(stderr, "gongkai-kiosk: print %s: %s, %.1f mm, rendered in %.1f ms%s%s\n", w,
                     r.spooled ? "spooled" : "printed", r.lengthMm, r.renderMs, r.pngPath.empty() ? "" : ", ",
                     r.pngPath.c_str());
    else if (r.outcome.sent || r.outcome.problem != PrintProblem::None)
        std::fprintf(stderr, "gongkai-kiosk: print %s: %s%s (%s)\n", w, printProblemName(r.outcome.problem),
                     r.outcome.sent ? " after the page was sent" : ", nothing printed", r.outcome.detail.c_str());
    if (r.outcome.paperNearEnd) std::fprintf(stderr, "gongkai-kiosk: printer: the paper roll is nearly finished\n");
}

}  // namespace

PrintDesk::PrintDesk(const Options& o, const KioskConfig& c, AppState& s) : m_s(s) {
    auto config = printerConfigFor(o);
    if (!config) {
        std::fprintf(stderr, "gongkai-kiosk: printer: %s (printing is off)\n", config.error().message.c_str());
        return;
    }
    if (config->settings.device.empty() && config->pngDir.empty()) return;  // no printer: no print buttons
    m_s.print.available = true;
    m_s.print.spool = config->settings.device.empty();
    std::string font = !c.fontPath.empty() ? c.fontPath : kDefaultPrintFont;
    int face = c.fontFace >= 0 ? c.fontFace : kDefaultPrintFace;
    m_worker = std::make_unique<PrintWorker>(std::move(config.value()), font, face, [] { platform::Window::wake(); });
}

bool PrintDesk::handle(const Intent& i) {
    if (i.kind != Intent::Kind::Print) return false;
    if (!m_worker) return true;
    PrintJob job;
    job.county = m_s.home.info.siteName;
    const RequestState& r = m_s.request;
    if (i.id == "slip" && r.step == RequestStep::Slip && !r.slipText.empty()) {
        job.kind = PrintJob::Kind::Slip;
        job.request = r.draft;
        job.slipText = r.slipText;
        submit(std::move(job), "slip:" + r.draft.id);
    } else if (i.id == "guide" && m_s.pages.guide.loaded) {
        job.kind = PrintJob::Kind::Guide;
        job.guide = m_s.pages.guide.record;
        submit(std::move(job), "guide:" + job.guide.id);
    }
    return true;
}

void PrintDesk::submit(PrintJob job, std::string subject) {
    std::uint64_t id = m_worker->submit(std::move(job));
    if (id == 0) return;  // a page is printing: one tap, one page
    PrintState& p = m_s.print;
    p.phase = PrintPhase::Printing;
    p.what = std::move(subject);
    p.problem.clear();
    p.job = id;
}

void PrintDesk::poll() {
    if (!m_worker) return;
    auto r = m_worker->take();
    if (!r) return;
    PrintState& p = m_s.print;
    bool shown = r->id == p.job;
    logResult(shown ? p.what : "(after a reset)", *r);
    p.paperNearEnd = r->outcome.paperNearEnd;
    if (r->ok()) ++p.printedCount;
    if (!shown) return;
    p.job = 0;
    p.phase = r->ok() ? PrintPhase::Printed : PrintPhase::Failed;
    p.problem = r->ok() ? "" : !r->renderError.empty() ? "render"
                             : m_s.print.spool      ? "spool"
                                                    : printProblemName(r->outcome.problem);
}

void clearPrint(PrintState& p) {
    p.phase = PrintPhase::Idle;
    p.what.clear();
    p.problem.clear();
    p.job = 0;
}

nlohmann::json printDumpJson(const AppState& s) {
    const PrintState& p = s.print;
    return {{"available", p.available}, {"spool", p.spool},       {"phase", phaseName(p.phase)},
            {"what", p.what},           {"problem", p.problem},   {"paper_near_end", p.paperNearEnd},
            {"printed", p.printedCount}};
}

}  // namespace gongkai::ui
