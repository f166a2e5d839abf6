// The printer device against the simulated printer (print/sim_printer.h) and
// a few odd devices: a print counts only when the printer says so after the
// job; nothing is sent to a printer that is out of paper or open; a silent
// printer is reported within the reply timeout; a missing device, /dev/null,
// a garbage reply, a stale byte and a printer that stops taking data.
#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include "core/printer_port.h"
#include "print/sim_printer.h"

using namespace gongkai;
using namespace gongkai::test;
using State = SimPrinter::State;

namespace {

constexpr int kShortReplyMs = 300;

PrinterSettings settingsFor(const std::string& device, int replyTimeoutMs = 1500) {
    PrinterSettings s;
    s.device = device;
    s.replyTimeoutMs = replyTimeoutMs;
    s.writeTimeoutMs = 2000;
    return s;
}

// A slip-sized page with a pattern that catches shifted or dropped bytes;
// 600 rows make three raster bands and a job of several 4 KiB chunks.
Bitmap pattern(int width = kPaperDots58, int height = 600) {
    Bitmap bm(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if ((x * 7 + y * 13) % 5 == 0 || x == y) bm.set(x, y);
    return bm;
}

std::vector<std::uint8_t> jobOf(const Bitmap& bm) {
    auto job = encodeEscPos(bm);
    REQUIRE(job);
    return job.value();
}

// A hand-driven "printer" on a pty for replies the simulator never gives:
// it answers DLE EOT n with replies[n - 1], can leave a stale byte waiting
// before the first request, and can stop reading when a job starts (ESC @).
class Responder {
public:
    using Replies = std::array<std::uint8_t, 4>;
    Responder(Replies replies, bool staleByte, bool stallOnJob) : m_replies(replies), m_stall(stallOnJob) {
        m_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0)
            throw std::runtime_error("no pty");
        m_path = ptsname(m_master);
        m_slave = ::open(m_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        termios tio{};
        tcgetattr(m_slave, &tio);
        cfmakeraw(&tio);
        tcsetattr(m_slave, TCSANOW, &tio);
        const std::uint8_t stale = 0xFF;
        if (staleByte && ::write(m_master, &stale, 1) != 1) throw std::runtime_error("stale byte");
        m_thread = std::thread([this] { run(); });
    }
    ~Responder() {
        m_stop = true;
        m_thread.join();
        ::close(m_master);
        ::close(m_slave);
    }
    const std::string& path() const { return m_path; }

private:
    void run() {
        std::uint8_t prev[2] = {0, 0}, byte = 0;
        while (!m_stop) {
            pollfd p{m_master, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0 || ::read(m_master, &byte, 1) != 1) continue;
            if (m_stall && prev[1] == 0x1B && byte == '@') {
                while (!m_stop) std::this_thread::sleep_for(std::chrono::milliseconds(10));
                return;
            }
            const bool asked = prev[0] == 0x10 && prev[1] == 0x04 && byte >= 1 && byte <= 4;
            if (asked && ::write(m_master, &m_replies[byte - 1], 1) != 1) return;
            prev[0] = prev[1];
            prev[1] = byte;
        }
    }
    Replies m_replies;
    bool m_stall;
    int m_master = -1, m_slave = -1;
    std::string m_path;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace

TEST_CASE("printer: a ready printer prints the job and is asked for its status before and after", "[print]") {
    SimPrinter sim(State::Ready);
    const Bitmap page = pattern();
    PrintOutcome out = printJob(settingsFor(sim.slavePath()), jobOf(page));
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::None);
    CHECK(out.sent);
    CHECK(out.printed());
    CHECK_FALSE(out.paperNearEnd);
    REQUIRE(sim.waitForJobs(1, 2000));
    const std::vector<ParsedJob> jobs = sim.jobs();
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].error.empty());
    CHECK(jobs[0].initialised);
    CHECK(jobs[0].partialCut);
    CHECK(jobs[0].bands == 3);
    CHECK(jobs[0].bitmap == page);
    CHECK(sim.statusRequests() == 8);  // DLE EOT 1..4 before, and again after
    CHECK(out.detail.find(sim.slavePath()) != std::string::npos);
}

TEST_CASE("printer: two jobs in a row through one simulator both arrive whole", "[print]") {
    SimPrinter sim(State::Ready);
    const Bitmap first = pattern(kPaperDots80, 300), second = pattern(kPaperDots58, 40);
    CHECK(printJob(settingsFor(sim.slavePath()), jobOf(first)).printed());
    CHECK(printJob(settingsFor(sim.slavePath()), jobOf(second)).printed());
    REQUIRE(sim.waitForJobs(2, 2000));
    CHECK(sim.jobs()[0].bitmap == first);
    CHECK(sim.jobs()[1].bitmap == second);
}

