// Feed sources (sync/net): http through a real server on 127.0.0.1 that
// injects faults (tests/sync/fault_server.h), and file:// (a USB copy).
#include <catch2/catch.hpp>
#include <httplib.h>

#include <chrono>
#include <filesystem>

#include "net/source.h"
#include "support/temp_dir.h"
#include "sync/fault_server.h"

using gongkai::net::FetchLimits;
using gongkai::net::FetchOutcome;
using gongkai::net::FetchProblem;
using gongkai::net::Source;
using gongkai::net::Validators;
using gongkai::test::Fault;
using gongkai::test::FaultServer;
using gongkai::test::readFile;
using gongkai::test::TempDir;
using gongkai::test::writeFile;
namespace fs = std::filesystem;

namespace {

const char* kSnapshot = "snapshots/1.ndjson.zst";

// Bytes that differ from their neighbours, so a misplaced slice shows.
std::string patternBytes(std::size_t size) {
    std::string out(size, '\0');
    std::uint32_t x = 12345;
    for (char& c : out) {
        x = x * 1103515245u + 12345u;
        c = static_cast<char>(x >> 24);
    }
    return out;
}

// A feed directory (a snapshot and a manifest) and a staging directory.
struct Feed {
    TempDir dir;
    std::string snapshot = patternBytes(200000);
    std::string manifest = "{\"signed\": {\"version\": 1}, \"signatures\": []}";
    Feed() {
        fs::create_directories(dir.path() / "feed" / "snapshots");
        fs::create_directories(dir.path() / "staging");
        writeFile(root() + "/" + kSnapshot, snapshot);
        writeFile(root() + "/manifest.json", manifest);
    }
    std::string root() const { return (dir.path() / "feed").string(); }
    std::string staging(const std::string& name) const { return (dir.path() / "staging" / name).string(); }
    std::uint64_t size() const { return snapshot.size(); }
};

FetchLimits fastLimits() {
    FetchLimits limits;
    limits.connectSeconds = 2;
    limits.stallSeconds = 1;
    return limits;
}

std::unique_ptr<Source> openOrFail(const std::string& url) {
    auto source = gongkai::net::openSource(url, fastLimits());
    INFO(url << ": " << (source.ok() ? "" : source.error().message));
    REQUIRE(source.ok());
    return std::move(source.value());
}

std::uint64_t sizeOf(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    return ec ? 0 : size;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("source: an exact download writes the file", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    std::uint64_t lastDone = 0, lastTotal = 0;
    int calls = 0;
    auto progress = [&](std::uint64_t done, std::uint64_t total) {
        CHECK(done >= lastDone);
        lastDone = done;
        lastTotal = total;
        ++calls;
        return true;
    };
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr, progress);
    INFO(out.message);
    REQUIRE(out.ok());
    CHECK(out.bytes == feed.size());
    CHECK(out.transferred == feed.size());
    CHECK_FALSE(out.resumed);
    CHECK_FALSE(out.notModified);
    CHECK_FALSE(out.validators.etag.empty());
    CHECK(readFile(dest) == feed.snapshot);
    CHECK(calls > 0);
    CHECK(lastDone == feed.size());
    CHECK(lastTotal == feed.size());
    auto log = server.requests();
    REQUIRE(log.size() == 1);
    CHECK(log[0].path == "/snapshots/1.ndjson.zst");
    CHECK(log[0].range.empty());
    CHECK(log[0].status == 200);
}

TEST_CASE("source: a missing file is reported as NotFound", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("missing");
    FetchOutcome out = source->fetch("snapshots/9.ndjson.zst", dest, 1000, true, nullptr);
    CHECK(out.problem == FetchProblem::NotFound);
    CHECK_THAT(out.message, Catch::Contains(server.url() + "/snapshots/9.ndjson.zst") && Catch::Contains("404"));
    CHECK_FALSE(fs::exists(dest));
}

TEST_CASE("source: HTTP 500 is reported as HttpError with the status", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("manifest");
    server.failNext(500, 1, "manifest.json");
    FetchOutcome out = source->fetch("manifest.json", dest, 65536, false, nullptr);
    CHECK(out.problem == FetchProblem::HttpError);
    CHECK_THAT(out.message, Catch::Contains(server.url() + "/manifest.json") && Catch::Contains("HTTP 500"));
    CHECK_FALSE(fs::exists(dest));  // the error page is never written as the file
    FetchOutcome again = source->fetch("manifest.json", dest, 65536, false, nullptr);
    INFO(again.message);
    CHECK(again.ok());
    CHECK(readFile(dest) == feed.manifest);
}

TEST_CASE("source: truncated body is reported as Truncated and the next fetch resumes", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    Fault cut;
    cut.truncateAfter = 70000;
    server.setFault(kSnapshot, cut);
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    CHECK(out.problem == FetchProblem::Truncated);
    CHECK_THAT(out.message, Catch::Contains(kSnapshot));
    CHECK(sizeOf(dest) == 70000);  // kept for the resume
    server.clearFault(kSnapshot);
    FetchOutcome resumed = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    INFO(resumed.message);
    REQUIRE(resumed.ok());
    CHECK(resumed.resumed);
    CHECK(resumed.transferred == feed.size() - 70000);
    CHECK(resumed.bytes == feed.size());
    CHECK(readFile(dest) == feed.snapshot);
    auto log = server.requests();
    REQUIRE(log.size() == 2);
    CHECK(log[1].range == "bytes=70000-");
    CHECK(log[1].status == 206);
    CHECK(log[1].bodyBytes == feed.size() - 70000);
}

TEST_CASE("source: a stalled body is reported as Stalled", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());  // stallSeconds = 1
    std::string dest = feed.staging("snap");
    Fault stall;
    stall.stallAfter = 50000;
    stall.stall = std::chrono::milliseconds(4000);
    server.setFault(kSnapshot, stall);
    auto start = std::chrono::steady_clock::now();
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    double seconds = secondsSince(start);
    CHECK(out.problem == FetchProblem::Stalled);
    CHECK_THAT(out.message, Catch::Contains(kSnapshot) && Catch::Contains("stalled for 1 s"));
    CHECK(seconds >= 0.9);
    CHECK(seconds < 3.5);
    CHECK(sizeOf(dest) == 50000);
}

