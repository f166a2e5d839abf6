// The kiosk's thermal printer as a device file (issue 9): /dev/usb/lp0 (USB
// printer class), a serial port (/dev/ttyS0, /dev/ttyUSB0) or, in tests, a
// pseudo-terminal that a simulated printer answers.
//
// A print is honest about the paper: the printer is asked for its real-time
// status (DLE EOT 1..4, core/escpos.h) before the job is sent, and again
// after it. A write to the device succeeding is not proof of a print; only a
// printer that answered "online, paper, cover closed, no error" after the job
// counts as printed. Before the job, any problem stops it (nothing is sent to
// a printer without paper, so a half slip never comes out). Each reply is
// awaited at most `replyTimeoutMs`; the job is written in chunks, each
// awaited at most `writeTimeoutMs`.
//
// Terminal devices are put in raw mode (cfmakeraw, `baud`); pending input is
// discarded before each status request so a late byte from an earlier
// request is never taken as the answer.
//
// PrinterPort owns its file descriptor; move-only; not thread-safe (the
// kiosk's print worker owns one). Errors are values naming the device.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/escpos.h"
#include "core/result.h"

namespace gongkai {

struct PrinterSettings {
    std::string device;          // e.g. /dev/usb/lp0
    int paperMm = 58;            // 58 or 80 (paperDots())
    int baud = 9600;             // serial devices only
    int replyTimeoutMs = 1500;   // per status reply
    int writeTimeoutMs = 10000;  // per chunk of the job
};

// Why a print did not happen, or happened badly. The kiosk shows each in
// plain words (strings print.problem.*): the name() is the string key's tail.
enum class PrintProblem {
    None,          // printed, and the printer said so afterwards
    NoDevice,      // the device file is missing or cannot be opened
    NoAnswer,      // the printer did not answer a status request in time
    BadAnswer,     // it answered something that is not a status byte
    Offline,       // online bit clear, no more specific cause
    CoverOpen,
    PaperOut,
    PrinterError,  // cutter, unrecoverable or auto-recoverable error
    WriteFailed,   // the job could not be written (error or timeout)
};
const char* printProblemName(PrintProblem problem);  // "none", "no_device", "no_answer", ...

// The most specific problem a status shows: cover open, then paper out,
// then error, then offline; None for a ready printer.
PrintProblem problemOf(const PrinterStatus& status);

struct PrintOutcome {
    PrintProblem problem = PrintProblem::None;
    bool sent = false;          // the job reached the device (possibly printed in part)
    bool paperNearEnd = false;  // from the last status read: tell staff to change the roll
    std::string detail;         // for the log: device, errno text, the status bytes
    bool printed() const { return problem == PrintProblem::None && sent; }
};

class PrinterPort {
public:
    // Opens the device read-write (O_NOCTTY); a terminal is set to raw mode.
    static Result<PrinterPort> open(const PrinterSettings& settings);
    PrinterPort(PrinterPort&&) noexcept;
    PrinterPort& operator=(PrinterPort&&) noexcept;
    PrinterPort(const PrinterPort&) = delete;
    PrinterPort& operator=(const PrinterPort&) = delete;
    ~PrinterPort();

    // DLE EOT 1..4, one reply byte each. Errors: no answer in time, or a
    // reply that is not a status byte (the message says which).
    Result<PrinterStatus> status();
    // Writes all bytes. Errors: a write error or a chunk not accepted in time.
    Status write(std::span<const std::uint8_t> bytes);

private:
    PrinterPort(int fd, PrinterSettings settings) : m_fd(fd), m_settings(std::move(settings)) {}
    int m_fd = -1;
    PrinterSettings m_settings;
};

// Status, job, status (see the file comment). Never throws; every failure is
// in the outcome. `job` is encodeEscPos() of the page.
PrintOutcome printJob(const PrinterSettings& settings, std::span<const std::uint8_t> job);

// Only asks for the status (the staff screen and `gongkai print-test
// --status`). problem None: ready.
PrintOutcome queryPrinter(const PrinterSettings& settings);

}  // namespace gongkai
