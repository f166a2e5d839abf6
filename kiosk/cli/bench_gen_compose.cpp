// Document composition. Sections: [tables] kinds and length distributions,
// [metadata] issuer, dates, numbers, [titles], [json] serialisation, [entry].
#include "bench_gen_compose.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "bench_gen_body.h"
#include "bench_gen_rng.h"
#include "bench_gen_text.h"

namespace gongkai::benchgen {

namespace {

// ---- [tables] --------------------------------------------------------------

struct KindWeight {
    std::string_view kind;
    std::uint32_t perMille;
};

constexpr std::array<KindWeight, 13> kKinds = {{
    {"通知", 320}, {"公告", 80}, {"公示", 40}, {"意见", 80}, {"规范性文件", 80}, {"解读", 90}, {"报告", 90},
    {"通报", 40}, {"决定", 40}, {"批复", 30}, {"函", 30}, {"法规", 40}, {"规章", 40},
}};

// Body length (code points) of ordinary documents: the quantiles of a
// log-normal with median 1,440 and sigma 0.75, tabulated so that no libm call
// is needed (libm results may differ between machines). With the long law
// texts below the corpus median lands near 1,500.
constexpr std::array<QuantileKnot, 20> kBodyLength = {{
    {0, 120},     {10, 142},    {100, 252},   {250, 331},   {500, 419},   {1000, 551},  {2000, 766},
    {3000, 972},  {4000, 1191}, {5000, 1440}, {6000, 1741}, {7000, 2134}, {8000, 2707}, {9000, 3765},
    {9500, 4945}, {9750, 6263}, {9900, 8243}, {9950, 9939}, {9990, 14619}, {10000, 22000},
}};

// Long law-like texts (half of 法规 and 规章, about 4% of the corpus).
constexpr std::array<QuantileKnot, 6> kLawLength = {{
    {0, 4000}, {2500, 8000}, {5000, 12000}, {7500, 17000}, {9000, 23000}, {10000, 30000},
}};

constexpr std::size_t kMaxBody = 30000;

std::string_view pickKind(Rng& rng) {
    std::uint64_t u = rng.below(1000);
    for (const auto& k : kKinds) {
        if (u < k.perMille) return k.kind;
        u -= k.perMille;
    }
    return kKinds[0].kind;
}

bool isLaw(std::string_view kind) { return kind == "法规" || kind == "规章"; }

// ---- [metadata] ------------------------------------------------------------

struct Date {
    int y = 2010;
    unsigned m = 1, d = 1;
    std::string iso() const {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
        return buf;
    }
    std::string chinese() const { return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日"; }
};

Date dateAt(std::int64_t days) {
    Date date;
    civilFromDays(days, date.y, date.m, date.d);
    return date;
}

struct Plan {
    std::string_view kind;
    int domain = 0;  // 1..26, or 0 for none
    Issuer issuer;
    bool higher = false;  // issued above the county (State Council, a province)
    Date written, published, effective;
    std::string title;
};

// The first year 2010..2026 named in `text` ("关于做好2021年…"), or 0.
int yearIn(std::string_view text) {
    const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        if (text[i] != '2' || text[i + 1] != '0' || !digit(i + 2) || !digit(i + 3) || digit(i + 4)) continue;
        if (i > 0 && digit(i - 1)) continue;
        const int year = 2000 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
        if (year >= 2010 && year <= 2026) return year;
    }
    return 0;
}

// Written on a day of `year` (0: of 2010..2026), published up to 20 days later.
void pickDates(Rng& rng, Plan& plan, int year = 0) {
    static const std::int64_t last = daysFromCivil(2026, 12, 31);
    const std::int64_t first = daysFromCivil(year ? year : 2010, 1, 1);
    const std::int64_t end = year ? daysFromCivil(year, 12, 31) : last;
    const std::int64_t written = first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(end - first + 1)));
    const std::int64_t published = std::min(last, written + static_cast<std::int64_t>(rng.below(21)));
    plan.written = dateAt(written);
    plan.published = dateAt(published);
    plan.effective = dateAt(written + 30 + static_cast<std::int64_t>(rng.below(60)));
}

