// Hostile and broken input: every case gets a clear error naming the problem
// (file and line where there is one) and leaves the mirror exactly as it was.
#include <catch2/catch.hpp>

#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/apply.h"
#include "core/mirror.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

// A mirror holding the sample records, and what it looked like before the test.
struct PopulatedMirror : test::SampleMirror {
    StateDigest digest = mirror->stateDigest();
    std::int64_t version = mirror->mirrorVersion();

    // Imports `content` as a file and returns the error message (the import must fail).
    std::string importFails(const std::string& name, const std::string& content) {
        test::writeFile(dir.file(name), content);
        auto r = importRecordFile(*mirror, dir.file(name));
        REQUIRE_FALSE(r);
        return r.error().message;
    }

    void requireUnchanged() {
        CHECK(mirror->stateDigest() == digest);
        CHECK(mirror->mirrorVersion() == version);
        // A fresh connection sees the same.
        auto again = Mirror::open(dir.file("m.db"), Mirror::Mode::ReadOnly);
        REQUIRE(again);
        CHECK(again.value()->stateDigest() == digest);
        CHECK(again.value()->recordCounts()["document"] == 3);
    }
};

const std::string kGood1 = R"({"type":"agency","op":"upsert","id":"new1","name":"县司法局"})" "\n";
const std::string kGood2 = R"({"type":"document","op":"delete","id":"sf-2020-0123"})" "\n";

}  // namespace

