// gongkai bench ime (bench_ime.h). Sections: [1] words  [2] measuring  [3] report  [4] command
#include "cli/bench_ime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unistd.h>

#include "cli/bench_ui.h"
#include "core/glyphs.h"
#include "core/hanzi.h"
#include "core/ime.h"

namespace gongkai::cli {

namespace fs = std::filesystem;

// [1] words
namespace {

constexpr std::string_view kFunctionCharacters = "的了和与及或等之其于以为是在对将把被从并该此也都而由向按个各每所已不有可";
constexpr std::size_t kPageSize = 8;  // the first page a keystroke asks for

bool hasFunctionCharacter(const std::string& pair) {
    bool found = false;
    forEachCodepoint(pair, [&](char32_t cp) {
        forEachCodepoint(kFunctionCharacters, [&](char32_t f) { found = found || f == cp; });
    });
    return found;
}

// Each character's main reading, run together ("" when one has none).
std::string fullPinyin(const std::string& text) {
    std::string out;
    bool ok = true;
    forEachCodepoint(text, [&](char32_t cp) {
        auto r = hanzi::readings(cp);
        if (r.empty()) ok = false;
        else out += r[0];
    });
    return ok ? out : std::string();
}

}  // namespace

namespace {

std::pair<char32_t, char32_t> characters(const std::string& pair) {
    std::vector<char32_t> cps;
    forEachCodepoint(pair, [&](char32_t cp) { cps.push_back(cp); });
    return cps.size() == 2 ? std::pair{cps[0], cps[1]} : std::pair{char32_t{0}, char32_t{0}};
}

// Pairs inside a longer fixed run: AB where some XA and some BY are at least
// as common as AB itself (华人 and 民共 in 中华人民共和国, 近平 in 习近平新时代).
struct Glue {
    std::unordered_map<char32_t, long long> endingWith, startingWith;  // most records of a pair ending/starting so
    explicit Glue(const std::vector<PairUse>& pairs) {
        for (const auto& p : pairs) {
            auto [a, b] = characters(p.pair);
            endingWith[b] = std::max(endingWith[b], p.records);
            startingWith[a] = std::max(startingWith[a], p.records);
        }
    }
    bool inside(const PairUse& p) const {
        auto [a, b] = characters(p.pair);
        auto l = endingWith.find(a), r = startingWith.find(b);
        return l != endingWith.end() && r != startingWith.end() && l->second >= p.records && r->second >= p.records;
    }
};

}  // namespace

Result<std::vector<ImeWord>> frequentTwoCharacterWords(const Mirror& mirror, int count) {
    std::vector<ImeWord> out;
    auto pairs = commonPairs(mirror, std::numeric_limits<std::int32_t>::max());
    Glue glue(pairs);
    for (const auto& p : pairs) {
        if (static_cast<int>(out.size()) >= count) break;
        std::string pinyin = fullPinyin(p.pair);
        if (pinyin.empty() || hasFunctionCharacter(p.pair) || glue.inside(p)) continue;
        out.push_back({p.pair, pinyin, p.records});
    }
    if (out.empty()) return Error{"the mirror has no two-character words (is its search index built?)"};
    return out;
}

// [2] measuring
ImeBenchReport runImeBench(const Mirror& mirror, const std::vector<ImeWord>& words) {
    using Clock = std::chrono::steady_clock;
    ImeBenchReport r;
    InputMethod ime(mirror);
    std::vector<double> ms;
    for (const ImeWord& w : words) {
        for (std::size_t n = 1; n <= w.pinyin.size(); ++n) {  // letter by letter, as typed
            auto t = Clock::now();
            ime.candidates(std::string_view(w.pinyin).substr(0, n), 0, kPageSize);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
        }
        ImePage page = ime.candidates(w.pinyin, 0, kMaxImeCandidates);
        std::vector<std::string> phrases;
        for (const auto& c : page.candidates)
            if (c.phrase && phrases.size() < std::size_t(kImeTopPhrases)) phrases.push_back(c.text);
        ++r.words;
        r.measured.push_back(w.text + " " + w.pinyin);
        if (std::find(phrases.begin(), phrases.end(), w.text) != phrases.end()) ++r.hits;
        else r.misses.push_back({w, phrases});
    }
    r.keystrokes = ms.size();
    r.medianMs = percentileOf(ms, 50);
    r.p95Ms = percentileOf(ms, 95);
    r.maxMs = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
    return r;
}

// [3] report
nlohmann::json imeBenchJson(const ImeBenchReport& r, const std::string& db) {
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : r.misses)
        misses.push_back({{"word", m.word.text}, {"pinyin", m.word.pinyin}, {"records", m.word.records},
                          {"phrases", m.phrases}});
    return {{"db", db},
            {"latency", {{"keystrokes", r.keystrokes}, {"median_ms", r.medianMs}, {"p95_ms", r.p95Ms},
                         {"max_ms", r.maxMs}, {"goal_ms", kImeLatencyGoalMs},
                         {"met", r.p95Ms <= kImeLatencyGoalMs}}},
            {"words", {{"count", r.words}, {"hits", r.hits}, {"hit_rate", r.hitRate()}, {"top", kImeTopPhrases},
                       {"goal", kImeHitGoal}, {"met", r.hitRate() >= kImeHitGoal}, {"misses", misses},
                       {"measured", r.measured}}}};
}

