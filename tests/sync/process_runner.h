// Running a real program from a test (gongkai-sync), and listening to it the
// way systemd would.
//
//   test::Process p(test::gongkaiSyncPath(), {"--once", "--db", db, ...});
//   auto line = p.waitForLine("applied version", 10s);   // stderr, as it arrives
//   p.signal(SIGTERM);
//   test::ProcessExit e = p.wait(5s);                    // e.exited, e.code, e.signal
//
// Process: posix_spawn with the test's environment plus the changes given
// ("NAME=VALUE" sets, a bare "NAME" removes), an empty signal mask and
// default signal dispositions (the test binary ignores SIGPIPE; the child
// must not inherit that). stdin is /dev/null; stdout and stderr are captured
// by a reader thread, stderr line by line with the time each line arrived.
// With `stderrTerminal` the child's stderr is a pseudo-terminal (isatty is
// true there), so its progress bar can be seen. The destructor kills
// (SIGKILL) and reaps a child still running. Spawning failures throw
// std::runtime_error. A Process is used from one thread (its reader thread is
// internal); the accessors are safe while the reader runs.
//
// NotifyListener: a unix datagram socket at `path` (give it to the child as
// NOTIFY_SOCKET); a thread receives every datagram with its arrival time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gongkai::test {

using Clock = std::chrono::steady_clock;

// The gongkai-sync binary of this build (GONGKAI_SYNC_PATH).
std::string gongkaiSyncPath();

struct ProcessExit {
    bool exited = false;    // ended by exit(); `code` is its status
    int code = -1;
    int signal = 0;         // the signal that ended it (0 if none)
    bool timedOut = false;  // still running when wait() gave up
};

struct TimedLine {
    std::string text;       // without the '\n'
    Clock::time_point at;
};

class Process {
public:
    struct Options {
        std::vector<std::string> env;  // "NAME=VALUE" sets, "NAME" removes
        bool stderrTerminal = false;
    };
    Process(const std::string& program, const std::vector<std::string>& args, const Options& options);
    Process(const std::string& program, const std::vector<std::string>& args)
        : Process(program, args, Options{}) {}
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return m_pid; }
    Clock::time_point started() const { return m_started; }
    void signal(int sig);  // no-op once reaped

    // Waits for the child to end (reaping it) and for its output to close.
    ProcessExit wait(std::chrono::milliseconds timeout);
    // The first stderr line at or after index `from` that contains `needle`;
    // nullopt when the timeout passes or the stream closes first.
    std::optional<TimedLine> waitForLine(const std::string& needle, std::chrono::milliseconds timeout,
                                         std::size_t from = 0);

    // When stderr's bytes from offset `from` on first contain `needle` (seen
    // by polling every few milliseconds; for a progress bar, which has no
    // line ends); nullopt on timeout or when the stream closes first.
    std::optional<Clock::time_point> waitForText(const std::string& needle, std::chrono::milliseconds timeout,
                                                 std::size_t from = 0);

    std::string stdoutText() const;
    std::string stderrText() const;        // every byte, as written
    std::vector<TimedLine> stderrLines() const;

private:
    void readLoop();

    pid_t m_pid = -1;
    bool m_reaped = false;
    ProcessExit m_exit;
    Clock::time_point m_started;
    int m_outFd = -1, m_errFd = -1;
    std::thread m_reader;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_out, m_err, m_partial;
    std::vector<TimedLine> m_lines;
    bool m_closed = false;
};

// Runs a program to its end (killed after `timeout`).
struct ProcessResult {
    ProcessExit exit;
    std::string out, err;
    std::vector<TimedLine> lines;
};
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout, const Process::Options& options = {});

struct Datagram {
    std::string text;
    Clock::time_point at;
};

class NotifyListener {
public:
    explicit NotifyListener(std::string path);  // binds; throws std::runtime_error
    ~NotifyListener();
    NotifyListener(const NotifyListener&) = delete;
    NotifyListener& operator=(const NotifyListener&) = delete;

    const std::string& path() const { return m_path; }
    std::vector<Datagram> messages() const;
    // The first datagram at or after index `from` containing `needle`.
    std::optional<Datagram> waitFor(const std::string& needle, std::chrono::milliseconds timeout,
                                    std::size_t from = 0);

private:
    void receiveLoop();

    std::string m_path;
    int m_fd = -1;
    bool m_stop = false;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Datagram> m_messages;
};

}  // namespace gongkai::test
