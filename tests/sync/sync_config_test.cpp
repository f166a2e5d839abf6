// gongkai.toml's [mirror], [sync] and [portal] as gongkai-sync reads them.
#include <catch2/catch.hpp>

#include "client/sync_config.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

TEST_CASE("sync config: the sections are read and missing keys keep their defaults", "[config]") {
    TempDir dir;
    test::writeFile(dir.file("g.toml"), R"([mirror]
db = "/srv/m.db"
[sync]
sources = ["http://127.0.0.1:1/feed", "file:///media/usb/feed"]
trusted_keys = ["/etc/gongkai/portal.pub"]
feed_id = "qingxin"
interval_seconds = 600
[portal]
url = "https://portal.example"
)");
    auto c = sync::loadSyncConfig(dir.file("g.toml"));
    REQUIRE(c);
    CHECK(c.value().dbPath == "/srv/m.db");
    CHECK(c.value().blobsDir == "/var/lib/gongkai/blobs");
    CHECK(c.value().sources.size() == 2);
    CHECK(c.value().feedId == "qingxin");
    CHECK(c.value().intervalSeconds == 600);
    CHECK(c.value().jitterSeconds == 120);
    CHECK(c.value().portalUrl == "https://portal.example");
}

TEST_CASE("sync config: a wrong value is reported with its file and line", "[config]") {
    TempDir dir;
    test::writeFile(dir.file("g.toml"), "[sync]\nfeed_id = \"x\"\n\ninterval_seconds = \"often\"\n");
    auto c = sync::loadSyncConfig(dir.file("g.toml"));
    REQUIRE_FALSE(c);
    CHECK_THAT(c.error().message, Catch::StartsWith(dir.file("g.toml") + ":4: [sync] interval_seconds"));
    test::writeFile(dir.file("h.toml"), "[sync]\nsources = [\"a\", 3]\n");
    auto h = sync::loadSyncConfig(dir.file("h.toml"));
    REQUIRE_FALSE(h);
    CHECK_THAT(h.error().message, Catch::Contains("h.toml:2: [sync] sources"));
    test::writeFile(dir.file("k.toml"), "[sync]\ntrusted_keys = [\"a\", \"b\", \"c\"]\n");
    CHECK_FALSE(sync::loadSyncConfig(dir.file("k.toml")));
}

TEST_CASE("sync config: a syntax error names the line", "[config]") {
    TempDir dir;
    test::writeFile(dir.file("g.toml"), "[sync]\nfeed_id = \"x\"\nsources = [\n");
    auto c = sync::loadSyncConfig(dir.file("g.toml"));
    REQUIRE_FALSE(c);
    CHECK_THAT(c.error().message, Catch::StartsWith(dir.file("g.toml") + ":"));
    CHECK_FALSE(sync::loadSyncConfig(dir.file("missing.toml")));
}
