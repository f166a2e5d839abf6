#include "bench_gen_sink.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <zstd.h>

namespace gongkai::benchgen {

namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Level 3 is zstd's default: fast enough to keep up with the generator on
// one core while shrinking the text about fourfold.
constexpr int kLevel = 3;

}  // namespace

Result<std::unique_ptr<CorpusSink>> CorpusSink::open(const std::string& path) {
    const std::string tmp = path + ".tmp";
    std::FILE* file = std::fopen(tmp.c_str(), "wb");
    if (!file) return Error{"cannot create " + tmp + ": " + std::strerror(errno)};
    ZSTD_CCtx* cctx = nullptr;
    if (endsWith(path, ".zst")) {
        cctx = ZSTD_createCCtx();
        if (!cctx || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, kLevel)) ||
            ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1))) {
            ZSTD_freeCCtx(cctx);
            std::fclose(file);
            std::remove(tmp.c_str());
            return Error{"cannot set up zstd for " + path};
        }
    }
    return std::unique_ptr<CorpusSink>(new CorpusSink(path, file, cctx));
}

CorpusSink::CorpusSink(std::string path, std::FILE* file, ZSTD_CCtx_s* cctx)
    : m_path(std::move(path)), m_tmpPath(m_path + ".tmp"), m_file(file), m_cctx(cctx),
      m_out(cctx ? ZSTD_CStreamOutSize() : 0) {}

CorpusSink::~CorpusSink() {
    if (m_cctx) ZSTD_freeCCtx(m_cctx);
    if (m_file) std::fclose(m_file);
    if (!m_finished) std::remove(m_tmpPath.c_str());
}

Status CorpusSink::writeRaw(const char* data, std::size_t size) {
    if (size > 0 && std::fwrite(data, 1, size, m_file) != size)
        return Error{"cannot write " + m_tmpPath + ": " + std::strerror(errno)};
    return okStatus();
}

Status CorpusSink::compress(std::string_view text, bool end) {
    ZSTD_inBuffer in{text.data(), text.size(), 0};
    const ZSTD_EndDirective mode = end ? ZSTD_e_end : ZSTD_e_continue;
    while (true) {
        ZSTD_outBuffer out{m_out.data(), m_out.size(), 0};
        const std::size_t left = ZSTD_compressStream2(m_cctx, &out, &in, mode);
        if (ZSTD_isError(left)) return Error{"zstd failed on " + m_path + ": " + ZSTD_getErrorName(left)};
        if (auto s = writeRaw(m_out.data(), out.pos); !s) return s;
        const bool done = end ? left == 0 : in.pos == in.size;
        if (done) return okStatus();
    }
}

Status CorpusSink::write(std::string_view text) {
    return m_cctx ? compress(text, false) : writeRaw(text.data(), text.size());
}

Status CorpusSink::finish() {
    if (m_cctx)
        if (auto s = compress({}, true); !s) return s;
    const bool flushed = std::fflush(m_file) == 0;
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!flushed || !closed) return Error{"cannot write " + m_tmpPath + ": " + std::strerror(errno)};
    std::error_code ec;
    std::filesystem::rename(m_tmpPath, m_path, ec);
    if (ec) return Error{"cannot rename " + m_tmpPath + " to " + m_path + ": " + ec.message()};
    m_finished = true;
    return okStatus();
}

}  // namespace gongkai::benchgen
