// The publisher's file plumbing (internal to sync/feed/publish*.cpp):
// streaming SHA-256, a zstd file writer whose output is the same bytes for
// the same lines, and renames that are durable (the parent directory is
// fsynced) so that the write order of publish.h survives a power cut.
// Not thread-safe; errors name the file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include <sodium.h>

#include "core/result.h"
#include "feed/manifest.h"

namespace gongkai::feed::detail {

class Sha256Stream {
public:
    Sha256Stream();
    void update(std::string_view data);
    std::string hex();  // finishes the stream; call once

private:
    crypto_hash_sha256_state m_state{};
};

// Writes `path` (created or truncated) as one zstd frame, level 9, one
// thread: deterministic for the same sequence of lines. finish() flushes,
// fsyncs and closes, and returns the compressed size and SHA-256 (the
// FileRef's path is left empty for the caller to fill).
class ZstdFileWriter {
public:
    static Result<std::unique_ptr<ZstdFileWriter>> create(const std::string& path);
    ~ZstdFileWriter();
    ZstdFileWriter(const ZstdFileWriter&) = delete;
    ZstdFileWriter& operator=(const ZstdFileWriter&) = delete;

    Status writeLine(std::string_view line);  // appends line + '\n'
    Result<FileRef> finish();
    std::uint64_t lines() const { return m_lines; }

private:
    ZstdFileWriter() = default;
    Status compress(std::string_view data, bool end);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::uint64_t m_lines = 0;
};

// Size and SHA-256 of a file as it is on disk.
Result<FileRef> hashFile(const std::string& path);

// Writes `text` to `path`, fsynced.
Status writeWholeFile(const std::string& path, std::string_view text);

// rename(2) and fsync of the target's directory.
Status renameDurably(const std::string& from, const std::string& to);

// mkdir -p; the error names the directory.
Status makeDirectories(const std::string& path);

}  // namespace gongkai::feed::detail
