#include "core/kiosk_keys.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <sodium.h>

#include "core/mirror.h"
#include "core/sql.h"

namespace gongkai {

namespace {

std::string trimmed(const std::string& line) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    auto last = line.find_last_not_of(" \t\r");
    return line.substr(first, last - first + 1);
}

// "ID=PATH" -> {ID, PATH}; "PATH" -> {stem of PATH, PATH}. A '=' inside a
// directory name is not a separator.
std::pair<std::string, std::string> splitTrustSpec(const std::string& spec) {
    auto eq = spec.find('=');
    if (eq != std::string::npos && eq > 0 && spec.substr(0, eq).find('/') == std::string::npos)
        return {spec.substr(0, eq), spec.substr(eq + 1)};
    std::filesystem::path p(spec);
    std::string id = p.extension() == ".pub" ? p.stem().string() : p.filename().string();
    return {id, spec};
}

}  // namespace

std::optional<SlipPublicKey> parseSlipPublicKey(std::string_view base64Text) {
    if (sodium_init() < 0) return std::nullopt;
    // Room for the DER SubjectPublicKeyInfo form (OpenSSL's `pkey -pubout`):
    // a fixed 12-byte Ed25519 prefix, then the 32 key bytes.
    static constexpr std::array<std::uint8_t, 12> kSpkiPrefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                                                 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    std::array<std::uint8_t, 44> bytes{};
    std::size_t len = 0;
    const char* end = nullptr;
    int rc = sodium_base642bin(bytes.data(), bytes.size(), base64Text.data(), base64Text.size(), nullptr,
                               &len, &end, sodium_base64_VARIANT_ORIGINAL);
    if (rc != 0 || end != base64Text.data() + base64Text.size()) return std::nullopt;
    std::size_t offset = 0;
    if (len == bytes.size() && std::equal(kSpkiPrefix.begin(), kSpkiPrefix.end(), bytes.begin()))
        offset = kSpkiPrefix.size();
    else if (len != 32)
        return std::nullopt;
    SlipPublicKey key{};
    std::copy_n(bytes.begin() + std::ptrdiff_t(offset), key.size(), key.begin());
    return key;
}

Result<SlipPublicKey> readSlipPublicKeyFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open: " + std::strerror(errno)};
    std::string line, found;
    int lineNo = 0, foundAt = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        std::string t = trimmed(line);
        if (t.empty() || t[0] == '#') continue;
        if (!found.empty())
            return Error{path + ":" + std::to_string(lineNo) + ": a second key line (the key is on line " +
                         std::to_string(foundAt) + "); a key file holds one key"};
        found = t;
        foundAt = lineNo;
    }
    if (in.bad()) return Error{path + ": cannot read: " + std::strerror(errno)};
    if (found.empty()) return Error{path + ": no key in the file (only comments or blank lines)"};
    auto key = parseSlipPublicKey(found);
    if (!key)
        return Error{path + ":" + std::to_string(foundAt) +
                     ": not an Ed25519 public key (expected 32 bytes as standard base64)"};
    return *key;
}

Status KioskKeyring::add(const std::string& kioskId, const SlipPublicKey& key, const std::string& origin) {
    auto it = m_keys.find(kioskId);
    if (it == m_keys.end()) {
        m_keys.emplace(kioskId, Entry{key, origin});
        return okStatus();
    }
    if (it->second.key == key) return okStatus();
    return Error{origin + ": kiosk \"" + kioskId + "\" has a different key in " + it->second.origin +
                 "; refusing to guess which one is right"};
}

Result<std::size_t> KioskKeyring::addFromMirror(const std::string& mirrorPath) {
    auto mirror = Mirror::open(mirrorPath, Mirror::Mode::ReadOnly);
    if (!mirror) return Error{mirrorPath + ": " + mirror.error().message};
    sql::Statement q(mirror.value()->db(), "SELECT id, pubkey FROM kiosk ORDER BY id");
    std::size_t added = 0;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        std::string id = q.columnText(0);
        auto key = parseSlipPublicKey(trimmed(q.columnText(1)));
        if (!key) {
            m_warnings.push_back(mirrorPath + ": kiosk \"" + id +
                                 "\": pubkey is not an Ed25519 public key (32 bytes as base64); skipped");
            continue;
        }
        if (auto s = add(id, *key, mirrorPath); !s) return s.error();
        ++added;
    }
    if (rc != SQLITE_DONE)
        return Error{mirrorPath + ": cannot read the kiosk records: " + describeSqliteError(q.db(), rc)};
    return added;
}

Status KioskKeyring::addTrustedFile(const std::string& spec) {
    auto [id, path] = splitTrustSpec(spec);
    if (id.empty()) return Error{spec + ": no kiosk id (give ID=PATH)"};
    auto key = readSlipPublicKeyFile(path);
    if (!key) return key.error();
    return add(id, key.value(), path);
}

std::optional<SlipPublicKey> KioskKeyring::find(const std::string& kioskId) const {
    auto it = m_keys.find(kioskId);
    if (it == m_keys.end()) return std::nullopt;
    return it->second.key;
}

SlipKeyLookup KioskKeyring::lookup() const {
    std::map<std::string, SlipPublicKey> keys;
    for (const auto& [id, entry] : m_keys) keys.emplace(id, entry.key);
    return [keys = std::move(keys)](const std::string& kioskId) -> std::optional<SlipPublicKey> {
        auto it = keys.find(kioskId);
        if (it == keys.end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace gongkai
