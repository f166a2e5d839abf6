// Learning the generator's vocabulary from record files.
//
// Sections: [reservoir] bounded pools, [extract] pieces of one record,
// [learner] per-file driver, [entry] learnVocabulary.
#include "bench_gen_vocab.h"

#include <algorithm>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "bench_gen_rng.h"
#include "bench_gen_source.h"
#include "bench_gen_text.h"

namespace gongkai::benchgen {

namespace {

// ---- [reservoir] -----------------------------------------------------------

// A uniform sample of at most `cap` items, optionally without duplicates.
// The dedupe set only answers membership: it never decides order.
class Pool {
public:
    Pool(std::vector<std::string>& items, std::size_t cap, bool dedupe)
        : m_items(items), m_cap(cap), m_dedupe(dedupe) {}

    void offer(std::string_view item, Rng& rng) {
        if (m_dedupe && !m_seenSet.emplace(item).second) return;
        ++m_seen;
        if (m_items.size() < m_cap) {
            m_items.emplace_back(item);
        } else if (const std::uint64_t j = rng.below(m_seen); j < m_cap) {
            m_items[j] = std::string(item);
        }
    }

private:
    std::vector<std::string>& m_items;
    std::size_t m_cap;
    bool m_dedupe;
    std::uint64_t m_seen = 0;
    std::unordered_set<std::string> m_seenSet;
};

// ---- [extract] -------------------------------------------------------------

std::string_view stringField(const nlohmann::json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_string()) return {};
    return it->get_ref<const std::string&>();
}

bool withinLength(std::string_view s, std::size_t lo, std::size_t hi) {
    const std::size_t n = codePoints(s);
    return n >= lo && n <= hi && !hasControl(s);
}

// X of "…关于X的通知".
std::string_view titleSubject(std::string_view title) {
    const std::size_t about = title.find("关于");
    if (about == std::string_view::npos) return {};
    const std::size_t start = about + std::string_view("关于").size();
    const std::size_t of = title.rfind("的");
    if (of == std::string_view::npos || of <= start) return {};
    return title.substr(start, of - start);
}

// 示政办 of 示政办〔2021〕12号; empty unless a year bracket follows.
std::string_view docPrefix(std::string_view docNo) {
    std::size_t cut = std::string_view::npos;
    for (const std::string_view bracket : {"〔", "[", "（", "("}) cut = std::min(cut, docNo.find(bracket));
    if (cut == std::string_view::npos || cut == 0) return {};
    const std::string_view prefix = docNo.substr(0, cut);
    if (prefix.find_first_of("0123456789") != std::string_view::npos) return {};
    return withinLength(prefix, 1, 8) ? prefix : std::string_view{};
}

bool isLawKind(std::string_view kind) {
    return kind == "法律" || kind == "法规" || kind == "规章" || kind == "地方性法规" || kind == "司法解释" ||
           kind == "宪法";
}

int domainIndex(std::string_view id) {
    if (id.size() != 3 || id[0] != 'd' || id[1] < '0' || id[1] > '9' || id[2] < '0' || id[2] > '9') return 0;
    const int n = (id[1] - '0') * 10 + (id[2] - '0');
    return n >= 1 && n <= kDomainCount ? n : 0;
}

// ---- [learner] -------------------------------------------------------------

bool endsWithStop(std::string_view s) { return s.size() >= 3 && s.substr(s.size() - 3) == "。"; }

bool balanced(std::string_view s) {
    const auto count = [&](std::string_view c) {
        std::size_t n = 0;
        for (std::size_t at = s.find(c); at != std::string_view::npos; at = s.find(c, at + 1)) ++n;
        return n;
    };
    return count("《") == count("》") && count("“") == count("”") && count("（") == count("）");
}

bool startsWithIdeograph(std::string_view s) {
    const auto first = s.empty() ? 0 : static_cast<unsigned char>(s[0]);
    return first >= 0xE4 && first <= 0xE9;  // U+4000–U+9FFF: CJK ideographs
}

// Prose worth reusing: ends in 。, starts with a Chinese character, and is
// not a layout line (signature blocks use U+3000 to space out names).
bool usableProse(std::string_view s, std::size_t lo, std::size_t hi) {
    return withinLength(s, lo, hi) && endsWithStop(s) && s.find("　") == std::string_view::npos &&
           startsWithIdeograph(s);
}

// "做好政策宣传。充分利用…": the run-in heading of an enumerated paragraph
// reads as a stray fragment once the paragraph is reused; drop it.
std::string_view withoutRunInHeading(std::string_view text) {
    const std::size_t stop = text.find("。");
    if (stop == std::string_view::npos || stop + 3 >= text.size()) return text;
    const std::string_view first = text.substr(0, stop);
    if (codePoints(first) > 12 || first.find("，") != std::string_view::npos) return text;
    return text.substr(stop + 3);
}

// A heading or chapter name: short, Chinese, not a sentence.
bool usableHeading(std::string_view s, std::size_t hi) {
    return withinLength(s, 2, hi) && startsWithIdeograph(s) && !endsWithStop(s) && balanced(s) &&
           s.find("　") == std::string_view::npos;
}


class Learner {
public:
    explicit Learner(Vocabulary& v)
        : m_v(v), m_rng(0x6B6F6E676B6169ull),  // fixed: the sample depends on the sources only
          m_paragraphs(v.paragraphs, 30000, false), m_articles(v.articles, 30000, false),
          m_headings(v.headings, 3000, true), m_chapters(v.chapters, 1500, true),
          m_subjects(v.subjects, 6000, true), m_salutations(v.salutations, 200, true),
          m_topics(v.topics, 400, true), m_indexPrefixes(v.indexPrefixes, 200, true),
          m_townships(v.townships, 100, true) {}

