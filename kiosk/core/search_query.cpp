#include "search_query.h"

#include <algorithm>
#include <array>

#include "hanzi.h"
#include "search.h"
#include "tokenizer.h"

namespace gongkai {

namespace {

constexpr std::size_t kMaxTerms = 12;  // nobody types more at a kiosk
constexpr std::size_t kMaxGroups = 12;

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    return out + "\"";
}

bool hasTokens(const std::string& text) {
    bool any = false;
    tokenize(text, TokenizeMode::Query, [&](const Token&) { return !(any = true); });
    return any;
}

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::vector<std::string> splitTerms(const std::string& text) {
    std::vector<std::string> terms;
    std::size_t i = 0;
    auto space = [&](std::size_t k) { return text[k] == ' ' || text[k] == '\t' || text[k] == '\n'; };
    while (i < text.size()) {
        while (i < text.size() && space(i)) ++i;
        std::size_t j = i;
        while (j < text.size() && !space(j)) ++j;
        if (j > i) terms.push_back(text.substr(i, j - i));
        i = j;
    }
    return terms;
}

std::vector<char32_t> codepoints(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        int len = 1;
        out.push_back(tokenizer_detail::decodeAt(s, i, len));
        i += static_cast<std::size_t>(len);
    }
    return out;
}

std::string utf8(const std::vector<char32_t>& cps, std::size_t from, std::size_t count) {
    std::string out;
    for (std::size_t i = from; i < from + count && i < cps.size(); ++i) tokenizer_detail::appendUtf8(out, cps[i]);
    return out;
}

// "国发2019" followed by "4号": a document number typed with a space for its
// brackets, one term again (the tokenizer reads "国发2019 4号" as 国发〔2019〕4号).
bool splitDocumentNumber(const std::string& term, const std::string& next) {
    auto a = codepoints(term), b = codepoints(next);
    auto digit = [](char32_t c) {
        c = normalizeCodepoint(c);
        return c >= '0' && c <= '9';
    };
    if (a.size() < 5 || b.empty() || !hanzi::isCjk(normalizeCodepoint(a[a.size() - 5]))) return false;
    if (!std::all_of(a.end() - 4, a.end(), digit)) return false;
    std::size_t n = b.size() > 1 && normalizeCodepoint(b.back()) == U'号' ? b.size() - 1 : b.size();
    return std::all_of(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n), digit);
}

std::vector<std::string> joinDocumentNumbers(std::vector<std::string> terms) {
    for (std::size_t i = 0; i + 1 < terms.size(); ++i)
        if (splitDocumentNumber(terms[i], terms[i + 1])) {
            terms[i] += " " + terms[i + 1];
            terms.erase(terms.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        }
    return terms;
}

bool isCjkEnd(const std::string& term) {
    auto cps = codepoints(term);
    return !cps.empty() && hanzi::isCjk(normalizeCodepoint(cps.back()));
}

// A group of phrases ORed together: the term as typed (the last term of a
// query as a prefix, unless it ends in a Chinese character: those are typed
// whole), then what its pinyin may mean.
std::vector<std::string> termPhrases(const std::string& term, bool isLast, const PinyinConverter& convert) {
    std::vector<std::string> phrases;
    if (hasTokens(term)) phrases.push_back(quote(term) + (isLast && !isCjkEnd(term) ? "*" : ""));
    if (convert && std::any_of(term.begin(), term.end(), isLetter))
        for (const auto& text : convert(term))
            if (hasTokens(text)) phrases.push_back(quote(text));
    return phrases;
}

void addGroup(MatchPlan& plan, std::vector<std::string> phrases, const char* joiner) {
    std::erase_if(phrases, [](const std::string& p) { return !hasTokens(p); });
    if (phrases.empty() || plan.groupSizes.size() >= kMaxGroups) return;
    if (!plan.expression.empty()) plan.expression += joiner;
    if (phrases.size() == 1) plan.expression += phrases.front();
    else {
        plan.expression += "(";
        for (std::size_t i = 0; i < phrases.size(); ++i) plan.expression += (i ? " OR " : "") + phrases[i];
        plan.expression += ")";
    }
    plan.groupSizes.push_back(static_cast<int>(phrases.size()));
}

// Question words, longest first within each list so that 怎么办 goes before 怎么.
constexpr std::array kQuestionWords = {
    "可不可以", "请问一下", "为什么", "怎么办", "怎么样", "能不能", "算不算", "是不是", "有没有", "要不要",
    "会不会", "该不该", "行不行", "需不需要", "请问", "怎么", "怎样", "如何", "什么", "哪些", "哪里", "哪儿",
    "哪个", "多少", "多久", "是否", "能否", "可否", "可以", "应该", "需要", "我们", "你们", "一下", "咨询",
    "想问", "出了", "办理"};
constexpr std::array kParticles = {"吗", "呢", "吧", "啊", "呀", "了", "的", "我", "你", "？", "?"};

}  // namespace

