// Body composition. Sections: [builder] budgeted block list and paragraph
// filling, [tables] small tables, [styles] prose and law layouts, [entry].
#include "bench_gen_body.h"

#include <algorithm>
#include <string_view>

#include "bench_gen_text.h"

namespace gongkai::benchgen {

namespace {

const std::vector<std::string> kInterpretationHeadings = {
    "起草背景", "制定依据", "主要内容", "适用范围", "政策亮点", "保障措施", "实施时间", "解读机关及联系方式",
};

// ---- [builder] -------------------------------------------------------------

class BodyBuilder {
public:
    BodyBuilder(const Vocabulary& vocab, Rng& rng, std::size_t target) : m_v(vocab), m_rng(rng), m_left(target) {}

    std::size_t left() const { return m_left; }
    void reserve(std::size_t n) { m_left -= std::min(n, m_left); }
    void release(std::size_t n) { m_left += n; }
    std::vector<BodyBlock> take() { return std::move(m_blocks); }
    const Vocabulary& vocab() const { return m_v; }
    Rng& rng() { return m_rng; }

    // `n` is the length of `text` in code points when the caller knows it.
    void add(BodyBlock::Type type, std::string text, std::size_t n = std::string::npos) {
        if (n == std::string::npos) n = codePoints(text);
        if (n == 0 || n > m_left) return;
        m_left -= n;
        m_blocks.push_back(BodyBlock{type, std::move(text), {}});
    }

    void addTable(std::vector<std::vector<std::string>> rows) {
        std::size_t n = 0;
        for (const auto& row : rows)
            for (const auto& cell : row) n += codePoints(cell);
        if (n > m_left) return;
        m_left -= n;
        m_blocks.push_back(BodyBlock{BodyBlock::Type::Table, {}, std::move(rows)});
    }

    // Runs of consecutive source sentences (from `runs`, or from the prose
    // runs with now and then an article when null) appended to `text` while
    // they fit in `budget` code points: at most `maxRuns` runs, each starting
    // at a paragraph's first sentence when `fromStart`. A sentence is cut to
    // fit only when `exact` (the last paragraph of a body, so that the body
    // reaches its target) or when nothing else fits. Returns the length added.
    std::size_t fill(std::string& text, std::size_t budget, const std::vector<Passage>* runs, bool exact,
                     unsigned maxRuns = 8) {
        std::size_t used = 0;
        unsigned misses = 0, taken = 0;
        const Passage* last = nullptr;
        while (used + 4 <= budget && misses < 8 && taken < maxRuns) {
            const auto& from = runs ? *runs : (m_rng.chance(100) ? m_v.articleRuns : m_v.proseRuns);
            std::size_t i = m_rng.below(from.size());
            if (runs != nullptr || m_rng.chance(500)) i -= from[i].index;
            last = &from[i];
            if (used + from[i].codePoints > budget) {
                ++misses;
                continue;
            }
            ++taken;
            while (true) {
                text += from[i].text;
                used += from[i].codePoints;
                if (from[i].following == 0 || used + from[i + 1].codePoints > budget) break;
                ++i;
            }
        }
        if (last != nullptr && used + 4 <= budget && (exact || used == 0)) used += appendCut(text, last->text, budget - used);
        return used;
    }

private:
    // The first `room` - 1 characters of `s` and a full stop.
    static std::size_t appendCut(std::string& text, std::string_view s, std::size_t room) {
        if (room < 4) return 0;
        std::string_view cut = prefixCodePoints(s, room - 1);
        for (std::string_view p : {"，", "、", "；", "：", "“", "（", "《"})
            if (cut.size() >= p.size() && cut.substr(cut.size() - p.size()) == p) cut.remove_suffix(p.size());
        text += cut;
        text += "。";
        return codePoints(cut) + 1;
    }