    Status learnFile(const std::string& path) {
        return forEachLine(path, [&](std::string_view line, std::uint64_t lineNo) -> Status {
            if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.remove_prefix(3);
            if (line.find_first_not_of(" \t") == std::string_view::npos) return okStatus();
            auto obj = nlohmann::json::parse(line, nullptr, false);
            if (obj.is_discarded() || !obj.is_object())
                return Error{path + ":" + std::to_string(lineNo) + ": not a JSON object"};
            const auto type = stringField(obj, "type");
            if (stringField(obj, "op") != "upsert") return okStatus();
            if (type == "document") learnDocument(obj);
            if (type == "agency") learnAgency(obj);
            return okStatus();
        });
    }

    void finish() {
        if (!m_countyFromAgency.empty()) m_v.county = m_countyFromAgency;
    }

private:
    void learnDocument(const nlohmann::json& doc) {
        const auto title = stringField(doc, "title");
        if (const auto topic = stringField(doc, "topic"); withinLength(topic, 2, 30)) m_topics.offer(topic, m_rng);
        if (const auto index = stringField(doc, "index_no"); index.find('/') != std::string_view::npos) {
            const auto prefix = index.substr(0, index.find('/'));
            if (prefix.size() >= 6 && prefix.size() <= 20 && !hasControl(prefix)) m_indexPrefixes.offer(prefix, m_rng);
        }
        const auto body = doc.find("body");
        const bool hasBody = body != doc.end() && body->is_array();
        if (isLawKind(stringField(doc, "kind"))) {
            // Laws give articles, chapter names and titles; their other
            // headings and fragments (judicial interpretations) are left out.
            if (withinLength(title, 4, 30) && m_v.lawTitles.size() < 5000)
                m_v.lawTitles.push_back(LawTitle{std::string(title), std::string(stringField(doc, "issuer"))});
            if (hasBody) learnLawBody(*body);
            return;
        }
        const int domain = domainIndex(stringField(doc, "domain"));
        if (const auto subject = titleSubject(title); withinLength(subject, 4, 28) && balanced(subject)) {
            m_subjects.offer(subject, m_rng);
            auto& own = m_v.domainSubjects[static_cast<std::size_t>(domain > 0 ? domain - 1 : 0)];
            if (domain > 0 && own.size() < 400)
                own.push_back(DomainSubject{std::string(subject), std::string(stringField(doc, "kind"))});
        }
        learnIssuer(stringField(doc, "issuer"), docPrefix(stringField(doc, "doc_no")), domain);
        if (hasBody) learnProseBody(*body, stringField(doc, "issuer").find("县") != std::string_view::npos);
    }

