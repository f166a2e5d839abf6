#include "bench_gen_source.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <zstd.h>

namespace gongkai::benchgen {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
struct DStreamFree {
    void operator()(ZSTD_DStream* d) const { ZSTD_freeDStream(d); }
};

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits complete lines off the front of `pending` and hands them on.
class LineSplitter {
public:
    explicit LineSplitter(const std::function<Status(std::string_view, std::uint64_t)>& onLine)
        : m_onLine(onLine) {}

    Status feed(const char* data, std::size_t size) {
        m_pending.append(data, size);
        std::size_t start = 0;
        for (std::size_t nl; (nl = m_pending.find('\n', start)) != std::string::npos; start = nl + 1) {
            if (auto s = emit(std::string_view(m_pending).substr(start, nl - start)); !s) return s;
        }
        m_pending.erase(0, start);
        return okStatus();
    }

    Status finish() {
        if (m_pending.empty()) return okStatus();
        return emit(m_pending);
    }

private:
    Status emit(std::string_view line) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return m_onLine(line, ++m_lineNo);
    }

    const std::function<Status(std::string_view, std::uint64_t)>& m_onLine;
    std::string m_pending;
    std::uint64_t m_lineNo = 0;
};

Status readError(const std::string& path) {
    return Error{"cannot read " + path + ": " + std::strerror(errno)};
}

Status readPlain(std::FILE* file, const std::string& path, LineSplitter& lines) {
    std::vector<char> buf(1 << 20);
    while (true) {
        const std::size_t n = std::fread(buf.data(), 1, buf.size(), file);
        if (n > 0)
            if (auto s = lines.feed(buf.data(), n); !s) return s;
        if (n < buf.size()) break;
    }
    if (std::ferror(file)) return readError(path);
    return lines.finish();
}

Status readZstd(std::FILE* file, const std::string& path, LineSplitter& lines) {
    std::unique_ptr<ZSTD_DStream, DStreamFree> stream(ZSTD_createDStream());
    if (!stream) return Error{"cannot decompress " + path + ": out of memory"};
    std::vector<char> inBuf(ZSTD_DStreamInSize()), outBuf(ZSTD_DStreamOutSize());
    std::size_t lastRet = 0;
    bool sawData = false;
    while (true) {
        const std::size_t n = std::fread(inBuf.data(), 1, inBuf.size(), file);
        if (n == 0) break;
        sawData = true;
        ZSTD_inBuffer in{inBuf.data(), n, 0};
        bool outputFull = false;
        // A full output buffer may hide more decoded data: call again until
        // the input is used up and the decoder has nothing left to flush.
        while (in.pos < in.size || outputFull) {
            ZSTD_outBuffer out{outBuf.data(), outBuf.size(), 0};
            lastRet = ZSTD_decompressStream(stream.get(), &out, &in);
            if (ZSTD_isError(lastRet))
                return Error{"corrupt zstd data in " + path + ": " + ZSTD_getErrorName(lastRet)};
            if (auto s = lines.feed(outBuf.data(), out.pos); !s) return s;
            outputFull = out.pos == out.size;
        }
    }
    if (std::ferror(file)) return readError(path);
    if (sawData && lastRet != 0) return Error{"truncated zstd data in " + path};
    return lines.finish();
}

}  // namespace

Status forEachLine(const std::string& path,
                   const std::function<Status(std::string_view, std::uint64_t)>& onLine) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return readError(path);
    LineSplitter lines(onLine);
    return endsWith(path, ".zst") ? readZstd(file.get(), path, lines) : readPlain(file.get(), path, lines);
}

}  // namespace gongkai::benchgen
