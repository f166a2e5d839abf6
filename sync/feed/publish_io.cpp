// Sections: [1] SHA-256  [2] zstd writer  [3] files and renames
#include "feed/publish_io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

namespace gongkai::feed::detail {

namespace {

std::string errnoText() { return std::strerror(errno); }

constexpr int kZstdLevel = 9;  // level 19 takes minutes on big snapshots for a few % less
constexpr std::size_t kChunk = 1u << 20;

Status writeAll(int fd, const char* data, std::size_t size, const std::string& path) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Error{path + ": cannot write: " + errnoText()};
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return okStatus();
}

Status fsyncDirOf(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Error{dir + ": cannot open: " + errnoText()};
    int rc = ::fsync(fd);
    std::string why = rc == 0 ? "" : errnoText();
    ::close(fd);
    if (rc != 0) return Error{dir + ": cannot sync: " + why};
    return okStatus();
}

}  // namespace

// [1] SHA-256
Sha256Stream::Sha256Stream() { crypto_hash_sha256_init(&m_state); }

void Sha256Stream::update(std::string_view data) {
    crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256Stream::hex() {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&m_state, out);
    char text[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(text, sizeof text, out, sizeof out);
    return text;
}

// [2] zstd writer
struct ZstdFileWriter::Impl {
    std::string path;
    int fd = -1;
    ZSTD_CCtx* cctx = nullptr;
    std::string in;
    std::vector<char> out = std::vector<char>(ZSTD_CStreamOutSize());
    Sha256Stream hash;
    std::uint64_t size = 0;

    ~Impl() {
        if (cctx) ZSTD_freeCCtx(cctx);
        if (fd >= 0) ::close(fd);
    }
};

Result<std::unique_ptr<ZstdFileWriter>> ZstdFileWriter::create(const std::string& path) {
    std::unique_ptr<ZstdFileWriter> w(new ZstdFileWriter);
    w->m_impl = std::make_unique<Impl>();
    auto& im = *w->m_impl;
    im.path = path;
    im.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (im.fd < 0) return Error{path + ": cannot create: " + errnoText()};
    im.cctx = ZSTD_createCCtx();
    if (!im.cctx) return Error{path + ": out of memory for zstd"};
    ZSTD_CCtx_setParameter(im.cctx, ZSTD_c_compressionLevel, kZstdLevel);
    ZSTD_CCtx_setParameter(im.cctx, ZSTD_c_checksumFlag, 1);
    im.in.reserve(kChunk + 4096);
    return w;
}

ZstdFileWriter::~ZstdFileWriter() = default;

Status ZstdFileWriter::compress(std::string_view data, bool end) {
    auto& im = *m_impl;
    ZSTD_inBuffer input{data.data(), data.size(), 0};
    for (;;) {
        ZSTD_outBuffer output{im.out.data(), im.out.size(), 0};
        std::size_t left = ZSTD_compressStream2(im.cctx, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(left)) return Error{im.path + ": zstd: " + ZSTD_getErrorName(left)};
        if (auto s = writeAll(im.fd, im.out.data(), output.pos, im.path); !s) return s;
        im.hash.update(std::string_view(im.out.data(), output.pos));
        im.size += output.pos;
        if (end ? left == 0 : input.pos == input.size) return okStatus();
    }
}

Status ZstdFileWriter::writeLine(std::string_view line) {
    auto& im = *m_impl;
    ++m_lines;
    if (im.in.size() + line.size() + 1 > kChunk && !im.in.empty()) {
        if (auto s = compress(im.in, false); !s) return s;
        im.in.clear();
    }
    if (line.size() + 1 > kChunk) {  // a long line goes straight through
        if (auto s = compress(line, false); !s) return s;
        return compress("\n", false);
    }
    im.in.append(line);
    im.in.push_back('\n');
    return okStatus();
}

Result<FileRef> ZstdFileWriter::finish() {
    auto& im = *m_impl;
    if (auto s = compress(im.in, true); !s) return s.error();
    im.in.clear();
    if (::fsync(im.fd) != 0) return Error{im.path + ": cannot sync: " + errnoText()};
    int rc = ::close(im.fd);
    im.fd = -1;
    if (rc != 0) return Error{im.path + ": cannot close: " + errnoText()};
    return FileRef{"", im.size, im.hash.hex()};
}

// [3] files and renames
Result<FileRef> hashFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{path + ": cannot open: " + errnoText()};
    Sha256Stream hash;
    std::vector<char> buf(kChunk);
    std::uint64_t size = 0;
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::string why = errnoText();
            ::close(fd);
            return Error{path + ": cannot read: " + why};
        }
        if (n == 0) break;
        hash.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
        size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    return FileRef{"", size, hash.hex()};
}

Status writeWholeFile(const std::string& path, std::string_view text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Error{path + ": cannot create: " + errnoText()};
    Status s = writeAll(fd, text.data(), text.size(), path);
    if (s && ::fsync(fd) != 0) s = Error{path + ": cannot sync: " + errnoText()};
    if (::close(fd) != 0 && s) s = Error{path + ": cannot close: " + errnoText()};
    return s;
}

Status renameDurably(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0)
        return Error{"cannot rename " + from + " to " + to + ": " + errnoText()};
    return fsyncDirOf(to);
}

Status makeDirectories(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Error{path + ": cannot create the directory: " + ec.message()};
    return okStatus();
}

}  // namespace gongkai::feed::detail
