// `gongkai keygen` and `gongkai publish` as an operator runs them: the real
// binary, real files, exit codes and what it prints.
#include <sys/stat.h>

#include <filesystem>

#include <catch2/catch.hpp>

#include "feed/keys.h"
#include "feed/manifest.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::readFile;
using gongkai::test::runCommand;
using gongkai::test::TempDir;
using gongkai::test::writeFile;

namespace {

std::string gongkaiCli() { return GONGKAI_CLI_PATH; }

int run(const std::string& args, std::string& output) { return runCommand(gongkaiCli() + " " + args, output); }

}  // namespace

TEST_CASE("publish cli: keygen prints the key id, writes a private key and refuses to overwrite", "[cli]") {
    TempDir dir;
    std::string out;
    REQUIRE(run("keygen --out " + dir.file("portal"), out) == 0);
    auto pub = feed::readPublicKey(dir.file("portal.pub"));
    REQUIRE(pub);
    CHECK_THAT(out, Catch::Contains(pub.value().id()) && Catch::Contains(dir.file("portal.pub")));
    struct stat st {};
    REQUIRE(::stat(dir.file("portal.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const std::string key = readFile(dir.file("portal.key"));

    CHECK(run("keygen --out " + dir.file("portal"), out) == 1);
    CHECK_THAT(out, Catch::Contains("already exists"));
    CHECK(readFile(dir.file("portal.key")) == key);
}

TEST_CASE("publish cli: publish prints the version, then unchanged, and errors name the problem", "[cli]") {
    TempDir dir;
    std::string out;
    REQUIRE(run("keygen --out " + dir.file("k"), out) == 0);
    writeFile(dir.file("records.ndjson"), test::sampleRecords());
    const std::string base = "publish --records " + dir.file("records.ndjson") + " --feed " + dir.file("feed") +
                             " --key " + dir.file("k.key") + " --feed-id demo-county";

    REQUIRE(run(base + " --now 2026-11-01T00:00:00Z", out) == 0);
    CHECK_THAT(out, Catch::StartsWith("published version 1 of demo-county: 11 records, snapshot "));
    auto pub = feed::readPublicKey(dir.file("k.pub"));
    REQUIRE(pub);
    auto v = feed::verifyManifest(readFile(dir.file("feed/manifest.json")), {pub.value()});
    REQUIRE(std::holds_alternative<feed::VerifiedManifest>(v));
    CHECK(std::get<feed::VerifiedManifest>(v).manifest.created == "2026-11-01T00:00:00Z");

    REQUIRE(run(base + " --now 1793494800", out) == 0);
    CHECK(out == "unchanged: version 1\n");

    SECTION("a bad --now") {
        CHECK(run(base + " --now yesterday", out) == 1);
        CHECK_THAT(out, Catch::Contains("--now yesterday"));
    }
    SECTION("a damaged key file") {
        writeFile(dir.file("bad.key"), "AAAA\n");
        CHECK(run(base + " --key " + dir.file("bad.key"), out) == 1);
        CHECK_THAT(out, Catch::Contains(dir.file("bad.key")));
    }
    SECTION("a bad record line") {
        writeFile(dir.file("bad.ndjson"), test::sampleRecords() + "{\"type\":\"domain\"}\n");
        CHECK(run("publish --records " + dir.file("bad.ndjson") + " --feed " + dir.file("feed") + " --key " +
                      dir.file("k.key") + " --feed-id demo-county",
                  out) == 1);
        CHECK_THAT(out, Catch::Contains(dir.file("bad.ndjson") + ":12:"));
    }
    SECTION("two keys") {
        REQUIRE(run("keygen --out " + dir.file("next"), out) == 0);
        writeFile(dir.file("records.ndjson"), test::sampleRecords() +
                                                  R"({"type":"domain","op":"upsert","id":"d09","seq":9,"name":"就业"})"
                                                  "\n");
        REQUIRE(run(base + " --key " + dir.file("next.key") + " --now 2026-11-02T00:00:00Z", out) == 0);
        CHECK_THAT(out, Catch::StartsWith("published version 2") && Catch::Contains("1 delta (1-2 "));
        auto next = feed::readPublicKey(dir.file("next.pub"));
        REQUIRE(next);
        auto v2 = feed::verifyManifest(readFile(dir.file("feed/manifest.json")), {next.value()});
        REQUIRE(std::holds_alternative<feed::VerifiedManifest>(v2));
        CHECK(std::get<feed::VerifiedManifest>(v2).keyIds.size() == 1);
    }
}
