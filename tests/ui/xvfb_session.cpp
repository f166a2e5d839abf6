#include "ui/xvfb_session.h"

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace gongkai::test {
namespace {

class XvfbServer {
public:
    ~XvfbServer() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }

    std::string start() {
        int fds[2];
        if (pipe(fds) != 0) return "pipe failed";
        m_pid = fork();
        if (m_pid < 0) return "fork failed";
        if (m_pid == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test leaves no X server behind
            close(fds[0]);
            std::string fd = std::to_string(fds[1]);
            execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1920x1920x24", "-nolisten", "tcp",
                   "-noreset", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string number = readLine(fds[0]);
        close(fds[0]);
        if (number.empty()) return "Xvfb did not start (is the xvfb package installed?)";
        setenv("DISPLAY", (":" + number).c_str(), 1);
        return {};
    }

private:
    static std::string readLine(int fd) {
        std::string out;
        pollfd p{fd, POLLIN, 0};
        while (poll(&p, 1, 10000) > 0) {
            char c;
            if (read(fd, &c, 1) != 1 || c == '\n') break;
            out += c;
        }
        return out;
    }

    pid_t m_pid = -1;
};

}  // namespace

std::string ensureDisplay() {
    const char* use = std::getenv("GONGKAI_TEST_USE_DISPLAY");
    if (use && std::strcmp(use, "1") == 0) {
        const char* d = std::getenv("DISPLAY");
        return d && *d ? std::string() : "GONGKAI_TEST_USE_DISPLAY=1 but DISPLAY is not set";
    }
    static XvfbServer server;
    static std::string error = server.start();
    return error;
}

}  // namespace gongkai::test
