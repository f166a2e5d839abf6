// The Store's content-page queries (kiosk/core/store_pages.cpp) on a real
// SQLite mirror made from the demo county (data/demo) through the product's
// import path. Expected values are read from the demo's NDJSON files with
// nlohmann::json, so the checks follow the demo data rather than copy it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "core/apply.h"
#include "core/mirror.h"
#include "core/store.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using gongkai::Store;
using Json = nlohmann::json;

namespace {

fs::path demoDir() { return gongkai::test::sourceDir() / "data" / "demo"; }

struct Demo {
    gongkai::test::TempDir dir;
    std::unique_ptr<gongkai::Mirror> mirror;
    std::map<std::string, std::map<std::string, Json>> records;  // type -> id -> record
    std::string error;

    Demo() {
        auto opened = gongkai::Mirror::open(dir.file("mirror.db"), gongkai::Mirror::Mode::Create);
        if (!opened) { error = opened.error().message; return; }
        mirror = std::move(opened.value());
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(demoDir()))
            if (e.path().extension() == ".ndjson") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            if (auto st = gongkai::importRecordFile(*mirror, f.string()); !st) error = st.error().message;
            std::ifstream in(f);
            for (std::string line; std::getline(in, line);)
                if (!line.empty()) {
                    Json j = Json::parse(line);
                    records[j["type"]][j["id"]] = j;
                }
        }
    }
    const std::map<std::string, Json>& of(const std::string& type) { return records[type]; }
};

Demo& demo() {
    static Demo d;
    return d;
}

Store demoStore() {
    INFO(demo().error);
    REQUIRE(demo().error.empty());
    return Store(*demo().mirror);
}

std::vector<std::string> ids(const std::vector<gongkai::DocumentSummary>& v) {
    std::vector<std::string> out;
    for (const auto& d : v) out.push_back(d.id);
    return out;
}

}  // namespace

TEST_CASE("store pages: documents of a kind come newest first, limited", "[store]") {
    Store store = demoStore();
    auto reports = store.documentsOfKind({"年报"}, 100);
    REQUIRE(reports);
    std::size_t expected = 0;
    for (const auto& [id, d] : demo().of("document")) expected += d.value("kind", "") == "年报";
    REQUIRE(reports.value().size() == expected);
    REQUIRE(expected >= 2);
    for (std::size_t i = 0; i + 1 < reports.value().size(); ++i)
        CHECK(reports.value()[i].publishedOn >= reports.value()[i + 1].publishedOn);
    for (const auto& d : reports.value()) CHECK(d.kind == "年报");
    auto two = store.documentsOfKind({"指南", "年报"}, 2);
    REQUIRE(two);
    CHECK(two.value().size() == 2);
    auto none = store.documentsOfKind({"no such kind"}, 10);
    REQUIRE(none);
    CHECK(none.value().empty());
}

TEST_CASE("store pages: an interpretation and the document it explains find each other", "[store]") {
    Store store = demoStore();
    int pairs = 0;
    for (const auto& [id, d] : demo().of("document")) {
        if (!d.contains("interprets")) continue;
        for (const auto& target : d["interprets"]) {
            auto explained = store.documentsInterpretedBy(id);
            REQUIRE(explained);
            auto e = ids(explained.value());
            CHECK(std::find(e.begin(), e.end(), target.get<std::string>()) != e.end());
            auto back = store.interpretationsOf(target.get<std::string>());
            REQUIRE(back);
            auto b = ids(back.value());
            CHECK(std::find(b.begin(), b.end(), id) != b.end());
            ++pairs;
        }
    }
    CHECK(pairs >= 10);
    auto none = store.interpretationsOf("no-such-document");
    REQUIRE(none);
    CHECK(none.value().empty());
}

