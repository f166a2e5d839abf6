#include "sync/bulk_records.h"

#include <cstdint>
#include <cstdio>
#include <random>
#include <string_view>
#include <vector>

namespace gongkai::test {

namespace {

// Common characters of government notices; each is 3 bytes of UTF-8.
constexpr std::string_view kHanzi =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只"
    "没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边"
    "县乡镇村府办局委会街道社区救助保障教育卫生健康医疗养老住房交通农业水利财政税务审批公开公示通知意见办法";

std::string hanziAt(std::size_t i) { return std::string(kHanzi.substr(3 * i, 3)); }

// A body of `chars` Hanzi in paragraphs, with commas and full stops.
std::string body(std::uint64_t seed, int chars) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, kHanzi.size() / 3 - 1);
    std::uniform_int_distribution<int> clause(6, 18);
    std::string out = "[";
    std::string para;
    int inPara = 0, untilComma = clause(rng);
    for (int i = 0; i < chars; ++i) {
        para += hanziAt(pick(rng));
        ++inPara;
        if (--untilComma == 0) {
            para += inPara > 120 ? "。" : "，";
            untilComma = clause(rng);
        }
        if (inPara >= 150 || i + 1 == chars) {
            if (para.size() >= 3 && para.compare(para.size() - 3, 3, "，") == 0) para.resize(para.size() - 3);
            out += std::string(out.size() > 1 ? "," : "") + "{\"p\":\"" + para + "。\"}";
            para.clear();
            inPara = 0;
        }
    }
    return out + "]";
}

}  // namespace

std::string bulkRecords(const BulkOptions& o, int revision) {
    std::string out;
    int slide = o.documents / 50;
    int first = revision * slide;
    for (int i = first; i < first + o.documents; ++i) {
        // Document i gets a new body at the revisions r with r = i (mod 10).
        int bodyRevision = revision - ((revision - i) % 10 + 10) % 10;
        std::uint64_t seed = static_cast<std::uint64_t>(i) * 1000003u + static_cast<std::uint64_t>(bodyRevision);
        char id[32], date[32];
        std::snprintf(id, sizeof id, "bulk-%06d", i);
        std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
        out += std::string(R"({"type":"document","op":"upsert","id":")") + id + R"(","title":"示范县关于)" +
               hanziAt(static_cast<std::size_t>(i) % (kHanzi.size() / 3)) + hanziAt(static_cast<std::size_t>(i / 7) % 60) +
               "工作的通知（第" + std::to_string(i) + R"(号）","published_on":")" + date +
               R"(","kind":"通知","domain":"d03","body":)" + body(seed, o.bodyChars) + "}\n";
    }
    return out;
}

}  // namespace gongkai::test
