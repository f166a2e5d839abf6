#include "support/temp_dir.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace gongkai::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gongkai-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path sourceDir() {
    if (const char* s = std::getenv("GONGKAI_SOURCE_DIR")) return s;
#ifdef GONGKAI_SOURCE_DIR_DEFAULT
    return GONGKAI_SOURCE_DIR_DEFAULT;
#else
    return std::filesystem::current_path();
#endif
}

std::filesystem::path corpusDir() {
    if (const char* s = std::getenv("GONGKAI_CORPUS_DIR")) return s;
    return sourceDir() / ".." / "shared" / "corpus";
}

void writeFile(const std::string& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int runCommand(const std::string& command, std::string& output) {
    output.clear();
    std::FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return -1;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) output.append(buf.data(), n);
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace gongkai::test
