// gongkai-sync's event log: one plain line per event on stderr
// ("sync: applied version 7 from http://…: 3 upserts, 1 delete, 2.1 s"), so
// journald and a cron mail read well, plus a one-line progress bar that is
// drawn only when stderr is a terminal. Tests capture the lines through a
// sink. Thread-safe (one mutex); the progress bar is meant for one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace gongkai::sync {

class SyncLog {
public:
    using Sink = std::function<void(const std::string& line)>;
    SyncLog();                       // to stderr
    explicit SyncLog(Sink sink);     // to a sink (tests); no progress bar

    void event(const std::string& line);
    void progress(const std::string& label, std::uint64_t done, std::uint64_t total);
    void endProgress();

private:
    std::mutex m_mutex;
    Sink m_sink;
    bool m_terminal = false;
    bool m_barDrawn = false;
    std::int64_t m_lastDrawMs = 0;
};

}  // namespace gongkai::sync
