// Ed25519 key files and detached signatures (sync/feed/keys.h).
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "core/digest.h"
#include "feed/keys.h"
#include "support/temp_dir.h"

using namespace gongkai;
using namespace gongkai::feed;
using gongkai::test::readFile;
using gongkai::test::TempDir;
using gongkai::test::writeFile;

namespace {

unsigned modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

// The base64 line of a key file written by writeKeyFiles (after its comment).
std::string keyLineOf(const std::string& path) {
    std::string text = readFile(path);
    auto start = text.find('\n') + 1;
    return text.substr(start, text.find('\n', start) - start);
}

}  // namespace

TEST_CASE("keys: keygen writes a 0600 secret key and a public key and refuses to overwrite", "[keys]") {
    TempDir dir;
    const std::string prefix = dir.file("portal");
    KeyPair keys = generateKeyPair();
    REQUIRE(writeKeyFiles(prefix, keys));
    CHECK(modeOf(prefix + ".key") == 0600);
    CHECK(modeOf(prefix + ".pub") == 0644);

    auto secret = readSecretKey(prefix + ".key");
    REQUIRE(secret);
    CHECK(secret.value().bytes == keys.secret.bytes);
    auto pub = readPublicKey(prefix + ".pub");
    REQUIRE(pub);
    CHECK(pub.value().bytes == keys.pub.bytes);
    CHECK(secret.value().publicKey().bytes == keys.pub.bytes);

    const std::string before = readFile(prefix + ".key");
    auto again = writeKeyFiles(prefix, generateKeyPair());
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error().message, Catch::Contains(prefix + ".key") && Catch::Contains("already exists"));
    CHECK(readFile(prefix + ".key") == before);
}

TEST_CASE("keys: a lone public key file also blocks keygen", "[keys]") {
    TempDir dir;
    writeFile(dir.file("k.pub"), "something\n");
    auto s = writeKeyFiles(dir.file("k"), generateKeyPair());
    REQUIRE_FALSE(s);
    CHECK_THAT(s.error().message, Catch::Contains("k.pub"));
    CHECK_FALSE(std::filesystem::exists(dir.file("k.key")));
}

TEST_CASE("keys: key files may carry comment lines above the key", "[keys]") {
    TempDir dir;
    KeyPair keys = generateKeyPair();
    REQUIRE(writeKeyFiles(dir.file("a"), keys));
    CHECK(readFile(dir.file("a.key")).rfind("# ", 0) == 0);  // writeKeyFiles adds one
    writeFile(dir.file("b.pub"), "# county portal, 2026\r\n# second comment\n\n  " + keys.pub.base64() + "  \r\n");
    auto pub = readPublicKey(dir.file("b.pub"));
    REQUIRE(pub);
    CHECK(pub.value().bytes == keys.pub.bytes);
    writeFile(dir.file("b.key"), keyLineOf(dir.file("a.key")));  // no comment, no newline
    auto secret = readSecretKey(dir.file("b.key"));
    REQUIRE(secret);
    CHECK(secret.value().bytes == keys.secret.bytes);
}

TEST_CASE("keys: a damaged key file gives an error naming the file", "[keys]") {
    TempDir dir;
    KeyPair keys = generateKeyPair();
    REQUIRE(writeKeyFiles(dir.file("good"), keys));
    const std::string line = keyLineOf(dir.file("good.key"));
    const std::string path = dir.file("bad.key");
    std::string flipped = line;
    flipped[60] = flipped[60] == 'A' ? 'B' : 'A';
    const std::vector<std::pair<const char*, std::optional<std::string>>> damages = {
        {"truncated", line.substr(0, 40) + "\n"},
        {"not base64", std::string(line.size(), '!') + "\n"},
        {"a public key where a secret key belongs", keys.pub.base64() + "\n"},
        {"empty", ""},
        {"only a comment", "# nothing here\n"},
        {"two key lines", line + "\n" + line + "\n"},
        {"one flipped character in the public half", flipped + "\n"},
        {"missing", std::nullopt},
    };
    for (const auto& [name, content] : damages) {
        INFO(name);
        std::filesystem::remove(path);
        if (content) writeFile(path, *content);
        auto secret = readSecretKey(path);
        REQUIRE_FALSE(secret);
        CHECK_THAT(secret.error().message, Catch::Contains(path));
    }

    writeFile(dir.file("bad.pub"), line + "\n");  // 64 bytes where 32 belong
    auto pub = readPublicKey(dir.file("bad.pub"));
    REQUIRE_FALSE(pub);
    CHECK_THAT(pub.error().message, Catch::Contains(dir.file("bad.pub")));
}

TEST_CASE("keys: the key id is the first 16 hex digits of SHA-256 of the public key", "[keys]") {
    KeyPair keys = generateKeyPair();
    std::string raw(reinterpret_cast<const char*>(keys.pub.bytes.data()), keys.pub.bytes.size());
    CHECK(keys.pub.id() == toHex(sha256(raw)).substr(0, 16));
    CHECK(keys.pub.id().size() == 16);
    CHECK(generateKeyPair().pub.id() != keys.pub.id());
    auto parsed = parsePublicKey(keys.pub.base64());
    REQUIRE(parsed);
    CHECK(parsed.value().id() == keys.pub.id());
    CHECK_FALSE(parsePublicKey(keys.pub.base64().substr(4)));
    CHECK_FALSE(parsePublicKey(""));
}

TEST_CASE("keys: a detached signature verifies only for its message and key", "[keys]") {
    KeyPair keys = generateKeyPair(), other = generateKeyPair();
    const std::string message = R"({"feed_id":"demo","version":2})";
    const std::string sig = signDetached(keys.secret, message);
    CHECK(sig.size() == 88);  // 64 bytes in standard base64
    CHECK(verifyDetached(keys.pub, message, sig));
    CHECK_FALSE(verifyDetached(keys.pub, R"({"feed_id":"demo","version":3})", sig));
    CHECK_FALSE(verifyDetached(other.pub, message, sig));
    CHECK_FALSE(verifyDetached(keys.pub, message, sig.substr(0, 80)));
    CHECK_FALSE(verifyDetached(keys.pub, message, "not base64 at all"));
    std::string flipped = sig;
    flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
    CHECK_FALSE(verifyDetached(keys.pub, message, flipped));
    // Ed25519 is deterministic: the same message gives the same signature.
    CHECK(signDetached(keys.secret, message) == sig);
}
