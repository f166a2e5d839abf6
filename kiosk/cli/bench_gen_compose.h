// One generated document: metadata (kind, domain, issuer, 文号, 索引号,
// dates, validity), a title of 10–40 characters and a body of drawn length,
// serialised as a `document` upsert line of the record format.
//
// Document n of a corpus depends only on (vocabulary, seed, n): each document
// has its own Rng derived from seed and n, so output does not depend on how
// documents are batched or on which thread writes them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench_gen_vocab.h"

namespace gongkai::benchgen {

class DocumentComposer {
public:
    // Keeps a reference to `vocab`, which must outlive the composer.
    explicit DocumentComposer(const Vocabulary& vocab);

    // Appends document `n` (1-based) of the corpus for `seed` as one JSON
    // line, newline included. Const and thread-safe.
    void append(std::string& out, std::uint64_t seed, std::uint64_t n) const;

private:
    const Vocabulary& m_v;
    std::vector<std::vector<const Issuer*>> m_byDomain;  // [0] = general issuers
    std::string m_fallbackPrefix;
};

}  // namespace gongkai::benchgen
