// bench ui: processes (spawn, stop, the program's process set), memory and
// CPU from /proc, the private Xvfb.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "cli/bench_ui.h"

namespace gongkai::cli {

namespace fs = std::filesystem;

namespace {

struct ProcStat {
    pid_t pid = 0, ppid = 0, session = 0;
    long long ticks = 0;  // utime + stime
};

// /proc/PID/stat: the command name may hold spaces, so fields count from its ')'.
bool readStat(pid_t pid, ProcStat& out) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line)) return false;
    auto close = line.rfind(')');
    if (close == std::string::npos) return false;
    std::istringstream rest(line.substr(close + 2));
    std::vector<std::string> v;
    for (std::string w; rest >> w && v.size() < 15;) v.push_back(w);
    if (v.size() < 15) return false;
    out.pid = pid;
    out.ppid = std::stoi(v[1]);    // field 4
    out.session = std::stoi(v[3]);  // field 6
    out.ticks = std::stoll(v[11]) + std::stoll(v[12]);  // fields 14, 15
    return true;
}

std::vector<ProcStat> allProcesses() {
    std::vector<ProcStat> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/proc", ec)) {
        const std::string name = e.path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
        ProcStat s;
        if (readStat(std::stoi(name), s)) out.push_back(s);
    }
    return out;
}

// "Rss:" and "Pss:" of /proc/PID/smaps_rollup, in kB.
void addRollup(pid_t pid, MemoryFigures& m) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/smaps_rollup");
    bool any = false;
    for (std::string line; std::getline(f, line);) {
        long long kb = 0;
        if (std::sscanf(line.c_str(), "Rss: %lld kB", &kb) == 1) m.rssMb += double(kb) / 1024, any = true;
        else if (std::sscanf(line.c_str(), "Pss: %lld kB", &kb) == 1) m.pssMb += double(kb) / 1024;
    }
    if (any) ++m.processes;
}

}  // namespace

long long monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void sleepSeconds(double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); }

std::vector<pid_t> programProcesses(pid_t root) {
    auto procs = allProcesses();
    std::set<pid_t> in{root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& p : procs)
            if (!in.count(p.pid) && (in.count(p.ppid) || p.session == root)) in.insert(p.pid), grew = true;
    }
    std::vector<pid_t> out;
    for (const auto& p : procs)
        if (in.count(p.pid)) out.push_back(p.pid);
    return out;
}

MemoryFigures programMemory(pid_t root) {
    MemoryFigures m;
    for (pid_t p : programProcesses(root)) addRollup(p, m);
    return m;
}

std::map<pid_t, long long> programCpuTicks(pid_t root) {
    std::map<pid_t, long long> out;
    for (pid_t p : programProcesses(root)) {
        ProcStat s;
        if (readStat(p, s)) out[p] = s.ticks;
    }
    return out;
}

double cpuPercent(const std::map<pid_t, long long>& before, const std::map<pid_t, long long>& after,
                  double seconds) {
    long long ticks = 0;
    for (const auto& [pid, t] : after) {
        auto it = before.find(pid);
        ticks += t - (it == before.end() ? 0 : it->second);  // a process born in between counts whole
    }
    return 100.0 * double(ticks) / double(::sysconf(_SC_CLK_TCK)) / seconds;
}

nlohmann::json measureIdle(pid_t root, double seconds) {
    auto before = programCpuTicks(root);
    long long t0 = monotonicNs();
    sleepSeconds(seconds);
    auto after = programCpuTicks(root);
    double measured = double(monotonicNs() - t0) / 1e9;
    MemoryFigures m = programMemory(root);
    return {{"idle_cpu_percent", cpuPercent(before, after, measured)}, {"idle_seconds", measured},
            {"rss_mb", m.rssMb}, {"pss_mb", m.pssMb}, {"processes", m.processes}};
}

Result<Spawned> spawnProgram(const std::vector<std::string>& argv, const std::string& display,
                             const std::string& logPath) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) return Error{"cannot write " + logPath + ": " + std::strerror(errno)};
    Spawned s;
    s.startNs = monotonicNs();
    pid_t pid = ::fork();
    if (pid == 0) {
        ::setsid();
        if (!display.empty()) ::setenv("DISPLAY", display.c_str(), 1);
        ::dup2(log, 1), ::dup2(log, 2);
        int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0) ::dup2(null, 0);
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(log);
    if (pid < 0) return Error{std::string("fork: ") + std::strerror(errno)};
    s.pid = pid;
    return s;
}

int waitProgram(pid_t root, double timeoutSeconds) {
    long long end = monotonicNs() + static_cast<long long>(timeoutSeconds * 1e9);
    while (monotonicNs() < end) {
        int status = 0;
        pid_t r = ::waitpid(root, &status, WNOHANG);
        if (r == root) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (r < 0) return -1;
        sleepSeconds(0.02);
    }
    return -1;
}

void stopProgram(pid_t root, double graceSeconds) {
    auto procs = programProcesses(root);
    for (pid_t p : procs) ::kill(p, SIGTERM);
    long long end = monotonicNs() + static_cast<long long>(graceSeconds * 1e9);
    int status = 0;
    while (monotonicNs() < end && ::waitpid(root, &status, WNOHANG) == 0) sleepSeconds(0.02);
    for (pid_t p : programProcesses(root)) ::kill(p, SIGKILL);
    for (pid_t p : procs) ::kill(p, SIGKILL);
    ::waitpid(root, &status, 0);
}

Result<XServer> XServer::start(const std::string& screen, const std::string& logPath) {
    int fds[2];
    if (::pipe(fds) != 0) return Error{std::string("pipe: ") + std::strerror(errno)};
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    auto s = spawnProgram({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", screen, "-nolisten",
                           "tcp", "-noreset"}, "", logPath);
    ::close(fds[1]);
    if (!s) return ::close(fds[0]), s.error();
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    for (long long end = monotonicNs() + 15000000000LL; monotonicNs() < end;) {
        if (::poll(&p, 1, 200) <= 0) continue;
        char c = 0;
        if (::read(fds[0], &c, 1) != 1 || c == '\n') break;
        number += c;
    }
    ::close(fds[0]);
    if (number.empty()) {
        stopProgram(s.value().pid);
        return Error{"Xvfb did not start (is the xvfb package installed? see " + logPath + ")"};
    }
    return XServer(s.value().pid, ":" + number);
}

XServer::~XServer() {
    if (m_pid > 0) stopProgram(m_pid);
}

}  // namespace gongkai::cli
