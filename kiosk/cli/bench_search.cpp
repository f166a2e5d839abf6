// gongkai bench search
// Sections: [1] corpora and disk  [2] one corpus  [3] entry  [4] registration
#include "cli/bench_search.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "cli/bench_files.h"
#include "cli/bench_gen.h"
#include "cli/bench_search_engines.h"
#include "cli/bench_search_measure.h"
#include "cli/bench_search_queries.h"

namespace gongkai::cli {

namespace fs = std::filesystem;

// [1] corpora and disk
namespace {

struct CorpusPlan {
    std::string name;        // "docs-10000" or "corpus"
    std::uint64_t docs = 0;  // generated documents (0: the --corpus files only)
    std::vector<std::string> files;
};

bool hasEngine(const SearchBenchOptions& o, const std::string& name) {
    return std::find(o.engines.begin(), o.engines.end(), name) != o.engines.end();
}

// Bytes on disk per byte of indexed text, measured at 10 000 documents + the
// shared corpus (132.7 MB of text: mirror 511 MB, text store 144 MB, trigram
// index 238 MB, Xapian 429 MB), rounded up.
constexpr double kGeneratedFactor = 0.3;  // generated .zst and journals
constexpr double kMirrorFactor = 4.0;
constexpr double kTextStoreFactor = 1.1;
constexpr double kTrigramFactor = 2.0;
constexpr double kXapianFactor = 3.5;
// Gongkai's index rebuild rewrites the index inside one transaction, then
// merges it into one segment: the write-ahead log holds both until the
// commit, and the merged segment then grows the mirror file. At 1 000 000
// documents (7.57 GB of text) the log peaked at 21.9 GB and the mirror grew
// by 6.9 GB.
constexpr double kRebuildLogFactor = 4.0;

double engineFactor(const std::string& name) {
    return name == "gongkai" ? kMirrorFactor : name == "trigram" ? kTrigramFactor : kXapianFactor;
}

// Every engine's index at once; or one at a time, the mirror (Gongkai's)
// deleted once Gongkai is measured.
double diskFactor(const SearchBenchOptions& o, bool oneAtATime) {
    double f = kGeneratedFactor + kMirrorFactor + kTextStoreFactor;
    if (oneAtATime) {
        for (const auto& e : o.engines)
            if (e != "gongkai") f = std::max(f, kGeneratedFactor + kTextStoreFactor + engineFactor(e));
        return f;
    }
    if (hasEngine(o, "trigram")) f += kTrigramFactor;
    if (hasEngine(o, "xapian")) f += kXapianFactor;
    return f;
}

// Indexed UTF-8 text per generated document (bench gen: ~7.9 kB per document).
constexpr double kTextPerGeneratedDoc = 8000;

std::uint64_t estimatedTextBytes(const CorpusPlan& plan, const std::vector<std::string>& extraFiles) {
    double bytes = static_cast<double>(plan.docs) * kTextPerGeneratedDoc;
    for (const auto& f : extraFiles) {
        std::error_code ec;
        auto size = static_cast<double>(fs::file_size(f, ec));
        bytes += f.ends_with(".zst") ? 7.0 * size : size;  // zstd NDJSON compresses about 7:1
    }
    return static_cast<std::uint64_t>(bytes);
}

double gb(double bytes) { return bytes / 1e9; }

// Whether `need` more bytes still leave options.keepFreeGb free; the error
// says what was asked for.
Status checkFree(const SearchBenchOptions& o, const fs::path& dir, double need, const std::string& what) {
    std::error_code ec;
    auto space = fs::space(dir, ec);
    if (ec) return Error{"cannot read free space of " + dir.string() + ": " + ec.message()};
    auto free = static_cast<double>(space.available);
    if (free >= need + o.keepFreeGb * 1e9) return okStatus();
    char msg[512];
    std::snprintf(msg, sizeof msg,
                  "not enough free disk for %s in %s: about %.1f GB needed and %.1f GB to be kept free,"
                  " %.1f GB available",
                  what.c_str(), dir.string().c_str(), gb(need), o.keepFreeGb, gb(free));
    return Error{msg};
}

// Up front: whether the corpus fits with every engine at once (false) or only
// one at a time (true); an error when it fits neither way.
Result<bool> planDisk(const SearchBenchOptions& o, const CorpusPlan& plan, const fs::path& dir) {
    auto text = static_cast<double>(estimatedTextBytes(plan, plan.files));
    bool oneAtATime = o.oneEngineAtATime || (!o.keep && !checkFree(o, dir, text * diskFactor(o, false), plan.name));
    auto what = plan.name + (oneAtATime ? " (one engine at a time)" : "");
    if (auto s = checkFree(o, dir, text * diskFactor(o, oneAtATime), what); !s)
        return Error{s.error().message + " (leave Xapian out with --engines gongkai,trigram, use --work-dir on a"
                                         " larger disk" + (o.keep ? ", or drop --keep: it needs every engine at once)" : ")")};
    return oneAtATime;
}

std::vector<CorpusPlan> planCorpora(const SearchBenchOptions& o) {
    if (!o.corpus.empty()) return {CorpusPlan{"corpus", 0, o.corpus}};
    std::vector<CorpusPlan> plans;
    auto shared = o.sharedCorpus ? sharedCorpus() : std::vector<std::string>{};
    for (auto n : o.docs) plans.push_back(CorpusPlan{"docs-" + std::to_string(n), n, shared});
    return plans;
}

// A progress line every tenth of `total`, with the time so far: a
// 1 000 000-document corpus takes hours to generate and import.
std::function<void(std::uint64_t, std::uint64_t)> tenths(const std::string& what,
                                                          const std::function<void(const std::string&)>& log) {
    auto start = std::chrono::steady_clock::now();
    auto last = std::make_shared<std::uint64_t>(0);
    return [=](std::uint64_t done, std::uint64_t total) {
        if (!log || total == 0 || done * 10 / total <= *last) return;
        *last = done * 10 / total;
        char line[160];
        std::snprintf(line, sizeof line, "%s: %llu%% in %.0f s", what.c_str(),
                      static_cast<unsigned long long>(*last * 10),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        log(line);
    };
}

Status generate(const SearchBenchOptions& o, CorpusPlan& plan, const fs::path& dir,
                const std::function<void(const std::string&)>& log) {
    BenchGenOptions gen;
    gen.docs = plan.docs;
    gen.seed = o.seed;
    gen.out = (dir / "generated.ndjson.zst").string();
    gen.sources = demoRecordFiles();
    for (const auto& f : plan.files) gen.sources.push_back(f);
    auto summary = generateBenchCorpus(gen, tenths(plan.name + ": generated", log));
    if (!summary) return summary.error();
    plan.files.insert(plan.files.begin(), gen.out);
    return okStatus();
}

}  // namespace

// [2] one corpus
namespace {

using Log = std::function<void(const std::string&)>;

Result<std::unique_ptr<BenchEngine>> buildEngine(const SearchBenchOptions& o, const std::string& name,
                                                 const fs::path& dir, nlohmann::json& corpus, const Log& log) {
    auto bytes = corpus["text_bytes"].get<std::uint64_t>();
    auto textDb = (dir / "text.db").string();
    log("building " + name);
    nlohmann::json report;
    bool reuse = o.reuse;
    if (name == "gongkai" && !reuse) {
        // The rebuild's write-ahead log must fit too; without room, the index
        // the import built is measured as it is.
        auto room = checkFree(o, dir, static_cast<double>(bytes) * kRebuildLogFactor, "gongkai's index rebuild");
        if (!room) {
            log("gongkai: index rebuild skipped: " + room.error().message);
            report["rebuild_skipped"] = room.error().message;
            reuse = true;
        }
    }
    Result<std::unique_ptr<BenchEngine>> engine =
        name == "gongkai" ? buildGongkai((dir / "mirror.db").string(), bytes, report, reuse)
        : name == "trigram" ? buildTrigram(textDb, bytes, report, reuse)
                            : buildXapian(textDb, (dir / "xapian").string(), bytes, report, reuse);
    if (!engine) return Error{name + ": " + engine.error().message};
    corpus["engines"][name] = report;
    return std::move(engine.value());
}

// One engine at a time, an engine's files go before the next is built: the
// mirror after Gongkai (the text store is already extracted from it), the
// Xapian directory after Xapian. Trigram's index lives in the text store,
// which the others need, so it comes last.
std::vector<std::string> engineOrder(const SearchBenchOptions& o, bool oneAtATime) {
    std::vector<std::string> order = o.engines;
    if (oneAtATime)
        std::stable_partition(order.begin(), order.end(), [](const std::string& e) { return e != "trigram"; });
    return order;
}

void removeEngineFiles(const std::string& name, const fs::path& dir, const Log& log) {
    std::error_code ec;
    if (name == "gongkai")
        for (const char* f : {"mirror.db", "mirror.db-wal", "mirror.db-shm"}) fs::remove(dir / f, ec);
    if (name == "xapian") fs::remove_all(dir / "xapian", ec);
    if (name != "trigram") log("removed " + name + "'s index to make room for the next engine");
}

// The index's size, measured once every engine's queries are done (or, one engine
// at a time, before its files go).
Status measureIndex(const std::string& name, const fs::path& dir, nlohmann::json& report) {
    if (name == "gongkai") return measureGongkaiIndex((dir / "mirror.db").string(), report);
    if (name == "trigram") return measureTrigramIndex((dir / "text.db").string(), report);
    return okStatus();  // Xapian's: its directory's size, read when it was opened
}

// Whether an engine's index is already in the work directory (--reuse
// measures it as it is; otherwise it is built, and must fit).
Result<bool> indexBuilt(BenchDb& store, const std::string& name, const fs::path& dir) {
    if (name == "xapian") return xapianIndexBuilt((dir / "xapian").string());
    if (name == "trigram") return trigramIndexBuilt(store);
    return true;  // Gongkai's: the mirror the import built
}

Result<nlohmann::json> recallTwoChar(BenchDb& store, const std::vector<BenchQuery>& queries,
                                     const std::map<std::string, EngineTiming>& timings) {
    std::vector<std::size_t> truth;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        if (queries[i].cls != "cjk2") continue;
        auto found = textStoreContains(store, queries[i].text);
        if (!found) return found.error();
        if (found.value()) truth.push_back(i);
    }
    nlohmann::json out = {{"truth_queries", truth.size()}};
    for (const auto& [name, t] : timings) {
        std::size_t hit = 0;
        for (auto i : truth) hit += t.hits[i] > 0;
        out[name] = truth.empty() ? 0.0 : static_cast<double>(hit) / static_cast<double>(truth.size());
    }
    if (!timings.count("trigram")) return out;
    std::size_t indexHits = 0;  // the trigram index alone, without the LIKE fallback
    for (auto i : truth) {
        auto found = trigramIndexMatches(store, queries[i].text);
        if (!found) return found.error();
        indexHits += found.value();
    }
    out["trigram_index_only"] = truth.empty() ? 0.0 : static_cast<double>(indexHits) / static_cast<double>(truth.size());
    return out;
}

nlohmann::json classTable(const std::vector<BenchQuery>& queries, const std::map<std::string, EngineTiming>& timings) {
    nlohmann::json classes = nlohmann::json::object();
    for (const auto& c : benchClasses()) {
        auto n = std::count_if(queries.begin(), queries.end(), [&](const BenchQuery& q) { return q.cls == c.id; });
        nlohmann::json row = {{"label", c.label}, {"queries", n}};
        for (const auto& [name, t] : timings)
            row[name] = t.classes.contains(c.id) ? t.classes[c.id] : nlohmann::json();
        classes[c.id] = row;
    }
    return classes;
}

// Builds and queries each engine on the same query set, then the class
// table and 2-character recall.
Status runEngines(const SearchBenchOptions& o, const fs::path& dir, nlohmann::json& corpus, bool oneAtATime,
                  const Log& log) {
    auto store = BenchDb::open((dir / "text.db").string(), true);
    if (!store) return store.error();
    auto queries = deriveBenchQueries(*store.value(), o.queriesPerClass, o.seed);
    if (!queries) return queries.error();
    if (!o.classes.empty())
        std::erase_if(queries.value(), [&](const BenchQuery& q) {
            return std::find(o.classes.begin(), o.classes.end(), q.cls) == o.classes.end();
        });
    corpus["one_engine_at_a_time"] = oneAtATime;
    auto bytes = static_cast<double>(corpus["text_bytes"].get<std::uint64_t>());
    std::map<std::string, EngineTiming> timings;
    for (const auto& name : engineOrder(o, oneAtATime)) {
        auto built = indexBuilt(*store.value(), name, dir);
        if (!built) return built.error();
        if (name != "gongkai" && !(o.reuse && built.value()))
            if (auto s = checkFree(o, dir, bytes * engineFactor(name), name + "'s index"); !s) return s.error();
        auto engine = buildEngine(o, name, dir, corpus, log);
        if (!engine) return engine.error();
        log("querying " + name + " (" + std::to_string(queries.value().size()) + " queries)");
        timings[name] = measureEngine(*engine.value(), queries.value(), o.runs, name == "gongkai");
        if (!timings[name].firstError.empty()) log(name + ": first query error: " + timings[name].firstError);
        engine.value().reset();
        if (!oneAtATime) continue;
        if (auto s = measureIndex(name, dir, corpus["engines"][name]); !s) return s.error();
        if (!o.keep) removeEngineFiles(name, dir, log);
    }
    if (!oneAtATime)  // after every engine's queries: no engine queries after another's index was read through
        for (const auto& name : o.engines)
            if (auto s = measureIndex(name, dir, corpus["engines"][name]); !s) return s.error();
    corpus["classes"] = classTable(queries.value(), timings);
    auto recall = recallTwoChar(*store.value(), queries.value(), timings);
    if (!recall) return recall.error();
    corpus["recall_2char"] = recall.value();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& q : queries.value())
        list.push_back({{"class", q.cls}, {"text", q.text}, {"type", q.type}, {"from", q.fromYear}, {"to", q.toYear}});
    corpus["queries"] = list;
    return okStatus();
}

bool reusable(const SearchBenchOptions& o, const fs::path& dir) {
    return o.reuse && fs::exists(dir / "mirror.db") && fs::exists(dir / "text.db");
}

// A kept corpus measured again (--reuse).
Result<nlohmann::json> remeasureCorpus(const SearchBenchOptions& o, const CorpusPlan& plan, const fs::path& dir,
                                       const Log& log) {
    log(plan.name + ": reusing " + dir.string());
    auto size = textStoreSize((dir / "text.db").string());
    if (!size) return size.error();
    nlohmann::json corpus = {{"name", plan.name}, {"generated_docs", plan.docs}, {"reused", true},
                             {"records", size.value()["records"]}, {"text_bytes", size.value()["text_bytes"]},
                             {"import", nlohmann::json::object()}, {"text_store", nlohmann::json::object()}};
    if (auto s = runEngines(o, dir, corpus, false, log); !s) return s.error();
    return corpus;
}

Result<nlohmann::json> benchCorpus(const SearchBenchOptions& o, CorpusPlan plan, const fs::path& dir, const Log& log) {
    if (reusable(o, dir)) return remeasureCorpus(o, plan, dir, log);
    auto oneAtATime = planDisk(o, plan, dir);
    if (!oneAtATime) return oneAtATime.error();
    nlohmann::json corpus = {{"name", plan.name}, {"generated_docs", plan.docs}};
    if (plan.docs > 0) {
        log(plan.name + ": generating");
        if (auto s = generate(o, plan, dir, log); !s) return s.error();
    }
    corpus["files"] = plan.files;
    log(plan.name + ": importing");
    nlohmann::json import;
    if (auto s = importBenchMirror(plan.files, (dir / "mirror.db").string(), import, tenths(plan.name + ": imported", log));
        !s)
        return s.error();
    auto store = extractTextStore((dir / "mirror.db").string(), (dir / "text.db").string());
    if (!store) return store.error();
    corpus["records"] = store.value()["records"];
    corpus["text_bytes"] = store.value()["text_bytes"];
    import["mb_s"] = store.value()["text_bytes"].get<double>() / 1e6 / import["import_s"].get<double>();
    corpus["import"] = import;
    corpus["text_store"] = store.value();
    if (auto s = runEngines(o, dir, corpus, oneAtATime.value(), log); !s) return s.error();
    return corpus;
}

}  // namespace