TEST_CASE("printer: out of paper or cover open, nothing of the job is sent", "[print]") {
    auto [state, problem] = GENERATE(table<State, PrintProblem>(
        {{State::PaperOut, PrintProblem::PaperOut}, {State::CoverOpen, PrintProblem::CoverOpen}}));
    SimPrinter sim(state);
    PrintOutcome out = printJob(settingsFor(sim.slavePath()), jobOf(pattern()));
    INFO(out.detail);
    CHECK(out.problem == problem);
    CHECK_FALSE(out.sent);
    CHECK_FALSE(out.printed());
    CHECK(sim.statusRequests() == 4);
    CHECK(sim.bytesReceived() == 4 * 3);  // the four DLE EOT requests, not one raster byte
    CHECK_FALSE(sim.waitForJobs(1, 100));
}

TEST_CASE("printer: a silent printer is reported as not answering after the reply timeout", "[print]") {
    SimPrinter sim(State::Silent);
    const auto start = std::chrono::steady_clock::now();
    PrintOutcome out = printJob(settingsFor(sim.slavePath(), kShortReplyMs), jobOf(pattern()));
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::printf("printer: a silent printer reported after %lld ms (reply timeout %d ms)\n", (long long)ms,
                kShortReplyMs);
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::NoAnswer);
    CHECK_FALSE(out.sent);
    CHECK(ms >= kShortReplyMs - 10);
    CHECK(ms < kShortReplyMs + 700);
    CHECK(sim.bytesReceived() == 3);  // one request, unanswered; no job
    CHECK(out.detail.find("no answer") != std::string::npos);
}

TEST_CASE("printer: paper running out during the job is sent but not printed", "[print]") {
    SimPrinter sim(State::PaperRunsOut);
    const Bitmap page = pattern();
    PrintOutcome out = printJob(settingsFor(sim.slavePath()), jobOf(page));
    INFO(out.detail);
    CHECK(out.sent);
    CHECK(out.problem == PrintProblem::PaperOut);
    CHECK_FALSE(out.printed());
    REQUIRE(sim.waitForJobs(1, 2000));
    CHECK(sim.jobs()[0].bitmap == page);
    CHECK(sim.statusRequests() == 8);
}

TEST_CASE("printer: a missing device is no device, named in the detail", "[print]") {
    const std::string path = "/nonexistent-gongkai/usb/lp0";
    PrintOutcome out = printJob(settingsFor(path), jobOf(pattern()));
    CHECK(out.problem == PrintProblem::NoDevice);
    CHECK_FALSE(out.sent);
    CHECK(out.detail.find(path) != std::string::npos);
    CHECK(queryPrinter(settingsFor(path)).problem == PrintProblem::NoDevice);
    CHECK(queryPrinter(settingsFor("")).problem == PrintProblem::NoDevice);
    auto port = PrinterPort::open(settingsFor(path));
    REQUIRE_FALSE(port);
    CHECK(port.error().message.find(path) != std::string::npos);
}

TEST_CASE("printer: /dev/null takes writes but never answers, so nothing counts as printed", "[print]") {
    PrintOutcome out = printJob(settingsFor("/dev/null", kShortReplyMs), jobOf(pattern()));
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::NoAnswer);
    CHECK_FALSE(out.printed());
    auto port = PrinterPort::open(settingsFor("/dev/null", kShortReplyMs));
    REQUIRE(port);
    CHECK(port->write(jobOf(pattern())));  // the write succeeds...
    CHECK_FALSE(port->status());          // ...but there is no status
}

TEST_CASE("printer: a reply that is not a status byte is a bad answer", "[print]") {
    Responder printer({0x12, 0xFF, 0x12, 0x12}, false, false);
    PrintOutcome out = printJob(settingsFor(printer.path(), kShortReplyMs), jobOf(pattern()));
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::BadAnswer);
    CHECK_FALSE(out.sent);
    CHECK(out.detail.find("0xFF") != std::string::npos);
}

TEST_CASE("printer: paper near its end still prints, and the outcome says so", "[print]") {
    Responder printer({0x12, 0x12, 0x12, 0x12 | 0x0C}, false, false);  // n = 4: bits 2-3, near end
    PrintOutcome out = printJob(settingsFor(printer.path(), kShortReplyMs), jobOf(pattern(kPaperDots58, 20)));
    INFO(out.detail);
    CHECK(out.printed());
    CHECK(out.paperNearEnd);
}

