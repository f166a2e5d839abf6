// gongkai bench sync. Sections: [1] the corpus and its 1 % change, [2] the
// concurrent reader, [3] the measured steps, [4] report, [5] registration.
#include "cli/bench_sync.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/bench_files.h"
#include "cli/bench_gen.h"
#include "client/updater.h"
#include "core/apply.h"
#include "core/feed_apply.h"
#include "core/record.h"
#include "core/record_reader.h"
#include "core/search.h"
#include "core/store.h"
#include "feed/publish.h"

namespace gongkai::cli {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

void say(const std::string& line) { std::fprintf(stderr, "bench sync: %s\n", line.c_str()); }

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
    return v[std::min(rank, v.size()) - 1];
}

// [1] The change: every k-th document gets a revised title and one more
// paragraph, written as upserts to a second record file (a later line
// supersedes, so version 2 = the corpus + this file).
Result<std::uint64_t> writeChange(const std::string& corpus, const std::string& out, double pct) {
    auto reader = RecordFileReader::open(corpus);
    if (!reader) return reader.error();
    std::ofstream file(out, std::ios::trunc);
    const auto every = static_cast<std::uint64_t>(std::max(1.0, 100.0 / pct));
    std::string line;
    std::uint64_t lineNo = 0, n = 0, changed = 0;
    while (reader.value()->next(line, lineNo) == RecordFileReader::Next::Line) {
        if (++n % every != 0) continue;
        auto j = json::parse(line, nullptr, false);
        if (!j.is_object() || j.value("type", "") != "document") continue;
        j["title"] = j.value("title", "") + "（修订）";
        if (!j.contains("body") || !j["body"].is_array()) j["body"] = json::array();
        j["body"].push_back({{"p", "本文件于2026年11月修订，修订内容自发布之日起施行。"}});
        file << j.dump() << "\n";
        ++changed;
    }
    if (!file.flush()) return Error{out + ": cannot write"};
    return changed;
}

// [2] A reader on its own connection, doing what the kiosk does, until told
// to stop: a page read (the header's data info, the latest documents, one
// document) and a search. A page read does almost no work, so its latency is
// the time a reader is held up; a search's adds its own computing.
struct ReaderTimes {
    std::vector<double> pageMs, searchMs;
};

class Reader {
public:
    explicit Reader(std::string db) : m_db(std::move(db)) {}
    void start() {
        m_stop = false;
        m_thread = std::thread([this] { loop(); });
    }
    ReaderTimes stop() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
        return m_times;
    }

private:
    void loop() {
        m_times = {};
        auto mirror = Mirror::open(m_db, Mirror::Mode::ReadOnly);
        if (!mirror) return;
        Store store(*mirror.value());
        const char* queries[] = {"低保", "户籍管理", "hujiguanli", "通知", "医疗保险", "zfxxgk", "工伤"};
        for (std::size_t i = 0; i == 0 || !m_stop; ++i) {  // at least one round, however short the apply
            auto t = Clock::now();
            (void)store.dataInfo();
            auto latest = store.latestDocuments(20);
            if (latest && !latest.value().empty()) (void)store.document(latest.value()[i % latest.value().size()].id);
            m_times.pageMs.push_back(secondsSince(t) * 1000);
            t = Clock::now();
            SearchQuery q;
            q.text = queries[i % std::size(queries)];
            (void)search(*mirror.value(), q);
            m_times.searchMs.push_back(secondsSince(t) * 1000);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a resident taps, not a loop
        }
    }
    std::string m_db;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    ReaderTimes m_times;
};

json latencyJson(const std::vector<double>& ms) {
    double worst = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
    return {{"queries", ms.size()}, {"p50_ms", percentile(ms, 50)}, {"p99_ms", percentile(ms, 99)}, {"max_ms", worst}};
}

json readerJson(const ReaderTimes& t) { return {{"page", latencyJson(t.pageMs)}, {"search", latencyJson(t.searchMs)}}; }

// [3] One sync from the file:// feed with the reader running beside it.
struct Measured {
    sync::SyncReport report;
    ReaderTimes reader;
};

Result<Measured> syncWithReader(const std::string& feedDir, const std::string& db, const feed::PublicKey& key,
                                bool full, bool withReader) {
    sync::SyncOptions o;
    o.sources = {"file://" + fs::absolute(feedDir).string()};
    o.dbPath = db;
    o.trusted = {key};
    o.feedId = "bench";
    o.preferSnapshot = full;
    sync::SyncLog log([](const std::string& line) { say("  " + line); });
    Reader reader(db);
    if (withReader) reader.start();
    Measured m{sync::syncOnce(o, log), {}};
    if (withReader) m.reader = reader.stop();
    if (!m.report.ok()) return Error{"sync failed: " + m.report.message};
    return m;
}

