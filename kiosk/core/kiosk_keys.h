// The keys a counter desk verifies slips with (DESIGN.md "Disclosure request
// slip"): kiosk id -> Ed25519 public key, from the mirror's `kiosk` records
// (registered terminals, published in the feed) and from trusted public key
// files (RECORDS.md `kiosk`; key files as in DESIGN.md "Key files": one line
// of standard base64, `#` comment lines and blank lines allowed).
//
// A key file carries no kiosk id, so a trusted file is named "ID=PATH", or
// just "PATH", whose file name without ".pub" is the id (`gongkai keygen
// --out kiosk-xinhua-01` writes kiosk-xinhua-01.pub).
//
// A kiosk id with two different keys (mirror and file, or two files) is an
// error: a desk must never guess which key is right. A mirror record whose
// pubkey is not 32 bytes of base64 is skipped with a warning (one bad record
// must not stop the counter), listed by warnings().
//
// Errors name the file. A KioskKeyring is a value; lookup() returns a copy
// that is safe to call from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/slip.h"

namespace gongkai {

class KioskKeyring {
public:
    // Opens the mirror read-only and adds every `kiosk` record's key.
    // Returns how many keys were added.
    Result<std::size_t> addFromMirror(const std::string& mirrorPath);
    // "ID=PATH" or "PATH" (id: the file name without its ".pub").
    Status addTrustedFile(const std::string& spec);
    // `origin` names where the key came from, for conflict messages.
    Status add(const std::string& kioskId, const SlipPublicKey& key, const std::string& origin);

    std::optional<SlipPublicKey> find(const std::string& kioskId) const;
    std::size_t size() const { return m_keys.size(); }
    const std::vector<std::string>& warnings() const { return m_warnings; }
    SlipKeyLookup lookup() const;

private:
    struct Entry {
        SlipPublicKey key;
        std::string origin;
    };
    std::map<std::string, Entry> m_keys;
    std::vector<std::string> m_warnings;
};

// A public key as standard base64: the 32 key bytes, or the DER
// SubjectPublicKeyInfo form OpenSSL writes (44 bytes, the same key after a
// fixed prefix); nullopt when it is neither.
std::optional<SlipPublicKey> parseSlipPublicKey(std::string_view base64Text);

// The key of a public key file; errors name the file (and the line).
Result<SlipPublicKey> readSlipPublicKeyFile(const std::string& path);

}  // namespace gongkai
