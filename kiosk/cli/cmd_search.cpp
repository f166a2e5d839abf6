// gongkai search --db PATH [--json] [--limit N] [--type T] [--domain D] [--issuer NAME]
//                [--from YEAR] [--to YEAR] [--validity V] [--sort relevance|newest] QUERY...
// gongkai search --suggest / --explain QUERY...: title suggestions; the MATCH expressions
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/mirror.h"
#include "core/search.h"

namespace gongkai::cli {

namespace {

struct SearchOptions {
    std::string db = kDefaultDb;
    bool json = false, explain = false, suggest = false;
    SearchQuery query;
    std::vector<std::string> words;
};

nlohmann::json toJson(const SearchResult& r) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : r.hits) {
        nlohmann::json highlights = nlohmann::json::array();
        for (auto [start, length] : h.highlights) highlights.push_back({start, length});
        hits.push_back({{"id", h.id}, {"type", h.type}, {"title", h.title}, {"doc_no", h.docNo},
                        {"published_on", h.publishedOn}, {"score", h.score}, {"snippet", h.snippet},
                        {"highlights", highlights}});
    }
    return {{"total", r.total}, {"took_ms", r.tookMs}, {"hits", hits}, {"facets", r.facets}};
}

int printSuggestions(const Mirror& mirror, const SearchOptions& opt) {
    auto titles = suggestTitles(mirror, opt.query.text, opt.query.limit);
    if (!titles) {
        std::fprintf(stderr, "gongkai search: %s\n", titles.error().message.c_str());
        return 1;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : titles.value()) out.push_back({{"id", s.id}, {"type", s.type}, {"title", s.title}});
    if (opt.json) std::printf("%s\n", out.dump().c_str());
    else
        for (const auto& s : titles.value()) std::printf("%s\n", s.title.c_str());
    return 0;
}

int runSearch(SearchOptions& opt) {
    for (const auto& w : opt.words) opt.query.text += (opt.query.text.empty() ? "" : " ") + w;
    auto mirror = Mirror::open(opt.db, Mirror::Mode::ReadOnly);
    if (!mirror) {
        std::fprintf(stderr, "gongkai search: %s\n", mirror.error().message.c_str());
        return 1;
    }
    if (opt.explain) {
        auto plans = explainQuery(*mirror.value(), opt.query.text);
        std::printf("strict:  %s\nrelaxed: %s\n", plans[0].c_str(), plans[1].c_str());
        return 0;
    }
    if (opt.suggest) return printSuggestions(*mirror.value(), opt);
    auto result = search(*mirror.value(), opt.query);
    if (!result) {
        std::fprintf(stderr, "gongkai search: %s\n", result.error().message.c_str());
        return 1;
    }
    const auto& r = result.value();
    if (opt.json) {
        std::printf("%s\n", toJson(r).dump().c_str());
        return 0;
    }
    std::printf("%llu matches (%.1f ms)\n", static_cast<unsigned long long>(r.total), r.tookMs);
    for (const auto& h : r.hits)
        std::printf("%-14s %-12s %s %s\n    %s\n", h.type.c_str(), h.publishedOn.c_str(), h.title.c_str(),
                    h.docNo.c_str(), h.snippet.c_str());
    return 0;
}

}  // namespace

void addSearchCommand(CLI::App& app, int& exitCode) {
    auto opt = std::make_shared<SearchOptions>();
    auto* cmd = app.add_subcommand("search", "Search the mirror by words or document number");
    cmd->add_option("--db", opt->db, "mirror database")->capture_default_str();
    cmd->add_flag("--json", opt->json, "one JSON object: total, took_ms, hits, facets");
    cmd->add_flag("--suggest", opt->suggest, "title suggestions for what is typed so far (a JSON array with --json)");
    cmd->add_flag("--explain", opt->explain, "print the FTS5 MATCH expressions the query becomes");
    cmd->add_option("--limit", opt->query.limit, "hits to return")->capture_default_str()->check(CLI::Range(1, 1000));
    cmd->add_option("--type", opt->query.type, "only records of this type (document, service_guide, ...)");
    cmd->add_option("--domain", opt->query.domain, "documents of this domain id (d01..d26)");
    cmd->add_option("--issuer", opt->query.issuer, "documents of this issuer");
    cmd->add_option("--from", opt->query.fromYear, "documents published in or after this year");
    cmd->add_option("--to", opt->query.toYear, "documents published in or before this year");
    cmd->add_option("--validity", opt->query.validity, "有效, 失效 or 废止");
    std::map<std::string, SearchSort> sorts{{"relevance", SearchSort::Relevance}, {"newest", SearchSort::Newest}};
    cmd->add_option("--sort", opt->query.sort, "relevance or newest")
        ->transform(CLI::CheckedTransformer(sorts, CLI::ignore_case));
    cmd->add_option("query", opt->words, "what to look for")->required();
    cmd->callback([opt, &exitCode] { exitCode = runSearch(*opt); });
}

}  // namespace gongkai::cli
