// Baseline 2: Xapian with CJK n-grams, as Kiwix indexes ZIM files: a
// TermGenerator with FLAG_CJK_NGRAM, the title indexed both with prefix "S"
// and unprefixed with a higher wdf weight, the QueryParser with
// FLAG_DEFAULT | FLAG_CJK_NGRAM and OP_AND between terms, get_mset(0, 20).
// Filters: a boolean type term "XT<type>" and the year in value slot 0.
#include <chrono>
#include <filesystem>

#include <xapian.h>

#include "cli/bench_search_engines.h"

namespace gongkai::cli {

namespace {

using Clock = std::chrono::steady_clock;
constexpr Xapian::valueno kYearSlot = 0;

class XapianEngine : public BenchEngine {
public:
    explicit XapianEngine(const std::string& dir) : m_db(dir) {
        m_parser.set_database(m_db);
        m_parser.add_prefix("title", "S");
        m_parser.set_default_op(Xapian::Query::OP_AND);
    }

    Result<int> run(const BenchQuery& q) override {
        try {
            auto query = m_parser.parse_query(
                q.text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM);
            if (!q.type.empty())
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query("XT" + q.type));
            if (q.fromYear || q.toYear) {
                auto range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kYearSlot,
                                           std::to_string(q.fromYear ? q.fromYear : 0),
                                           std::to_string(q.toYear ? q.toYear : 9999));
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, range);
            }
            Xapian::Enquire enquire(m_db);
            enquire.set_query(query);
            auto mset = enquire.get_mset(0, kBenchHitLimit);
            int hits = 0;
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                m_titleBytes += it.get_document().get_data().size();  // the title, as a result list reads it
                ++hits;
            }
            return hits;
        } catch (const Xapian::Error& e) {
            return Error{"xapian: " + e.get_msg()};
        }
    }

private:
    Xapian::Database m_db;
    Xapian::QueryParser m_parser;
    std::size_t m_titleBytes = 0;
};

std::string yearValue(std::int64_t year) {
    auto s = std::to_string(year);
    return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

Status indexAll(const std::string& textDb, const std::string& dir) {
    auto db = BenchDb::open(textDb, true);
    if (!db) return db.error();
    Xapian::WritableDatabase out(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator gen;
    gen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    BenchStmt all(db.value()->handle(), "SELECT rowid, type, year, title, ref, summary, body FROM plain");
    while (all.row()) {
        Xapian::Document doc;
        gen.set_document(doc);
        std::string title(all.text(3));
        gen.index_text(title, 1, "S");
        gen.index_text(title, 3);
        gen.increase_termpos();
        gen.index_text(std::string(all.text(4)), 2);
        gen.increase_termpos();
        gen.index_text(std::string(all.text(5)));
        gen.increase_termpos();
        gen.index_text(std::string(all.text(6)));
        doc.add_boolean_term("XT" + std::string(all.text(1)));
        doc.add_value(kYearSlot, yearValue(all.integer(2)));
        doc.set_data(title);
        out.replace_document(static_cast<Xapian::docid>(all.integer(0)), doc);
    }
    if (!all.done()) return Error{"xapian: reading the text store: " + db.value()->lastError()};
    out.commit();
    return okStatus();
}

std::uint64_t directoryBytes(const std::string& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    return total;
}

}  // namespace

bool xapianIndexBuilt(const std::string& dir) {
    return std::filesystem::exists(std::filesystem::path(dir) / "iamglass");
}

Result<std::unique_ptr<BenchEngine>> buildXapian(const std::string& textDb, const std::string& dir,
                                                  std::uint64_t textBytes, nlohmann::json& report, bool reuse) {
    try {
        if (reuse && xapianIndexBuilt(dir)) {
            report["index_bytes"] = directoryBytes(dir);
            return std::unique_ptr<BenchEngine>(std::make_unique<XapianEngine>(dir));
        }
        auto start = Clock::now();
        if (auto s = indexAll(textDb, dir); !s) return s.error();
        double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        report["build_s"] = seconds;
        report["mb_s"] = static_cast<double>(textBytes) / 1e6 / seconds;
        report["index_bytes"] = directoryBytes(dir);
        return std::unique_ptr<BenchEngine>(std::make_unique<XapianEngine>(dir));
    } catch (const Xapian::Error& e) {
        return Error{"xapian: " + e.get_description()};
    }
}

}  // namespace gongkai::cli
