// `gongkai bench search`: the query set, derived from the benchmark corpus
// itself with a fixed seed so that every query has matches and the same
// corpus always gives the same queries.
//
// Classes (ids as in the JSON report):
//   cjk1      one CJK character, from the frequent characters of titles
//   cjk2      two-character words: frequent title bigrams without function
//             characters (的, 关, 于, ...) that look like words (at least 3
//             different characters before and after them in titles), plus
//             低保/户籍/医保/征收 when titles have them
//   cjk4      four-character title sequences chosen the same way
//   phrase    6-10 character runs from titles
//   pinyin    full pinyin (first reading of each character) of a 2- or
//             4-character word of the cjk2/cjk4 sets
//   initials  the initials of the same words (hanzi::initial: zh/ch/sh kept)
//   prefix    every prefix of a pinyin query from the 2nd letter up to the
//             letter before the last, as typed letter by letter (deduplicated)
//   docno     doc_no values as stored, rewritten to 〔〕 [] () brackets, to
//             "示政2020 32号" (space instead of brackets) and to full-width digits
//   filtered  a two-character title word with a type filter or a three-year
//             range around the document it came from
// `perClass` is the number of base items per class (prefix and docno expand
// each base item into several queries). Reads the text store; errors are
// values. Not thread-safe (uses the caller's connection).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/bench_search_engines.h"

namespace gongkai::cli {

struct BenchClass {
    const char* id;
    const char* label;
    bool pinyinOnly;  // meaningful for Gongkai only; baselines show n/a
};

const std::vector<BenchClass>& benchClasses();

std::size_t codePointCount(std::string_view utf8);

Result<std::vector<BenchQuery>> deriveBenchQueries(BenchDb& textStore, int perClass, std::uint64_t seed);

// Ground truth: does any record's indexed text contain `text` (instr() over
// every column of the text store)?
Result<bool> textStoreContains(BenchDb& textStore, const std::string& text);

}  // namespace gongkai::cli