TEST_CASE("source: a wrong Content-Length is reported", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    Fault lie;
    SECTION("longer than the body, within the cap: Truncated") {
        lie.contentLength = feed.size() + 1000;
        server.setFault(kSnapshot, lie);
        FetchOutcome out = source->fetch(kSnapshot, dest, 1 << 20, false, nullptr);
        CHECK(out.problem == FetchProblem::Truncated);
        CHECK_THAT(out.message, Catch::Contains(std::to_string(feed.size())));
    }
    SECTION("longer than the declared size: TooLarge before any byte") {
        lie.contentLength = feed.size() + 1000;
        server.setFault(kSnapshot, lie);
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
        CHECK(out.problem == FetchProblem::TooLarge);
        CHECK(out.transferred == 0);
        CHECK_FALSE(fs::exists(dest));
    }
    SECTION("shorter than the body: Truncated against the declared size") {
        lie.contentLength = feed.size() - 1000;
        server.setFault(kSnapshot, lie);
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
        CHECK(out.problem == FetchProblem::Truncated);
        CHECK_THAT(out.message, Catch::Contains("not the declared " + std::to_string(feed.size())));
    }
}

TEST_CASE("source: more than maxBytes is reported as TooLarge", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    Fault more;
    std::uint64_t largest = 0;
    auto watch = [&](std::uint64_t, std::uint64_t) {
        largest = std::max<std::uint64_t>(largest, sizeOf(dest));
        return true;
    };
    SECTION("Content-Length says so: refused before downloading") {
        more.extraBytes = 10;
        server.setFault(kSnapshot, more);
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr, watch);
        CHECK(out.problem == FetchProblem::TooLarge);
        CHECK_THAT(out.message, Catch::Contains("Content-Length") && Catch::Contains(std::to_string(feed.size())));
        CHECK(out.transferred == 0);
    }
    SECTION("endless data without Content-Length: cut at the cap") {
        more.endless = true;
        server.setFault(kSnapshot, more);
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr, watch);
        CHECK(out.problem == FetchProblem::TooLarge);
        CHECK_THAT(out.message, Catch::Contains("more than the declared " + std::to_string(feed.size())));
        CHECK(out.transferred <= feed.size());
    }
    SECTION("endless manifest: cut at the fixed cap") {
        more.endless = true;
        server.setFault("manifest.json", more);
        FetchOutcome out = source->fetch("manifest.json", dest, 4096, false, nullptr, watch);
        CHECK(out.problem == FetchProblem::TooLarge);
        CHECK(out.transferred <= 4096);
    }
    CHECK(largest <= feed.size());
    CHECK_FALSE(fs::exists(dest));  // a file cut at the cap is not kept for a resume
}

