// The desk's kiosk keys (core/kiosk_keys.h): from the mirror's kiosk records
// and from trusted key files; conflicts refused, bad records skipped.
#include <catch2/catch.hpp>

#include "core/kiosk_keys.h"
#include "request/request_fixture.h"
#include "support/fixtures.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("kiosk keys: mirror records and key files give the lookup, a bad record is skipped with a warning",
          "[request][keys]") {
    TempDir keys;
    TestKiosk a = makeTestKiosk(keys, "kiosk-a");
    TestKiosk b = makeTestKiosk(keys, "kiosk-b");
    SampleMirror mirror(kioskRecords({a}) +
                        R"({"type":"kiosk","op":"upsert","id":"kiosk-bad","site":"x","pubkey":"not base64!"})"
                        "\n");
    KioskKeyring ring;
    auto added = ring.addFromMirror(mirror.dir.file("m.db"));
    REQUIRE(added);
    CHECK(ring.find("kiosk-a") == a.publicKey);
    CHECK_FALSE(ring.find("kiosk-bad"));
    REQUIRE(ring.warnings().size() == 1);
    CHECK(ring.warnings()[0].find("kiosk-bad") != std::string::npos);
    CHECK(ring.warnings()[0].find("m.db") != std::string::npos);
    REQUIRE(ring.addTrustedFile(b.pubPath));  // id from the file name
    REQUIRE(ring.addTrustedFile("desk-copy=" + b.pubPath));
    REQUIRE(ring.addTrustedFile(a.pubPath));  // the same key again: fine
    auto lookup = ring.lookup();
    CHECK(lookup("kiosk-b") == b.publicKey);
    CHECK(lookup("desk-copy") == b.publicKey);
    CHECK_FALSE(lookup("kiosk-z"));
}

TEST_CASE("kiosk keys: errors name the file, and one kiosk id with two keys is refused", "[request][keys]") {
    TempDir keys;
    TestKiosk a = makeTestKiosk(keys, "kiosk-a");
    TestKiosk b = makeTestKiosk(keys, "kiosk-b");
    KioskKeyring ring;
    REQUIRE(ring.addTrustedFile(a.pubPath));
    auto conflict = ring.addTrustedFile("kiosk-a=" + b.pubPath);
    REQUIRE_FALSE(conflict);
    CHECK(conflict.error().message.find(b.pubPath) != std::string::npos);
    CHECK(conflict.error().message.find(a.pubPath) != std::string::npos);
    writeFile(keys.file("broken.pub"), "# a comment\nAAAA\n");
    auto broken = ring.addTrustedFile(keys.file("broken.pub"));
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.find("broken.pub:2") != std::string::npos);
    auto missingMirror = ring.addFromMirror(keys.file("none.db"));
    REQUIRE_FALSE(missingMirror);
    CHECK(missingMirror.error().message.find("none.db") != std::string::npos);
}

TEST_CASE("kiosk keys: a key is read as 32 bytes of base64 or in OpenSSL's SubjectPublicKeyInfo form",
          "[request][keys]") {
    auto raw = parseSlipPublicKey("q7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0a0Y=");
    auto spki = parseSlipPublicKey("MCowBQYDK2VwAyEAq7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0a0Y=");
    REQUIRE(raw);
    REQUIRE(spki);
    CHECK(*raw == *spki);
    CHECK_FALSE(parseSlipPublicKey(
        "MCowBQYDK2VwAyEBq7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0a0Y="));         // prefix changed
    CHECK_FALSE(parseSlipPublicKey("q7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0"));  // 30 bytes
    CHECK_FALSE(parseSlipPublicKey("q7dV0tq2g4nVbV4yqGQ0Yl3k4r8xD2m9b1u0m0c0a0Y= "));
}
