// generateBenchCorpus: learn the vocabulary once, then compose documents one
// by one into a ~1 MiB text buffer that is handed to the sink whenever it
// fills. Nothing is kept per document, so memory does not grow with --docs.
#include "bench_gen.h"

#include <chrono>

#include "bench_gen_compose.h"
#include "bench_gen_sink.h"
#include "bench_gen_vocab.h"

namespace gongkai {

namespace {

constexpr std::size_t kFlushBytes = 1u << 20;
constexpr std::uint64_t kProgressEvery = 1000;

}  // namespace

Result<BenchGenSummary> generateBenchCorpus(
    const BenchGenOptions& options, const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    const auto start = std::chrono::steady_clock::now();
    if (options.out.empty()) return Error{"no output file given"};
    auto vocab = benchgen::learnVocabulary(options.sources);
    if (!vocab) return vocab.error();
    auto sink = benchgen::CorpusSink::open(options.out);
    if (!sink) return sink.error();

    const benchgen::DocumentComposer composer(vocab.value());
    BenchGenSummary summary;
    std::string buffer;
    buffer.reserve(kFlushBytes + (1u << 17));
    for (std::uint64_t n = 1; n <= options.docs; ++n) {
        composer.append(buffer, options.seed, n);
        if (buffer.size() >= kFlushBytes || n == options.docs) {
            if (auto s = sink.value()->write(buffer); !s) return s.error();
            summary.textBytes += buffer.size();
            buffer.clear();
        }
        if (progress && (n % kProgressEvery == 0 || n == options.docs)) progress(n, options.docs);
    }
    if (auto s = sink.value()->finish(); !s) return s.error();
    summary.docs = options.docs;
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace gongkai
