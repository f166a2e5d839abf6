#include <catch2/catch.hpp>

#include "core/digest.h"

using namespace gongkai;

TEST_CASE("digest: sha256 matches the standard test vector", "[digest]") {
    CHECK(toHex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("digest: sum is order-independent and subtraction undoes addition", "[digest]") {
    auto a = sha256("a"), b = sha256("b"), c = sha256("c");
    StateDigest x, y;
    x.add(a), x.add(b), x.add(c);
    y.add(c), y.add(a), y.add(b);
    CHECK(x == y);
    StateDigest z = x;
    z.subtract(b);
    CHECK_FALSE(z == x);
    z.add(b);
    CHECK(z == x);
    StateDigest empty;
    CHECK(empty.hex() == std::string(64, '0'));
}

TEST_CASE("digest: arithmetic wraps modulo 2^256 with carries across limbs", "[digest]") {
    Sha256 ones;
    ones.fill(0xFF);  // 2^256 - 1
    Sha256 one{};
    one[31] = 1;
    StateDigest d;
    d.add(ones);
    d.add(one);  // wraps to zero
    CHECK(d.hex() == std::string(64, '0'));
    d.subtract(one);  // borrows through every limb
    CHECK(d.hex() == std::string(64, 'f'));
    Sha256 low{};
    low[24] = 1;  // 2^56: (2^256 - 1) + 2^56 wraps to 2^56 - 1
    StateDigest e;
    e.add(ones);
    e.add(low);
    CHECK(e.hex() == std::string(50, '0') + std::string(14, 'f'));
}

TEST_CASE("digest: hex round-trips and rejects malformed text", "[digest]") {
    StateDigest d;
    d.add(sha256("record"));
    auto back = StateDigest::fromHex(d.hex());
    REQUIRE(back);
    CHECK(*back == d);
    CHECK_FALSE(StateDigest::fromHex("xyz"));
    CHECK_FALSE(StateDigest::fromHex(std::string(64, 'g')));
}
