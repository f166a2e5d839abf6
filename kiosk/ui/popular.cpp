#include "ui/popular.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/glyphs.h"
#include "ui/keyboard.h"

namespace gongkai::ui {
namespace {

bool looksLikeDocNo(const std::string& t) {
    for (const char* mark : {"〔", "〕", "[", "]", "号"})
        if (t.find(mark) != std::string::npos) return true;
    return false;
}

int longestDigitRun(const std::string& t) {
    int run = 0, best = 0;
    for (char c : t) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        best = std::max(best, run);
    }
    return best;
}

Status writeAll(int fd, const std::string& content) {
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Error{std::string("write: ") + std::strerror(errno)};
        done += static_cast<std::size_t>(n);
    }
    return okStatus();
}

}  // namespace

Status writeFileAtomically(const std::string& path, const std::string& content) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return Error{"cannot write " + tmp + ": " + std::strerror(errno)};
    Status st = writeAll(fd, content);
    if (st && ::fsync(fd) != 0) st = Error{"fsync " + tmp + ": " + std::strerror(errno)};
    ::close(fd);
    if (st && std::rename(tmp.c_str(), path.c_str()) != 0)
        st = Error{"cannot replace " + path + ": " + std::strerror(errno)};
    if (!st) ::unlink(tmp.c_str());
    return st;
}

std::string PopularSearches::normalize(const std::string& text) {
    std::string out;
    int chars = 0;
    bool space = false;
    forEachCodepoint(text, [&](char32_t cp) {
        if (cp == U' ' || cp == U'\t' || cp == U'\u3000') {
            space = !out.empty();
            return;
        }
        if (space) {
            out += ' ';
            ++chars;
            space = false;
        }
        appendUtf8(out, cp >= U'A' && cp <= U'Z' ? cp - U'A' + U'a' : cp);
        ++chars;
    });
    if (chars > kMaxQueryChars) return {};
    if (longestDigitRun(out) >= 6 && !looksLikeDocNo(out)) return {};
    return out;
}

bool PopularSearches::count(const std::string& text) {
    std::string key = normalize(text);
    if (key.empty()) return false;
    ++m_counts[key];
    while (m_counts.size() > kMaxEntries) {  // forget the least counted (first in text order on a tie)
        auto least = m_counts.end();
        for (auto it = m_counts.begin(); it != m_counts.end(); ++it)
            if (it->first != key && (least == m_counts.end() || it->second < least->second)) least = it;
        m_counts.erase(least);
    }
    return true;
}

std::uint64_t PopularSearches::countOf(const std::string& text) const {
    auto it = m_counts.find(normalize(text));
    return it == m_counts.end() ? 0 : it->second;
}

std::vector<std::string> PopularSearches::merged(const std::vector<std::string>& configured, std::size_t n) const {
    std::vector<std::pair<std::string, std::uint64_t>> counted;
    for (const auto& [text, c] : m_counts)
        if (c >= kMinCount) counted.emplace_back(text, c);
    std::stable_sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> out, keys;
    auto add = [&](const std::string& t) {
        std::string key = normalize(t);
        if (key.empty() || out.size() >= n || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
        out.push_back(t);
        keys.push_back(key);
    };
    for (const auto& entry : counted) add(entry.first);
    for (const auto& t : configured) add(t);
    return out;
}

Status PopularSearches::load(const std::string& path) {
    m_path = path;
    m_counts.clear();
    std::ifstream f(path, std::ios::binary);
    if (!f) return okStatus();  // nothing counted yet
    std::ostringstream text;
    text << f.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("counts") || !j["counts"].is_object())
        return Error{path + ": not a popular-search counts file (expected {\"counts\": {text: n}})"};
    for (const auto& [k, v] : j["counts"].items()) {
        std::string key = normalize(k);
        if (!key.empty() && v.is_number_unsigned()) m_counts[key] += v.get<std::uint64_t>();
    }
    return okStatus();
}

Status PopularSearches::save() const {
    if (m_path.empty()) return Error{"popular searches: no file to save to"};
    nlohmann::json j;
    j["counts"] = nlohmann::json::object();
    for (const auto& [k, v] : m_counts) j["counts"][k] = v;
    return writeFileAtomically(m_path, j.dump(1) + "\n");
}

}  // namespace gongkai::ui
