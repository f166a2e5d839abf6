// A simulated thermal printer on a pseudo-terminal (issue 9 tests): the
// product opens slavePath() as its printer device; a thread reads the master
// side, follows the ESC/POS command stream (ESC @, GS v 0 with its payload,
// ESC d, ESC J, GS V, DLE EOT n) and answers each DLE EOT with the status
// byte of the state the test has set. Finished jobs (a GS V cut) are parsed
// with parseEscPosJob (escpos_stream.h) and kept for the test to inspect.
//
// States: Ready; PaperOut (paper end, offline); CoverOpen (offline, cover);
// Silent (reads everything, answers nothing: a printer switched off or not
// bidirectional); PaperRunsOut (answers Ready until the first job's raster
// data has been received, PaperOut afterwards).
//
// Thread-safe: setState/jobs/statusRequests may be called from any thread
// while the reader runs. The destructor stops the thread and closes the pty.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "print/escpos_stream.h"

namespace gongkai::test {

class SimPrinter {
public:
    enum class State { Ready, PaperOut, CoverOpen, Silent, PaperRunsOut };

    explicit SimPrinter(State state = State::Ready);  // throws std::runtime_error if no pty
    ~SimPrinter();
    SimPrinter(const SimPrinter&) = delete;
    SimPrinter& operator=(const SimPrinter&) = delete;

    const std::string& slavePath() const { return m_slavePath; }  // e.g. /dev/pts/7
    void setState(State state);

    // Complete jobs received so far (ended by a cut), oldest first.
    std::vector<ParsedJob> jobs() const;
    // Waits up to `timeoutMs` for at least `count` jobs; true if they came.
    bool waitForJobs(std::size_t count, int timeoutMs) const;
    int statusRequests() const;  // DLE EOT commands received
    std::size_t bytesReceived() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_slavePath;
};

}  // namespace gongkai::test
