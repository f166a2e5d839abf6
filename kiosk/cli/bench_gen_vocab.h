// What the benchmark generator writes with: real sentences, headings, title
// subjects, issuers and numbering habits learned from record files (the demo
// county, ../shared/corpus), topped up with a small built-in set so that the
// generator works with no source at all.
//
// Learning streams each file line by line (zstd or plain NDJSON) and keeps a
// bounded reservoir sample per pool, so a 60 MB source costs a few MB. The
// sample is drawn with a fixed seed and pools are vectors in file order: the
// same sources give the same vocabulary on every machine.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::benchgen {

inline constexpr int kDomainCount = 26;

struct Issuer {
    std::string name;       // 示范县教育局
    std::string docPrefix;  // 示教 (empty when unknown)
    int domain = 0;         // 1..26 when the issuer leads that domain, else 0
};

struct LawTitle {
    std::string title;   // 畜禽规模养殖污染防治条例
    std::string issuer;  // who passed it, empty when unknown
};

// One sentence of a source paragraph, with its place in that paragraph, so
// that the generator can copy runs of consecutive sentences (which read as
// real text) without re-scanning UTF-8 for every document.
struct Passage {
    std::string text;             // ends in 。；！？ or is the paragraph's tail
    std::uint32_t codePoints = 0;
    std::uint32_t index = 0;      // sentences before it in its paragraph
    std::uint32_t following = 0;  // sentences after it in its paragraph
};

struct DomainSubject {
    std::string text;  // X of "关于X的通知"
    std::string kind;  // the kind of the document it came from
};

struct Vocabulary {
    std::string county = "示范县";
    std::vector<std::string> paragraphs;   // prose paragraphs of notices, opinions, reports; each ends in 。
    std::vector<std::string> articles;     // law articles without their 第N条; each ends in 。
    std::vector<std::string> headings;     // section headings without numbering
    std::vector<std::string> chapters;     // law chapter names without 第N章
    std::vector<std::string> subjects;     // X of "关于X的通知"
    std::vector<LawTitle> lawTitles;       // laws and regulations
    std::vector<std::string> salutations;  // 各乡镇人民政府，县人民政府各部门：
    std::vector<std::string> topics;       // 综合政务\政务公开
    std::vector<std::string> indexPrefixes;  // 000014349
    std::vector<std::string> townships;
    std::vector<Issuer> issuers;        // county issuers
    std::vector<Issuer> higherIssuers;  // State Council, provinces, ministries
    std::array<std::vector<DomainSubject>, kDomainCount> domainSubjects;  // from documents of each domain
    std::array<std::string, kDomainCount> domainNames;  // 重大建设项目 … 扶贫
    std::vector<Passage> proseRuns;    // `paragraphs` split into sentences
    std::vector<Passage> articleRuns;  // `articles` split into sentences
};

// Learns from `sources` (paths of .ndjson or .ndjson.zst record files; lines
// of types other than document and agency are skipped) and fills every pool
// left empty from the built-in set. Errors name the file (and line): an
// unreadable file, a corrupt zstd frame, a line that is not JSON.
Result<Vocabulary> learnVocabulary(const std::vector<std::string>& sources);

// Fills every pool still empty from the built-in set (what learnVocabulary
// does last, so that no pool is ever empty).
void addBuiltinVocabulary(Vocabulary& vocab);

// Builds proseRuns and articleRuns from paragraphs and articles.
void indexPassages(Vocabulary& vocab);

}  // namespace gongkai::benchgen
