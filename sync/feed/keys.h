// Ed25519 key files (DESIGN.md "Key files"): NAME.key holds the secret key and
// NAME.pub the public key, each as one line of standard base64 (a `#` comment
// line is allowed above it). The secret key is libsodium's 64-byte form (seed
// followed by the public key). A key's id is the first 16 hex digits of
// SHA-256 of the 32-byte public key.
//
// Errors name the file and what is wrong with it. Value types; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongkai::feed {

struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};
    std::string id() const;        // 16 lowercase hex digits
    std::string base64() const;
};

struct SecretKey {
    std::array<std::uint8_t, 64> bytes{};
    PublicKey publicKey() const;
};

struct KeyPair {
    SecretKey secret;
    PublicKey pub;
};

KeyPair generateKeyPair();

// Writes PREFIX.key (mode 0600, created so that it is never readable by
// others, not even for a moment) and PREFIX.pub (0644). Refuses to overwrite
// an existing PREFIX.key.
Status writeKeyFiles(const std::string& prefix, const KeyPair& keys);

Result<SecretKey> readSecretKey(const std::string& path);
Result<PublicKey> readPublicKey(const std::string& path);
// A public key given as its base64 text (from a config file value).
Result<PublicKey> parsePublicKey(std::string_view base64Text);

// Detached Ed25519 signature of `message`, as standard base64.
std::string signDetached(const SecretKey& key, std::string_view message);
bool verifyDetached(const PublicKey& key, std::string_view message, std::string_view signatureBase64);

}  // namespace gongkai::feed
