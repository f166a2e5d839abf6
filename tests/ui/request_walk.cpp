#include "ui/request_walk.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "feed/keys.h"
#include "ui/kiosk_runner.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gongkai::test {

std::string demoKey(const char* ext) { return (sourceDir() / "data/demo/keys" / (std::string(kKioskId) + ext)).string(); }

std::string demoMirror(const TempDir& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(sourceDir() / "data" / "demo"))
        if (e.path().extension() == ".ndjson") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return makeMirror(dir, "demo.db", files);
}

std::string keyArgs(const TempDir& dir) {
    return "--kiosk-key '" + demoKey(".key") + "' --kiosk-id " + kKioskId + " --outbox '" + dir.file("outbox.db") + "'";
}

json readJson(const std::string& path) {
    std::ifstream f(path);
    return json::parse(f, nullptr, false);
}

gongkai::SlipKeyLookup demoLookup() {
    auto pub = gongkai::feed::readPublicKey(demoKey(".pub"));
    REQUIRE(pub.ok());
    gongkai::SlipPublicKey key = pub->bytes;
    return [key](const std::string& id) -> std::optional<gongkai::SlipPublicKey> {
        if (id == kKioskId) return key;
        return std::nullopt;
    };
}

std::string walkToSlip(const TempDir& dir, const std::string& description) {
    return "wait 300\ntap-on quick:apply\nwait 300\ntap-on apply:new\nwait 200\ntype " + description +
           "\nkey enter\ntap-on request:next\nwait 300\ntap-on request:agency:ag05\ntap-on request:next\n"
           "wait 200\ntap-on request:delivery:post\ntap-on request:next\nwait 200\ntap-on request:next\nwait 300\n"
           "screenshot " + dir.file("slip.png") + "\ndump " + dir.file("slip.json") + "\n";
}

std::vector<OutboxRow> outboxRows(const std::string& path) {
    std::vector<OutboxRow> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return rows;
    }
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, state, slip, body FROM request ORDER BY id", -1, &st, nullptr);
    auto col = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
    while (st && sqlite3_step(st) == SQLITE_ROW) rows.push_back({col(0), col(1), col(2), col(3)});
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
}

}  // namespace gongkai::test
