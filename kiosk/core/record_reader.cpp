#include "record_reader.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include <zstd.h>

#include "record.h"

namespace gongkai {

namespace {
constexpr std::size_t kChunk = 1u << 20;
constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
}  // namespace

struct RecordFileReader::ZstdState {
    ZSTD_DStream* stream = ZSTD_createDStream();
    std::string in;
    ZSTD_inBuffer input{nullptr, 0, 0};
    std::size_t lastRet = 0;  // 0 when the last frame was complete
    ~ZstdState() { ZSTD_freeDStream(stream); }
};

Result<std::unique_ptr<RecordFileReader>> RecordFileReader::open(const std::string& path) {
    std::unique_ptr<RecordFileReader> r(new RecordFileReader());
    r->m_path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return Error{path + ": cannot open: " + std::strerror(errno)};
    if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory, not a record file"};
    r->m_fileSize = static_cast<std::uint64_t>(st.st_size);
    r->m_file = std::fopen(path.c_str(), "rb");
    if (!r->m_file) return Error{path + ": cannot open: " + std::strerror(errno)};

    unsigned char magic[4] = {};
    std::size_t n = std::fread(magic, 1, 4, r->m_file);
    std::rewind(r->m_file);
    if (n == 4 && std::memcmp(magic, kZstdMagic, 4) == 0) {
        r->m_zstd = std::make_unique<ZstdState>();
        ZSTD_initDStream(r->m_zstd->stream);
    }
    return r;
}

RecordFileReader::~RecordFileReader() {
    if (m_file) std::fclose(m_file);
}

bool RecordFileReader::fill() {
    if (m_eof) return false;
    if (m_pos > 0 && m_pos >= m_buf.size() / 2) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    if (!m_zstd) {
        std::size_t old = m_buf.size();
        m_buf.resize(old + kChunk);
        std::size_t n = std::fread(m_buf.data() + old, 1, kChunk, m_file);
        m_buf.resize(old + n);
        m_fileBytesRead += n;
        m_textBytesRead += n;
        if (n == 0) {
            if (std::ferror(m_file)) m_error = m_path + ": read error: " + std::strerror(errno);
            m_eof = true;
        }
        return n > 0;
    }
    auto& z = *m_zstd;
    std::size_t produced = 0;
    while (produced == 0) {
        if (z.input.pos == z.input.size) {
            z.in.resize(kChunk);
            std::size_t n = std::fread(z.in.data(), 1, kChunk, m_file);
            m_fileBytesRead += n;
            if (n == 0) {
                m_eof = true;
                if (std::ferror(m_file)) m_error = m_path + ": read error: " + std::strerror(errno);
                else if (z.lastRet != 0) m_error = m_path + ": truncated zstd data (the file ends inside a frame)";
                return false;
            }
            z.input = {z.in.data(), n, 0};
        }
        std::size_t old = m_buf.size();
        m_buf.resize(old + ZSTD_DStreamOutSize());
        ZSTD_outBuffer out{m_buf.data() + old, ZSTD_DStreamOutSize(), 0};
        std::size_t ret = ZSTD_decompressStream(z.stream, &out, &z.input);
        m_buf.resize(old + out.pos);
        if (ZSTD_isError(ret)) {
            m_error = m_path + ": corrupt zstd data: " + ZSTD_getErrorName(ret);
            m_eof = true;
            return false;
        }
        z.lastRet = ret;
        produced += out.pos;
        m_textBytesRead += out.pos;
    }
    return true;
}

RecordFileReader::Next RecordFileReader::next(std::string& line, std::uint64_t& lineNo) {
    bool skipping = false;  // inside a line longer than kMaxLineBytes
    std::size_t scanFrom = m_pos;
    for (;;) {
        if (m_atStart && m_buf.size() - m_pos >= 3) {
            if (m_buf.compare(m_pos, 3, "\xEF\xBB\xBF") == 0) m_pos += 3;
            m_atStart = false;
            scanFrom = m_pos;
        }
        std::size_t nl = m_buf.find('\n', scanFrom);
        if (nl != std::string::npos) {
            ++m_lineNo;
            lineNo = m_lineNo;
            if (skipping) {
                m_pos = nl + 1;
                return Next::TooLong;
            }
            std::size_t end = nl;
            if (end > m_pos && m_buf[end - 1] == '\r') --end;
            line.assign(m_buf, m_pos, end - m_pos);
            m_pos = nl + 1;
            return Next::Line;
        }
        if (!skipping && m_buf.size() - m_pos > kMaxLineBytes) {
            skipping = true;
        }
        if (skipping) {  // drop what we have; keep looking for the newline
            m_buf.clear();
            m_pos = 0;
        }
        scanFrom = m_buf.size();
        if (!fill()) {
            if (!m_error.empty()) return Next::Failed;
            if (m_atStart) m_atStart = false, scanFrom = m_pos;  // short file: BOM check below
            if (m_pos < m_buf.size() || skipping) {
                ++m_lineNo;
                lineNo = m_lineNo;
                if (skipping) {
                    m_buf.clear();
                    m_pos = 0;
                    return Next::TooLong;
                }
                std::size_t start = m_pos;
                if (m_lineNo == 1 && m_buf.compare(start, 3, "\xEF\xBB\xBF") == 0) start += 3;
                line.assign(m_buf, start, m_buf.size() - start);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                m_pos = m_buf.size();
                return Next::Line;
            }
            return Next::End;
        }
        // After fill() the buffer may have been compacted: rescan from m_pos.
        scanFrom = m_pos;
    }
}

std::uint64_t RecordFileReader::compressedBytesRead() const {
    // The input buffer may hold up to a chunk not yet decoded (zstd) or not
    // yet split into lines (plain): a delta smaller than a chunk would
    // otherwise read as done from its first line.
    std::uint64_t pending = m_zstd ? m_zstd->input.size - m_zstd->input.pos : m_buf.size() - m_pos;
    return m_fileBytesRead > pending ? m_fileBytesRead - pending : 0;
}

}  // namespace gongkai