namespace {

void printReport(const ImeBenchReport& r, const std::string& db) {
    std::printf("bench ime on %s\n", db.c_str());
    std::printf("(a) keystroke -> first %zu candidates, %zu keystrokes: median %.2f ms, p95 %.2f ms, max %.2f ms"
                " (goal <= %.0f ms: %s)\n", kPageSize, r.keystrokes, r.medianMs, r.p95Ms, r.maxMs,
                kImeLatencyGoalMs, r.p95Ms <= kImeLatencyGoalMs ? "met" : "NOT met");
    std::printf("(b) %d most frequent two-character words among the first %d phrases for their full pinyin:"
                " %d/%d = %.1f%% (goal >= %.0f%%: %s)\n", r.words, kImeTopPhrases, r.hits, r.words,
                100 * r.hitRate(), 100 * kImeHitGoal, r.hitRate() >= kImeHitGoal ? "met" : "NOT met");
    for (const auto& m : r.misses) {
        std::string got;
        for (const auto& p : m.phrases) got += (got.empty() ? "" : " ") + p;
        std::printf("  miss %s %s (%lld records): %s\n", m.word.text.c_str(), m.word.pinyin.c_str(), m.word.records,
                    got.empty() ? "(no phrases)" : got.c_str());
    }
}

// [4] command
struct ImeBenchOptions {
    std::string db;
    int words = kImeBenchWords;
    bool json = false;
};

int runImeBenchCommand(const ImeBenchOptions& opt) {
    std::string db = opt.db, tmp;
    if (db.empty()) {
        tmp = (fs::temp_directory_path() / ("gongkai-bench-ime-" + std::to_string(::getpid()))).string();
        fs::create_directories(tmp);
        auto built = buildDemoMirror(tmp);
        if (!built) {
            std::fprintf(stderr, "gongkai bench ime: %s\n", built.error().message.c_str());
            return 1;
        }
        db = built.value();
    }
    int status = 0;
    {
        auto mirror = Mirror::open(db, Mirror::Mode::ReadOnly);
        auto words = mirror ? frequentTwoCharacterWords(*mirror.value(), opt.words)
                            : Result<std::vector<ImeWord>>(mirror.error());
        if (!words) {
            std::fprintf(stderr, "gongkai bench ime: %s\n", words.error().message.c_str());
            status = 1;
        } else {
            auto report = runImeBench(*mirror.value(), words.value());
            if (opt.json) std::printf("%s\n", imeBenchJson(report, opt.db.empty() ? "demo" : db).dump(2).c_str());
            else printReport(report, opt.db.empty() ? "the demo mirror" : db);
        }
    }
    std::error_code ec;
    if (!tmp.empty()) fs::remove_all(tmp, ec);
    return status;
}

}  // namespace

void addBenchImeCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<ImeBenchOptions>();
    auto* c = bench.add_subcommand("ime", "Pinyin input: keystroke latency and top-5 phrase hit rate");
    c->add_option("--db", opt->db, "mirror to measure (default: a demo mirror built from data/demo)");
    c->add_option("--words", opt->words, "how many frequent two-character words")
        ->capture_default_str()->check(CLI::Range(1, 100000));
    c->add_flag("--json", opt->json, "one JSON object");
    c->callback([opt, &exitCode] { exitCode = runImeBenchCommand(*opt); });
}

}  // namespace gongkai::cli