std::string docNumber(Rng& rng, std::string_view prefix, int year) {
    const std::string n = std::to_string(rng.between(1, rng.chance(800) ? 60 : 300));
    const std::string y = std::to_string(year);
    const std::uint64_t style = rng.below(100);
    if (style < 85) return std::string(prefix) + "〔" + y + "〕" + n + "号";
    if (style < 95) return std::string(prefix) + "[" + y + "]" + n + "号";
    return std::string(prefix) + "（" + y + "）" + n + "号";
}

std::string indexNumber(Rng& rng, const Vocabulary& v, int year) {
    const std::string n = std::to_string(100000 + rng.between(1, 3000)).substr(1);  // 5 digits
    return rng.pick(v.indexPrefixes) + "/" + std::to_string(year) + "-" + n;
}

std::string_view pickValidity(Rng& rng) {
    const std::uint64_t u = rng.below(100);
    return u < 88 ? "有效" : u < 96 ? "失效" : "废止";
}

// ---- [titles] --------------------------------------------------------------

std::string domainName(const Vocabulary& v, const Plan& plan) {
    return plan.domain > 0 ? v.domainNames[static_cast<std::size_t>(plan.domain - 1)] : std::string("政务公开");
}

// A subject the document's unit would write about: one learned from its
// domain (preferably from a document of the same kind: "同意…" suits a 批复,
// not a 通知), else a domain template; the general pool only for documents
// without a domain and those from above the county.
std::string subjectFor(Rng& rng, const Vocabulary& v, const Plan& plan) {
    if (plan.domain == 0 || plan.higher) return rng.pick(v.subjects);
    const auto& own = v.domainSubjects[static_cast<std::size_t>(plan.domain - 1)];
    if (!own.empty() && rng.chance(700)) {
        const DomainSubject* pick = &rng.pick(own);
        for (int attempt = 0; attempt < 6 && pick->kind != plan.kind; ++attempt) pick = &rng.pick(own);
        return pick->text;
    }
    const std::string year = std::to_string(plan.written.y), name = domainName(v, plan);
    switch (rng.below(5)) {
    case 0: return "做好" + year + "年" + name + "工作";
    case 1: return "进一步加强" + name + "管理";
    case 2: return "公布" + year + "年" + name + "信息公开事项";
    case 3: return "开展" + year + "年" + name + "专项检查";
    default: return "规范" + name + "信息公开工作";
    }
}

std::string lawTitle(Rng& rng, const Vocabulary& v, const Plan& plan) {
    static const std::array<std::string_view, 4> kForms = {"管理办法", "管理办法（试行）", "实施细则", "管理规定"};
    return v.county + domainName(v, plan) + std::string(kForms[rng.below(kForms.size())]);
}

std::string candidateTitle(Rng& rng, const Vocabulary& v, const Plan& plan) {
    const std::string& issuer = plan.issuer.name;
    const std::string kind(plan.kind);
    const std::string year = std::to_string(plan.written.y);
    if (isLaw(plan.kind)) return plan.higher ? plan.title : lawTitle(rng, v, plan);
    if (plan.kind == "规范性文件") {
        if (rng.chance(500)) return lawTitle(rng, v, plan);
        return issuer + "关于印发《" + lawTitle(rng, v, plan) + "》的通知";
    }
    if (plan.kind == "解读") {
        if (rng.chance(500)) return "《" + lawTitle(rng, v, plan) + "》政策解读";
        return "关于" + subjectFor(rng, v, plan) + "的政策解读";
    }
    if (plan.kind == "报告") {
        if (rng.chance(300)) return issuer + year + "年政府信息公开工作年度报告";
        if (plan.domain == 8) return v.county + year + "年预算执行情况的报告";
        return "关于" + year + "年" + domainName(v, plan) + "工作情况的报告";
    }
    if (plan.kind == "公示") return "关于" + subjectFor(rng, v, plan) + "的公示";
    if (plan.kind == "通知" && !plan.higher && rng.chance(200))
        return issuer + "关于印发" + year + "年" + domainName(v, plan) + "工作要点的通知";
    const std::string subject = subjectFor(rng, v, plan);
    // "关于印发…的通知" only: an empty title is rejected and drawn again.
    if (subject.rfind("印发", 0) == 0 && plan.kind != "通知") return {};
    return issuer + "关于" + subject + "的" + kind;
}