TEST_CASE("source: a server ignoring Range gets the file rewritten from zero", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    writeFile(dest, std::string(1000, 'Z'));  // an earlier partial attempt (wrong bytes, to show they go)
    Fault noRange;
    noRange.ignoreRange = true;
    server.setFault(kSnapshot, noRange);
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    INFO(out.message);
    REQUIRE(out.ok());
    CHECK_FALSE(out.resumed);
    CHECK(out.transferred == feed.size());
    CHECK(readFile(dest) == feed.snapshot);
    auto log = server.requests();
    REQUIRE(log.size() == 1);
    CHECK(log[0].range == "bytes=1000-");
    CHECK(log[0].status == 200);
}

TEST_CASE("source: a resume answered from the wrong byte is refused", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    writeFile(dest, feed.snapshot.substr(0, 1000));
    Fault shifted;
    shifted.rangeFrom = 0;
    server.setFault(kSnapshot, shifted);
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    CHECK(out.problem == FetchProblem::HttpError);
    CHECK_THAT(out.message, Catch::Contains("resume at byte 1000") && Catch::Contains("bytes 0-"));
    CHECK_FALSE(fs::exists(dest));  // the next attempt starts clean
    server.clearFaults();
    FetchOutcome again = source->fetch(kSnapshot, dest, feed.size(), true, nullptr);
    CHECK(again.ok());
    CHECK(readFile(dest) == feed.snapshot);
}

TEST_CASE("source: a partial file longer than the server's restarts from zero", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("snap");
    writeFile(dest, patternBytes(250000));  // the manifest declares 300000; the server has 200000
    FetchOutcome out = source->fetch(kSnapshot, dest, 300000, true, nullptr);
    CHECK(out.problem == FetchProblem::Truncated);
    CHECK(readFile(dest) == feed.snapshot);
    auto log = server.requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0].status == 416);
    CHECK(log[1].range.empty());
    CHECK(log[1].status == 200);
}

TEST_CASE("source: a conditional GET of an unchanged file is notModified", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("manifest");
    FetchOutcome first = source->fetch("manifest.json", dest, 65536, false, nullptr);
    REQUIRE(first.ok());
    REQUIRE_FALSE(first.validators.etag.empty());
    REQUIRE_FALSE(first.validators.lastModified.empty());
    writeFile(dest, "the copy we hold");
    SECTION("If-None-Match") {
        FetchOutcome out = source->fetch("manifest.json", dest, 65536, false, &first.validators);
        REQUIRE(out.ok());
        CHECK(out.notModified);
        CHECK(out.transferred == 0);
        CHECK(out.validators.etag == first.validators.etag);
        CHECK(readFile(dest) == "the copy we hold");
        CHECK(server.requests().back().ifNoneMatch == first.validators.etag);
        CHECK(server.requests().back().status == 304);
    }
    SECTION("If-Modified-Since alone") {
        Validators dateOnly{"", first.validators.lastModified};
        FetchOutcome out = source->fetch("manifest.json", dest, 65536, false, &dateOnly);
        REQUIRE(out.ok());
        CHECK(out.notModified);
        CHECK(readFile(dest) == "the copy we hold");
        CHECK(server.requests().back().ifModifiedSince == first.validators.lastModified);
    }
    SECTION("a changed file is fetched with new validators") {
        server.replaceContent("manifest.json", "{\"signed\": {\"version\": 2}}");
        FetchOutcome out = source->fetch("manifest.json", dest, 65536, false, &first.validators);
        REQUIRE(out.ok());
        CHECK_FALSE(out.notModified);
        CHECK(readFile(dest) == "{\"signed\": {\"version\": 2}}");
        CHECK(out.validators.etag != first.validators.etag);
        CHECK(out.validators.lastModified != first.validators.lastModified);
    }
}

