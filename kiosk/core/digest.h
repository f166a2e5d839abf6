// The state digest of DESIGN.md: the sum modulo 2^256 of SHA-256 over each
// record's canonical line, so that it can be maintained incrementally (add on
// insert, subtract on delete) and compared between a mirror and a record set.
// Value type; not thread-safe to mutate concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::string_view data);
std::string toHex(const Sha256& hash);

class StateDigest {
public:
    void add(const Sha256& hash);       // += hash as a big-endian 256-bit integer
    void subtract(const Sha256& hash);  // -= hash, modulo 2^256
    std::string hex() const;            // 64 lowercase hex digits, big-endian
    static std::optional<StateDigest> fromHex(std::string_view hex);
    bool operator==(const StateDigest&) const = default;

private:
    std::array<std::uint64_t, 4> m_limbs{};  // m_limbs[0] is least significant
};

}  // namespace gongkai
