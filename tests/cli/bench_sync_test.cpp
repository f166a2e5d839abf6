// `gongkai bench sync` on a small generated corpus: the report has every
// figure issue 7 asks for, and they are consistent with each other.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

using nlohmann::json;

TEST_CASE("bench sync: delta and snapshot figures and a concurrent reader come back as JSON", "[sync]") {
    gongkai::test::TempDir dir;
    std::string out;
    std::string cmd = "{ cd '" + gongkai::test::sourceDir().string() + "' && " + GONGKAI_CLI_PATH +
                      " bench sync --json --docs 400 --dir '" + dir.file("work") + "' > '" + dir.file("r.json") +
                      "' 2> '" + dir.file("err.txt") + "'; }";
    int status = gongkai::test::runCommand(cmd, out);
    INFO(gongkai::test::readFile(dir.file("err.txt")));
    REQUIRE(status == 0);
    json r = json::parse(gongkai::test::readFile(dir.file("r.json")), nullptr, false);
    REQUIRE(r.is_object());
    CHECK(r["docs"] == 400);
    CHECK(r["changed_docs"].get<int>() == 4);
    auto snapshot = r["snapshot_bytes"].get<std::uint64_t>();
    auto delta = r["change_by_delta"]["downloaded"].get<std::uint64_t>();
    auto full = r["change_by_snapshot"]["downloaded"].get<std::uint64_t>();
    CHECK(delta > 0);
    CHECK(delta * 10 < snapshot);      // 1 % of the documents changed
    CHECK(full >= snapshot);           // the snapshot path moves the whole snapshot
    CHECK(r["delta_share"].get<double>() == Approx(double(delta) / double(snapshot)));
    CHECK(r["full_snapshot"]["mb_per_s"].get<double>() > 0);
    CHECK(r["import_baseline"]["mb_per_s"].get<double>() > 0);
    for (const char* k : {"change_by_delta", "change_by_snapshot"})
        for (const char* what : {"page", "search"}) {
            const json& reader = r[k]["reader"][what];
            CHECK(reader["queries"].get<int>() >= 1);  // the reader ran while the apply did
            CHECK(reader["p50_ms"].get<double>() <= reader["p99_ms"].get<double>());
            CHECK(reader["p99_ms"].get<double>() <= reader["max_ms"].get<double>());
        }
    CHECK(r["reader_idle"]["page"]["queries"].get<int>() > 10);
    CHECK(r["reader_idle"]["search"]["queries"].get<int>() > 10);
    for (const char* goal : {"delta_share_le_3pct", "delta_apply_le_5s", "full_snapshot_rate_ge_import", "reader_page_max_le_50ms"})
        CHECK(r["goals"][goal].is_boolean());
}
