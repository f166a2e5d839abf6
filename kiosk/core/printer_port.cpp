// The printer device (core/printer_port.h). Sections:
//   [1] file-local device helpers on a raw fd: open + raw mode, timed
//       writes, draining, one status reply, the four-request status read
//   [2] PrinterPort (thin wrappers over [1])
//   [3] printJob / queryPrinter: status, job, status as a PrintOutcome
//
// The fd is opened O_NONBLOCK as well as O_RDWR|O_NOCTTY|O_CLOEXEC: a serial
// port opened blocking can wait for carrier forever, and a blocking write
// could outlast writeTimeoutMs; every wait here is a poll() with a timeout.
#include "core/printer_port.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace gongkai {

namespace {

// ---- [1] device helpers -------------------------------------------------

constexpr std::size_t kChunkBytes = 4096;

using Clock = std::chrono::steady_clock;

std::string errnoText(int err) { return std::strerror(err); }

std::string hexByte(std::uint8_t b) {
    const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

int msLeft(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? int(left) : 0;
}

speed_t speedOf(int baud, bool& known) {
    known = true;
    switch (baud) {
        case 1200: return B1200;
        case 2400: return B2400;
        case 4800: return B4800;
        case 9600: return B9600;
        case 19200: return B19200;
        case 38400: return B38400;
        case 57600: return B57600;
        case 115200: return B115200;
        default: known = false; return B9600;
    }
}

// Raw 8-bit, no echo, no CR/NL translation, CLOCAL so no modem line matters.
Status makeRaw(int fd, const PrinterSettings& s) {
    termios tio{};
    if (tcgetattr(fd, &tio) != 0) return Error{s.device + ": tcgetattr: " + errnoText(errno)};
    cfmakeraw(&tio);
    bool known = false;
    speed_t speed = speedOf(s.baud, known);
    if (!known) return Error{s.device + ": unsupported baud " + std::to_string(s.baud)};
    cfsetispeed(&tio, speed);
    cfsetospeed(&tio, speed);
    tio.c_cflag |= CLOCAL | CREAD;
    // VMIN 1 (cfmakeraw's): with O_NONBLOCK an empty line reads as EAGAIN;
    // VMIN 0 would read as 0, indistinguishable from end of file.
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &tio) != 0) return Error{s.device + ": tcsetattr: " + errnoText(errno)};
    return okStatus();
}

Result<int> openDevice(const PrinterSettings& s) {
    if (s.device.empty()) return Error{"no printer device configured"};
    int fd = ::open(s.device.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return Error{s.device + ": " + errnoText(errno)};
    if (isatty(fd)) {
        if (Status raw = makeRaw(fd, s); !raw) {
            ::close(fd);
            return raw.error();
        }
    }
    return fd;
}

// Writes one chunk completely, waiting at most timeoutMs for the device.
Status writeChunk(int fd, const std::uint8_t* data, std::size_t size, int timeoutMs, std::size_t& written) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = ::write(fd, data + done, size - done);
        if (n > 0) {
            done += std::size_t(n);
            written += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) return Error{"write: " + errnoText(errno)};
        pollfd p{fd, POLLOUT, 0};
        int left = msLeft(deadline);
        int ready = left > 0 ? ::poll(&p, 1, left) : 0;
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return Error{"write: the printer took no data for " + std::to_string(timeoutMs) + " ms"};
        if (p.revents & (POLLERR | POLLHUP | POLLNVAL)) return Error{"write: the device hung up"};
    }
    return okStatus();
}

Status writeAll(int fd, std::span<const std::uint8_t> bytes, int timeoutMs, std::size_t& written) {
    for (std::size_t at = 0; at < bytes.size(); at += kChunkBytes) {
        std::size_t size = std::min(kChunkBytes, bytes.size() - at);
        if (Status s = writeChunk(fd, bytes.data() + at, size, timeoutMs, written); !s) return s;
    }
    return okStatus();
}

// Waits (at most timeoutMs) until a terminal's output queue is empty: like
// tcdrain(), but a printer holding flow control cannot hang the kiosk.
void drainOutput(int fd, int timeoutMs) {
    if (!isatty(fd)) return;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    int queued = 0;
    while (ioctl(fd, TIOCOUTQ, &queued) == 0 && queued > 0 && msLeft(deadline) > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

// Throws away input the printer sent earlier (a late reply to an earlier
// request must never be taken as this one's answer).
void discardInput(int fd) {
    if (isatty(fd)) {
        tcflush(fd, TCIFLUSH);
        return;
    }
    std::uint8_t junk[256];
    for (int i = 0; i < 64 && ::read(fd, junk, sizeof junk) > 0; ++i) {
    }
}

// How a status read failed, for printJob's PrintProblem.
struct StatusRead {
    PrintProblem failure = PrintProblem::None;  // None, NoAnswer, BadAnswer or WriteFailed
    PrinterStatus status;
    std::string detail;  // the reply bytes, or what went wrong
};

bool fail(std::string& why, std::string text) {
    why = std::move(text);
    return false;
}

// One reply byte within timeoutMs; false with `why` set otherwise.
bool readReply(int fd, int timeoutMs, std::uint8_t& byte, std::string& why) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        ssize_t n = ::read(fd, &byte, 1);
        if (n == 1) return true;
        if (n == 0) return fail(why, "end of file (the device never answers)");
        if (errno != EAGAIN && errno != EINTR) return fail(why, "read: " + errnoText(errno));
        pollfd p{fd, POLLIN, 0};
        int left = msLeft(deadline);
        if (left == 0 || (::poll(&p, 1, left) == 0))
            return fail(why, "no answer within " + std::to_string(timeoutMs) + " ms");
        if ((p.revents & POLLIN) == 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)))
            return fail(why, "the device hung up");
    }
}

