#include "core/display_command.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace gongkai {

Result<std::vector<std::string>> splitCommand(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t') {
            if (inWord) words.push_back(std::move(word)), word.clear(), inWord = false;
            continue;
        }
        inWord = true;
        if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
        } else if (c == '\'' || c == '"') {
            std::size_t open = i;
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (c == '"' && text[i] == '\\' && i + 1 < text.size() &&
                    (text[i + 1] == '"' || text[i + 1] == '\\'))
                    ++i;
                word += text[i];
            }
            if (i >= text.size())
                return Error{"character " + std::to_string(open + 1) + ": the quote " + std::string(1, c) +
                             " is not closed"};
        } else {
            word += c;
        }
    }
    if (inWord) words.push_back(std::move(word));
    if (words.empty()) return Error{"is empty: name a program, e.g. \"xset dpms force off\""};
    return words;
}

Status CommandRunner::start(const std::string& label, const std::vector<std::string>& argv, double now) {
    if (argv.empty()) return Error{label + ": no command"};
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);  // its output to the log
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return Error{label + ": cannot run " + argv[0] + ": " + std::strerror(rc)};
    m_children.push_back({pid, label + " (" + argv[0] + ")", now});
    ++m_started;
    return okStatus();
}

std::vector<std::string> CommandRunner::poll(double now) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < m_children.size();) {
        Child& c = m_children[i];
        int status = 0;
        pid_t r = ::waitpid(c.pid, &status, WNOHANG);
        if (r == 0) {
            if (!c.killed && now - c.startedAt > m_limit) {
                ::kill(c.pid, SIGKILL);
                c.killed = true;
                char limit[32];
                std::snprintf(limit, sizeof limit, "%g", m_limit);
                lines.push_back(c.label + " still running after " + limit + " s: killed");
            }
            ++i;
            continue;
        }
        if (r < 0 && errno != ECHILD) {
            ++i;
            continue;
        }
        if (r > 0 && WIFEXITED(status) && WEXITSTATUS(status) != 0)
            lines.push_back(c.label + " exited with status " + std::to_string(WEXITSTATUS(status)));
        else if (r > 0 && WIFSIGNALED(status) && !c.killed)
            lines.push_back(c.label + " ended by signal " + std::to_string(WTERMSIG(status)));
        m_children.erase(m_children.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return lines;
}

}  // namespace gongkai
