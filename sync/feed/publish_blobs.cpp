#include "feed/publish_blobs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

#include "feed/publish_io.h"

namespace gongkai::feed::detail {

namespace fs = std::filesystem;

namespace {

bool isHexName(const std::string& name) {
    if (name.size() != 64) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Copies `from` to `to` (created), fsynced, and returns the copy's size and hash.
Result<FileRef> copyHashed(const std::string& from, const std::string& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return Error{from + ": cannot open: " + std::strerror(errno)};
    int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        ::close(in);
        return Error{to + ": cannot create: " + std::strerror(errno)};
    }
    Sha256Stream hash;
    std::uint64_t size = 0;
    std::vector<char> buf(1u << 20);
    std::string error;
    for (;;) {
        ssize_t n = ::read(in, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error = from + ": cannot read: " + std::strerror(errno);
        if (n <= 0) break;
        hash.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
        size += static_cast<std::uint64_t>(n);
        for (ssize_t done = 0; done < n && error.empty();) {
            ssize_t w = ::write(out, buf.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) error = to + ": cannot write: " + std::strerror(errno);
            else done += w;
        }
        if (!error.empty()) break;
    }
    if (error.empty() && ::fsync(out) != 0) error = to + ": cannot sync: " + std::strerror(errno);
    ::close(in);
    if (::close(out) != 0 && error.empty()) error = to + ": cannot close: " + std::strerror(errno);
    if (!error.empty()) return Error{error};
    return FileRef{"", size, hash.hex()};
}

}  // namespace

std::string blobPath(const std::string& sha256Hex) { return "blobs/" + sha256Hex.substr(0, 2) + "/" + sha256Hex; }

Result<std::vector<BlobSource>> scanBlobSources(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Error{dir + ": not a directory (--blobs)"};
    std::vector<BlobSource> out;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const std::string path = it->path().string();
        auto ref = hashFile(path);
        if (!ref) return ref.error();
        const std::string name = it->path().filename().string();
        if (isHexName(name) && name != ref.value().sha256)
            return Error{path + ": named by a SHA-256 that is not its content's (" + ref.value().sha256 + ")"};
        out.push_back({path, ref.value().sha256, ref.value().size});
    }
    if (ec) return Error{dir + ": cannot list: " + ec.message()};
    // One copy per hash, in a stable order whatever the directory order.
    std::sort(out.begin(), out.end(), [](const BlobSource& a, const BlobSource& b) {
        return a.sha256 != b.sha256 ? a.sha256 < b.sha256 : a.path < b.path;
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const BlobSource& a, const BlobSource& b) { return a.sha256 == b.sha256; }),
              out.end());
    return out;
}

Result<std::uint64_t> installBlobs(const std::vector<BlobSource>& blobs, const std::string& feedDir,
                                   const std::string& stagingDir) {
    std::uint64_t copied = 0;
    for (const auto& blob : blobs) {
        const std::string target = feedDir + "/" + blobPath(blob.sha256);
        std::error_code ec;
        // Present with the right size: kept (a blob's name is its hash, so
        // only a damaged copy could differ, and that is replaced).
        if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == blob.size && !ec) continue;
        const std::string temp = stagingDir + "/blob-" + blob.sha256;
        auto ref = copyHashed(blob.path, temp);
        if (!ref) return ref.error();
        if (ref.value().sha256 != blob.sha256)
            return Error{blob.path + ": changed while publishing (its SHA-256 is now " + ref.value().sha256 + ")"};
        if (auto s = makeDirectories(fs::path(target).parent_path().string()); !s) return s.error();
        if (auto s = renameDurably(temp, target); !s) return s.error();
        ++copied;
    }
    return copied;
}

Result<BlobSummary> summarizeBlobs(const std::string& feedDir) {
    BlobSummary sum;
    const std::string dir = feedDir + "/blobs";
    std::error_code ec;
    if (!fs::exists(dir, ec)) return sum;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec) || !isHexName(it->path().filename().string())) continue;
        std::uint64_t size = it->file_size(ec);
        if (ec) break;
        ++sum.count;
        sum.bytes += size;
        sum.maxSize = std::max(sum.maxSize, size);
    }
    if (ec) return Error{dir + ": cannot list: " + ec.message()};
    return sum;
}

}  // namespace gongkai::feed::detail
