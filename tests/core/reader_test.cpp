#include <catch2/catch.hpp>

#include "core/record_reader.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;

namespace {

std::vector<std::string> readAll(const std::string& path, std::string* error = nullptr) {
    auto r = RecordFileReader::open(path);
    REQUIRE(r);
    std::vector<std::string> lines;
    std::string line;
    std::uint64_t no = 0;
    for (;;) {
        auto n = r.value()->next(line, no);
        if (n == RecordFileReader::Next::End) break;
        if (n == RecordFileReader::Next::Failed) {
            if (error) *error = r.value()->error();
            break;
        }
        lines.push_back(n == RecordFileReader::Next::TooLong ? "<too long>" : line);
    }
    return lines;
}

}  // namespace

TEST_CASE("reader: plain and zstd files give the same lines", "[reader]") {
    TempDir dir;
    std::string text = "a\r\nb\n\nlast-without-newline";
    test::writeFile(dir.file("p.ndjson"), text);
    test::writeFile(dir.file("z.bin"), test::zstdCompress(text));  // detected by magic, not name
    std::vector<std::string> expected{"a", "b", "", "last-without-newline"};
    CHECK(readAll(dir.file("p.ndjson")) == expected);
    CHECK(readAll(dir.file("z.bin")) == expected);
}

TEST_CASE("reader: a BOM at the start is skipped", "[reader]") {
    TempDir dir;
    test::writeFile(dir.file("bom"), "\xEF\xBB\xBF{\"x\":1}\n");
    CHECK(readAll(dir.file("bom")) == std::vector<std::string>{"{\"x\":1}"});
    test::writeFile(dir.file("bom-short"), "\xEF\xBB\xBF" "1");
    CHECK(readAll(dir.file("bom-short")) == std::vector<std::string>{"1"});
}

TEST_CASE("reader: truncated and corrupt zstd are reported", "[reader]") {
    TempDir dir;
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "{\"type\":\"document\",\"n\":" + std::to_string(i) + "}\n";
    std::string z = test::zstdCompress(big);
    test::writeFile(dir.file("trunc.zst"), z.substr(0, z.size() / 2));
    std::string error;
    readAll(dir.file("trunc.zst"), &error);
    CHECK_THAT(error, Catch::Contains("truncated zstd"));

    std::string corrupt = z;
    for (std::size_t i = 12; i < corrupt.size(); i += 7) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5A);
    test::writeFile(dir.file("corrupt.zst"), corrupt);
    error.clear();
    readAll(dir.file("corrupt.zst"), &error);
    CHECK_THAT(error, Catch::Contains("corrupt zstd"));
}

TEST_CASE("reader: a line over 16 MiB is skipped, not buffered, and reading goes on", "[reader][slow]") {
    TempDir dir;
    std::string text = "first\n" + std::string(20u << 20, 'x') + "\nlast\n";
    test::writeFile(dir.file("long"), text);
    CHECK(readAll(dir.file("long")) == std::vector<std::string>{"first", "<too long>", "last"});
}

TEST_CASE("reader: missing files and directories are clear errors", "[reader]") {
    TempDir dir;
    auto missing = RecordFileReader::open(dir.file("nope.ndjson"));
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::Contains("nope.ndjson") && Catch::Contains("No such file"));
    auto isDir = RecordFileReader::open(dir.path().string());
    REQUIRE_FALSE(isDir);
    CHECK_THAT(isDir.error().message, Catch::Contains("is a directory"));
}
