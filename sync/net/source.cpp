// openSource: dispatch on the URL's scheme; the path helpers both sources use.
#include "net/source.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <unistd.h>

#include "net/file_source.h"
#include "net/http_source.h"
#include "net/source_paths.h"

namespace gongkai::net {

namespace {

// The scheme in lower case ("http"), or empty when there is no "scheme://".
std::string schemeOf(const std::string& url) {
    auto colon = url.find("://");
    if (colon == std::string::npos || colon == 0) return {};
    std::string scheme = url.substr(0, colon);
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool letters = std::all_of(scheme.begin(), scheme.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letters ? scheme : std::string{};
}

}  // namespace

std::string joinPath(std::string_view base, std::string_view relative) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
    std::string out(base);
    out += '/';
    out += relative;
    return out;
}

std::optional<std::string> badRelativePath(std::string_view relative) {
    while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);  // joinPath drops them
    if (relative.empty()) return "an empty path";
    for (char c : relative) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "a control character in the path";
        if (c == '\\') return "a backslash in the path";
    }
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t end = relative.find('/', start);
        if (end == std::string_view::npos) end = relative.size();
        std::string_view segment = relative.substr(start, end - start);
        if (segment == ".." || segment == ".") return "a '.' or '..' segment in the path";
        start = end + 1;
    }
    return std::nullopt;
}

Result<std::unique_ptr<Source>> openSource(const std::string& baseUrl, const FetchLimits& limits) {
    std::string scheme = schemeOf(baseUrl);
    if (scheme == "http" || scheme == "https") return openHttpSource(baseUrl, limits);
    if (scheme == "file") return openFileSource(baseUrl);
    if (scheme.empty()) return Error{"feed source \"" + baseUrl + "\": not a URL (want http://, https:// or file://)"};
    return Error{"feed source \"" + baseUrl + "\": unsupported scheme \"" + scheme +
                 "\" (want http, https or file)"};
}

FetchOutcome failure(FetchProblem problem, std::string message) {
    FetchOutcome out;
    out.problem = problem;
    out.message = std::move(message);
    return out;
}

bool writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace gongkai::net
