#include "cli/bench_files.h"

#include <algorithm>

namespace gongkai::cli {

namespace fs = std::filesystem;

std::vector<std::string> findFiles(const std::vector<fs::path>& dirs, const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            auto name = e.path().filename().string();
            if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
                out.push_back(e.path().string());
        }
        if (!out.empty()) break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> sharedCorpus() {
    return findFiles({"../shared/corpus", "../../shared/corpus", "/work/shared/corpus"}, ".ndjson.zst");
}

std::vector<std::string> demoRecordFiles() {
    return findFiles({"data/demo", "../data/demo", "../../data/demo"}, ".ndjson");
}

}  // namespace gongkai::cli
