#include "sync/sync_fixture.h"

#include <catch2/catch.hpp>

#include "support/fixtures.h"

namespace gongkai::test {

Portal::Portal() : m_keys{feed::generateKeyPair()} {}

feed::PublishResult Portal::publish(const std::string& records, std::int64_t now, bool allowShrink) {
    std::string file = m_dir.file("records-" + std::to_string(++m_files) + ".ndjson");
    writeFile(file, records);
    feed::PublishOptions o;
    o.records = {file};
    o.feedDir = feedDir();
    for (const auto& k : m_keys) o.keys.push_back(k.secret);
    o.feedId = kFeedId;
    o.now = now;
    o.allowShrink = allowShrink;
    auto r = feed::publishFeed(o);
    if (!r) FAIL("publish: " << r.error().message);
    return r.value();
}

std::string Portal::manifestText() const { return readFile(feedDir() + "/manifest.json"); }

feed::Manifest Portal::manifest() const {
    auto m = feed::parseManifestUnverified(manifestText());
    REQUIRE(m);
    return m.value();
}

std::string Portal::sign(const feed::Manifest& m) const {
    std::vector<feed::SecretKey> keys;
    for (const auto& k : m_keys) keys.push_back(k.secret);
    return feed::signManifest(m, keys);
}

void Portal::writeManifest(const std::string& text) const { writeFile(feedDir() + "/manifest.json", text); }

Kiosk::Kiosk(const std::vector<feed::PublicKey>& trusted) {
    options.dbPath = m_dir.file("mirror.db");
    options.blobsDir = m_dir.file("blobs");
    options.trusted = trusted;
    options.feedId = kFeedId;
    options.limits.connectSeconds = 2;
    options.limits.stallSeconds = 1;
}

sync::SyncReport Kiosk::sync(const std::vector<std::string>& sources, std::int64_t now) {
    options.sources = sources;
    options.clock = [now] { return now; };
    sync::SyncLog sink([this](const std::string& line) { log.push_back(line); });
    return sync::syncOnce(options, sink);
}

std::unique_ptr<Mirror> Kiosk::open() const {
    auto m = Mirror::open(options.dbPath, Mirror::Mode::ReadOnly);
    REQUIRE(m);
    return std::move(m.value());
}

std::string Kiosk::digest() const { return open()->stateDigest().hex(); }
SyncState Kiosk::state() const { return open()->syncState(); }

std::string recordsVersion(int n) {
    std::string out = sampleRecords();
    for (int i = 1; i <= n; ++i)
        out += R"({"type":"document","op":"upsert","id":"v-)" + std::to_string(i) +
               R"(","title":"示范县第)" + std::to_string(i) + R"(批公示","published_on":"2026-11-0)" +
               std::to_string(1 + i % 9) + "\"}\n";
    return out;
}

}  // namespace gongkai::test
