#include "progress.h"

#include <cstdio>
#include <unistd.h>

namespace gongkai::cli {

ProgressBar::ProgressBar(std::string label)
    : m_label(std::move(label)), m_enabled(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
    if (!m_enabled || total == 0) return;
    auto now = std::chrono::steady_clock::now();
    if (m_drawn && done < total && now - m_lastDraw < std::chrono::milliseconds(100)) return;
    m_lastDraw = now;
    constexpr int kWidth = 30;
    int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * kWidth);
    if (filled > kWidth) filled = kWidth;
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", m_label.c_str(), filled,
                 "##############################", kWidth - filled, "",
                 static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_drawn) std::fputs("\r\033[K", stderr);
    m_drawn = false;
}

std::string humanBytes(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1ull << 30));
    else if (bytes >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
    else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
    else std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
    return buf;
}

}  // namespace gongkai::cli
