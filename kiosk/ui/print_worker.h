// Prints on a thread of its own (STYLE.md rule 3): renders the page
// (core/print_slip.h, core/print_guide.h) with the kiosk's font, encodes it
// (core/escpos.h), saves it as PNG when a spool directory is configured, and
// sends it to the printer (core/printer_port.h printJob: status before and
// after). A silent printer takes seconds to give up on; the UI thread never
// waits for it.
//
// One job at a time: submit() while busy is refused (returns 0), so a
// resident tapping "print" twice gets one slip.
//
// Ownership: owns its thread (joined by the destructor, after the job in
// hand finishes). The font is opened on the thread for each job (a few ms).
// Thread safety: submit(), take() and busy() from any thread; `wake` is
// called on the worker thread when a result is ready.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/printer_config.h"
#include "core/printer_port.h"
#include "core/slip.h"
#include "core/store.h"

namespace gongkai::ui {

struct PrintJob {
    enum class Kind { Slip, Guide } kind = Kind::Slip;
    DisclosureRequest request;  // Slip: the request as signed
    std::string slipText;       // Slip: its GK1 text (the QR)
    ServiceGuide guide;         // Guide: the checklist's source
    std::string county;         // the page's first line; empty: none
};

struct PrintResult {
    std::uint64_t id = 0;        // the submit() it answers
    PrintOutcome outcome;        // problem None + sent: printed
    std::string renderError;     // the page could not be made (then nothing was sent)
    std::string pngPath;         // the spool copy, if one was written
    std::string pngError;        // the spool copy could not be written
    bool spooled = false;        // spool only (no device): the PNG is the print
    double renderMs = 0;         // render + encode
    double lengthMm = 0;         // the page's printed length
    bool ok() const { return renderError.empty() && (outcome.printed() || spooled); }
};

class PrintWorker {
public:
    // `config.settings.device` empty and `config.pngDir` set: spool only.
    PrintWorker(PrinterConfig config, std::string fontPath, int fontFace, std::function<void()> wake);
    ~PrintWorker();
    PrintWorker(const PrintWorker&) = delete;
    PrintWorker& operator=(const PrintWorker&) = delete;

    // The job's id (never 0), or 0 when a job is already in hand.
    std::uint64_t submit(PrintJob job);
    std::optional<PrintResult> take();
    bool busy() const;

private:
    void run();
    PrintResult carryOut(std::uint64_t id, const PrintJob& job);

    PrinterConfig m_config;
    std::string m_fontPath;
    int m_fontFace;
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<std::pair<std::uint64_t, PrintJob>> m_job;
    std::optional<PrintResult> m_result;
    std::uint64_t m_nextId = 1;
    bool m_working = false, m_stop = false;
    std::thread m_thread;  // last: started once everything above exists
};

}  // namespace gongkai::ui