TEST_CASE("store pages: service guides by domain and all, with every field", "[store]") {
    Store store = demoStore();
    auto all = store.serviceGuides();
    REQUIRE(all);
    CHECK(all.value().size() == demo().of("service_guide").size());
    auto g = store.serviceGuide("g01");
    REQUIRE(g);
    const Json& j = demo().of("service_guide").at("g01");
    CHECK(g.value().name == j["name"]);
    CHECK(g.value().agency == j["agency"]);
    CHECK(g.value().conditions == j["conditions"].get<std::vector<std::string>>());
    CHECK(g.value().materials == j["materials"].get<std::vector<std::string>>());
    CHECK(g.value().steps == j["steps"].get<std::vector<std::string>>());
    CHECK(g.value().timeLimit == j["time_limit"]);
    CHECK(g.value().fee == j["fee"]);
    CHECK(g.value().place == j["place"]);
    CHECK(g.value().hours == j["hours"]);
    CHECK(g.value().phone == j["phone"]);
    std::string domain = j["domain"];
    auto inDomain = store.serviceGuides(domain);
    REQUIRE(inDomain);
    std::size_t expected = 0;
    for (const auto& [id, x] : demo().of("service_guide")) expected += x.value("domain", "") == domain;
    CHECK(inDomain.value().size() == expected);
    for (const auto& x : inDomain.value()) CHECK(x.domain == domain);
    auto missing = store.serviceGuide("nope");
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::Contains("nope"));
}

TEST_CASE("store pages: consultations newest first with body and how to respond", "[store]") {
    Store store = demoStore();
    auto list = store.consultations();
    REQUIRE(list);
    REQUIRE(list.value().size() == demo().of("consultation").size());
    for (std::size_t i = 0; i + 1 < list.value().size(); ++i)
        CHECK(list.value()[i].closesOn >= list.value()[i + 1].closesOn);
    auto c = store.consultation("c01");
    REQUIRE(c);
    const Json& j = demo().of("consultation").at("c01");
    CHECK(c.value().title == j["title"]);
    CHECK(c.value().respond == j["respond"]);
    CHECK(c.value().opensOn == j["opens_on"]);
    REQUIRE(c.value().body.size() == j["body"].size());
    CHECK(c.value().body[0].kind == gongkai::Block::Kind::Paragraph);
    CHECK(c.value().body[1].kind == gongkai::Block::Kind::Heading);
}

TEST_CASE("store pages: agencies county first, then departments, townships, villages", "[store]") {
    Store store = demoStore();
    auto list = store.agencies();
    REQUIRE(list);
    REQUIRE(list.value().size() == demo().of("agency").size());
    auto rank = [](const std::string& k) { return k == "county" ? 0 : k == "department" ? 1 : k == "township" ? 2 : 3; };
    for (std::size_t i = 0; i + 1 < list.value().size(); ++i)
        CHECK(rank(list.value()[i].kind) <= rank(list.value()[i + 1].kind));
    const auto& [id, j] = *demo().of("agency").begin();
    auto a = store.agency(id);
    REQUIRE(a);
    CHECK(a.value().name == j["name"]);
    CHECK(a.value().address == j["address"]);
    CHECK(a.value().phone == j["phone"]);
    CHECK(a.value().hours == j["hours"]);
    CHECK(a.value().acceptsRequests == j["accepts_requests"].get<bool>());
}

TEST_CASE("store pages: image bytes come only for an image the document shows, intact", "[store]") {
    Store store = demoStore();
    std::string docId, sha;
    for (const auto& [id, d] : demo().of("document"))
        for (const auto& b : d.value("body", Json::array()))
            if (b.contains("img") && sha.empty()) docId = id, sha = b["img"];
    REQUIRE(!sha.empty());
    std::string blobs = (demoDir() / "blobs").string();
    auto bytes = store.imageBytes(docId, sha, blobs);
    REQUIRE(bytes);
    CHECK(bytes.value() == gongkai::test::readFile(blobs + "/" + sha));
    CHECK(bytes.value().substr(1, 3) == "PNG");
    SECTION("the feed's two-level layout works too") {
        gongkai::test::TempDir feed;
        fs::create_directories(feed.path() / sha.substr(0, 2));
        fs::copy_file(blobs + "/" + sha, feed.path() / sha.substr(0, 2) / sha);
        CHECK(store.imageBytes(docId, sha, feed.path().string()));
    }
    SECTION("a damaged blob is refused") {
        gongkai::test::TempDir bad;
        gongkai::test::writeFile(bad.file(sha), "not the image");
        auto r = store.imageBytes(docId, sha, bad.path().string());
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("damaged"));
    }
    SECTION("an image another document shows is refused") {
        auto r = store.imageBytes(docId == "sf-2019-0001" ? "sf-2019-0002" : "sf-2019-0001", sha, blobs);
        CHECK_FALSE(r);
    }
    SECTION("a missing file is an error") {
        gongkai::test::TempDir empty;
        CHECK_FALSE(store.imageBytes(docId, sha, empty.path().string()));
    }
}
