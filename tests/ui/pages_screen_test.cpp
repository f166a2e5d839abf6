// The content pages in the real kiosk under Xvfb, driven by --script and
// judged from screenshots and the script's state dump (named tap targets):
// each page at portrait 1080x1920, landscape 1920x1080 and 1366x768; the
// reader's table of contents and find on a long document; its QR code
// (decoded with zbar); and an interpretation link there and back.
//
// The mirror is the demo county plus one long generated document (60
// chapters, over 100 000 characters, with a picture), the newest of all, so
// it heads the "latest" list. Screenshots stay in the test's temp dir; set
// GONGKAI_SCREENSHOT_DIR to keep copies.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"

namespace fs = std::filesystem;
using namespace gongkai::test;
using Json = nlohmann::json;

namespace {

const char* kLongUrl = "https://www.shifan.gov.cn.example/zwgk/long-rules.html";
const char* kPicture = "c87c732bccac8546dee5bdc5885d615618f93f95016a792d0b4b6e17101d39a4";

// 60 chapters of 12 articles of varying length (over 100 000 characters);
// 灯塔 appears in chapters 3 and 40 only.
std::string longDocument() {
    Json body = Json::array();
    body.push_back({{"p", "为了规范本县公共服务，提高办事效率，根据有关法律、法规，结合本县实际，制定本条例。"}});
    body.push_back({{"img", kPicture}, {"caption", "示意图"}});
    int article = 0;
    for (int ch = 1; ch <= 60; ++ch) {
        body.push_back({{"h", "第" + std::to_string(ch) + "章　公共服务事项之" + std::to_string(ch)}});
        for (int k = 0; k < 12; ++k) {
            std::string p = "第" + std::to_string(++article) + "条　";
            if ((ch == 3 && k == 1) || (ch == 40 && k == 4)) p += "沿河设置灯塔，";
            for (int r = 0; r < 2 + (ch * 7 + k) % 5; ++r)  // lengths vary, so pages differ
                p += "县人民政府有关部门应当按照职责分工，做好公共服务的组织实施、监督检查和信息公开工作，";
            body.push_back({{"p", p + "具体办法由县人民政府另行规定。"}});
        }
    }
    Json d = {{"type", "document"}, {"op", "upsert"}, {"id", "long-rules"}, {"title", "示范县公共服务条例（长篇测试文本）"},
              {"doc_no", "示政〔2030〕1号"}, {"issuer", "县司法局"}, {"topic", "综合政务\\法规"},
              {"index_no", "415126019/2030-00001"}, {"written_on", "2030-01-01"}, {"published_on", "2030-01-02"},
              {"validity", "有效"}, {"disclosure", "主动公开"}, {"kind", "法规"}, {"domain", "d07"},
              {"url", kLongUrl}, {"body", body}};
    return d.dump() + "\n";
}

struct Fixture {
    TempDir dir;
    std::string db;
    Fixture() {
        fs::path demo = sourceDir() / "data" / "demo";
        std::vector<std::string> files;
        for (const auto& e : fs::directory_iterator(demo))
            if (e.path().extension() == ".ndjson") files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        writeFile(dir.file("long.ndjson"), longDocument());
        files.push_back(dir.file("long.ndjson"));
        db = makeMirror(dir, "mirror.db", files);
        fs::create_directories(dir.path() / "blobs");  // the kiosk reads pictures beside the mirror
        fs::copy_file(demo / "blobs" / kPicture, dir.path() / "blobs" / kPicture);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

struct Size {
    int w, h;
    std::string name() const { return std::to_string(w) + "x" + std::to_string(h); }
};

// Named tap targets from a state dump.
std::map<std::string, Box> targets(const std::string& dumpPath) {
    std::map<std::string, Box> out;
    std::ifstream f(dumpPath);
    Json j = Json::parse(f, nullptr, false);
    if (!j.is_object()) return out;
    for (const auto& t : j["targets"]) {
        int x = int(t["x"].get<double>()), y = int(t["y"].get<double>());
        out[t["name"]] = {x, y, x + int(t["w"].get<double>()), y + int(t["h"].get<double>())};
    }
    return out;
}

Json dumpOf(const std::string& path) {
    std::ifstream f(path);
    return Json::parse(f, nullptr, false);
}

std::string tap(const std::map<std::string, Box>& t, const std::string& name) {
    auto it = t.find(name);
    if (it == t.end()) FAIL("no target " << name);
    const Box& b = it->second;
    return "tap " + std::to_string((b.x0 + b.x1) / 2) + " " + std::to_string((b.y0 + b.y1) / 2) + "\n";
}

std::string firstWithPrefix(const std::map<std::string, Box>& t, const std::string& prefix) {
    std::string best;
    int bestY = 1 << 30;
    for (const auto& [name, b] : t)
        if (name.rfind(prefix, 0) == 0 && b.y0 < bestY) best = name, bestY = b.y0;
    return best;
}

KioskResult run(const std::string& script, const Size& size) {
    auto r = runKiosk(fixture().dir, fixture().db, size.w, size.h, script);
    INFO(r.output);
    REQUIRE(r.status == 0);
    return r;
}

void keep(const std::string& shot, const std::string& name) {
    if (const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR"))
        fs::copy_file(shot, fs::path(dir) / name, fs::copy_options::overwrite_existing);
}

std::string back(const Size& size, const UiTheme& t) {
    return "tap " + std::to_string(t.navHeight) + " " + std::to_string(size.h - t.navHeight / 2) + "\n";
}

// The reader's area below its toolbar, above the nav bar.
Box readerBox(const Picture& p, const UiTheme& t) {
    return {0, t.contentTop() + 2 * t.titleHeight, p.width() - 40, p.height() - t.navHeight - 8};
}

}  // namespace

TEST_CASE("pages: every content page lays out at portrait, landscape and 1366x768", "[ui][pages]") {
    auto size = GENERATE(Size{1080, 1920}, Size{1920, 1080}, Size{1366, 768});
    CAPTURE(size.w, size.h);
    UiTheme t = loadUiTheme();
    const TempDir& dir = fixture().dir;
    auto file = [&](const std::string& n) { return dir.file(n + "-" + size.name() + ".png"); };
    auto dumpFile = [&](const std::string& n) { return dir.file(n + "-" + size.name() + ".json"); };
    run("dump " + dumpFile("home") + "\n", size);
    auto home = targets(dumpFile("home"));
    REQUIRE(home.count("quick:guides"));
    // First run: the lists and a domain page, each dumped for its targets.
    std::string s1;
    for (const char* list : {"guides", "agencies", "consultations", "latest"})
        s1 += tap(home, std::string("quick:") + list) + "dump " + dumpFile(list) + "\nscreenshot " + file(list) + "\n" + back(size, t);
    s1 += tap(home, "domain:d05") + "screenshot " + file("domain") + "\n";
    run(s1, size);
    auto guides = targets(dumpFile("guides")), agencies = targets(dumpFile("agencies"));
    auto consultations = targets(dumpFile("consultations")), latest = targets(dumpFile("latest"));
    std::string guide = firstWithPrefix(guides, "record:service_guide:");
    std::string agency = firstWithPrefix(agencies, "record:agency:");
    std::string consultation = firstWithPrefix(consultations, "record:consultation:");
    REQUIRE(!guide.empty());
    REQUIRE(!agency.empty());
    REQUIRE(!consultation.empty());
    REQUIRE(firstWithPrefix(latest, "doc:") == "doc:long-rules");
    // Second run: one page of each kind.
    std::string s2 = tap(home, "quick:guides") + tap(guides, guide) + "screenshot " + file("guide") + "\n" +
                     back(size, t) + back(size, t) + tap(home, "quick:agencies") + tap(agencies, agency) +
                     "screenshot " + file("agencies") + "\n" + back(size, t) + back(size, t) +
                     tap(home, "quick:consultations") + tap(consultations, consultation) + "screenshot " +
                     file("consultation") + "\n" + back(size, t) + back(size, t) + tap(home, "quick:latest") +
                     tap(latest, "doc:long-rules") + "screenshot " + file("document") + "\n";
    run(s2, size);
    Picture homeShot = Picture::load(file("latest"));
    for (const char* page : {"guides", "agencies", "domain", "guide", "consultation", "document"}) {
        CAPTURE(page);
        Picture p = Picture::load(file(page));
        REQUIRE(p.width() == size.w);
        Box content{0, t.contentTop(), size.w, size.h - t.navHeight};
        CHECK(p.darkFraction(content, 0.1) > 0.005);  // text is there
        CHECK(p.difference(homeShot, content) > 1);   // and it is not the list it came from
        // Cards and fact tables are white on the page colour, inside the window.
        for (const Box& b : findCards(p, t, size.w / 3, 60)) {
            CHECK(b.x0 >= 0);
            CHECK(b.x1 <= size.w - 16);
        }
        keep(file(page), std::string(page) + "-" + size.name() + ".png");
    }
    // Tap targets are at least 60 px tall at 1920x1080 (the cards of a list).
    if (size.w == 1920)
        for (const auto& [name, b] : guides) CHECK(b.height() >= 60);
}

TEST_CASE("pages: the reader's contents and find move to what was asked for", "[ui][pages]") {
    Size size{1920, 1080};
    UiTheme t = loadUiTheme();
    const TempDir& dir = fixture().dir;
    run("dump " + dir.file("h.json") + "\n", size);
    auto home = targets(dir.file("h.json"));
    run(tap(home, "quick:latest") + "dump " + dir.file("l.json") + "\n", size);
    std::string open = tap(home, "quick:latest") + tap(targets(dir.file("l.json")), "doc:long-rules");
    run(open + "screenshot " + dir.file("top.png") + "\ndump " + dir.file("doc.json") + "\n", size);
    auto doc = targets(dir.file("doc.json"));
    REQUIRE(doc.count("doc:toc"));
    REQUIRE(doc.count("doc:find"));
    run(open + tap(doc, "doc:toc") + "dump " + dir.file("toc.json") + "\n", size);
    auto toc = targets(dir.file("toc.json"));
    REQUIRE(toc.count("toc:3"));
    REQUIRE(toc.count("toc:4"));
    run(open + tap(doc, "doc:toc") + tap(toc, "toc:3") + "screenshot " + dir.file("toc3.png") + "\n" +
        tap(doc, "doc:toc") + tap(toc, "toc:4") + "screenshot " + dir.file("toc4.png") + "\n", size);
    Picture top = Picture::load(dir.file("top.png")), c5 = Picture::load(dir.file("toc3.png")),
            c6 = Picture::load(dir.file("toc4.png"));
    Box area = readerBox(top, t);
    CHECK(c5.difference(top, area) > 3);
    CHECK(c6.difference(c5, area) > 3);
    CHECK(c5.fraction(area, t.tileBg, 4) < 0.3);  // the page again, not the contents panel's cards
    // Find: typed as pinyin on the on-screen keys (dengta -> 灯塔): two
    // matches far apart, each highlighted when shown.
    run(open + tap(doc, "doc:find") + "dump " + dir.file("find.json") + "\n", size);
    auto find = targets(dir.file("find.json"));
    REQUIRE(find.count("find:next"));
    REQUIRE(find.count("key:hide"));
    std::string typed;
    for (const char* k : {"d", "e", "n", "g", "t", "a"}) typed += tap(find, std::string("key:") + k);
    run(open + tap(doc, "doc:find") + typed + tap(find, "key:hide") + "screenshot " + dir.file("find1k.png") + "\n" +
        tap(find, "find:next") + "screenshot " + dir.file("find2.png") + "\n", size);
    Picture f1 = Picture::load(dir.file("find1k.png")), f2 = Picture::load(dir.file("find2.png"));
    Box view = readerBox(f1, t);
    CHECK(f1.regions(view, t.bannerBg, 200, 10).size() >= 1);  // the highlighted word
    CHECK(f2.regions(view, t.bannerBg, 200, 10).size() >= 1);
    CHECK(f2.difference(f1, view) > 3);  // the second match is elsewhere
    CHECK(f1.difference(top, view) > 3);
    keep(dir.file("find1k.png"), "document-find-1920x1080.png");
}

TEST_CASE("pages: the reader's QR code decodes to the document's address", "[ui][pages]") {
    auto size = GENERATE(Size{1920, 1080}, Size{1080, 1920});
    const TempDir& dir = fixture().dir;
    std::string h = dir.file("qh-" + size.name() + ".json"), l = dir.file("ql-" + size.name() + ".json");
    run("dump " + h + "\n", size);
    run(tap(targets(h), "quick:latest") + "dump " + l + "\n", size);
    std::string shot = dir.file("qr-" + size.name() + ".png");
    run(tap(targets(h), "quick:latest") + tap(targets(l), "doc:long-rules") + "screenshot " + shot + "\n", size);
    auto codes = decodeQrCodes(Picture::load(shot));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == kLongUrl);
}

TEST_CASE("pages: an interpretation links to the document it explains, and back", "[ui][pages]") {
    Size size{1920, 1080};
    UiTheme t = loadUiTheme();
    const TempDir& dir = fixture().dir;
    run("dump " + dir.file("ih.json") + "\n", size);
    auto home = targets(dir.file("ih.json"));
    run(tap(home, "quick:interpretations") + "dump " + dir.file("il.json") + "\n", size);
    auto list = targets(dir.file("il.json"));
    std::string reading = firstWithPrefix(list, "doc:");
    REQUIRE(!reading.empty());
    std::string open = tap(home, "quick:interpretations") + tap(list, reading);
    run(open + "dump " + dir.file("i1.json") + "\n", size);
    Json d1 = dumpOf(dir.file("i1.json"));
    CHECK(d1["route"] == "document");
    CHECK("doc:" + d1["route_id"].get<std::string>() == reading);
    std::string link = firstWithPrefix(targets(dir.file("i1.json")), "doc:link:");
    REQUIRE(!link.empty());
    run(open + tap(targets(dir.file("i1.json")), link) + "dump " + dir.file("i2.json") + "\n" + back(size, t) + "dump " +
        dir.file("i3.json") + "\n", size);
    Json d2 = dumpOf(dir.file("i2.json")), d3 = dumpOf(dir.file("i3.json"));
    CHECK(d2["route"] == "document");
    CHECK("doc:link:" + d2["route_id"].get<std::string>() == link);
    // The explained document links back to its interpretation.
    CHECK(targets(dir.file("i2.json")).count("doc:link:" + d1["route_id"].get<std::string>()) == 1);
    CHECK(d3["route_id"] == d1["route_id"]);
}
