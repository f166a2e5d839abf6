// gongkai config set-pin (issue 10's first boot) through the real binary, and
// the staff-pin file it writes (core/staff_pin.h): a good PIN is hashed, never
// stored; a short, non-digit or mismatched PIN is refused with a clear message
// and leaves the PIN already set untouched; a damaged staff-pin file is an
// error naming it, never a PIN that opens staff mode.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/staff_pin.h"
#include "support/temp_dir.h"

using gongkai::test::TempDir;

namespace {

struct Run {
    int status = -1;
    std::string output;
};

// Feeds `input` to set-pin on stdin; stdout and stderr together.
Run setPin(const TempDir& dir, const std::string& input) {
    gongkai::test::writeFile(dir.file("stdin.txt"), input);
    std::string cmd = "'" GONGKAI_CLI_PATH "' config set-pin --state-dir '" + dir.path().string() + "' < '" +
                      dir.file("stdin.txt") + "' > '" + dir.file("out.txt") + "' 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream f(dir.file("out.txt"));
    std::stringstream text;
    text << f.rdbuf();
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, text.str()};
}

std::string fileText(const std::string& path) {
    std::ifstream f(path);
    std::stringstream text;
    text << f.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("set-pin: a good PIN is stored only as its hash, 0640, and verifies", "[cli][pin]") {
    TempDir dir;
    Run r = setPin(dir, "2468\n2468\n");
    INFO(r.output);
    REQUIRE(r.status == 0);
    const std::string path = gongkai::staffPinPath(dir.path().string());
    CHECK(fileText(path).find("2468") == std::string::npos);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    auto hash = gongkai::readStaffPinFile(path);
    REQUIRE(hash.ok());
    CHECK(gongkai::verifyStaffPin(hash.value(), "2468"));
    CHECK_FALSE(gongkai::verifyStaffPin(hash.value(), "2469"));
}

TEST_CASE("set-pin: a bad or mismatched PIN is refused and the PIN already set stays", "[cli][pin]") {
    TempDir dir;
    REQUIRE(setPin(dir, "13579\n13579\n").status == 0);
    const std::string path = gongkai::staffPinPath(dir.path().string());
    const std::string before = fileText(path);
    for (const auto& [input, words] : {std::pair<std::string, std::string>{"12\n12\n", "4 to 12 digits"},
                                       {"12ab\n12ab\n", "4 to 12 digits"},
                                       {"1234567890123\n1234567890123\n", "4 to 12 digits"},
                                       {"1234\n1235\n", "differ"},
                                       {"", "4 to 12 digits"}}) {
        Run r = setPin(dir, input);
        INFO(input << " -> " << r.output);
        CHECK(r.status == 2);
        CHECK(r.output.find(words) != std::string::npos);
        CHECK(fileText(path) == before);
    }
}

TEST_CASE("set-pin: a damaged staff-pin file is an error naming it, and an absent one means no PIN", "[cli][pin]") {
    TempDir dir;
    const std::string path = gongkai::staffPinPath(dir.path().string());
    auto none = gongkai::readStaffPinFile(path);
    REQUIRE(none.ok());
    CHECK(none.value().empty());
    gongkai::test::writeFile(path, "2468\n");  // a PIN in clear is not a hash: never accepted
    auto bad = gongkai::readStaffPinFile(path);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find(path) != std::string::npos);
    CHECK(bad.error().message.find("line 1") != std::string::npos);
}
