#include "cli/bench_search_measure.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "cli/bench_search_queries.h"

namespace gongkai::cli {

double benchPercentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

namespace {

struct ClassSamples {
    std::vector<double> ms;
    int queries = 0, answered = 0, errors = 0;
    long hits = 0;
};

bool isPinyinOnly(const std::string& cls) {
    for (const auto& c : benchClasses())
        if (cls == c.id) return c.pinyinOnly;
    return false;
}

// One query: warm-up, then timed runs; the hit count of the last run.
int timeQuery(BenchEngine& engine, const BenchQuery& q, int runs, ClassSamples& s, std::string& firstError) {
    auto warm = engine.run(q);
    if (!warm) {
        if (firstError.empty()) firstError = q.text + ": " + warm.error().message;
        ++s.errors;
        return -1;
    }
    int hits = warm.value();
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        auto res = engine.run(q);
        s.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (res) hits = res.value();
    }
    ++s.queries;
    s.hits += hits;
    if (hits > 0) ++s.answered;
    return hits;
}

}  // namespace

EngineTiming measureEngine(BenchEngine& engine, const std::vector<BenchQuery>& queries, int runs, bool pinyin) {
    EngineTiming t;
    std::map<std::string, ClassSamples> samples;
    auto skipped = [&](const BenchQuery& q) { return isPinyinOnly(q.cls) && !pinyin; };
    // Every query once before any is timed. A warm cache means every query's
    // pages in memory: at 1 000 000 documents the mirror is larger than RAM,
    // and a query timed while others still read theirs in (and the kernel
    // reclaims pages for them) measured the reclaim too, most for the engine
    // whose files fit in memory least.
    for (const auto& q : queries)
        if (!skipped(q)) (void)engine.run(q);
    for (const auto& q : queries) {
        if (skipped(q)) {
            t.hits.push_back(-1);
            continue;
        }
        t.hits.push_back(timeQuery(engine, q, runs, samples[q.cls], t.firstError));
    }
    t.classes = nlohmann::json::object();
    for (const auto& [cls, s] : samples) {
        double n = std::max(1, s.queries);
        t.classes[cls] = {{"p50_ms", benchPercentile(s.ms, 50)}, {"p95_ms", benchPercentile(s.ms, 95)},
                          {"p99_ms", benchPercentile(s.ms, 99)}, {"queries", s.queries},
                          {"mean_hits", static_cast<double>(s.hits) / n},
                          {"answered", static_cast<double>(s.answered) / n}, {"errors", s.errors}};
    }
    return t;
}

}  // namespace gongkai::cli