Result<feed::PublishResult> publish(const std::vector<std::string>& records, const std::string& feedDir,
                                    const feed::KeyPair& key, std::int64_t now) {
    feed::PublishOptions o;
    o.records = records;
    o.feedDir = feedDir;
    o.keys = {key.secret};
    o.feedId = "bench";
    o.now = now;
    return feed::publishFeed(o);
}

Status copyMirror(const std::string& from, const std::string& to) {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) return Error{"cannot copy " + from + ": " + ec.message()};
    return okStatus();
}

Result<json> measure(const SyncBenchOptions& o, const fs::path& dir) {
    const std::string corpus = (dir / "corpus.ndjson.zst").string(), change = (dir / "change.ndjson").string();
    const std::string feedDir = (dir / "feed").string();
    say("generating " + std::to_string(o.docs) + " documents");
    BenchGenOptions gen{o.docs, o.seed, corpus, demoRecordFiles()};
    if (auto g = generateBenchCorpus(gen); !g) return g.error();
    auto changed = writeChange(corpus, change, o.changePct);
    if (!changed) return changed.error();
    auto key = feed::generateKeyPair();
    auto t = Clock::now();
    auto v1 = publish({corpus}, feedDir, key, 1793491200);
    if (!v1) return v1.error();
    double publishS = secondsSince(t);

    say("baseline: gongkai import of the same records");
    auto importDb = Mirror::open((dir / "import.db").string(), Mirror::Mode::Create);
    if (!importDb) return importDb.error();
    t = Clock::now();
    auto imported = importRecordFile(*importDb.value(), corpus);
    if (!imported) return imported.error();
    double importS = secondsSince(t);
    double textMb = static_cast<double>(imported.value().textBytes) / 1e6;
    importDb.value().reset();
    fs::remove(dir / "import.db");

    say("full snapshot into an empty mirror");
    const std::string a = (dir / "a.db").string(), b = (dir / "b.db").string();
    auto full = syncWithReader(feedDir, a, key.pub, false, false);
    if (!full) return full.error();
    if (auto s = copyMirror(a, b); !s) return s.error();
    Reader idle(a);
    idle.start();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    auto idleTimes = idle.stop();

    auto v2 = publish({corpus, change}, feedDir, key, 1793491200 + 86400);
    if (!v2) return v2.error();
    say(std::to_string(changed.value()) + " documents changed: by delta");
    auto byDelta = syncWithReader(feedDir, a, key.pub, false, true);
    if (!byDelta) return byDelta.error();
    say("the same change by snapshot");
    auto bySnapshot = syncWithReader(feedDir, b, key.pub, true, true);
    if (!bySnapshot) return bySnapshot.error();

    std::uint64_t snapshotBytes = v2.value().snapshotBytes;
    std::uint64_t deltaBytes = v2.value().deltaBytes.empty() ? 0 : v2.value().deltaBytes.front();
    double fullRate = textMb / full.value().report.applySeconds, importRate = textMb / importS;
    const auto& d = byDelta.value();
    const auto& s = bySnapshot.value();
    double worstPage = 0;
    for (const auto* times : {&d.reader, &s.reader})
        for (double x : times->pageMs) worstPage = std::max(worstPage, x);
    return json{
        {"docs", o.docs}, {"changed_docs", changed.value()}, {"text_mb", textMb}, {"publish_v1_s", publishS},
        {"snapshot_bytes", snapshotBytes}, {"delta_bytes", deltaBytes},
        {"delta_share", static_cast<double>(d.report.downloaded) / static_cast<double>(snapshotBytes)},
        {"change_by_delta", {{"downloaded", d.report.downloaded}, {"apply_s", d.report.applySeconds},
                             {"reader", readerJson(d.reader)}}},
        {"change_by_snapshot", {{"downloaded", s.report.downloaded}, {"apply_s", s.report.applySeconds},
                                {"reader", readerJson(s.reader)}}},
        {"full_snapshot", {{"apply_s", full.value().report.applySeconds}, {"mb_per_s", fullRate}}},
        {"import_baseline", {{"s", importS}, {"mb_per_s", importRate}}},
        {"reader_idle", readerJson(idleTimes)},
        {"goals", {{"delta_share_le_3pct", static_cast<double>(d.report.downloaded) <= kSyncDeltaShareGoal * static_cast<double>(snapshotBytes)},
                   {"delta_apply_le_5s", d.report.applySeconds <= kSyncDeltaApplyGoalS},
                   {"full_snapshot_rate_ge_import", fullRate >= importRate},
                   {"reader_page_max_le_50ms", worstPage <= kSyncReaderGoalMs}}}};
}