// [3] entry
Result<nlohmann::json> runSearchBench(const SearchBenchOptions& o, const Log& log) {
    auto say = [&](const std::string& s) { if (log) log(s); };
    for (const auto& e : o.engines)
        if (e != "gongkai" && e != "trigram" && e != "xapian") return Error{"unknown engine: " + e};
    for (const auto& c : o.classes)
        if (std::none_of(benchClasses().begin(), benchClasses().end(), [&](const auto& k) { return c == k.id; }))
            return Error{"unknown query class: " + c};
    bool ownRoot = o.workDir.empty();
    fs::path root = ownRoot ? fs::temp_directory_path() / ("gongkai-bench-search-" + std::to_string(::getpid()))
                            : fs::path(o.workDir);
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) return Error{"cannot create " + root.string() + ": " + ec.message()};
    nlohmann::json out = {{"options", {{"engines", o.engines}, {"queries_per_class", o.queriesPerClass},
                                       {"runs", o.runs}, {"seed", o.seed}, {"work_dir", root.string()}}},
                          {"corpora", nlohmann::json::array()}};
    Result<nlohmann::json> result = out;
    for (const auto& plan : planCorpora(o)) {
        auto dir = root / plan.name;
        if (!reusable(o, dir)) {
            fs::remove_all(dir, ec);
            fs::create_directories(dir, ec);
        }
        auto corpus = benchCorpus(o, plan, dir, say);
        if (!o.keep) fs::remove_all(dir, ec);
        if (!corpus) {
            result = Error{plan.name + ": " + corpus.error().message};
            break;
        }
        out["corpora"].push_back(corpus.value());
        result = out;
    }
    if (ownRoot && !o.keep) fs::remove_all(root, ec);
    return result;
}

