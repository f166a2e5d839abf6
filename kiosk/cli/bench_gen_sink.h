// Where a generated corpus goes: FILE.tmp, zstd-compressed (level 3) when
// FILE ends in ".zst", plain otherwise, renamed to FILE by finish(). A sink
// destroyed without finish() removes its temporary file, so a failed run
// never leaves a truncated corpus under the final name.
// Not thread-safe.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct ZSTD_CCtx_s;

namespace gongkai::benchgen {

class CorpusSink {
public:
    // Errors name the file: cannot create FILE.tmp (missing directory, no permission).
    static Result<std::unique_ptr<CorpusSink>> open(const std::string& path);
    ~CorpusSink();
    CorpusSink(const CorpusSink&) = delete;
    CorpusSink& operator=(const CorpusSink&) = delete;

    Status write(std::string_view text);
    // Ends the zstd frame, closes and renames FILE.tmp to FILE.
    Status finish();

private:
    CorpusSink(std::string path, std::FILE* file, ZSTD_CCtx_s* cctx);
    Status writeRaw(const char* data, std::size_t size);
    Status compress(std::string_view text, bool end);

    std::string m_path, m_tmpPath;
    std::FILE* m_file = nullptr;
    ZSTD_CCtx_s* m_cctx = nullptr;  // null for plain output
    std::vector<char> m_out;
    bool m_finished = false;
};

}  // namespace gongkai::benchgen
