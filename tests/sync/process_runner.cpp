#include "sync/process_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <tuple>

extern char** environ;

namespace gongkai::test {

std::string gongkaiSyncPath() {
#ifdef GONGKAI_SYNC_PATH
    return GONGKAI_SYNC_PATH;
#else
    return "gongkai-sync";
#endif
}

namespace {

std::runtime_error systemError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

// The test's environment with `changes` applied ("NAME=VALUE" sets, "NAME" removes).
std::vector<std::string> childEnvironment(const std::vector<std::string>& changes) {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
    for (const auto& change : changes) {
        std::string name = change.substr(0, change.find('='));
        std::erase_if(env, [&](const std::string& v) { return v.compare(0, name.size() + 1, name + "=") == 0; });
        if (change.find('=') != std::string::npos) env.push_back(change);
    }
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// A pseudo-terminal: {master, slave}.
std::pair<int, int> openTerminal() {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) throw systemError("posix_openpt");
    const char* name = ptsname(master);
    int slave = name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (slave < 0) throw systemError("open pty slave");
    return {master, slave};
}

}  // namespace

Process::Process(const std::string& program, const std::vector<std::string>& args, const Options& options) {
    int outPipe[2], errPipe[2] = {-1, -1};
    if (pipe2(outPipe, O_CLOEXEC) != 0) throw systemError("pipe");
    if (options.stderrTerminal) std::tie(errPipe[0], errPipe[1]) = openTerminal();
    else if (pipe2(errPipe, O_CLOEXEC) != 0) throw systemError("pipe");

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&files, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&files, errPipe[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argStrings{program};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<std::string> envStrings = childEnvironment(options.env);
    auto argv = pointers(argStrings);
    auto envp = pointers(envStrings);
    m_started = Clock::now();
    int rc = posix_spawn(&m_pid, program.c_str(), &files, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    close(outPipe[1]);
    close(errPipe[1]);
    m_outFd = outPipe[0];
    m_errFd = errPipe[0];
    if (rc != 0) {
        close(m_outFd);
        close(m_errFd);
        errno = rc;
        throw systemError("posix_spawn " + program);
    }
    m_reader = std::thread([this] { readLoop(); });
}

Process::~Process() {
    if (!m_reaped && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_reaped = true;
    }
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;  // the reader stops at its next poll timeout
    }
    if (m_reader.joinable()) m_reader.join();
    if (m_outFd >= 0) close(m_outFd);
    if (m_errFd >= 0) close(m_errFd);
}

void Process::readLoop() {
    std::array<pollfd, 2> fds{pollfd{m_outFd, POLLIN, 0}, pollfd{m_errFd, POLLIN, 0}};
    std::array<char, 65536> buf{};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed) return;
        }
        int n = poll(fds.data(), fds.size(), 50);
        if (n < 0 && errno != EINTR) break;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t got = read(fds[i].fd, buf.data(), buf.size());
            if (got <= 0) {  // EOF, or EIO on a terminal whose other side closed
                if (got < 0 && errno == EINTR) continue;
                fds[i].fd = -1;
                continue;
            }
            auto now = Clock::now();
            std::lock_guard lock(m_mutex);
            std::string_view chunk(buf.data(), static_cast<std::size_t>(got));
            if (i == 0) {
                m_out.append(chunk);
                continue;
            }
            m_err.append(chunk);
            m_partial.append(chunk);
            for (std::size_t nl; (nl = m_partial.find('\n')) != std::string::npos;) {
                std::string line = m_partial.substr(0, nl);
                if (!line.empty() && line.back() == '\r') line.pop_back();  // a terminal's "\r\n"
                m_lines.push_back({line, now});
                m_partial.erase(0, nl + 1);
            }
            m_changed.notify_all();
        }
    }
    std::lock_guard lock(m_mutex);
    if (!m_partial.empty()) m_lines.push_back({m_partial, Clock::now()});
    m_partial.clear();
    m_closed = true;
    m_changed.notify_all();
}

void Process::signal(int sig) {
    if (!m_reaped && m_pid > 0) ::kill(m_pid, sig);
}

