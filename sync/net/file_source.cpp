// file:// sources. Sections: URL to directory; the copy loop; FileSource.
#include "net/file_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "net/source_paths.h"

namespace gongkai::net {

namespace {

// ---- URL to directory ----------------------------------------------------

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "%20" -> ' '; nullopt on a broken escape or an encoded NUL.
std::optional<std::string> percentDecode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

Result<std::string> directoryOf(const std::string& baseUrl) {
    std::string_view rest(baseUrl);
    rest.remove_prefix(std::string_view("file://").size());
    if (rest.substr(0, 9) == "localhost") rest.remove_prefix(9);
    if (rest.empty() || rest.front() != '/')
        return Error{"feed source \"" + baseUrl + "\": a file URL needs an absolute path (file:///media/usb/feed)"};
    auto decoded = percentDecode(rest);
    if (!decoded) return Error{"feed source \"" + baseUrl + "\": broken %-escape in the path"};
    return *decoded;
}

// ---- the copy loop -------------------------------------------------------

std::string osReason() { return std::strerror(errno); }

struct CopyJob {
    std::string url, destPath;
    std::uint64_t maxBytes = 0, expected = 0;
    const FetchProgress* progress = nullptr;
};

// Copies `in` to `out` in chunks, never more than maxBytes.
FetchOutcome copyChunks(const CopyJob& job, int in, int out) {
    std::vector<char> buffer(64 * 1024);
    FetchOutcome result;
    for (;;) {
        ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failure(FetchProblem::Network, job.url + ": read failure: " + osReason());
        if (n == 0) break;
        auto got = static_cast<std::uint64_t>(n);
        if (result.bytes + got > job.maxBytes)
            return failure(FetchProblem::TooLarge,
                           job.url + ": more than the declared " + std::to_string(job.maxBytes) + " bytes");
        if (!writeAll(out, buffer.data(), static_cast<std::size_t>(n)))
            return failure(FetchProblem::LocalIo, job.url + ": cannot write " + job.destPath + ": " + osReason());
        result.bytes += got;
        result.transferred += got;
        if (*job.progress && !(*job.progress)(result.bytes, job.expected))
            return failure(FetchProblem::Network, job.url + ": cancelled after " + std::to_string(result.bytes) + " bytes");
    }
    return result;
}

// ---- FileSource ----------------------------------------------------------

class FileSource final : public Source {
public:
    FileSource(std::string url, std::string directory) : m_url(std::move(url)), m_dir(std::move(directory)) {}
    const std::string& url() const override { return m_url; }

    FetchOutcome fetch(const std::string& relativePath, const std::string& destPath, std::uint64_t maxBytes,
                       bool exactSize, const Validators* /*conditional: ignored, see header*/,
                       const FetchProgress& progress) override;

private:
    FetchOutcome copy(const CopyJob& job, const std::string& path, bool exactSize);

    std::string m_url, m_dir;
};

FetchOutcome FileSource::fetch(const std::string& relativePath, const std::string& destPath,
                               std::uint64_t maxBytes, bool exactSize, const Validators*,
                               const FetchProgress& progress) {
    CopyJob job{joinPath(m_url, relativePath), destPath, maxBytes, 0, &progress};
    if (auto bad = badRelativePath(relativePath)) return failure(FetchProblem::NotFound, job.url + ": refused, " + *bad);
    std::string path = joinPath(m_dir, relativePath);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return failure(FetchProblem::NotFound, job.url + ": no such file");
        return failure(FetchProblem::Network, job.url + ": read failure: " + osReason());
    }
    if (!S_ISREG(st.st_mode)) return failure(FetchProblem::NotFound, job.url + ": not a regular file");
    auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > maxBytes)
        return failure(FetchProblem::TooLarge, job.url + ": " + std::to_string(size) + " bytes, more than the declared " +
                                                   std::to_string(maxBytes));
    if (exactSize && size < maxBytes)
        return failure(FetchProblem::Truncated, job.url + ": " + std::to_string(size) + " bytes, not the declared " +
                                                    std::to_string(maxBytes));
    job.expected = exactSize ? maxBytes : size;
    return copy(job, path, exactSize);
}

FetchOutcome FileSource::copy(const CopyJob& job, const std::string& path, bool exactSize) {
    int in = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return failure(FetchProblem::Network, job.url + ": read failure: " + osReason());
    int out = ::open(job.destPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        std::string reason = osReason();
        ::close(in);
        return failure(FetchProblem::LocalIo, job.url + ": cannot open " + job.destPath + ": " + reason);
    }
    FetchOutcome result = copyChunks(job, in, out);
    ::close(in);
    if (::close(out) != 0 && result.ok())
        result = failure(FetchProblem::LocalIo, job.url + ": cannot write " + job.destPath + ": " + osReason());
    if (result.problem == FetchProblem::TooLarge) {
        struct stat st {};  // a file that grew past the cap is no prefix worth keeping
        if (::stat(job.destPath.c_str(), &st) == 0 && S_ISREG(st.st_mode)) ::unlink(job.destPath.c_str());
    }
    if (result.ok() && exactSize && result.bytes != job.maxBytes)
        result = failure(FetchProblem::Truncated, job.url + ": " + std::to_string(result.bytes) +
                                                      " bytes, not the declared " + std::to_string(job.maxBytes));
    return result;
}

}  // namespace

Result<std::unique_ptr<Source>> openFileSource(const std::string& baseUrl) {
    auto dir = directoryOf(baseUrl);
    if (!dir) return dir.error();
    return std::unique_ptr<Source>(std::make_unique<FileSource>(baseUrl, dir.value()));
}

}  // namespace gongkai::net
