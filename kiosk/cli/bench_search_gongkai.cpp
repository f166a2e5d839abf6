// Gongkai under test: the real import path, the text store extracted from
// the mirror it built, the index rebuild timed on its own, and search().
#include <chrono>
#include <filesystem>

#include "cli/bench_search_engines.h"
#include "core/apply.h"
#include "core/mirror.h"
#include "core/search.h"
#include "core/search_index.h"

namespace gongkai::cli {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

int yearOf(const nlohmann::json& record) {
    auto it = record.find("published_on");
    if (it == record.end() || !it->is_string()) return 0;
    const auto& s = it->get_ref<const std::string&>();
    return s.size() >= 4 ? std::atoi(s.substr(0, 4).c_str()) : 0;
}

std::string stringField(const nlohmann::json& record, const char* name) {
    auto it = record.find(name);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class GongkaiEngine : public BenchEngine {
public:
    explicit GongkaiEngine(std::unique_ptr<Mirror> mirror) : m_mirror(std::move(mirror)) {}
    Result<int> run(const BenchQuery& q) override {
        SearchQuery sq;
        sq.text = q.text;
        sq.limit = kBenchHitLimit;
        sq.type = q.type;
        sq.fromYear = q.fromYear;
        sq.toYear = q.toYear;
        auto r = search(*m_mirror, sq);
        if (!r) return r.error();
        return static_cast<int>(r.value().hits.size());
    }

private:
    std::unique_ptr<Mirror> m_mirror;
};

// The index: the FTS5 table `search` with its shadow tables, and the pinyin
// pair table the engine expands pinyin queries through (with its indexes).
Result<std::int64_t> searchIndexBytes(const std::string& mirrorPath) {
    auto db = BenchDb::open(mirrorPath, true);
    if (!db) return db.error();
    return db.value()->scalar(
        "SELECT sum(d.pgsize) FROM dbstat d JOIN sqlite_schema s ON s.name = d.name"
        " WHERE s.tbl_name LIKE 'search%' OR s.tbl_name = 'pinyin_pair'");
}

Result<std::int64_t> pairTableBytes(const std::string& mirrorPath) {
    auto db = BenchDb::open(mirrorPath, true);
    if (!db) return db.error();
    return db.value()->scalar(
        "SELECT sum(d.pgsize) FROM dbstat d JOIN sqlite_schema s ON s.name = d.name"
        " WHERE s.tbl_name = 'pinyin_pair'");
}

}  // namespace

Status importBenchMirror(const std::vector<std::string>& files, const std::string& mirrorPath,
                         nlohmann::json& report, const ProgressFn& progress) {
    auto start = Clock::now();
    std::uint64_t records = 0;
    {
        auto mirror = Mirror::open(mirrorPath, Mirror::Mode::Create);
        if (!mirror) return mirror.error();
        for (const auto& f : files) {
            // importRecordFile, committed every kImportChunkRecords: a file is
            // one transaction there, and a 1 000 000-document one would hold a
            // write-ahead log as large as the mirror until its commit.
            auto batch = std::make_unique<Batch>(*mirror.value());
            std::uint64_t lines = 0, bytes = 0, inBatch = 0;
            auto s = scanRecordFile(
                f,
                [&](const Record& rec, std::uint64_t) -> Status {
                    if (auto st = batch->status(); !st) return st;
                    if (auto st = batch->apply(rec); !st) return st;
                    if (++inBatch < kImportChunkRecords) return okStatus();
                    if (auto st = batch->commit(); !st) return st;
                    batch = std::make_unique<Batch>(*mirror.value());
                    inBatch = 0;
                    return okStatus();
                },
                f == files.front() ? progress : ProgressFn{}, lines, bytes);
            if (!s) return Error{f + ": " + s.error().message};
            if (auto c = batch->commit(); !c) return Error{f + ": " + c.error().message};
            records += lines;
        }
    }
    report["import_s"] = secondsSince(start);
    report["record_lines"] = records;
    return okStatus();
}

Result<nlohmann::json> extractTextStore(const std::string& mirrorPath, const std::string& textDb) {
    auto src = BenchDb::open(mirrorPath, true);
    if (!src) return src.error();
    auto dst = BenchDb::open(textDb, false);
    if (!dst) return dst.error();
    auto& out = *dst.value();
    for (const char* sql : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
                            "CREATE TABLE plain(rowid INTEGER PRIMARY KEY, type TEXT, year INTEGER,"
                            " doc_no TEXT, title TEXT, ref TEXT, summary TEXT, body TEXT)",
                            "BEGIN"})
        if (auto s = out.exec(sql); !s) return s.error();
    auto start = Clock::now();
    double parseS = 0;
    std::uint64_t records = 0, bytes = 0;
    BenchStmt all(src.value()->handle(), "SELECT rid, type, json FROM record ORDER BY rid");
    BenchStmt ins(out.handle(), "INSERT INTO plain VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    while (all.row()) {
        auto t = Clock::now();
        auto type = std::string(all.text(1));
        auto record = nlohmann::json::parse(all.text(2), nullptr, false);
        auto text = indexedText(type, record);
        parseS += secondsSince(t);
        if (!text) continue;
        ins.bind(1, all.integer(0)).bind(2, type).bind(3, std::int64_t{yearOf(record)});
        ins.bind(4, stringField(record, "doc_no")).bind(5, text->title).bind(6, text->ref);
        ins.bind(7, text->summary).bind(8, text->body);
        ins.row();
        if (!ins.done()) return Error{"text store: " + out.lastError()};
        ins.reset();
        ++records;
        bytes += text->title.size() + text->ref.size() + text->summary.size() + text->body.size();
    }
    if (!all.done()) return Error{"text store: " + src.value()->lastError()};
    if (auto s = out.exec("COMMIT"); !s) return s.error();
    return nlohmann::json{{"records", records}, {"text_bytes", bytes},
                          {"extract_s", secondsSince(start)}, {"parse_s", parseS}};
}

