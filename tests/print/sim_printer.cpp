// The simulated printer (print/sim_printer.h). Sections:
//   [1] status bytes for a state (bits as in core/escpos.h's comment)
//   [2] Impl: the pty, the reader thread, the ESC/POS stream follower
//   [3] SimPrinter's public functions
#include "print/sim_printer.h"

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <termios.h>
#include <unistd.h>

namespace gongkai::test {

namespace {

// ---- [1] status bytes ------------------------------------------------------

constexpr std::uint8_t kFixed = 0x12;  // bits 1 and 4 always set, 0 and 7 clear
constexpr std::uint8_t kEsc = 0x1B, kGs = 0x1D, kDle = 0x10, kEot = 0x04;

// The reply to DLE EOT n for a printer that is ready, out of paper, or open.
std::uint8_t statusByte(bool paperOut, bool coverOpen, int n) {
    const bool offline = paperOut || coverOpen;
    switch (n) {
        case 1: return std::uint8_t(kFixed | (offline ? 0x08 : 0));
        case 2: return std::uint8_t(kFixed | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0));
        case 4: return std::uint8_t(kFixed | (paperOut ? 0x60 : 0));
        default: return kFixed;  // n = 3: no error cause
    }
}

// Bytes a command starting at `p` needs in all; 0 when more must arrive first.
std::size_t commandLength(const std::vector<std::uint8_t>& p) {
    if (p[0] == kDle || (p[0] == kEsc && p.size() >= 2 && (p[1] == 'd' || p[1] == 'J')))
        return p.size() >= 3 ? 3 : 0;
    if (p[0] == kEsc) return p.size() >= 2 ? 2 : 0;
    if (p[0] != kGs) return 1;
    if (p.size() < 3) return 0;
    if (p[1] == 'V') return (p[2] == 65 || p[2] == 66) ? (p.size() >= 4 ? 4 : 0) : 3;
    if (p[1] != 'v') return 2;
    if (p.size() < 8) return 0;
    const std::size_t raster = std::size_t(p[4] | p[5] << 8) * std::size_t(p[6] | p[7] << 8);
    return p.size() >= 8 + raster ? 8 + raster : 0;
}

}  // namespace

// ---- [2] Impl ----------------------------------------------------------------

struct SimPrinter::Impl {
    int master = -1, slave = -1, stop = -1;
    std::thread reader;
    mutable std::mutex mutex;
    mutable std::condition_variable jobCame;
    State state = State::Ready;
    bool paperRanOut = false;            // PaperRunsOut: raster data has come
    std::vector<std::uint8_t> pending;   // an incomplete command
    std::vector<std::uint8_t> job;       // bytes since the last cut
    std::vector<ParsedJob> jobs;
    int statusRequests = 0;
    std::size_t bytesReceived = 0;

    void open(std::string& slavePath);
    void run();
    // Follows the stream under the lock; returns the replies to send.
    std::vector<std::uint8_t> take(const std::uint8_t* data, std::size_t size);
    void command(std::size_t length, std::vector<std::uint8_t>& replies);
    bool answerFor(int n, std::uint8_t& byte) const;
};

void SimPrinter::Impl::open(std::string& slavePath) {
    master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        throw std::runtime_error(std::string("SimPrinter: no pty: ") + std::strerror(errno));
    const char* name = ptsname(master);
    if (!name) throw std::runtime_error("SimPrinter: ptsname failed");
    slavePath = name;
    // Held open for the simulator's lifetime: the master never sees a hangup
    // when the product closes its own fd. Raw at once, so nothing the product
    // writes before it sets raw mode itself is echoed or translated.
    slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    termios tio{};
    if (slave < 0 || tcgetattr(slave, &tio) != 0)
        throw std::runtime_error(std::string("SimPrinter: slave: ") + std::strerror(errno));
    cfmakeraw(&tio);
    tcsetattr(slave, TCSANOW, &tio);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    stop = eventfd(0, EFD_CLOEXEC);
    if (stop < 0) throw std::runtime_error("SimPrinter: eventfd failed");
}

void SimPrinter::Impl::run() {
    std::vector<std::uint8_t> buffer(65536);
    for (;;) {
        pollfd fds[2] = {{master, POLLIN, 0}, {stop, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents) return;
        ssize_t n = ::read(master, buffer.data(), buffer.size());
        if (n <= 0) {
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            // EIO cannot happen while `slave` is open; wait briefly rather than spin.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        std::vector<std::uint8_t> replies = take(buffer.data(), std::size_t(n));
        if (!replies.empty() && ::write(master, replies.data(), replies.size()) < 0) {
            // The product is not listening; a real printer would drop it too.
        }
    }
}

std::vector<std::uint8_t> SimPrinter::Impl::take(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> replies;
    std::lock_guard lock(mutex);
    bytesReceived += size;
    pending.insert(pending.end(), data, data + size);
    while (!pending.empty()) {
        std::size_t length = commandLength(pending);
        if (length == 0) break;
        command(length, replies);
        pending.erase(pending.begin(), pending.begin() + std::ptrdiff_t(length));
    }
    return replies;
}

// One whole command at the front of `pending`.
void SimPrinter::Impl::command(std::size_t length, std::vector<std::uint8_t>& replies) {
    if (pending[0] == kDle && pending[1] == kEot) {
        ++statusRequests;
        std::uint8_t byte = 0;
        if (answerFor(pending[2], byte)) replies.push_back(byte);
        return;
    }
    job.insert(job.end(), pending.begin(), pending.begin() + std::ptrdiff_t(length));
    if (pending[0] == kGs && pending[1] == 'v' && state == State::PaperRunsOut) paperRanOut = true;
    if (pending[0] == kGs && pending[1] == 'V') {
        jobs.push_back(parseEscPosJob(job));
        job.clear();
        jobCame.notify_all();
    }
}

bool SimPrinter::Impl::answerFor(int n, std::uint8_t& byte) const {
    if (state == State::Silent || n < 1 || n > 4) return false;
    const bool paperOut = state == State::PaperOut || (state == State::PaperRunsOut && paperRanOut);
    byte = statusByte(paperOut, state == State::CoverOpen, n);
    return true;
}

// ---- [3] SimPrinter ------------------------------------------------------------

SimPrinter::SimPrinter(State state) : m_impl(std::make_unique<Impl>()) {
    m_impl->state = state;
    try {
        m_impl->open(m_slavePath);
    } catch (...) {
        for (int fd : {m_impl->master, m_impl->slave, m_impl->stop})
            if (fd >= 0) ::close(fd);
        throw;
    }
    m_impl->reader = std::thread([impl = m_impl.get()] { impl->run(); });
}

SimPrinter::~SimPrinter() {
    const std::uint64_t one = 1;
    if (::write(m_impl->stop, &one, sizeof one) < 0) {
        // eventfd writes of 1 cannot fail short of overflow.
    }
    m_impl->reader.join();
    for (int fd : {m_impl->master, m_impl->slave, m_impl->stop}) ::close(fd);
}

void SimPrinter::setState(State state) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->state = state;
    m_impl->paperRanOut = false;
}

std::vector<ParsedJob> SimPrinter::jobs() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->jobs;
}

bool SimPrinter::waitForJobs(std::size_t count, int timeoutMs) const {
    std::unique_lock lock(m_impl->mutex);
    return m_impl->jobCame.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                    [&] { return m_impl->jobs.size() >= count; });
}

int SimPrinter::statusRequests() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->statusRequests;
}

std::size_t SimPrinter::bytesReceived() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->bytesReceived;
}

}  // namespace gongkai::test
