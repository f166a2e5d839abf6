// Streams the lines of a record file, plain or zstd-compressed (detected by
// its magic number, not its name), skipping a UTF-8 BOM at the start. Memory
// stays bounded by the longest line (at most kMaxLineBytes): a longer line is
// reported and skipped, never buffered whole.
// Not thread-safe; one reader per thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "result.h"

namespace gongkai {

class RecordFileReader {
public:
    static Result<std::unique_ptr<RecordFileReader>> open(const std::string& path);
    ~RecordFileReader();

    enum class Next { Line, TooLong, End, Failed };
    // On Line: `line` holds the line without its newline (and without a
    // trailing '\r'), `lineNo` is 1-based. On TooLong the line was skipped.
    // On Failed, error() says why (I/O error, corrupt or truncated zstd).
    Next next(std::string& line, std::uint64_t& lineNo);
    const std::string& error() const { return m_error; }

    // Bytes of the file consumed so far (not merely buffered): for progress.
    std::uint64_t compressedBytesRead() const;
    std::uint64_t fileSize() const { return m_fileSize; }
    std::uint64_t bytesRead() const { return m_textBytesRead; }  // uncompressed

private:
    RecordFileReader() = default;
    bool fill();  // refills m_buf; false at end of input or on failure

    std::string m_path;
    std::FILE* m_file = nullptr;
    struct ZstdState;
    std::unique_ptr<ZstdState> m_zstd;  // null for a plain file
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
    bool m_atStart = true;
    std::uint64_t m_lineNo = 0;
    std::uint64_t m_fileBytesRead = 0;
    std::uint64_t m_fileSize = 0;
    std::uint64_t m_textBytesRead = 0;
    std::string m_error;
};

}  // namespace gongkai