    // `county`: salutations are only taken from county documents (a State
    // Council one addresses provinces and ministries).
    void learnProseBody(const nlohmann::json& body, bool county) {
        bool first = county;
        for (const auto& block : body) {
            if (!block.is_object()) continue;
            if (const auto h = stringField(block, "h"); !h.empty() && !isChapterHeading(h)) {
                const auto name = stripNumbering(h);
                if (usableHeading(name, 16)) m_headings.offer(name, m_rng);
            }
            const auto p = stringField(block, "p");
            if (p.empty()) continue;
            if (first && withinLength(p, 6, 50) && p.rfind("各", 0) == 0 && p.substr(p.size() - 3) == "：")
                m_salutations.offer(p, m_rng);
            first = false;
            // Paragraphs with a comma: a lone "确定审核主体。" is a run-in heading.
            if (const auto text = withoutRunInHeading(stripNumbering(p));
                usableProse(text, 20, 600) && balanced(text) && text.find("，") != std::string_view::npos)
                m_paragraphs.offer(text, m_rng);
        }
    }

    void learnLawBody(const nlohmann::json& body) {
        for (const auto& block : body) {
            if (!block.is_object()) continue;
            if (const auto h = stringField(block, "h"); isChapterHeading(h)) {
                const auto name = stripNumbering(h);
                if (usableHeading(name, 14)) m_chapters.offer(name, m_rng);
            }
            // Only whole articles: "第N条 …。" and not the one that sets the
            // date of effect (the generator writes its own last article).
            const auto p = stringField(block, "p");
            if (p.rfind("第", 0) != 0 || p.find("施行") != std::string_view::npos) continue;
            if (const auto text = withoutRunInHeading(stripNumbering(p)); text.size() < p.size() && usableProse(text, 10, 300) && balanced(text))
                m_articles.offer(text, m_rng);
        }
    }

    void learnIssuer(std::string_view name, std::string_view prefix, int domain) {
        if (!withinLength(name, 2, 30)) return;
        // County units, townships and village committees publish at the
        // county's kiosk; the State Council and the like are "higher".
        bool local = false;
        for (const std::string_view mark : {"县", "乡", "镇", "村"}) local = local || name.find(mark) != std::string_view::npos;
        auto& list = local ? m_v.issuers : m_v.higherIssuers;
        for (auto& known : list) {
            if (known.name != name || known.domain != domain) continue;
            if (known.docPrefix.empty()) known.docPrefix = std::string(prefix);
            return;
        }
        if (list.size() < 300) list.push_back(Issuer{std::string(name), std::string(prefix), domain});
    }

    void learnAgency(const nlohmann::json& agency) {
        const auto name = stringField(agency, "name");
        const auto kind = stringField(agency, "kind");
        if (kind == "county" && m_countyFromAgency.empty()) {
            const std::size_t at = name.find("县");
            if (at != std::string_view::npos) m_countyFromAgency = std::string(name.substr(0, at + 3));
        }
        if (kind == "township") {
            auto shortName = name;
            if (const std::size_t at = shortName.find("县"); at != std::string_view::npos) shortName = shortName.substr(at + 3);
            if (const std::size_t at = shortName.find("人民政府"); at != std::string_view::npos)
                shortName = shortName.substr(0, at);
            if (withinLength(shortName, 2, 8)) m_townships.offer(shortName, m_rng);
        }
        if (kind == "county" || kind == "department") learnIssuer(name, {}, 0);
    }

    Vocabulary& m_v;
    Rng m_rng;
    Pool m_paragraphs, m_articles, m_headings, m_chapters, m_subjects, m_salutations, m_topics, m_indexPrefixes,
        m_townships;
    std::string m_countyFromAgency;
};

}  // namespace

// ---- [entry] ---------------------------------------------------------------

namespace {

void splitInto(std::vector<Passage>& runs, const std::vector<std::string>& paragraphs) {
    for (const auto& paragraph : paragraphs) {
        const auto sentences = splitSentences(paragraph);
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            runs.push_back(Passage{std::string(sentences[i]), static_cast<std::uint32_t>(codePoints(sentences[i])),
                                   static_cast<std::uint32_t>(i),
                                   static_cast<std::uint32_t>(sentences.size() - 1 - i)});
        }
    }
}

}  // namespace

void indexPassages(Vocabulary& vocab) {
    vocab.proseRuns.clear();
    vocab.articleRuns.clear();
    splitInto(vocab.proseRuns, vocab.paragraphs);
    splitInto(vocab.articleRuns, vocab.articles);
}

Result<Vocabulary> learnVocabulary(const std::vector<std::string>& sources) {
    Vocabulary vocab;
    {
        Learner learner(vocab);
        for (const auto& path : sources)
            if (auto status = learner.learnFile(path); !status) return status.error();
        learner.finish();
    }
    addBuiltinVocabulary(vocab);
    indexPassages(vocab);
    return vocab;
}

}  // namespace gongkai::benchgen
