// A portal and a kiosk for the sync tests: the portal publishes real signed
// feeds (feed/publish.h) from record text, the kiosk runs real sync attempts
// (client/updater.h) into a real SQLite mirror. Both live in temporary
// directories removed at scope exit.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/updater.h"
#include "core/mirror.h"
#include "feed/keys.h"
#include "feed/manifest.h"
#include "feed/publish.h"
#include "support/temp_dir.h"

namespace gongkai::test {

inline constexpr const char* kFeedId = "demo-county";
inline constexpr std::int64_t kNov1 = 1793491200;  // 2026-11-01T00:00:00Z

class Portal {
public:
    Portal();
    std::string feedDir() const { return m_dir.file("feed"); }
    // Publishes `records` (NDJSON text) as the next version; REQUIREs success.
    feed::PublishResult publish(const std::string& records, std::int64_t now = kNov1, bool allowShrink = false);
    // The whole current manifest.json text.
    std::string manifestText() const;
    // Re-signs `m` with the portal's keys (a buggy or malicious portal).
    std::string sign(const feed::Manifest& m) const;
    feed::Manifest manifest() const;
    void writeManifest(const std::string& text) const;
    const feed::KeyPair& key() const { return m_keys.front(); }
    // Key rotation: the next publications are signed by these keys.
    void signWith(std::vector<feed::KeyPair> keys) { m_keys = std::move(keys); }
    const TempDir& dir() const { return m_dir; }

private:
    TempDir m_dir;
    std::vector<feed::KeyPair> m_keys;
    int m_files = 0;
};

class Kiosk {
public:
    explicit Kiosk(const std::vector<feed::PublicKey>& trusted);
    sync::SyncOptions options;
    std::vector<std::string> log;
    sync::SyncReport sync(const std::vector<std::string>& sources, std::int64_t now = kNov1 + 3600);
    std::unique_ptr<Mirror> open() const;  // read-only
    std::string digest() const;
    SyncState state() const;
    const TempDir& dir() const { return m_dir; }

private:
    TempDir m_dir;
};

// sampleRecords() with one more document per `n` (so versions differ).
std::string recordsVersion(int n);

}  // namespace gongkai::test