TEST_CASE("printer: an error or plain offline stops the job before it is sent", "[print]") {
    auto [replies, problem] = GENERATE(table<Responder::Replies, PrintProblem>({
        {{0x12 | 0x08, 0x12 | 0x40, 0x12 | 0x08, 0x12}, PrintProblem::PrinterError},  // cutter error
        {{0x12 | 0x08, 0x12, 0x12, 0x12}, PrintProblem::Offline},
    }));
    Responder printer(replies, false, false);
    PrintOutcome out = printJob(settingsFor(printer.path(), kShortReplyMs), jobOf(pattern(kPaperDots58, 20)));
    INFO(out.detail);
    CHECK(out.problem == problem);
    CHECK_FALSE(out.sent);
}

TEST_CASE("printer: a stale byte waiting on the line is not taken as the answer", "[print]") {
    Responder printer({0x12, 0x12, 0x12, 0x12}, true, false);  // ready, after a stale 0xFF
    PrintOutcome out = queryPrinter(settingsFor(printer.path(), kShortReplyMs));
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::None);
}

TEST_CASE("printer: a printer that stops taking data fails the write after the write timeout", "[print]") {
    Responder printer({0x12, 0x12, 0x12, 0x12}, false, true);
    PrinterSettings s = settingsFor(printer.path(), kShortReplyMs);
    s.writeTimeoutMs = 300;
    PrintOutcome out = printJob(s, jobOf(pattern(kPaperDots80, 3000)));  // 216 KB, more than a pty holds
    INFO(out.detail);
    CHECK(out.problem == PrintProblem::WriteFailed);
    CHECK(out.sent);  // part of it went
    CHECK_FALSE(out.printed());
}

TEST_CASE("printer: queryPrinter reports each simulated state without sending a job", "[print]") {
    auto [state, problem] = GENERATE(table<State, PrintProblem>({{State::Ready, PrintProblem::None},
                                                                  {State::PaperOut, PrintProblem::PaperOut},
                                                                  {State::CoverOpen, PrintProblem::CoverOpen},
                                                                  {State::Silent, PrintProblem::NoAnswer},
                                                                  {State::PaperRunsOut, PrintProblem::None}}));
    SimPrinter sim(state);
    PrintOutcome out = queryPrinter(settingsFor(sim.slavePath(), kShortReplyMs));
    INFO(printProblemName(problem) << ": " << out.detail);
    CHECK(out.problem == problem);
    CHECK_FALSE(out.sent);
    CHECK(sim.jobs().empty());
    auto port = PrinterPort::open(settingsFor(sim.slavePath(), kShortReplyMs));
    REQUIRE(port);
    auto status = port->status();
    CHECK(bool(status) == (state != State::Silent));
    if (status) CHECK(problemOf(status.value()) == problem);
}

TEST_CASE("printer: the simulator's state can change between prints", "[print]") {
    SimPrinter sim(State::CoverOpen);
    CHECK(printJob(settingsFor(sim.slavePath()), jobOf(pattern())).problem == PrintProblem::CoverOpen);
    sim.setState(State::Ready);
    CHECK(printJob(settingsFor(sim.slavePath()), jobOf(pattern())).printed());
    CHECK(sim.waitForJobs(1, 2000));
}

TEST_CASE("printer: problemOf picks the most specific problem, and names are the string keys' tails", "[print]") {
    PrinterStatus ready{true, false, false, false, false};
    CHECK(problemOf(ready) == PrintProblem::None);
    CHECK(problemOf({true, false, false, true, false}) == PrintProblem::None);  // near end still prints
    CHECK(problemOf({false, true, true, false, true}) == PrintProblem::CoverOpen);
    CHECK(problemOf({false, false, true, false, true}) == PrintProblem::PaperOut);
    CHECK(problemOf({true, false, false, false, true}) == PrintProblem::PrinterError);
    CHECK(problemOf({false, false, false, false, false}) == PrintProblem::Offline);
    CHECK(std::string(printProblemName(PrintProblem::None)) == "none");
    CHECK(std::string(printProblemName(PrintProblem::NoAnswer)) == "no_answer");
    CHECK(std::string(printProblemName(PrintProblem::PaperOut)) == "paper_out");
    CHECK(std::string(printProblemName(PrintProblem::WriteFailed)) == "write_failed");
}
