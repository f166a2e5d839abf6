#include "support/fixtures.h"

#include <stdexcept>

#include <catch2/catch.hpp>
#include <zstd.h>

#include "core/apply.h"
#include "core/search.h"

namespace gongkai::test {

std::string sampleRecords() {
    return R"({"type":"domain","op":"upsert","id":"d03","seq":3,"name":"义务教育","lead_units":["县教育局"]}
{"type":"domain","op":"upsert","id":"d05","seq":5,"name":"社会救助","lead_units":["县民政局"],"partner_units":["县财政局"]}
{"type":"agency","op":"upsert","id":"ag-edu","name":"县教育局","kind":"department","phone":"0393-5550101","accepts_requests":true}
{"type":"catalog_item","op":"upsert","id":"c-03-1","domain":"d03","level1":"招生入学","level2":"招生政策","content":"招生范围、招生计划","basis":"《中华人民共和国义务教育法》","time_limit":"信息形成之日起20个工作日内","subject":"县教育局","channels":["政府网站","公告栏"],"audience":"全社会","mode":"主动","tiers":["县级"]}
{"type":"document","op":"upsert","id":"sf-2020-0123","title":"示范县人民政府办公室关于做好2020年义务教育招生入学工作的通知","doc_no":"示政办〔2020〕12号","index_no":"000014349/2020-00012","issuer":"示范县人民政府办公室","written_on":"2020-05-20","published_on":"2020-05-21","validity":"有效","disclosure":"主动公开","kind":"通知","domain":"d03","body":[{"h":"一、总体要求"},{"p":"各乡镇人民政府，县人民政府各部门："},{"table":[["学校","计划"],["第一小学","300"]]}]}
{"type":"document","op":"upsert","id":"sf-2020-0124","title":"《关于做好2020年义务教育招生入学工作的通知》政策解读","issuer":"县教育局","published_on":"2020-05-22","kind":"解读","domain":"d03","interprets":["sf-2020-0123"],"body":[{"p":"一、出台背景"}]}
{"type":"document","op":"upsert","id":"sf-2021-0001","title":"示范县最低生活保障工作实施细则","published_on":"2021-03-01","kind":"规范性文件","domain":"d05","validity":"有效","body":[{"p":"第一条 为规范最低生活保障工作，制定本细则。"}],"future_field":{"x":[1,2]}}
{"type":"service_guide","op":"upsert","id":"g-dibao","name":"最低生活保障申请","agency":"县民政局","domain":"d05","materials":["户口簿","身份证"],"steps":["申请","审核","公示"]}
{"type":"consultation","op":"upsert","id":"cs-1","title":"关于《示范县养老服务条例（草案）》公开征求意见的公告","opens_on":"2026-01-01","closes_on":"2030-12-31"}
{"type":"kiosk","op":"upsert","id":"k1","site":"示范县政务服务中心一楼大厅","pubkey":"MCowBQYDK2VwAyEAq7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0a0Y="}
{"type":"notice_board","op":"upsert","id":"nb-1","text":"未知类型的记录原样保留"}
)";
}

SampleMirror::SampleMirror(const std::string& extra) {
    auto m = Mirror::open(dir.file("m.db"), Mirror::Mode::Create);
    REQUIRE(m);
    mirror = std::move(m.value());
    writeFile(dir.file("base.ndjson"), sampleRecords() + extra);
    REQUIRE(importRecordFile(*mirror, dir.file("base.ndjson")));
}

std::string zstdCompress(const std::string& text) {
    std::string out(ZSTD_compressBound(text.size()), '\0');
    std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
    if (ZSTD_isError(n)) throw std::runtime_error("zstd compress failed");
    out.resize(n);
    return out;
}

DisclosureRequest typicalRequest(const std::string& kioskId) {
    DisclosureRequest r;
    r.id = "01JDQ7V7Y3K9ZC4R6M2N8P5T0W";
    r.kioskId = kioskId;
    r.createdAt = "2026-11-28T09:30:00Z";
    r.agencyId = "county-civil-affairs";
    r.agencyName = "县民政局";
    r.title = "关于2025年城乡最低生活保障标准调整的通知";
    r.docNo = "民发〔2025〕12号";
    r.catalogItemId = "cat-0042";
    r.description = "请提供2025年本镇低保名单的公示材料和审批依据。";
    r.form = "electronic";
    r.delivery = "counter";
    return r;
}

std::vector<std::string> suggestedIds(const Mirror& mirror, const std::string& text) {
    auto s = suggestTitles(mirror, text, 10);
    REQUIRE(s);
    std::vector<std::string> ids;
    for (const auto& x : s.value()) ids.push_back(x.id);
    return ids;
}

std::string variedChinese(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        char32_t cp = 0x4E00 + static_cast<char32_t>((i * 7919) % 20000);
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

}  // namespace gongkai::test
