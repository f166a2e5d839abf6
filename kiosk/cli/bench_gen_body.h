// Bodies of generated documents: prose sections (notices, opinions, reports,
// interpretations) or law-like texts (第一章 … 第一条 …), built from the
// vocabulary's real sentences to a target length in code points.
// Pure functions of (vocabulary, rng state, request); thread-safe for
// distinct Rng objects.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bench_gen_rng.h"
#include "bench_gen_vocab.h"

namespace gongkai::benchgen {

struct BodyBlock {
    enum class Type { Heading, Paragraph, Table };
    Type type = Type::Paragraph;
    std::string text;                           // heading or paragraph
    std::vector<std::vector<std::string>> rows;  // table: first row is the header
};

enum class BodyStyle { Notice, Interpretation, Report, Law };

struct BodyRequest {
    BodyStyle style = BodyStyle::Notice;
    std::size_t target = 1500;         // code points over all blocks (headings and cells included)
    std::string salutation;            // first paragraph when not empty
    std::vector<std::string> closing;  // last paragraphs (issuer, date) when not empty
    std::string effectiveDate;         // law style: 2021年5月1日, for the last article
};

// Total text length is at most `target` (and within a few characters of it
// unless the opening and closing alone exceed it).
std::vector<BodyBlock> composeBody(const Vocabulary& vocab, Rng& rng, const BodyRequest& request);

std::size_t bodyCodePoints(const std::vector<BodyBlock>& body);

}  // namespace gongkai::benchgen