// [4]
void printTable(const json& j) {
    auto mb = [](const json& v) { return static_cast<double>(v.get<std::uint64_t>()) / 1e6; };
    std::printf("corpus            %llu documents, %.1f MB of text; %llu changed\n",
                static_cast<unsigned long long>(j["docs"].get<std::uint64_t>()), j["text_mb"].get<double>(),
                static_cast<unsigned long long>(j["changed_docs"].get<std::uint64_t>()));
    std::printf("snapshot v2       %.2f MB    delta 1-2 %.3f MB\n", mb(j["snapshot_bytes"]), mb(j["delta_bytes"]));
    auto three = [](const json& r) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%6.1f /%6.1f /%6.1f", r["p50_ms"].get<double>(), r["p99_ms"].get<double>(),
                      r["max_ms"].get<double>());
        return std::string(buf);
    };
    std::printf("%-18s %12s %9s  %-22s  %-22s\n", "", "downloaded", "apply", "page read p50/p99/max", "search p50/p99/max ms");
    for (const char* k : {"change_by_delta", "change_by_snapshot"}) {
        const json& r = j[k]["reader"];
        std::printf("%-18s %9.3f MB %7.2f s  %s  %s\n", k, mb(j[k]["downloaded"]), j[k]["apply_s"].get<double>(),
                    three(r["page"]).c_str(), three(r["search"]).c_str());
    }
    const json& idle = j["reader_idle"];
    std::printf("%-18s %12s %9s  %s  %s\n", "reader, no apply", "", "", three(idle["page"]).c_str(),
                three(idle["search"]).c_str());
    std::printf("full snapshot     %.1f s = %.2f MB/s;  gongkai import %.1f s = %.2f MB/s (ratio %.2f)\n",
                j["full_snapshot"]["apply_s"].get<double>(), j["full_snapshot"]["mb_per_s"].get<double>(),
                j["import_baseline"]["s"].get<double>(), j["import_baseline"]["mb_per_s"].get<double>(),
                j["full_snapshot"]["mb_per_s"].get<double>() / j["import_baseline"]["mb_per_s"].get<double>());
    std::printf("delta share       %.2f %% of the snapshot's bytes\n", 100 * j["delta_share"].get<double>());
    for (const auto& [goal, met] : j["goals"].items()) std::printf("goal %-28s %s\n", goal.c_str(), met.get<bool>() ? "met" : "NOT met");
}

}  // namespace

int runSyncBenchCommand(const SyncBenchOptions& o) {
    fs::path dir = o.dir.empty() ? fs::temp_directory_path() / ("gongkai-bench-sync-" + std::to_string(::getpid())) : fs::path(o.dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    auto space = fs::space(dir, ec);
    double needed = static_cast<double>(o.docs) * 8000 * 9;  // text x (corpus, feed, two mirrors, WAL)
    if (!ec && static_cast<double>(space.available) < needed) {
        std::fprintf(stderr, "gongkai bench sync: %s has %.1f GB free, about %.1f GB are needed\n", dir.c_str(),
                     static_cast<double>(space.available) / 1e9, needed / 1e9);
        return 1;
    }
    auto result = measure(o, dir);
    if (!o.keep && o.dir.empty()) fs::remove_all(dir, ec);
    if (!result) {
        std::fprintf(stderr, "gongkai bench sync: %s\n", result.error().message.c_str());
        return 1;
    }
    if (o.json) std::printf("%s\n", result.value().dump(2).c_str());
    else printTable(result.value());
    return 0;
}

// [5]
void addBenchSyncCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<SyncBenchOptions>();
    auto* c = bench.add_subcommand("sync", "Sync: bytes and apply time of a small change by delta and snapshot, "
                                           "full snapshot rate, a concurrent reader's latency");
    c->add_option("--docs", opt->docs, "generated documents")->capture_default_str()->check(CLI::Range(10, 2000000));
    c->add_option("--change-pct", opt->changePct, "share of documents changed in version 2")
        ->capture_default_str()->check(CLI::Range(0.01, 100.0));
    c->add_option("--seed", opt->seed, "generator seed")->capture_default_str();
    c->add_option("--dir", opt->dir, "work folder (kept); default: a temporary one");
    c->add_flag("--keep", opt->keep, "keep the temporary folder");
    c->add_flag("--json", opt->json, "one JSON object");
    c->callback([opt, &exitCode] { exitCode = runSyncBenchCommand(*opt); });
}

}  // namespace gongkai::cli
