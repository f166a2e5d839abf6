// The kiosk's printer as the screens see it (issue 9): whether there is one,
// and what became of the last thing a resident asked to print. The slip
// screen and the service-guide page show it in plain words; the request is
// never lost whatever happens here (it is in the outbox before the slip is
// shown). Cleared by the idle reset. UI thread only.
#pragma once

#include <cstdint>
#include <string>

namespace gongkai::ui {

enum class PrintPhase {
    Idle,      // nothing asked, or the last answer has been cleared
    Printing,  // the print worker has the job
    Printed,   // the printer said so afterwards (or, spooling, the PNG is written)
    Failed,    // see problem
};

struct PrintState {
    bool available = false;    // a printer device or a spool directory is configured
    bool spool = false;        // PNG spool only: pages are "sent", not known to be printed
    PrintPhase phase = PrintPhase::Idle;
    std::string what;          // "slip:<request id>" | "guide:<guide id>"
    std::string problem;       // printProblemName() or "render"; empty unless Failed
    bool paperNearEnd = false;  // the roll is nearly finished (staff should change it)
    std::uint64_t job = 0;     // the worker's id of the job in flight
    int printedCount = 0;      // pages printed since start (the state dump)

    // The answer belongs on the screen showing `subject` ("slip:ID", "guide:ID").
    bool about(const std::string& subject) const { return phase != PrintPhase::Idle && what == subject; }
};

}  // namespace gongkai::ui