    const Vocabulary& m_v;
    Rng& m_rng;
    std::size_t m_left;
    std::vector<BodyBlock> m_blocks;
};

void addParagraph(BodyBuilder& b, std::size_t budget, bool exact = false) {
    std::string text;
    const std::size_t n = b.fill(text, std::min(budget, b.left()), nullptr, exact);
    b.add(BodyBlock::Type::Paragraph, std::move(text), n);
}

// ---- [tables] --------------------------------------------------------------

std::string amount(Rng& rng, std::uint64_t maxWhole) {
    const std::uint64_t cents = rng.below(100);
    return std::to_string(rng.between(1, maxWhole)) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

std::vector<std::vector<std::string>> makeTable(const Vocabulary& v, Rng& rng) {
    static const std::vector<std::string> kBudgetLines = {
        "一般公共服务支出", "教育支出", "社会保障和就业支出", "卫生健康支出", "农林水支出", "城乡社区支出", "住房保障支出"};
    std::vector<std::vector<std::string>> rows;
    const std::uint64_t count = rng.between(3, 7);
    switch (rng.below(3)) {
    case 0:
        rows.push_back({"乡镇", "户数", "人数", "金额（元）"});
        for (std::uint64_t i = 0; i < count; ++i) {
            const auto households = rng.between(3, 400);
            rows.push_back({rng.pick(v.townships), std::to_string(households),
                            std::to_string(households * rng.between(2, 4)), amount(rng, 900000)});
        }
        break;
    case 1:
        rows.push_back({"科目", "预算数（万元）", "执行数（万元）"});
        for (std::uint64_t i = 0; i < count; ++i)
            rows.push_back({rng.pick(kBudgetLines), amount(rng, 20000), amount(rng, 20000)});
        break;
    default:
        rows.push_back({"序号", "工作任务", "责任单位"});
        for (std::uint64_t i = 0; i < count; ++i)
            rows.push_back({std::to_string(i + 1), rng.pick(v.headings), rng.pick(v.issuers).name});
        break;
    }
    return rows;
}

// ---- [styles] --------------------------------------------------------------

void composeProse(BodyBuilder& b, BodyStyle style) {
    Rng& rng = b.rng();
    addParagraph(b, rng.between(60, 260));
    unsigned section = 0;
    while (b.left() > 80) {
        if (b.left() > 200) {
            const auto& heading = style == BodyStyle::Interpretation
                                      ? kInterpretationHeadings[section % kInterpretationHeadings.size()]
                                      : rng.pick(b.vocab().headings);
            b.add(BodyBlock::Type::Heading, chineseNumber(++section) + "、" + heading);
        }
        const std::uint64_t paragraphs = rng.between(1, 4);
        for (std::uint64_t i = 0; i < paragraphs && b.left() > 80; ++i) addParagraph(b, rng.between(80, 480));
        if (b.left() > 400 && rng.chance(style == BodyStyle::Report ? 150 : 40))
            b.addTable(makeTable(b.vocab(), rng));
    }
    if (b.left() >= 10) addParagraph(b, b.left(), true);
}

void addArticle(BodyBuilder& b, unsigned& number, std::size_t budget) {
    std::string text = "第" + chineseNumber(++number) + "条 ";
    const std::size_t head = codePoints(text);
    if (budget <= head + 10) return;
    const std::size_t n = b.fill(text, budget - head, &b.vocab().articleRuns, false, b.rng().chance(250) ? 2 : 1);
    b.add(BodyBlock::Type::Paragraph, std::move(text), head + n);
}

void composeLaw(BodyBuilder& b, const std::string& effectiveDate) {
    Rng& rng = b.rng();
    const std::string last = "本办法自" + effectiveDate + "起施行。";
    const std::size_t lastSize = codePoints(last) + 8;
    b.reserve(lastSize);
    const std::size_t total = b.left();
    const std::size_t maxChapters = std::clamp<std::size_t>(total / 1200, 3, 12);
    const unsigned chapters = total >= 3600 ? static_cast<unsigned>(rng.between(3, maxChapters)) : 0;
    unsigned article = 0;
    for (unsigned c = 1; c <= std::max(chapters, 1u); ++c) {
        if (chapters > 0) {
            std::string name = c == 1 ? "总则" : c == chapters ? "附则" : rng.pick(b.vocab().chapters);
            b.add(BodyBlock::Type::Heading, "第" + chineseNumber(c) + "章 " + name);
        }
        const std::size_t stopAt = chapters == 0 ? 0 : total * (chapters - c) / chapters;
        // Every budget is at least 40, more than any 第N条 prefix: each turn adds an article.
        while (b.left() > stopAt + 40) addArticle(b, article, std::min<std::size_t>(b.left() - stopAt, rng.between(40, 320)));
    }
    b.release(lastSize);
    b.add(BodyBlock::Type::Paragraph, "第" + chineseNumber(++article) + "条 " + last);
}

}  // namespace

// ---- [entry] ---------------------------------------------------------------

std::vector<BodyBlock> composeBody(const Vocabulary& vocab, Rng& rng, const BodyRequest& request) {
    BodyBuilder b(vocab, rng, request.target);
    std::size_t closing = 0;
    for (const auto& line : request.closing) closing += codePoints(line);
    if (!request.salutation.empty()) b.add(BodyBlock::Type::Paragraph, request.salutation);
    b.reserve(closing);
    if (request.style == BodyStyle::Law) {
        composeLaw(b, request.effectiveDate);
    } else {
        composeProse(b, request.style);
    }
    b.release(closing);
    for (const auto& line : request.closing) b.add(BodyBlock::Type::Paragraph, line);
    return b.take();
}

std::size_t bodyCodePoints(const std::vector<BodyBlock>& body) {
    std::size_t n = 0;
    for (const auto& block : body) {
        n += codePoints(block.text);
        for (const auto& row : block.rows)
            for (const auto& cell : row) n += codePoints(cell);
    }
    return n;
}

}  // namespace gongkai::benchgen
