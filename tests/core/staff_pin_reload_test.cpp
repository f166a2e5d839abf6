// A running kiosk picks up `gongkai config set-pin` (core/staff_pin.h,
// StaffPinFile): the staff-pin file is read again exactly when it changed
// (replaced by rename, even with a hash of the same length), not otherwise;
// a damaged file is an error and is looked at again.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/staff_pin.h"
#include "support/temp_dir.h"

using namespace gongkai;
using gongkai::test::TempDir;
using gongkai::test::writeFile;

TEST_CASE("staff PIN file: read again only when set-pin replaced it", "[staff_pin]") {
    TempDir dir;
    std::string path = staffPinPath(dir.path().string());
    StaffPinFile file(path);

    auto none = file.changed();  // no file yet: nothing to use
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());

    std::string first = hashStaffPin("2468");
    REQUIRE(writeStaffPinFile(path, first).ok());
    auto a = file.changed();
    REQUIRE(a.ok());
    REQUIRE(a.value().has_value());
    CHECK(*a.value() == first);
    auto unchanged = file.changed();
    REQUIRE(unchanged.ok());
    CHECK_FALSE(unchanged.value().has_value());

    std::string second = hashStaffPin("1357");
    REQUIRE(second.size() == first.size());  // same size: the inode and time tell the change
    REQUIRE(writeStaffPinFile(path, second).ok());
    auto b = file.changed();
    REQUIRE(b.ok());
    REQUIRE(b.value().has_value());
    CHECK(verifyStaffPin(*b.value(), "1357"));
    CHECK_FALSE(verifyStaffPin(*b.value(), "2468"));
    CHECK_FALSE(file.changed().value().has_value());

    writeFile(path + ".tmp", "1357\n");  // a PIN written in clear by hand: refused, looked at again
    std::filesystem::rename(path + ".tmp", path);
    auto bad = file.changed();
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error().message, Catch::Contains(path) && Catch::Contains("not a staff PIN hash"));
    CHECK_FALSE(file.changed().ok());

    REQUIRE(writeStaffPinFile(path, first).ok());
    auto back = file.changed();
    REQUIRE(back.ok());
    REQUIRE(back.value().has_value());
    CHECK(*back.value() == first);

    std::filesystem::remove(path);
    auto removed = file.changed();
    REQUIRE(removed.ok());
    REQUIRE(removed.value().has_value());
    CHECK(removed.value()->empty());
}