std::string makeTitle(Rng& rng, const Vocabulary& v, const Plan& plan) {
    for (int attempt = 0; attempt < 8; ++attempt) {
        std::string title = candidateTitle(rng, v, plan);
        const std::size_t n = codePoints(title);
        if (n >= 10 && n <= 40) return title;
    }
    // Short and always within bounds: "示范县关于社会保险工作的通知".
    std::string title = v.county + "关于" + domainName(v, plan) + "工作的" + std::string(plan.kind);
    if (codePoints(title) < 10) title = "关于进一步做好" + title;
    return std::string(prefixCodePoints(title, 40));
}

// ---- [json] ----------------------------------------------------------------

void field(std::string& out, std::string_view key, std::string_view value) {
    out += ',';
    appendJsonString(out, key);
    out += ':';
    appendJsonString(out, value);
}

void appendBody(std::string& out, const std::vector<BodyBlock>& body) {
    out += ",\"body\":[";
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (i > 0) out += ',';
        const auto& block = body[i];
        if (block.type == BodyBlock::Type::Table) {
            out += "{\"table\":[";
            for (std::size_t r = 0; r < block.rows.size(); ++r) {
                out += r > 0 ? ",[" : "[";
                for (std::size_t c = 0; c < block.rows[r].size(); ++c) {
                    if (c > 0) out += ',';
                    appendJsonString(out, block.rows[r][c]);
                }
                out += ']';
            }
            out += "]}";
            continue;
        }
        out += block.type == BodyBlock::Type::Heading ? "{\"h\":" : "{\"p\":";
        appendJsonString(out, block.text);
        out += '}';
    }
    out += ']';
}

// The first sentences of the first paragraph that is not the salutation.
std::string summaryOf(const std::vector<BodyBlock>& body, const BodyRequest& request) {
    for (const auto& block : body) {
        if (block.type != BodyBlock::Type::Paragraph || block.text == request.salutation) continue;
        std::string summary;
        for (const auto sentence : splitSentences(stripNumbering(block.text))) {
            if (!summary.empty() && codePoints(summary) + codePoints(sentence) > 120) break;
            summary += sentence;
        }
        return std::string(prefixCodePoints(summary, 160));
    }
    return {};
}

// A law above the county keeps the issuer it was passed by (its title is
// set here too); other documents come from the county's units, and some
// from the State Council and the like.
using IssuersByDomain = std::vector<std::vector<const Issuer*>>;

void pickIssuer(Rng& rng, Plan& plan, const Vocabulary& vocab, const IssuersByDomain& byDomain,
                const std::string& fallbackPrefix) {
    if (isLaw(plan.kind) && rng.chance(600)) {
        const auto& law = rng.pick(vocab.lawTitles);
        if (!law.issuer.empty() && codePoints(law.title) >= 10) {
            plan.higher = true;
            plan.issuer = Issuer{law.issuer, {}, 0};
            plan.title = law.title;
            return;
        }
    }
    plan.higher = !isLaw(plan.kind) && rng.chance(80);
    const auto& candidates = byDomain[static_cast<std::size_t>(plan.domain)];
    plan.issuer = plan.higher || candidates.empty() ? rng.pick(vocab.higherIssuers) : *rng.pick(candidates);
    // County units without a known prefix number like the county government;
    // townships and village committees without one issue no 文号.
    const bool countyUnit = plan.issuer.name.rfind("县", 0) == 0 || plan.issuer.name.rfind(vocab.county, 0) == 0;
    if (plan.issuer.docPrefix.empty() && !plan.higher && countyUnit) plan.issuer.docPrefix = fallbackPrefix;
}

