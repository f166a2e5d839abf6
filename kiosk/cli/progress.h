// A one-line progress bar on stderr, drawn only when stderr is a terminal
// (so logs and tests see clean output). Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace gongkai::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    ~ProgressBar();
    void update(std::uint64_t done, std::uint64_t total);
    void finish();

private:
    std::string m_label;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_lastDraw{};
};

std::string humanBytes(std::uint64_t bytes);

}  // namespace gongkai::cli