std::string MatchPlan::groupSpec() const {
    std::string out;
    for (int n : groupSizes) out += (out.empty() ? "" : ",") + std::to_string(n);
    return out;
}

MatchPlan strictMatch(const std::string& userText, const PinyinConverter& convert) {
    MatchPlan plan;
    auto terms = joinDocumentNumbers(splitTerms(userText));
    if (terms.size() > kMaxTerms) terms.resize(kMaxTerms);
    for (std::size_t i = 0; i < terms.size(); ++i)
        addGroup(plan, termPhrases(terms[i], i + 1 == terms.size(), convert), " AND ");  // no implicit AND before "("
    return plan;
}

bool isDocumentNumber(const std::string& userText) {
    auto terms = joinDocumentNumbers(splitTerms(userText));
    if (terms.size() != 1) return false;
    bool found = false;
    tokenize(terms.front(), TokenizeMode::Query, [&](const Token& t) {
        found = t.text.find("\u3015") != std::string_view::npos;  // 2019〕4
        return !found;
    });
    return found;
}

std::string buildMatchExpression(const std::string& userText) { return strictMatch(userText, {}).expression; }

std::string dropQuestionWords(const std::string& userText) {
    std::string text;
    for (char32_t cp : codepoints(userText)) tokenizer_detail::appendUtf8(text, normalizeCodepoint(cp));
    auto erase = [&text](std::string_view word) {
        for (std::size_t at; (at = text.find(word)) != std::string::npos;) text.replace(at, word.size(), " ");
    };
    for (const char* w : kQuestionWords) erase(w);
    for (const char* w : kParticles) erase(w);
    return text;
}

MatchPlan relaxedMatch(const std::string& userText, const PinyinConverter& convert) {
    MatchPlan plan;
    plan.relaxed = true;
    auto terms = splitTerms(dropQuestionWords(userText));
    if (terms.size() > kMaxTerms) terms.resize(kMaxTerms);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        auto cps = codepoints(terms[i]);
        bool anyLetter = std::any_of(terms[i].begin(), terms[i].end(), isLetter);
        if (anyLetter) {  // pinyin: the term as a whole
            addGroup(plan, termPhrases(terms[i], i + 1 == terms.size(), convert), " OR ");
            continue;
        }
        // Runs of CJK characters become their words of two; other runs (years,
        // numbers) stand alone: "2019年春节" -> 2019, 春节.
        for (std::size_t k = 0; k < cps.size();) {
            bool cjk = hanzi::isCjk(cps[k]);
            std::size_t end = k;
            while (end < cps.size() && hanzi::isCjk(cps[end]) == cjk) ++end;
            std::size_t n = end - k;
            if (!cjk) addGroup(plan, {quote(utf8(cps, k, n))}, " OR ");
            else if (n == 1 && cps.size() == 1) addGroup(plan, {quote(utf8(cps, k, 1))}, " OR ");
            else
                for (std::size_t b = k; b + 1 < end; ++b) addGroup(plan, {quote(utf8(cps, b, 2))}, " OR ");
            k = end;
        }
    }
    return plan;
}

MatchPlan titleOnly(const MatchPlan& plan) {
    MatchPlan out = plan;
    out.titles = true;
    return out;
}

}  // namespace gongkai
