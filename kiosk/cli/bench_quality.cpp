// gongkai bench quality: recall@10 of a labelled query set.
// Sections: [1] parsing the TSV  [2] evaluation  [3] output  [4] command
#include "cli/bench_quality.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/commands.h"

namespace gongkai::cli {

namespace fs = std::filesystem;

const std::vector<std::string> kQualityClasses = {
    "word2", "words", "title", "docno", "pinyin", "initials",
    "prefix", "mixed", "traditional", "question", "filtered",
};

// [1] parsing the TSV
namespace {

constexpr const char* kHeader = "class\tquery\texpect\tfilters\tnote";
constexpr std::size_t kMaxErrors = 20;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

Status parseYear(const std::string& key, const std::string& value, int& year) {
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), year);
    if (ec != std::errc() || end != value.data() + value.size() || year < 1000 || year > 9999)
        return Error{"filter '" + key + "' needs a four-digit year, got '" + value + "'"};
    return okStatus();
}

// One `key=value` filter item into the query.
Status applyFilter(const std::string& item, SearchQuery& q) {
    auto eq = item.find('=');
    if (eq == std::string::npos) return Error{"filter '" + item + "' is not key=value"};
    auto key = trim(item.substr(0, eq));
    auto value = trim(item.substr(eq + 1));
    if (value.empty()) return Error{"filter '" + key + "' has no value"};
    if (key == "type") q.type = value;
    else if (key == "domain") q.domain = value;
    else if (key == "issuer") q.issuer = value;
    else if (key == "validity") q.validity = value;
    else if (key == "from") return parseYear(key, value, q.fromYear);
    else if (key == "to") return parseYear(key, value, q.toYear);
    else if (key == "sort") {
        if (value != "relevance" && value != "newest")
            return Error{"filter 'sort' is relevance or newest, got '" + value + "'"};
        q.sort = value == "newest" ? SearchSort::Newest : SearchSort::Relevance;
    } else {
        return Error{"unknown filter key '" + key + "' (known: type domain issuer validity from to sort)"};
    }
    return okStatus();
}

// One data line (already split into columns) into a query.
Result<QualityQuery> parseLine(const std::vector<std::string>& cols) {
    if (cols.size() < 3 || cols.size() > 5)
        return Error{"expected 3 to 5 tab-separated columns (class, query, expect, filters, note), got " +
                     std::to_string(cols.size())};
    QualityQuery q;
    q.queryClass = trim(cols[0]);
    if (std::find(kQualityClasses.begin(), kQualityClasses.end(), q.queryClass) == kQualityClasses.end())
        return Error{"unknown class '" + q.queryClass + "' (known: " + joined(kQualityClasses, " ") + ")"};
    q.search.text = trim(cols[1]);
    if (q.search.text.empty()) return Error{"empty query"};
    for (const auto& id : split(cols[2], ','))
        if (!trim(id).empty()) q.expect.push_back(trim(id));
    if (q.expect.empty()) return Error{"no expected ids"};
    if (cols.size() > 3) {
        for (const auto& item : split(cols[3], ';')) {
            if (trim(item).empty()) continue;
            if (auto st = applyFilter(item, q.search); !st) return st.error();
        }
    }
    if (cols.size() > 4) q.note = cols[4];
    return q;
}

}  // namespace

Result<std::vector<QualityQuery>> parseQualityQueries(const std::string& text, const std::string& fileName) {
    std::vector<QualityQuery> out;
    std::vector<std::string> errors;
    bool headerSeen = false;
    std::istringstream in(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line[0] == '#') continue;
        auto where = fileName + ":" + std::to_string(lineNo);
        if (!headerSeen) {
            headerSeen = true;
            if (line != kHeader) errors.push_back(where + ": expected the header line 'class, query, expect, filters, note' (tab-separated)");
            continue;
        }
        auto q = parseLine(split(line, '\t'));
        if (!q) {
            errors.push_back(where + ": " + q.error().message);
            continue;
        }
        q.value().location = where;
        out.push_back(std::move(q.value()));
    }
    if (!headerSeen) errors.push_back(fileName + ": no header line and no queries");
    else if (out.empty() && errors.empty()) errors.push_back(fileName + ": no queries");
    if (errors.size() > kMaxErrors) errors.resize(kMaxErrors);
    if (!errors.empty()) return Error{joined(errors, "\n")};
    return out;
}

Result<std::vector<QualityQuery>> loadQualityQueries(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open the query file"};
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Error{path + ": cannot read the query file"};
    return parseQualityQueries(ss.str(), path);
}

// [2] evaluation
namespace {

struct QueryOutcome {
    double recall = 0;
    std::vector<std::string> missing, top;
};

QueryOutcome scoreHits(const QualityQuery& q, const std::vector<SearchHit>& hits) {
    QueryOutcome o;
    std::size_t found = 0;
    for (const auto& id : q.expect) {
        bool hit = std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.id == id; });
        if (hit) ++found;
        else o.missing.push_back(id);
    }
    o.recall = static_cast<double>(found) / static_cast<double>(q.expect.size());
    for (std::size_t i = 0; i < hits.size() && i < 3; ++i) o.top.push_back(hits[i].id + " " + hits[i].title);
    return o;
}

}  // namespace

