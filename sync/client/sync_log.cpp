#include "client/sync_log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace gongkai::sync {

namespace {

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

SyncLog::SyncLog() : m_terminal(isatty(STDERR_FILENO) == 1) {}

SyncLog::SyncLog(Sink sink) : m_sink(std::move(sink)) {}

void SyncLog::event(const std::string& line) {
    std::lock_guard lock(m_mutex);
    if (m_sink) {
        m_sink(line);
        return;
    }
    if (m_barDrawn) {
        std::fputs("\r\033[K", stderr);
        m_barDrawn = false;
    }
    std::fprintf(stderr, "gongkai-sync: %s\n", line.c_str());
    std::fflush(stderr);
}

void SyncLog::progress(const std::string& label, std::uint64_t done, std::uint64_t total) {
    std::lock_guard lock(m_mutex);
    if (m_sink || !m_terminal) return;
    std::int64_t now = nowMs();
    if (now - m_lastDrawMs < 100 && done < total) return;  // redraw at most 10 times a second
    m_lastDrawMs = now;
    constexpr int kWidth = 30;
    int filled = total == 0 ? 0 : static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total));
    if (filled > kWidth) filled = kWidth;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    double pct = total == 0 ? 0 : 100.0 * static_cast<double>(done) / static_cast<double>(total);
    std::fprintf(stderr, "\r\033[K%s [%s] %5.1f%%", label.c_str(), bar.c_str(), pct);
    std::fflush(stderr);
    m_barDrawn = true;
}

void SyncLog::endProgress() {
    std::lock_guard lock(m_mutex);
    if (m_barDrawn) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        m_barDrawn = false;
    }
}

}  // namespace gongkai::sync