// [4] registration
void addBenchSearchCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<SearchBenchOptions>();
    auto json = std::make_shared<bool>(false);
    auto jsonOut = std::make_shared<std::string>();
    auto* s = bench.add_subcommand("search", "Search latency, index size and build time: Gongkai vs FTS5 trigram vs Xapian");
    s->add_option("--docs", opt->docs, "generated corpus sizes, each merged with ../shared/corpus")
        ->delimiter(',')->capture_default_str();
    s->add_option("--corpus", opt->corpus, "record files to use instead of generated corpora");
    s->add_option("--engines", opt->engines, "gongkai,trigram,xapian")->delimiter(',')->capture_default_str();
    s->add_option("--work-dir", opt->workDir, "where indexes are built (default: a new temporary directory)");
    s->add_flag("--keep", opt->keep, "keep the work directory");
    s->add_flag("--reuse", opt->reuse,
                "measure again in a kept --work-dir: corpora and indexes found there are used as they are");
    s->add_flag("--no-shared-corpus", [opt](std::int64_t) { opt->sharedCorpus = false; },
                "generated corpora only, without ../shared/corpus");
    s->add_option("--classes", opt->classes, "only these query classes (cjk1,cjk2,cjk4,phrase,pinyin,initials,prefix,"
                                             "docno,filtered)")->delimiter(',');
    s->add_option("--queries-per-class", opt->queriesPerClass, "base queries per class")
        ->capture_default_str()->check(CLI::Range(1, 10000));
    s->add_option("--runs", opt->runs, "timed runs per query (after a pass over all queries and one warm-up)")
        ->capture_default_str()->check(CLI::Range(1, 1000));
    s->add_option("--seed", opt->seed, "generator and query-set seed")->capture_default_str();
    s->add_option("--keep-free-gb", opt->keepFreeGb, "free disk every step must leave (GB)")
        ->capture_default_str()->check(CLI::Range(0.0, 1e6));
    s->add_flag("--one-engine-at-a-time", opt->oneEngineAtATime,
                "build, query and delete each engine's index before the next (automatic when the disk needs it)");
    s->add_flag("--json", *json, "one JSON object on stdout");
    s->add_option("--json-out", *jsonOut, "also write the JSON object to FILE");
    s->callback([opt, json, jsonOut, &exitCode] {
        bool verbose = !*json || ::isatty(STDERR_FILENO);
        if (opt->reuse && opt->workDir.empty()) {
            std::fprintf(stderr, "gongkai bench search: --reuse needs the --work-dir of an earlier --keep run\n");
            exitCode = 2;
            return;
        }
        if (opt->reuse) opt->keep = true;
        auto report = runSearchBench(*opt, [verbose](const std::string& line) {
            if (verbose) std::fprintf(stderr, "bench search: %s\n", line.c_str());
        });
        if (!report) {
            std::fprintf(stderr, "gongkai bench search: %s\n", report.error().message.c_str());
            exitCode = 1;
            return;
        }
        if (!jsonOut->empty()) {
            std::ofstream(*jsonOut) << report.value().dump(2) << "\n";
        }
        std::printf("%s\n", *json ? report.value().dump(2).c_str() : formatSearchBench(report.value()).c_str());
        exitCode = 0;
    });
}

}  // namespace gongkai::cli