StatusRead readStatus(int fd, const PrinterSettings& s) {
    StatusRead out;
    std::uint8_t replies[4] = {};
    std::string bytesText;
    for (int n = 1; n <= 4; ++n) {
        discardInput(fd);
        auto request = statusRequest(StatusRequest(n));
        std::size_t written = 0;
        if (Status w = writeAll(fd, request, s.writeTimeoutMs, written); !w) {
            out.failure = PrintProblem::WriteFailed;
            out.detail = "status request " + std::to_string(n) + ": " + w.error().message;
            return out;
        }
        std::string why;
        if (!readReply(fd, s.replyTimeoutMs, replies[n - 1], why)) {
            out.failure = PrintProblem::NoAnswer;
            out.detail = "DLE EOT " + std::to_string(n) + ": " + why;
            return out;
        }
        bytesText += (n > 1 ? " " : "") + hexByte(replies[n - 1]);
    }
    auto parsed = parseStatus(replies);
    if (!parsed) {
        out.failure = PrintProblem::BadAnswer;
        out.detail = parsed.error().message + " (replies " + bytesText + ")";
        return out;
    }
    out.status = parsed.value();
    out.detail = "status " + bytesText;
    return out;
}

// Closes the fd on every path out of printJob / queryPrinter.
struct FdCloser {
    int fd;
    ~FdCloser() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

// ---- [2] PrinterPort ------------------------------------------------------

Result<PrinterPort> PrinterPort::open(const PrinterSettings& settings) {
    auto fd = openDevice(settings);
    if (!fd) return fd.error();
    return PrinterPort(fd.value(), settings);
}

PrinterPort::PrinterPort(PrinterPort&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_settings(std::move(other.m_settings)) {}

PrinterPort& PrinterPort::operator=(PrinterPort&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_settings = std::move(other.m_settings);
    }
    return *this;
}

PrinterPort::~PrinterPort() {
    if (m_fd >= 0) ::close(m_fd);
}

Result<PrinterStatus> PrinterPort::status() {
    StatusRead r = readStatus(m_fd, m_settings);
    if (r.failure != PrintProblem::None) return Error{m_settings.device + ": " + r.detail};
    return r.status;
}

Status PrinterPort::write(std::span<const std::uint8_t> bytes) {
    std::size_t written = 0;
    Status s = writeAll(m_fd, bytes, m_settings.writeTimeoutMs, written);
    if (!s) return Error{m_settings.device + ": " + s.error().message};
    drainOutput(m_fd, m_settings.writeTimeoutMs);
    return s;
}

// ---- [3] printJob / queryPrinter -------------------------------------------

const char* printProblemName(PrintProblem problem) {
    switch (problem) {
        case PrintProblem::None: return "none";
        case PrintProblem::NoDevice: return "no_device";
        case PrintProblem::NoAnswer: return "no_answer";
        case PrintProblem::BadAnswer: return "bad_answer";
        case PrintProblem::Offline: return "offline";
        case PrintProblem::CoverOpen: return "cover_open";
        case PrintProblem::PaperOut: return "paper_out";
        case PrintProblem::PrinterError: return "printer_error";
        case PrintProblem::WriteFailed: return "write_failed";
    }
    return "unknown";
}

PrintProblem problemOf(const PrinterStatus& status) {
    if (status.coverOpen) return PrintProblem::CoverOpen;
    if (status.paperOut) return PrintProblem::PaperOut;
    if (status.error) return PrintProblem::PrinterError;
    if (!status.online) return PrintProblem::Offline;
    return PrintProblem::None;
}

namespace {

// Fills the outcome from one status read; true when the printer is ready.
bool takeStatus(PrintOutcome& out, const StatusRead& r, const std::string& when) {
    out.detail += "; " + when + ": " + r.detail;
    if (r.failure != PrintProblem::None) {
        out.problem = r.failure;
        return false;
    }
    out.paperNearEnd = r.status.paperNearEnd;
    out.problem = problemOf(r.status);
    return out.problem == PrintProblem::None;
}

// Opens the device; on failure the outcome says NoDevice and -1 comes back.
int openFor(const PrinterSettings& settings, PrintOutcome& out) {
    out.detail = settings.device.empty() ? std::string("(no device)") : settings.device;
    auto fd = openDevice(settings);
    if (fd) return fd.value();
    out.problem = PrintProblem::NoDevice;
    out.detail = fd.error().message;
    return -1;
}

}  // namespace

PrintOutcome printJob(const PrinterSettings& settings, std::span<const std::uint8_t> job) {
    PrintOutcome out;
    FdCloser device{openFor(settings, out)};
    if (device.fd < 0) return out;
    if (!takeStatus(out, readStatus(device.fd, settings), "before")) return out;  // nothing sent
    std::size_t written = 0;
    Status w = writeAll(device.fd, job, settings.writeTimeoutMs, written);
    out.sent = written > 0;
    if (!w) {
        out.problem = PrintProblem::WriteFailed;
        out.detail += "; job: " + w.error().message + " after " + std::to_string(written) + " of " +
                      std::to_string(job.size()) + " bytes";
        return out;
    }
    out.detail += "; job: " + std::to_string(written) + " bytes";
    drainOutput(device.fd, settings.writeTimeoutMs);
    takeStatus(out, readStatus(device.fd, settings), "after");
    return out;
}

PrintOutcome queryPrinter(const PrinterSettings& settings) {
    PrintOutcome out;
    FdCloser device{openFor(settings, out)};
    if (device.fd < 0) return out;
    takeStatus(out, readStatus(device.fd, settings), "status");
    return out;
}

}  // namespace gongkai