TEST_CASE("source: redirects are followed within http only", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    std::string dest = feed.staging("manifest");
    SECTION("to another http path") {
        server.redirect("old/manifest.json", server.url() + "/manifest.json");
        FetchOutcome out = source->fetch("old/manifest.json", dest, 65536, false, nullptr);
        INFO(out.message);
        CHECK(out.ok());
        CHECK(readFile(dest) == feed.manifest);
    }
    SECTION("to a file URL: refused") {
        writeFile(feed.staging("secret"), "local secret");
        server.redirect("manifest.json", "file://" + feed.staging("secret"));
        FetchOutcome out = source->fetch("manifest.json", dest, 65536, false, nullptr);
        CHECK(out.problem == FetchProblem::Network);
        CHECK_THAT(out.message, Catch::Contains("/manifest.json"));
        CHECK_FALSE(fs::exists(dest));
    }
}

TEST_CASE("source: a refused connection is reported as Network", "[sync][net]") {
    Feed feed;
    std::string url;
    {
        FaultServer gone(feed.root());
        url = gone.url();
    }
    auto source = openOrFail(url);
    auto start = std::chrono::steady_clock::now();
    FetchOutcome out = source->fetch("manifest.json", feed.staging("m"), 65536, false, nullptr);
    CHECK(out.problem == FetchProblem::Network);
    CHECK_THAT(out.message, Catch::Contains(url + "/manifest.json"));
    CHECK(secondsSince(start) < 2.5);
}

TEST_CASE("source: a progress callback returning false cancels the fetch", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url());
    FetchOutcome out = source->fetch(kSnapshot, feed.staging("snap"), feed.size(), true, nullptr,
                                     [](std::uint64_t, std::uint64_t) { return false; });
    CHECK_FALSE(out.ok());
    CHECK_THAT(out.message, Catch::Contains("cancelled"));
}

TEST_CASE("source: base and path are joined with exactly one slash", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto source = openOrFail(server.url() + "/");
    CHECK(source->url() == server.url() + "/");
    CHECK(source->fetch("manifest.json", feed.staging("a"), 65536, false, nullptr).ok());
    CHECK(source->fetch("/manifest.json", feed.staging("b"), 65536, false, nullptr).ok());
    auto log = server.requests();
    REQUIRE(log.size() == 2);
    CHECK(log[0].path == "/manifest.json");
    CHECK(log[1].path == "/manifest.json");
}

TEST_CASE("source: paths leaving the feed are refused without a request", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    auto http = openOrFail(server.url());
    auto file = openOrFail("file://" + feed.root());
    for (const char* bad : {"../secret", "blobs/../../x", "a\\b", ""}) {
        INFO(bad);
        CHECK_FALSE(http->fetch(bad, feed.staging("x"), 100, false, nullptr).ok());
        CHECK_FALSE(file->fetch(bad, feed.staging("x"), 100, false, nullptr).ok());
    }
    CHECK(server.requests().empty());
    CHECK_FALSE(fs::exists(feed.staging("x")));
}

TEST_CASE("source: an unwritable destination is reported as LocalIo", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    std::string url = GENERATE(as<std::string>{}, "http", "file");
    auto source = openOrFail(url == "http" ? server.url() : "file://" + feed.root());
    INFO(url);
    SECTION("a directory that does not exist") {
        FetchOutcome out = source->fetch(kSnapshot, feed.staging("no/such/dir/snap"), feed.size(), true, nullptr);
        CHECK(out.problem == FetchProblem::LocalIo);
        CHECK_THAT(out.message, Catch::Contains("No such file or directory"));
    }
    SECTION("a full disk") {
        REQUIRE(fs::exists("/dev/full"));
        FetchOutcome out = source->fetch(kSnapshot, "/dev/full", feed.size(), true, nullptr);
        CHECK(out.problem == FetchProblem::LocalIo);
        CHECK_THAT(out.message, Catch::Contains("No space left on device") && Catch::Contains(kSnapshot));
        CHECK(fs::exists("/dev/full"));
    }
}

