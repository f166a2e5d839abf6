#include "digest.h"

#include <sodium.h>

namespace gongkai {

Sha256 sha256(std::string_view data) {
    Sha256 out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size());
    return out;
}

std::string toHex(const Sha256& hash) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    s.reserve(64);
    for (auto b : hash) {
        s.push_back(kDigits[b >> 4]);
        s.push_back(kDigits[b & 0xF]);
    }
    return s;
}

namespace {

// Big-endian bytes -> little-endian 64-bit limbs.
std::array<std::uint64_t, 4> toLimbs(const Sha256& hash) {
    std::array<std::uint64_t, 4> limbs{};
    for (int limb = 0; limb < 4; ++limb) {
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | hash[static_cast<std::size_t>((3 - limb) * 8 + i)];
        limbs[static_cast<std::size_t>(limb)] = v;
    }
    return limbs;
}

}  // namespace

void StateDigest::add(const Sha256& hash) {
    auto rhs = toLimbs(hash);
    unsigned carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t sum = m_limbs[i] + rhs[i];
        unsigned c1 = sum < m_limbs[i];
        std::uint64_t sum2 = sum + carry;
        unsigned c2 = sum2 < sum;
        m_limbs[i] = sum2;
        carry = c1 | c2;
    }
}

void StateDigest::subtract(const Sha256& hash) {
    auto rhs = toLimbs(hash);
    unsigned borrow = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t diff = m_limbs[i] - rhs[i];
        unsigned b1 = m_limbs[i] < rhs[i];
        std::uint64_t diff2 = diff - borrow;
        unsigned b2 = diff < borrow;
        m_limbs[i] = diff2;
        borrow = b1 | b2;
    }
}

std::string StateDigest::hex() const {
    Sha256 bytes{};
    for (std::size_t limb = 0; limb < 4; ++limb)
        for (std::size_t i = 0; i < 8; ++i)
            bytes[(3 - limb) * 8 + i] = static_cast<std::uint8_t>(m_limbs[limb] >> (56 - 8 * i));
    return toHex(bytes);
}

std::optional<StateDigest> StateDigest::fromHex(std::string_view hex) {
    if (hex.size() != 64) return std::nullopt;
    Sha256 bytes{};
    for (std::size_t i = 0; i < 32; ++i) {
        int v = 0;
        for (std::size_t k = 0; k < 2; ++k) {
            char c = hex[2 * i + k];
            int d = (c >= '0' && c <= '9') ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (d < 0) return std::nullopt;
            v = v * 16 + d;
        }
        bytes[i] = static_cast<std::uint8_t>(v);
    }
    StateDigest d;
    d.add(bytes);
    return d;
}

}  // namespace gongkai
