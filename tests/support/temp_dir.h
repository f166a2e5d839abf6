// Test fixtures: a temporary directory removed at scope exit, and paths to
// the source tree, the build tree and the shared corpus (from the
// environment CTest sets, with fallbacks for running a binary by hand).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace gongkai::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::string file(std::string_view name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

std::filesystem::path sourceDir();
std::filesystem::path corpusDir();  // ../shared/corpus beside the source tree

// Writes `text` to `path` (binary, exact bytes).
void writeFile(const std::string& path, std::string_view text);
std::string readFile(const std::string& path);

// Runs a shell command, returning its exit status; stdout+stderr into `output`.
int runCommand(const std::string& command, std::string& output);

}  // namespace gongkai::test
