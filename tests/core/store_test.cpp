#include <catch2/catch.hpp>

#include <algorithm>

#include "core/apply.h"
#include "core/mirror.h"
#include "core/store.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

using SampleStore = test::SampleMirror;

}  // namespace

TEST_CASE("store: domains come in notice order with units and counts", "[store]") {
    SampleStore s;
    auto domains = Store(*s.mirror).domains();
    REQUIRE(domains);
    REQUIRE(domains.value().size() == 2);
    const auto& d = domains.value()[0];
    CHECK(d.name == "义务教育");
    CHECK(d.seq == 3);
    CHECK(d.leadUnits == std::vector<std::string>{"县教育局"});
    CHECK(d.catalogItems == 1);
    CHECK(d.documents == 2);
    CHECK(domains.value()[1].partnerUnits == std::vector<std::string>{"县财政局"});
    CHECK(domains.value()[1].serviceGuides == 1);
}

TEST_CASE("store: a catalogue item carries all eight elements", "[store]") {
    SampleStore s;
    auto items = Store(*s.mirror).catalogItems("d03");
    REQUIRE(items);
    REQUIRE(items.value().size() == 1);
    const auto& c = items.value()[0];
    CHECK(c.level1 == "招生入学");
    CHECK(c.content == "招生范围、招生计划");
    CHECK(c.basis == "《中华人民共和国义务教育法》");
    CHECK(c.timeLimit == "信息形成之日起20个工作日内");
    CHECK(c.subject == "县教育局");
    CHECK(c.channels == std::vector<std::string>{"政府网站", "公告栏"});
    CHECK(c.audience == "全社会");
    CHECK(c.mode == "主动");
    CHECK(c.tiers == std::vector<std::string>{"县级"});
}

TEST_CASE("store: documents of a domain are listed newest first, with paging", "[store]") {
    SampleStore s;
    Store store(*s.mirror);
    auto docs = store.documentsInDomain("d03", 10);
    REQUIRE(docs);
    REQUIRE(docs.value().size() == 2);
    CHECK(docs.value()[0].id == "sf-2020-0124");
    CHECK(docs.value()[1].docNo == "示政办〔2020〕12号");
    auto page2 = store.documentsInDomain("d03", 1, 1);
    REQUIRE(page2);
    REQUIRE(page2.value().size() == 1);
    CHECK(page2.value()[0].id == "sf-2020-0123");
    auto latest = store.latestDocuments(1);
    REQUIRE(latest);
    CHECK(latest.value()[0].id == "sf-2021-0001");
}

TEST_CASE("store: a document has its metadata, blocks and interpretation links both ways", "[store]") {
    SampleStore s;
    Store store(*s.mirror);
    auto doc = store.document("sf-2020-0123");
    REQUIRE(doc);
    const auto& d = doc.value();
    CHECK(d.indexNo == "000014349/2020-00012");
    CHECK(d.issuer == "示范县人民政府办公室");
    CHECK(d.writtenOn == "2020-05-20");
    CHECK(d.validity == "有效");
    REQUIRE(d.body.size() == 3);
    CHECK(d.body[0].kind == Block::Kind::Heading);
    CHECK(d.body[1].text == "各乡镇人民政府，县人民政府各部门：");
    CHECK(d.body[2].kind == Block::Kind::Table);
    CHECK(d.body[2].rows[1][0] == "第一小学");
    REQUIRE(d.interpretedBy.size() == 1);
    CHECK(d.interpretedBy[0].id == "sf-2020-0124");
    auto reading = store.document("sf-2020-0124");
    REQUIRE(reading);
    REQUIRE(reading.value().interprets.size() == 1);
    CHECK(reading.value().interprets[0].id == "sf-2020-0123");
}

TEST_CASE("store: a missing document is an error that names it", "[store]") {
    SampleStore s;
    auto doc = Store(*s.mirror).document("nope");
    REQUIRE_FALSE(doc);
    CHECK_THAT(doc.error().message, Catch::Contains("nope"));
}

TEST_CASE("store: the character set is stored at import, most used first, and follows deletes", "[store]") {
    SampleStore s;
    Store store(*s.mirror);
    auto chars = store.characters();
    REQUIRE(chars);
    CHECK(chars.value().front() == U'县');
    CHECK(std::find(chars.value().begin(), chars.value().end(), U'〔') != chars.value().end());
    CHECK(std::find(chars.value().begin(), chars.value().end(), U'a') == chars.value().end());
    // 遇 appears only in the agency removed below.
    test::writeFile(s.dir.file("b.ndjson"), R"({"type":"agency","op":"upsert","id":"x","name":"遇见"}
)");
    REQUIRE(importRecordFile(*s.mirror, s.dir.file("b.ndjson")));
    auto has = [&](char32_t c) {
        auto v = store.characters().value();
        return std::find(v.begin(), v.end(), c) != v.end();
    };
    CHECK(has(U'遇'));
    test::writeFile(s.dir.file("c.ndjson"), R"({"type":"agency","op":"delete","id":"x"}
)");
    REQUIRE(importRecordFile(*s.mirror, s.dir.file("c.ndjson")));
    CHECK_FALSE(has(U'遇'));
}

TEST_CASE("store: data info reports version, update time and demo data", "[store]") {
    SampleStore plain;
    auto info = Store(*plain.mirror).dataInfo();
    REQUIRE(info);
    CHECK(info.value().mirrorVersion == 1);
    CHECK(info.value().updatedAt.size() == 16);
    CHECK(info.value().documents == 3);
    CHECK_FALSE(info.value().demo);
    SampleStore demo(R"({"type":"portal","op":"upsert","id":"portal","name":"示范县人民政府","demo":true}
)");
    auto demoInfo = Store(*demo.mirror).dataInfo();
    REQUIRE(demoInfo);
    CHECK(demoInfo.value().demo);
    CHECK(demoInfo.value().siteName == "示范县人民政府");
}
