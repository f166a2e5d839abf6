// Validates the demo county (data/demo, issue 3) through the product's own
// import path: every record file is imported into a fresh mirror with
// gongkai::importRecordFile and read back with gongkai::Store, the way the
// kiosk reads it. Counts the Store does not expose are taken by re-reading the
// NDJSON files with nlohmann::json.
//
// Sections: [1] fixtures (record files, one imported mirror)  [2] domains and
// catalogue  [3] counts  [4] references  [5] read-back through the Store
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/apply.h"
#include "core/digest.h"
#include "core/mirror.h"
#include "core/store.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

// [1] Fixtures ---------------------------------------------------------------

fs::path demoDir() { return gongkai::test::sourceDir() / "data" / "demo"; }

std::vector<std::string> recordFiles() {
    std::vector<std::string> files;
    if (fs::is_directory(demoDir()))
        for (const auto& entry : fs::directory_iterator(demoDir()))
            if (entry.path().extension() == ".ndjson") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// Every record of the demo files by type, then id, as parsed from disk.
struct DemoRecords {
    std::map<std::string, std::map<std::string, Json>> byType;
    std::size_t lines = 0;

    const std::map<std::string, Json>& of(const std::string& type) const {
        static const std::map<std::string, Json> kNone;
        auto it = byType.find(type);
        return it == byType.end() ? kNone : it->second;
    }
};

const DemoRecords& demoRecords() {
    static const DemoRecords records = [] {
        DemoRecords r;
        for (const auto& path : recordFiles()) {
            std::ifstream in(path, std::ios::binary);
            for (std::string line; std::getline(in, line);) {
                if (line.empty()) continue;
                Json j = Json::parse(line);
                r.byType[j.at("type").get<std::string>()][j.at("id").get<std::string>()] = j;
                ++r.lines;
            }
        }
        return r;
    }();
    return records;
}

// The demo imported once into a temporary mirror, shared by the test cases.
// Import failures are kept as messages, so each test reports them.
struct DemoMirror {
    gongkai::test::TempDir dir;
    std::unique_ptr<gongkai::Mirror> mirror;
    std::vector<std::string> errors;
    std::uint64_t linesImported = 0;

    DemoMirror() {
        auto opened = gongkai::Mirror::open(dir.file("mirror.db"), gongkai::Mirror::Mode::Create);
        if (!opened) {
            errors.push_back(opened.error().message);
            return;
        }
        mirror = std::move(opened.value());
        for (const auto& path : recordFiles()) {
            auto stats = gongkai::importRecordFile(*mirror, path);
            if (stats) linesImported += stats.value().lines;
            else errors.push_back(stats.error().message);
        }
    }
};

DemoMirror& demoMirror() {
    static DemoMirror demo;
    return demo;
}

gongkai::Store demoStore() {
    auto& demo = demoMirror();
    INFO("import errors: " << (demo.errors.empty() ? std::string("none") : demo.errors.front()));
    REQUIRE(demo.errors.empty());
    REQUIRE(demo.mirror);
    return gongkai::Store(*demo.mirror);
}

std::string str(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strList(const Json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it) out.push_back(v.get<std::string>());
    return out;
}

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Standard base64 (RFC 4648) to bytes; an empty result on any bad character.
std::string base64Decode(const std::string& text) {
    static const std::string kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        auto pos = kAlphabet.find(c);
        if (pos == std::string::npos) return {};
        buffer = (buffer << 6) | static_cast<unsigned>(pos);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

// The notice's table (issue 3): domain, lead unit, partner units.
struct ExpectedDomain {
    const char* name;
    const char* lead;
    std::vector<std::string> partners;
};

const std::vector<ExpectedDomain>& expectedDomains() {
    static const std::vector<std::string> build = {
        "县工信局", "县民政局", "县财政局", "县自然资源局", "县生态环境局", "县住建局",
        "县交通运输局", "县水利局", "县农业农村局", "县应急管理局", "县林业局"};
    static const std::vector<std::string> city = {"县自然资源局", "县住建局", "县房管局", "县住房公积金中心"};
    static const std::vector<ExpectedDomain> domains = {
        {"重大建设项目", "县发展改革委", build},
        {"公共资源交易", "县政府办", {"县财政局", "县住建局", "县行政服务中心"}},
        {"义务教育", "县教育局", {}}, {"户籍管理", "县公安局", {}}, {"社会救助", "县民政局", {}},
        {"养老服务", "县民政局", {}}, {"公共法律服务", "县司法局", {}}, {"财政预决算", "县财政局", {}},
        {"就业", "县人力资源社会保障局", {}}, {"社会保险", "县人力资源社会保障局", {}},
        {"城乡规划", "县自然资源局", {}}, {"农村集体土地征收", "县自然资源局", {}},
        {"生态环境", "县生态环境局", {}}, {"保障性住房", "县住建局", {"县房管局"}},
        {"国有土地上房屋征收", "县住建局", {"县房管局"}}, {"农村危房改造", "县住建局", {"县房管局"}},
        {"市政服务", "县城市管理局", city}, {"城市综合执法", "县城市管理局", city},
        {"涉农补贴", "县农业农村局", {"县农机局"}}, {"公共文化服务", "县文广旅体局", {}},
        {"卫生健康", "县卫生健康委", {}}, {"安全生产", "县应急管理局", {}}, {"救灾", "县应急管理局", {}},
        {"食品药品监管", "县市场监管局", {}}, {"税收管理", "县税务局", {}}, {"扶贫", "县扶贫办", {}},
    };
    return domains;
}

}  // namespace

// [2] Domains and catalogue ---------------------------------------------------

TEST_CASE("demo: every record file imports through the product's import path", "[demo]") {
    REQUIRE(recordFiles().size() >= 5);
    auto store = demoStore();
    CHECK(demoMirror().linesImported == demoRecords().lines);
    auto info = store.dataInfo();
    REQUIRE(info);
    CHECK(info.value().documents == demoRecords().of("document").size());
    CHECK(info.value().mirrorVersion > 0);
}

TEST_CASE("demo: the 26 domains come in the notice's order with its lead and partner units", "[demo]") {
    auto store = demoStore();
    auto domains = store.domains();
    REQUIRE(domains);
    REQUIRE(domains.value().size() == 26);
    for (std::size_t i = 0; i < 26; ++i) {
        const auto& got = domains.value()[i];
        const auto& want = expectedDomains()[i];
        INFO("domain " << i + 1 << " " << got.name);
        char id[4];
        std::snprintf(id, sizeof id, "d%02zu", i + 1);
        CHECK(got.id == id);
        CHECK(got.seq == static_cast<int>(i + 1));
        CHECK(got.name == want.name);
        CHECK(got.leadUnits == std::vector<std::string>{want.lead});
        CHECK(got.partnerUnits == want.partners);
        CHECK(got.catalogItems >= 3);
        CHECK(got.documents >= 8);
    }
}

TEST_CASE("demo: every catalogue item has its eight elements", "[demo]") {
    auto store = demoStore();
    auto domains = store.domains();
    REQUIRE(domains);
    std::size_t total = 0;
    for (const auto& domain : domains.value()) {
        auto items = store.catalogItems(domain.id);
        REQUIRE(items);
        CHECK(items.value().size() >= 3);
        for (const auto& item : items.value()) {
            INFO(item.id << " " << item.level1 << "/" << item.level2);
            CHECK(item.domain == domain.id);
            CHECK_FALSE(item.level1.empty());
            CHECK_FALSE(item.level2.empty());
            CHECK_FALSE(item.content.empty());
            CHECK_FALSE(item.basis.empty());
            CHECK_FALSE(item.timeLimit.empty());
            CHECK_FALSE(item.subject.empty());
            CHECK_FALSE(item.channels.empty());
            CHECK((item.audience == "全社会" || item.audience == "特定群体"));
            CHECK((item.mode == "主动" || item.mode == "依申请"));
            REQUIRE_FALSE(item.tiers.empty());
            for (const auto& tier : item.tiers) CHECK((tier == "县级" || tier == "乡级" || tier == "村级"));
        }
        total += items.value().size();
    }
    CHECK(total == demoRecords().of("catalog_item").size());
}

// [3] Counts -------------------------------------------------------------------

TEST_CASE("demo: documents meet the issue's counts", "[demo]") {
    const auto& docs = demoRecords().of("document");
    CHECK(docs.size() >= 300);
    std::map<std::string, int> kinds, validity, years;
    std::set<std::string> annualYears, titles, bodies;
    int withImage = 0, withTable = 0;
    for (const auto& [id, d] : docs) {
        INFO("document " << id);
        CHECK(titles.insert(str(d, "title")).second);       // no two documents share a title
        CHECK(bodies.insert(d.at("body").dump()).second);   // nor a body
        ++kinds[str(d, "kind")];
        ++validity[str(d, "validity")];
        ++years[str(d, "published_on").substr(0, 4)];
        if (str(d, "kind") == "年报") annualYears.insert(str(d, "title").substr(std::string("示范县人民政府").size(), 4));
        bool image = false, table = false;
        for (const auto& block : d.at("body")) {
            image = image || block.contains("img");
            table = table || block.contains("table");
        }
        withImage += image;
        withTable += table && d.value("domain", "") == "d08";
    }
    for (int y = 2019; y <= 2026; ++y) CHECK(years[std::to_string(y)] >= 10);
    for (const char* kind : {"通知", "公告", "规范性文件", "报告", "指南"}) CHECK(kinds[kind] >= 1);
    CHECK(kinds["解读"] >= 20);
    CHECK(withImage >= 5);
    CHECK(withTable >= 8);  // budget disclosures carry tables
    CHECK(validity["失效"] >= 1);
    CHECK(validity["废止"] >= 1);
    CHECK(annualYears == std::set<std::string>{"2019", "2020", "2021", "2022", "2023", "2024", "2025"});
    CHECK(kinds["年报"] == 7);
}

TEST_CASE("demo: agencies, guides, consultations and the kiosk meet the issue's counts", "[demo]") {
    const auto& recs = demoRecords();
    std::map<std::string, int> agencyKinds;
    for (const auto& [id, a] : recs.of("agency")) ++agencyKinds[str(a, "kind")];
    CHECK(agencyKinds["township"] >= 5);
    CHECK(agencyKinds["village"] >= 3);
    CHECK(agencyKinds["county"] >= 1);
    CHECK(recs.of("service_guide").size() >= 20);
    for (const auto& [id, g] : recs.of("service_guide")) {
        INFO("guide " << id);
        for (const char* list : {"conditions", "materials", "steps"}) CHECK_FALSE(strList(g, list).empty());
    }
    const auto& consultations = recs.of("consultation");
    CHECK(consultations.size() >= 3);
    CHECK(std::any_of(consultations.begin(), consultations.end(),
                      [](const auto& kv) { return str(kv.second, "closes_on") >= "2030-01-01"; }));
    const auto& kiosks = recs.of("kiosk");
    REQUIRE(kiosks.size() == 1);
    CHECK(base64Decode(str(kiosks.begin()->second, "pubkey")).size() == 32);
}

// [4] References ---------------------------------------------------------------

TEST_CASE("demo: every reference resolves", "[demo]") {
    const auto& recs = demoRecords();
    std::set<std::string> agencyNames;
    for (const auto& [id, a] : recs.of("agency")) agencyNames.insert(str(a, "name"));
    CHECK(agencyNames.size() == recs.of("agency").size());
    const auto& domains = recs.of("domain");
    for (const auto& [id, d] : domains)
        for (const char* field : {"lead_units", "partner_units"})
            for (const auto& unit : strList(d, field)) CHECK(agencyNames.count(unit) == 1);
    for (const auto& [id, c] : recs.of("catalog_item")) CHECK(domains.count(str(c, "domain")) == 1);
    for (const auto& [id, g] : recs.of("service_guide")) {
        CHECK(agencyNames.count(str(g, "agency")) == 1);
        if (g.contains("domain")) CHECK(domains.count(str(g, "domain")) == 1);
    }
    for (const auto& [id, c] : recs.of("consultation")) CHECK(agencyNames.count(str(c, "agency")) == 1);
    const auto& docs = recs.of("document");
    for (const auto& [id, d] : docs) {
        INFO("document " << id);
        CHECK(agencyNames.count(str(d, "issuer")) == 1);
        if (d.contains("domain")) CHECK(domains.count(str(d, "domain")) == 1);
        for (const auto& target : strList(d, "interprets")) CHECK(docs.count(target) == 1);
        for (const auto& item : strList(d, "catalog_items")) CHECK(recs.of("catalog_item").count(item) == 1);
        CHECK(str(d, "written_on") <= str(d, "published_on"));
    }
}

TEST_CASE("demo: every image block names a PNG blob whose SHA-256 is its name", "[demo]") {
    std::set<std::string> hashes;
    for (const auto& [id, d] : demoRecords().of("document"))
        for (const auto& block : d.at("body"))
            if (block.contains("img")) hashes.insert(block.at("img").get<std::string>());
    REQUIRE(hashes.size() >= 5);
    for (const auto& hash : hashes) {
        INFO("blob " << hash);
        auto path = demoDir() / "blobs" / hash;
        REQUIRE(fs::is_regular_file(path));
        std::string bytes = readBytes(path);
        CHECK(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
        CHECK(gongkai::toHex(gongkai::sha256(bytes)) == hash);
    }
}

// [5] Read-back through the Store ----------------------------------------------

TEST_CASE("demo: interpretations link both ways through the store", "[demo]") {
    auto store = demoStore();
    int checked = 0;
    for (const auto& [id, d] : demoRecords().of("document")) {
        if (str(d, "kind") != "解读") continue;
        INFO("interpretation " << id);
        auto doc = store.document(id);
        REQUIRE(doc);
        auto targets = strList(d, "interprets");
        REQUIRE_FALSE(targets.empty());
        for (const auto& target : targets) {
            const auto& links = doc.value().interprets;
            CHECK(std::any_of(links.begin(), links.end(), [&](const auto& s) { return s.id == target; }));
            auto explained = store.document(target);
            REQUIRE(explained);
            const auto& back = explained.value().interpretedBy;
            CHECK(std::any_of(back.begin(), back.end(), [&](const auto& s) { return s.id == id; }));
        }
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("demo: documents read back with their metadata and body blocks", "[demo]") {
    auto store = demoStore();
    std::size_t inDomains = 0;
    auto domains = store.domains();
    REQUIRE(domains);
    for (const auto& domain : domains.value()) {
        auto list = store.documentsInDomain(domain.id, 1000);
        REQUIRE(list);
        inDomains += list.value().size();
    }
    std::size_t withDomain = 0, blocks = 0;
    for (const auto& [id, d] : demoRecords().of("document")) {
        withDomain += d.contains("domain");
        auto doc = store.document(id);
        REQUIRE(doc);
        INFO("document " << id);
        CHECK(doc.value().title == str(d, "title"));
        CHECK(doc.value().indexNo == str(d, "index_no"));
        CHECK(doc.value().docNo == str(d, "doc_no"));
        CHECK(doc.value().validity == str(d, "validity"));
        REQUIRE(doc.value().body.size() == d.at("body").size());
        for (std::size_t i = 0; i < doc.value().body.size(); ++i) {
            const auto& got = doc.value().body[i];
            const auto& want = d.at("body")[i];
            if (want.contains("table")) CHECK(got.rows == want.at("table").get<std::vector<std::vector<std::string>>>());
            if (want.contains("img")) CHECK(got.imageSha256 == str(want, "img"));
            if (want.contains("p")) CHECK(got.text == str(want, "p"));
            ++blocks;
        }
    }
    CHECK(inDomains == withDomain);
    CHECK(blocks > 3000);
}

TEST_CASE("demo: the portal record says the data is demonstration data", "[demo]") {
    auto store = demoStore();
    auto info = store.dataInfo();
    REQUIRE(info);
    CHECK(info.value().demo);
    CHECK(info.value().siteName == "示范县人民政府");
    const auto& portals = demoRecords().of("portal");
    REQUIRE(portals.count("portal") == 1);
    const auto& portal = portals.at("portal");
    CHECK(portal.at("demo") == true);
    CHECK(str(portal, "notice").find("演示数据") != std::string::npos);
    CHECK(str(portal, "county") == "示范县");
}