Result<QualityReport> evaluateQuality(const Mirror& mirror, const std::vector<QualityQuery>& queries) {
    QualityReport report;
    std::map<std::string, ClassRecall> byClass;
    double recallSum = 0;
    for (const auto& q : queries) {
        SearchQuery sq = q.search;
        sq.limit = kQualityTopN;
        auto result = search(mirror, sq);
        if (!result) return Error{q.location + ": search failed: " + result.error().message};
        report.maxMs = std::max(report.maxMs, result.value().tookMs);
        auto o = scoreHits(q, result.value().hits);
        auto& c = byClass[q.queryClass];
        c.queryClass = q.queryClass;
        c.queries += 1;
        c.recall += o.recall;  // a sum until divided below
        recallSum += o.recall;
        report.queries += 1;
        if (o.missing.empty()) {
            c.complete += 1;
            report.complete += 1;
        } else {
            report.misses.push_back({q.location, q.queryClass, q.search.text, o.missing, o.top});
        }
    }
    for (const auto& name : kQualityClasses) {
        auto it = byClass.find(name);
        if (it == byClass.end()) continue;
        it->second.recall /= it->second.queries;
        report.classes.push_back(it->second);
    }
    report.recall = report.queries ? recallSum / report.queries : 0;
    return report;
}

// [3] output
std::string formatQualityReport(const QualityReport& r) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-12s %7s %9s %10s\n", "class", "queries", "complete", "recall@10");
    out += line;
    for (const auto& c : r.classes) {
        std::snprintf(line, sizeof line, "%-12s %7d %9d %10.3f\n", c.queryClass.c_str(), c.queries, c.complete, c.recall);
        out += line;
    }
    std::snprintf(line, sizeof line, "%-12s %7d %9d %10.3f\n", "overall", r.queries, r.complete, r.recall);
    out += line;
    std::snprintf(line, sizeof line, "slowest query: %.1f ms\n", r.maxMs);
    out += line;
    if (r.misses.empty()) return out + "no misses\n";
    out += "\nmisses (" + std::to_string(r.misses.size()) + "):\n";
    for (const auto& m : r.misses) {
        out += "  [" + m.queryClass + "] " + m.text + "  (" + m.location + ")\n";
        out += "    missing: " + joined(m.missing, ", ") + "\n";
        out += m.top.empty() ? "    no hits\n" : "    first: " + joined(m.top, " | ") + "\n";
    }
    return out;
}

nlohmann::json qualityReportJson(const QualityReport& r) {
    nlohmann::json classes = nlohmann::json::object();
    for (const auto& c : r.classes)
        classes[c.queryClass] = {{"queries", c.queries}, {"complete", c.complete}, {"recall_at_10", c.recall}};
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : r.misses)
        misses.push_back({{"location", m.location}, {"class", m.queryClass}, {"query", m.text},
                          {"missing", m.missing}, {"top", m.top}});
    return {{"queries", r.queries}, {"complete", r.complete}, {"recall_at_10", r.recall},
            {"max_ms", r.maxMs}, {"classes", classes}, {"misses", misses}};
}

std::string defaultQualityQueriesPath() {
    const fs::path rel = fs::path("tests") / "quality" / "queries.tsv";
    std::error_code ec;
    std::vector<fs::path> starts = {fs::current_path(ec)};
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) starts.push_back(exe.parent_path());
    for (auto dir : starts) {
        // Up to four levels: build/kiosk/gongkai -> build -> source tree.
        for (int up = 0; up < 5 && !dir.empty(); ++up, dir = dir.parent_path()) {
            if (fs::is_regular_file(dir / rel, ec)) return (dir / rel).string();
            if (dir == dir.parent_path()) break;
        }
    }
    return "";
}

// [4] command
namespace {

struct QualityOptions {
    std::string db = kDefaultDb;
    std::string queries;
    bool json = false;
    double minRecall = 0;
};

int runQualityBench(const QualityOptions& opt) {
    auto path = opt.queries.empty() ? defaultQualityQueriesPath() : opt.queries;
    if (path.empty()) {
        std::fprintf(stderr, "gongkai bench quality: tests/quality/queries.tsv not found; pass --queries FILE\n");
        return 1;
    }
    auto queries = loadQualityQueries(path);
    if (!queries) {
        std::fprintf(stderr, "gongkai bench quality: %s\n", queries.error().message.c_str());
        return 1;
    }
    auto mirror = Mirror::open(opt.db, Mirror::Mode::ReadOnly);
    if (!mirror) {
        std::fprintf(stderr, "gongkai bench quality: %s\n", mirror.error().message.c_str());
        return 1;
    }
    auto report = evaluateQuality(*mirror.value(), queries.value());
    if (!report) {
        std::fprintf(stderr, "gongkai bench quality: %s\n", report.error().message.c_str());
        return 1;
    }
    if (opt.json) {
        auto j = qualityReportJson(report.value());
        j["queries_file"] = path;
        std::printf("%s\n", j.dump().c_str());
    } else {
        std::printf("queries: %s\n%s", path.c_str(), formatQualityReport(report.value()).c_str());
    }
    return report.value().recall < opt.minRecall ? 2 : 0;
}

}  // namespace

void addBenchQualityCommand(CLI::App& bench, int& exitCode) {
    auto opt = std::make_shared<QualityOptions>();
    auto* q = bench.add_subcommand("quality", "recall@10 of a labelled query set (tests/quality/queries.tsv)");
    q->add_option("--db", opt->db, "mirror database")->capture_default_str();
    q->add_option("--queries", opt->queries, "labelled query set (default: tests/quality/queries.tsv)");
    q->add_flag("--json", opt->json, "one JSON object");
    q->add_option("--min-recall", opt->minRecall, "exit 2 when overall recall@10 is below this")
        ->check(CLI::Range(0.0, 1.0));
    q->callback([opt, &exitCode] { exitCode = runQualityBench(*opt); });
}

}  // namespace gongkai::cli