TEST_CASE("hostile input: a bad line rejects the whole file, naming file and line", "[hostile]") {
    using Row = std::tuple<std::string, std::string>;
    auto [bad, expected] = GENERATE(table<std::string, std::string>({
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t")", "invalid JSON"},
        Row{R"({"type":"document","op":"upsert","id":"x"})", "missing required field \"title\""},
        Row{R"({"type":"domain","op":"upsert","id":"d","seq":"1","name":"n"})", "field \"seq\" must be an integer"},
        Row{R"({"type":"document","op":"merge","id":"x","title":"t"})", "unknown op \"merge\""},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"t\u0000"})", "NUL character"},
        Row{R"({"type":"document","op":"upsert","id":"x","title":"\udbff"})", "unpaired UTF-16 surrogate"},
        Row{std::string(10000, '[') + std::string(10000, ']'), "JSON nested deeper than 64 levels"},
        Row{std::string(5000, '{'), "JSON nested deeper than 64 levels"},
    }));
    PopulatedMirror pm;
    auto message = pm.importFails("bad.ndjson", kGood1 + kGood2 + bad + "\n" + kGood1);
    CHECK_THAT(message, Catch::StartsWith(pm.dir.file("bad.ndjson") + ":3: ") && Catch::Contains(expected));
    CHECK_THAT(message, Catch::Contains("nothing from this file was applied"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: every bad line is listed, not just the first", "[hostile]") {
    PopulatedMirror pm;
    auto message = pm.importFails("many.ndjson", kGood1 + "oops\n" + kGood2 + "{}\n");
    CHECK_THAT(message, Catch::Contains("many.ndjson:2: invalid JSON"));
    CHECK_THAT(message, Catch::Contains("many.ndjson:4: missing required field \"type\""));
    CHECK_THAT(message, Catch::Contains("2 bad lines"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: a 20 MiB line is rejected without loading it", "[hostile][slow]") {
    PopulatedMirror pm;
    std::string huge = R"({"type":"document","op":"upsert","id":"big","title":")" + std::string(20u << 20, 'a') + "\"}";
    auto message = pm.importFails("huge.ndjson", kGood1 + huge + "\n");
    CHECK_THAT(message, Catch::Contains("huge.ndjson:2: line is longer than 16 MiB"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: an empty file is an error", "[hostile]") {
    PopulatedMirror pm;
    CHECK_THAT(pm.importFails("empty.ndjson", ""), Catch::Contains("empty.ndjson: empty file"));
    CHECK_THAT(pm.importFails("blank.ndjson", "\n  \n\n"), Catch::Contains("empty file"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: a BOM at the start is skipped and the file applies", "[hostile]") {
    PopulatedMirror pm;
    test::writeFile(pm.dir.file("bom.ndjson"), "\xEF\xBB\xBF" + kGood1);
    auto r = importRecordFile(*pm.mirror, pm.dir.file("bom.ndjson"));
    REQUIRE(r);
    CHECK(r.value().upserts == 1);
}

TEST_CASE("hostile input: truncated and corrupt zstd files change nothing", "[hostile]") {
    PopulatedMirror pm;
    std::string many;
    for (int i = 0; i < 5000; ++i)
        many += R"({"type":"agency","op":"upsert","id":"a)" + std::to_string(i) + R"(","name":"乡镇)" + std::to_string(i) + "\"}\n";
    std::string z = test::zstdCompress(many);
    CHECK_THAT(pm.importFails("t.ndjson.zst", z.substr(0, z.size() - 40)), Catch::Contains("truncated zstd"));
    std::string corrupt = z;
    for (std::size_t i = z.size() / 2; i < z.size(); i += 5) corrupt[i] = static_cast<char>(~corrupt[i]);
    CHECK_THAT(pm.importFails("c.ndjson.zst", corrupt), Catch::Contains("corrupt zstd"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: files that are not NDJSON at all", "[hostile]") {
    PopulatedMirror pm;
    std::string png = "\x89PNG\r\n\x1a\n";
    png += std::string("\0\0\0\rIHDR", 8);
    CHECK_THAT(pm.importFails("image.ndjson", png), Catch::Contains("image.ndjson:1:"));
    CHECK_THAT(pm.importFails("array.json", "[\n  {\"type\": \"document\"}\n]\n"), Catch::Contains("array.json:1: invalid JSON"));
    CHECK_THAT(pm.importFails("csv.ndjson", "type,op,id\ndocument,upsert,x\n"), Catch::Contains("csv.ndjson:1: invalid JSON"));
    pm.requireUnchanged();
}

TEST_CASE("hostile input: a missing or unwritable directory for a new mirror", "[hostile]") {
    TempDir dir;
    auto missing = Mirror::open(dir.file("no/such/dir/mirror.db"), Mirror::Mode::Create);
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::Contains("does not exist"));

    std::filesystem::create_directory(dir.file("ro"));
    bool mounted = false;
    if (::geteuid() == 0)  // root ignores permission bits: use a read-only filesystem
        mounted = ::mount("tmpfs", dir.file("ro").c_str(), "tmpfs", MS_RDONLY, "size=1m") == 0;
    if (!mounted) std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    auto ro = Mirror::open(dir.file("ro/mirror.db"), Mirror::Mode::Create);
    if (mounted) ::umount(dir.file("ro").c_str());
    else std::filesystem::permissions(dir.file("ro"), std::filesystem::perms::owner_all);
    REQUIRE_FALSE(ro);
    CHECK_THAT(ro.error().message, Catch::Contains("is not writable"));
}

TEST_CASE("hostile input: a mirror file that is not SQLite is refused and left alone", "[hostile]") {
    TempDir dir;
    std::string junk = "this is a text file, not a database\n";
    for (int i = 0; i < 200; ++i) junk += "line of junk " + std::to_string(i) + "\n";
    test::writeFile(dir.file("mirror.db"), junk);
    for (auto mode : {Mirror::Mode::Create, Mirror::Mode::ReadWrite, Mirror::Mode::ReadOnly}) {
        auto m = Mirror::open(dir.file("mirror.db"), mode);
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().message, Catch::Contains("not an SQLite database"));
    }
    CHECK(test::readFile(dir.file("mirror.db")) == junk);
    CHECK_FALSE(std::filesystem::exists(dir.file("mirror.db-wal")));
}

TEST_CASE("hostile input: a full disk aborts the import and keeps the old mirror", "[hostile][root]") {
    TempDir dir;
    std::filesystem::create_directory(dir.file("small"));
    bool tmpfs = ::geteuid() == 0 &&
                 ::mount("tmpfs", dir.file("small").c_str(), "tmpfs", 0, "size=1m") == 0;
    std::string dbPath = dir.file("small/mirror.db");
    std::string big;
    for (int i = 0; i < 3000; ++i)
        big += R"({"type":"document","op":"upsert","id":"big)" + std::to_string(i) + R"(","title":"县人民政府关于印发工作方案的通知","body":[{"p":")" +
               std::string(600, 'x') + "\"}]}\n";
    test::writeFile(dir.file("big.ndjson"), big);
    test::writeFile(dir.file("base.ndjson"), test::sampleRecords());
    {
        auto m = Mirror::open(dbPath, Mirror::Mode::Create);
        REQUIRE(m);
        REQUIRE(importRecordFile(*m.value(), dir.file("base.ndjson")));
        auto digest = m.value()->stateDigest();
        rlimit old{};
        if (!tmpfs) {  // without root: a file-size limit is the same failure for SQLite
            std::signal(SIGXFSZ, SIG_IGN);
            ::getrlimit(RLIMIT_FSIZE, &old);
            rlimit lim{1u << 20, old.rlim_max};
            ::setrlimit(RLIMIT_FSIZE, &lim);
        }
        auto r = importRecordFile(*m.value(), dir.file("big.ndjson"));
        if (!tmpfs) ::setrlimit(RLIMIT_FSIZE, &old);
        REQUIRE_FALSE(r);
        if (tmpfs) CHECK_THAT(r.error().message, Catch::Contains("the disk is full"));
        CHECK_THAT(r.error().message, Catch::Contains("big.ndjson"));
        CHECK(m.value()->stateDigest() == digest);
        CHECK(m.value()->recordCounts()["document"] == 3);
    }
    auto reopened = Mirror::open(dbPath, Mirror::Mode::ReadOnly);
    REQUIRE(reopened);
    CHECK(reopened.value()->recordCounts()["document"] == 3);
    CHECK(reopened.value()->stateDigest() == digestRecordFiles({dir.file("base.ndjson")}).value());
    reopened.value().reset();
    if (tmpfs) ::umount(dir.file("small").c_str());
}