ProcessExit Process::wait(std::chrono::milliseconds timeout) {
    if (m_reaped) return m_exit;
    auto deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        pid_t r = waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_reaped = true;
            m_exit.exited = WIFEXITED(status);
            m_exit.code = m_exit.exited ? WEXITSTATUS(status) : -1;
            m_exit.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            break;
        }
        if (r < 0 && errno != EINTR) throw systemError("waitpid");
        if (Clock::now() >= deadline) {
            ProcessExit e;
            e.timedOut = true;
            return e;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    // The output closes with the process (it has no children); give the
    // reader a moment to drain the pipes.
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, std::chrono::seconds(5), [this] { return m_closed; });
    return m_exit;
}

std::optional<TimedLine> Process::waitForLine(const std::string& needle, std::chrono::milliseconds timeout,
                                              std::size_t from) {
    std::unique_lock lock(m_mutex);
    std::optional<TimedLine> found;
    m_changed.wait_for(lock, timeout, [&] {
        for (std::size_t i = from; i < m_lines.size(); ++i)
            if (m_lines[i].text.find(needle) != std::string::npos) {
                found = m_lines[i];
                return true;
            }
        return m_closed;
    });
    return found;
}

std::optional<Clock::time_point> Process::waitForText(const std::string& needle, std::chrono::milliseconds timeout,
                                                      std::size_t from) {
    std::unique_lock lock(m_mutex);
    bool found = false;
    m_changed.wait_for(lock, timeout, [&] {
        found = m_err.size() > from && m_err.find(needle, from) != std::string::npos;
        return found || m_closed;
    });
    if (!found) return std::nullopt;
    return Clock::now();
}

std::string Process::stdoutText() const {
    std::lock_guard lock(m_mutex);
    return m_out;
}

std::string Process::stderrText() const {
    std::lock_guard lock(m_mutex);
    return m_err;
}

std::vector<TimedLine> Process::stderrLines() const {
    std::lock_guard lock(m_mutex);
    return m_lines;
}

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout, const Process::Options& options) {
    Process p(program, args, options);
    ProcessResult r;
    r.exit = p.wait(timeout);
    if (r.exit.timedOut) {
        p.signal(SIGKILL);
        p.wait(std::chrono::seconds(10));
    }
    r.out = p.stdoutText();
    r.err = p.stderrText();
    r.lines = p.stderrLines();
    return r;
}

NotifyListener::NotifyListener(std::string path) : m_path(std::move(path)) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_path.size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long: " + m_path);
    std::memcpy(addr.sun_path, m_path.data(), m_path.size());
    m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) throw systemError("socket");
    ::unlink(m_path.c_str());
    if (bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(m_fd);
        throw systemError("bind " + m_path);
    }
    m_thread = std::thread([this] { receiveLoop(); });
}

NotifyListener::~NotifyListener() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_thread.join();
    close(m_fd);
    ::unlink(m_path.c_str());
}

void NotifyListener::receiveLoop() {
    std::array<char, 4096> buf{};
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) return;
        }
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, 20) <= 0) continue;
        ssize_t got = recv(m_fd, buf.data(), buf.size(), 0);
        if (got < 0) continue;
        std::lock_guard lock(m_mutex);
        m_messages.push_back({std::string(buf.data(), static_cast<std::size_t>(got)), Clock::now()});
        m_changed.notify_all();
    }
}

std::vector<Datagram> NotifyListener::messages() const {
    std::lock_guard lock(m_mutex);
    return m_messages;
}

std::optional<Datagram> NotifyListener::waitFor(const std::string& needle, std::chrono::milliseconds timeout,
                                                std::size_t from) {
    std::unique_lock lock(m_mutex);
    std::optional<Datagram> found;
    m_changed.wait_for(lock, timeout, [&] {
        for (std::size_t i = from; i < m_messages.size(); ++i)
            if (m_messages[i].text.find(needle) != std::string::npos) {
                found = m_messages[i];
                return true;
            }
        return false;
    });
    return found;
}

}  // namespace gongkai::test