Result<nlohmann::json> textStoreSize(const std::string& textDb) {
    auto db = BenchDb::open(textDb, true);
    if (!db) return db.error();
    auto records = db.value()->scalar("SELECT count(*) FROM plain");
    if (!records) return records.error();
    auto bytes = db.value()->scalar(
        "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(ref AS BLOB)) + length(CAST(summary AS BLOB))"
        " + length(CAST(body AS BLOB))) FROM plain");
    if (!bytes) return bytes.error();
    return nlohmann::json{{"records", records.value()}, {"text_bytes", bytes.value()}};
}

Result<std::unique_ptr<BenchEngine>> buildGongkai(const std::string& mirrorPath, std::uint64_t textBytes,
                                                   nlohmann::json& report, bool reuse) {
    if (!reuse) {
        auto before = searchIndexBytes(mirrorPath);
        if (!before) return before.error();
        report["index_bytes_after_import"] = before.value();
        auto mirror = Mirror::open(mirrorPath, Mirror::Mode::ReadWrite);
        if (!mirror) return mirror.error();
        auto start = Clock::now();
        if (auto s = mirror.value()->exec("BEGIN IMMEDIATE"); !s) return s.error();
        // db() is documented as core-only; the index rebuild is the one core
        // entry point that takes the connection, and the brief asks for it.
        if (auto s = rebuildSearchIndex(mirror.value()->db()); !s) return s.error();
        if (auto s = mirror.value()->exec("COMMIT"); !s) return s.error();
        double rebuildS = secondsSince(start);
        report["build_s"] = rebuildS;
        report["mb_s"] = static_cast<double>(textBytes) / 1e6 / rebuildS;
    }
    auto mirror = Mirror::open(mirrorPath, Mirror::Mode::ReadOnly);
    if (!mirror) return mirror.error();
    return std::unique_ptr<BenchEngine>(std::make_unique<GongkaiEngine>(std::move(mirror.value())));
}

Status measureGongkaiIndex(const std::string& mirrorPath, nlohmann::json& report) {
    auto bytes = searchIndexBytes(mirrorPath);
    if (!bytes) return bytes.error();
    report["index_bytes"] = bytes.value();
    if (!report.contains("index_bytes_after_import"))  // a kept mirror: as the import (or a reindex) left it
        report["index_bytes_after_import"] = bytes.value();
    auto pairs = pairTableBytes(mirrorPath);
    if (!pairs) return pairs.error();
    report["pinyin_pair_bytes"] = pairs.value();
    report["mirror_bytes"] = std::filesystem::file_size(mirrorPath);
    return okStatus();
}

}  // namespace gongkai::cli
