// Sections: [1] libsodium and base64  [2] keys  [3] key files  [4] signatures
#include "feed/keys.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/digest.h"

namespace gongkai::feed {

// [1] libsodium and base64
namespace {

// sodium_init() is thread-safe and idempotent; a function-local static runs
// it once. It fails only when the system has no usable entropy source.
void ensureSodium() {
    static const int kInit = sodium_init();
    (void)kInit;
}

std::string toBase64(const std::uint8_t* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Decodes strict standard base64 of exactly `want` bytes; false otherwise.
bool fromBase64(std::string_view text, std::uint8_t* out, std::size_t want) {
    std::size_t got = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out, want, text.data(), text.size(), nullptr, &got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return got == want && end == text.data() + text.size();
}

std::string errnoText() { return std::strerror(errno); }

}  // namespace

// [2] keys
std::string PublicKey::id() const {
    return toHex(sha256(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())))
        .substr(0, 16);
}

std::string PublicKey::base64() const { return toBase64(bytes.data(), bytes.size()); }

PublicKey SecretKey::publicKey() const {
    // libsodium's secret key is seed || public key.
    PublicKey pub;
    std::memcpy(pub.bytes.data(), bytes.data() + 32, 32);
    return pub;
}

KeyPair generateKeyPair() {
    ensureSodium();
    KeyPair pair;
    crypto_sign_keypair(pair.pub.bytes.data(), pair.secret.bytes.data());
    return pair;
}

// [3] key files
namespace {

Status writeNewFile(const std::string& path, const std::string& text, mode_t mode) {
    // O_EXCL: never overwrite; the mode is given at creation, so the file is
    // never readable by others, not even between open and chmod.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return Error{path + ": cannot create: " + errnoText()};
    bool ok = ::fchmod(fd, mode) == 0;  // the umask may have removed bits of 0644
    std::size_t done = 0;
    while (ok && done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    std::string why = ok ? "" : errnoText();
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        ::unlink(path.c_str());
        return Error{path + ": cannot write: " + why};
    }
    return okStatus();
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

// The one base64 line of a key file, skipping `#` comment lines and blank lines.
Result<std::string> keyLine(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open: " + errnoText()};
    std::string line, found;
    int lineNo = 0, foundAt = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        if (!found.empty())
            return Error{path + ":" + std::to_string(lineNo) + ": a second key line (the key is on line " +
                         std::to_string(foundAt) + "); a key file holds one key"};
        auto last = line.find_last_not_of(" \t");
        found = line.substr(first, last - first + 1);
        foundAt = lineNo;
    }
    if (in.bad()) return Error{path + ": cannot read: " + errnoText()};
    if (found.empty()) return Error{path + ": no key in the file (only comments or blank lines)"};
    return found;
}

}  // namespace

Status writeKeyFiles(const std::string& prefix, const KeyPair& keys) {
    const std::string keyPath = prefix + ".key", pubPath = prefix + ".pub";
    if (exists(keyPath)) return Error{keyPath + ": already exists; refusing to overwrite a key"};
    if (exists(pubPath)) return Error{pubPath + ": already exists; refusing to overwrite a key"};
    const std::string id = keys.pub.id();
    std::string secretText = "# gongkai Ed25519 secret key " + id + " (keep private)\n" +
                             toBase64(keys.secret.bytes.data(), keys.secret.bytes.size()) + "\n";
    if (auto s = writeNewFile(keyPath, secretText, 0600); !s) return s;
    sodium_memzero(secretText.data(), secretText.size());
    std::string pubText = "# gongkai Ed25519 public key " + id + "\n" + keys.pub.base64() + "\n";
    if (auto s = writeNewFile(pubPath, pubText, 0644); !s) {
        ::unlink(keyPath.c_str());  // no secret key without its public half
        return s;
    }
    return okStatus();
}

Result<SecretKey> readSecretKey(const std::string& path) {
    ensureSodium();
    auto line = keyLine(path);
    if (!line) return line.error();
    SecretKey key;
    if (!fromBase64(line.value(), key.bytes.data(), key.bytes.size()))
        return Error{path + ": not an Ed25519 secret key (expected 64 bytes as standard base64)"};
    // The stored public half must be the one the seed derives: a damaged
    // file would otherwise sign with a key nobody can verify.
    std::array<std::uint8_t, 32> pub{};
    std::array<std::uint8_t, 64> derived{};
    crypto_sign_seed_keypair(pub.data(), derived.data(), key.bytes.data());
    bool match = sodium_memcmp(derived.data(), key.bytes.data(), 64) == 0;
    sodium_memzero(derived.data(), derived.size());
    sodium_memzero(line.value().data(), line.value().size());
    if (!match) return Error{path + ": damaged secret key (its public half does not match its seed)"};
    return key;
}

Result<PublicKey> parsePublicKey(std::string_view base64Text) {
    PublicKey key;
    if (!fromBase64(base64Text, key.bytes.data(), key.bytes.size()))
        return Error{"not an Ed25519 public key (expected 32 bytes as standard base64)"};
    return key;
}

Result<PublicKey> readPublicKey(const std::string& path) {
    auto line = keyLine(path);
    if (!line) return line.error();
    auto key = parsePublicKey(line.value());
    if (!key) return Error{path + ": " + key.error().message};
    return key;
}

// [4] signatures
std::string signDetached(const SecretKey& key, std::string_view message) {
    ensureSodium();
    std::array<std::uint8_t, crypto_sign_BYTES> sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.bytes.data());
    return toBase64(sig.data(), sig.size());
}

bool verifyDetached(const PublicKey& key, std::string_view message, std::string_view signatureBase64) {
    ensureSodium();
    std::array<std::uint8_t, crypto_sign_BYTES> sig{};
    if (!fromBase64(signatureBase64, sig.data(), sig.size())) return false;
    return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.bytes.data()) == 0;
}

}  // namespace gongkai::feed
