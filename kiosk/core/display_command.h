// The operator's display commands ([kiosk] display_off_command and
// display_on_command, e.g. `wlr-randr --output HDMI-A-1 --off` under cage,
// `xset dpms force off` under X11), run without a shell and without waiting:
// the kiosk's UI thread starts them and looks at them again later.
//
// splitCommand is pure. CommandRunner starts processes (posix_spawnp, the
// program found on PATH) with stdin from /dev/null and stdout and stderr
// going to this process's stderr (the kiosk's log, the journal under
// systemd), reaps them without blocking, and kills one that runs longer than
// its limit. Not thread-safe: one thread owns a runner.
#pragma once

#include <sys/types.h>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongkai {

// Words separated by spaces or tabs; '...' keeps its text as it is, "..."
// too but for \" and \\; a backslash outside quotes escapes the next
// character. Errors: an unclosed quote (naming its character position), an
// empty command.
Result<std::vector<std::string>> splitCommand(std::string_view text);

class CommandRunner {
public:
    explicit CommandRunner(double limitSeconds = 30) : m_limit(limitSeconds) {}
    CommandRunner(const CommandRunner&) = delete;
    CommandRunner& operator=(const CommandRunner&) = delete;
    // Children still running are left to finish (they are the system's then).
    ~CommandRunner() = default;

    // Starts `argv` (argv[0] looked up on PATH); `label` names it in poll's
    // lines; `now`: any monotonic seconds. Error: it could not be started.
    Status start(const std::string& label, const std::vector<std::string>& argv, double now);
    // Reaps finished commands and kills overdue ones; returns one line each
    // for the log ("display_off_command (wlr-randr) exited with status 1").
    std::vector<std::string> poll(double now);
    std::size_t running() const { return m_children.size(); }
    int started() const { return m_started; }

private:
    struct Child {
        pid_t pid;
        std::string label;
        double startedAt;
        bool killed = false;
    };
    std::vector<Child> m_children;
    double m_limit;
    int m_started = 0;
};

}  // namespace gongkai
