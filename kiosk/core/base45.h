// Base45 (RFC 9285): bytes <-> text over the QR alphanumeric alphabet
// "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:". Two bytes become three
// characters, a final odd byte two. Pure functions, thread-safe.
// Decoding is strict: upper-case only (callers fold case first), the length
// must not be 1 mod 3, and every group must fit its byte count; the error
// names the 0-based character position of the problem.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

inline constexpr std::string_view kBase45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

std::string base45Encode(const std::uint8_t* data, std::size_t size);
std::string base45Encode(std::string_view bytes);
Result<std::vector<std::uint8_t>> base45Decode(std::string_view text);

}  // namespace gongkai
