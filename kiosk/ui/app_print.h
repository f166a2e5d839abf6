// The app loop's side of printing (issue 9): sets up the print worker from
// [printer] of the config and the flags (options.h), carries out the Print
// intents (the request slip on screen, a service guide's checklist), and
// takes the worker's answers into AppState::print between frames. Every
// print is logged on stderr (printed, with its length, or the problem and
// the device's detail) for the staff's journal.
// UI thread only.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "ui/app_state.h"
#include "ui/kiosk_config.h"
#include "ui/options.h"
#include "ui/print_worker.h"

namespace gongkai::ui {

class PrintDesk {
public:
    // No device and no spool directory: printing is unavailable (not an
    // error; the print buttons are not shown). A [printer] section that
    // cannot be read is reported on stderr and leaves printing off.
    PrintDesk(const Options& options, const KioskConfig& config, AppState& s);

    // True when the intent was a Print intent (handled here).
    bool handle(const Intent& i);
    // Takes a finished job's answer into AppState::print.
    void poll();
    bool busy() const { return m_worker && m_worker->busy(); }

private:
    void submit(PrintJob job, std::string subject);
    AppState& m_s;
    std::unique_ptr<PrintWorker> m_worker;
};

// Forgets what the last print did (the idle reset); a job in flight still
// finishes and is logged, but its answer is no longer shown.
void clearPrint(PrintState& p);

// The print part of the script's state dump: available, spool, phase
// (idle|printing|printed|failed), what, problem, paper_near_end, printed.
nlohmann::json printDumpJson(const AppState& s);

}  // namespace gongkai::ui