TEST_CASE("source: a file URL copies the file", "[sync][net]") {
    Feed feed;
    auto source = openOrFail("file://" + feed.root());
    std::string dest = feed.staging("snap");
    int calls = 0;
    FetchOutcome out = source->fetch(kSnapshot, dest, feed.size(), true, nullptr, [&](std::uint64_t done, std::uint64_t total) {
        ++calls;
        CHECK(total == feed.size());
        return done <= total;
    });
    INFO(out.message);
    REQUIRE(out.ok());
    CHECK(out.bytes == feed.size());
    CHECK(readFile(dest) == feed.snapshot);
    CHECK(calls >= 3);  // copied in chunks
    SECTION("a percent-escaped path and file://localhost") {
        fs::path spaced = feed.dir.path() / "usb stick";
        fs::create_directories(spaced);
        writeFile((spaced / "manifest.json").string(), feed.manifest);
        for (std::string base : {"file://" + feed.dir.path().string() + "/usb%20stick",
                                 "file://localhost" + feed.dir.path().string() + "/usb%20stick/"}) {
            INFO(base);
            auto usb = openOrFail(base);
            CHECK(usb->fetch("manifest.json", dest, 65536, false, nullptr).ok());
            CHECK(readFile(dest) == feed.manifest);
        }
    }
}

TEST_CASE("source: a file URL reports missing, too large and short files", "[sync][net]") {
    Feed feed;
    auto source = openOrFail("file://" + feed.root());
    std::string dest = feed.staging("snap");
    SECTION("missing: NotFound") {
        FetchOutcome out = source->fetch("snapshots/9.ndjson.zst", dest, 1000, true, nullptr);
        CHECK(out.problem == FetchProblem::NotFound);
        CHECK_THAT(out.message, Catch::Contains("file://" + feed.root() + "/snapshots/9.ndjson.zst"));
    }
    SECTION("larger than declared: TooLarge before copying") {
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size() - 1, true, nullptr);
        CHECK(out.problem == FetchProblem::TooLarge);
        CHECK_THAT(out.message, Catch::Contains(std::to_string(feed.size() - 1)));
        CHECK(out.transferred == 0);
    }
    SECTION("shorter than an exact size: Truncated") {
        FetchOutcome out = source->fetch(kSnapshot, dest, feed.size() + 1, true, nullptr);
        CHECK(out.problem == FetchProblem::Truncated);
        CHECK_THAT(out.message, Catch::Contains("not the declared " + std::to_string(feed.size() + 1)));
    }
    SECTION("a directory: NotFound") {
        CHECK(source->fetch("snapshots", dest, 1000, false, nullptr).problem == FetchProblem::NotFound);
    }
    CHECK_FALSE(fs::exists(dest));
}

TEST_CASE("source: unknown schemes and malformed URLs are refused", "[sync][net]") {
    for (std::string url : {"ftp://example.org/feed", "gopher://x/", "", "feed/dir", "http://", "https:///feed",
                            "file://relative/feed", "file://host/feed", "://x"}) {
        INFO(url);
        auto source = gongkai::net::openSource(url);
        CHECK_FALSE(source.ok());
        if (!source.ok()) CHECK_THAT(source.error().message, Catch::Contains("\"" + url + "\""));
    }
    CHECK(gongkai::net::openSource("HTTPS://example.org/feed").ok());
}

TEST_CASE("fault server: POST goes to its handler, and failNext comes first", "[sync][net]") {
    Feed feed;
    FaultServer server(feed.root());
    server.onPost("/api/requests", [](const gongkai::test::PostRequest& req) {
        auto key = req.headers.find("idempotency-key");
        return gongkai::test::PostReply{201, "{\"id\": \"" + (key == req.headers.end() ? "" : key->second) + "\"}"};
    });
    httplib::Client client("127.0.0.1", server.port());
    httplib::Headers headers{{"Idempotency-Key", "r1"}};
    server.failNext(503, 1, "api/requests");
    auto failed = client.Post("/api/requests", headers, "{}", "application/json");
    REQUIRE(failed);
    CHECK(failed->status == 503);
    auto created = client.Post("/api/requests", headers, "{\"a\": 1}", "application/json");
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(created->body == "{\"id\": \"r1\"}");
    CHECK(client.Post("/api/other", "{}", "application/json")->status == 404);
    auto log = server.requests();
    REQUIRE(log.size() == 3);
    CHECK(log[1].method == "POST");
    CHECK(log[1].body == "{\"a\": 1}");
    CHECK(log[1].headers.at("idempotency-key") == "r1");
    CHECK(server.requestCount("api/requests") == 2);
}
