// gongkai-sync's part of gongkai.toml:
//   [mirror] db = "/var/lib/gongkai/mirror.db", blobs = "/var/lib/gongkai/blobs"
//            outbox = "" (default <mirror dir>/outbox.db: the kiosk's requests)
//   [sync]   sources = ["https://portal…/feed", "file:///media/gongkai-usb/feed"]
//            trusted_keys = ["/etc/gongkai/portal.pub"]   (one or two .pub files)
//            feed_id = "qingxin-county"
//            interval_seconds = 900, jitter_seconds = 120
//            staging = "" (default <mirror dir>/staging), status_file = ""
//            connect_seconds = 10, stall_seconds = 30
//   [portal] url = "https://portal…"  (the request upload API; kept for the outbox)
// A missing key keeps its default. Every problem is reported as
// "FILE:LINE: [section] key …" (a missing file or a TOML syntax error too).
// Pure function; any thread.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::sync {

struct SyncConfig {
    std::string dbPath = "/var/lib/gongkai/mirror.db";
    std::string blobsDir = "/var/lib/gongkai/blobs";
    std::vector<std::string> sources;
    std::vector<std::string> trustedKeyFiles;
    std::string feedId;
    double intervalSeconds = 900, jitterSeconds = 120;
    std::string stagingDir, statusFile;
    double connectSeconds = 10, stallSeconds = 30;
    std::string portalUrl;
    std::string outboxPath;  // "" = beside the mirror
};

Result<SyncConfig> loadSyncConfig(const std::string& path);

}  // namespace gongkai::sync