BodyRequest bodyRequest(Rng& rng, const Vocabulary& vocab, const Plan& plan) {
    BodyRequest request;
    const bool lawLike = isLaw(plan.kind) || (plan.kind == "规范性文件" && rng.chance(300));
    request.style = lawLike ? BodyStyle::Law
                    : plan.kind == "解读" ? BodyStyle::Interpretation
                    : plan.kind == "报告" ? BodyStyle::Report
                                          : BodyStyle::Notice;
    request.target = isLaw(plan.kind) && rng.chance(500) ? drawQuantile(rng, kLawLength) : drawQuantile(rng, kBodyLength);
    request.target = std::min(request.target, kMaxBody);
    request.effectiveDate = plan.effective.chinese();
    if (!lawLike && plan.kind != "解读" && plan.kind != "报告" && plan.kind != "公示") {
        if (rng.chance(700)) request.salutation = rng.pick(vocab.salutations);
        request.closing = {plan.issuer.name, plan.written.chinese()};
    }
    return request;
}

// Every field but id, summary and body, in the order RECORDS.md lists them.
void appendMetadata(std::string& out, Rng& rng, const Vocabulary& vocab, const Plan& plan) {
    field(out, "title", plan.title);
    field(out, "index_no", indexNumber(rng, vocab, plan.published.y));
    const bool numbered = !plan.issuer.docPrefix.empty() && plan.kind != "解读" && plan.kind != "公示" &&
                          (plan.kind != "报告" || rng.chance(400));
    if (numbered) field(out, "doc_no", docNumber(rng, plan.issuer.docPrefix, plan.written.y));
    field(out, "issuer", plan.issuer.name);
    field(out, "topic", rng.pick(vocab.topics));
    field(out, "written_on", plan.written.iso());
    field(out, "published_on", plan.published.iso());
    field(out, "validity", pickValidity(rng));
    field(out, "disclosure", rng.chance(950) ? "主动公开" : "依申请公开");
    if (plan.domain > 0) field(out, "domain", (plan.domain < 10 ? "d0" : "d") + std::to_string(plan.domain));
    field(out, "kind", plan.kind);
}

}  // namespace

// ---- [entry] ---------------------------------------------------------------

DocumentComposer::DocumentComposer(const Vocabulary& vocab) : m_v(vocab), m_byDomain(kDomainCount + 1) {
    for (const auto& issuer : m_v.issuers) {
        m_byDomain[static_cast<std::size_t>(issuer.domain)].push_back(&issuer);
        if (issuer.name == m_v.county + "人民政府" && m_fallbackPrefix.empty()) m_fallbackPrefix = issuer.docPrefix;
    }
    if (m_byDomain[0].empty())
        for (const auto& issuer : m_v.issuers) m_byDomain[0].push_back(&issuer);
    // Units whose own prefix is unknown number their documents like the
    // county government: 示政〔2021〕3号.
    if (m_fallbackPrefix.empty()) m_fallbackPrefix = std::string(prefixCodePoints(m_v.county, 1)) + "政";
}

void DocumentComposer::append(std::string& out, std::uint64_t seed, std::uint64_t n) const {
    Rng rng(seed ^ (n * 0xD1B54A32D192ED03ull));
    Plan plan;
    plan.kind = pickKind(rng);
    plan.domain = rng.chance(850) ? static_cast<int>(rng.between(1, kDomainCount)) : 0;
    pickIssuer(rng, plan, m_v, m_byDomain, m_fallbackPrefix);
    pickDates(rng, plan);
    plan.title = makeTitle(rng, m_v, plan);
    // A title naming a year (learned titles do) dates the document in it.
    if (const int year = yearIn(plan.title); year != 0 && year != plan.written.y) pickDates(rng, plan, year);
    const BodyRequest request = bodyRequest(rng, m_v, plan);
    const auto body = composeBody(m_v, rng, request);

    out += "{\"type\":\"document\",\"op\":\"upsert\",\"id\":\"bench-" + std::to_string(seed) + "-" + std::to_string(n) + "\"";
    appendMetadata(out, rng, m_v, plan);
    if (const auto summary = summaryOf(body, request); !summary.empty()) field(out, "summary", summary);
    appendBody(out, body);
    out += "}\n";
}

}  // namespace gongkai::benchgen
