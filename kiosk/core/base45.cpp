#include "core/base45.h"

#include <array>

namespace gongkai {
namespace {

// -1 for characters outside the alphabet.
std::array<int, 256> makeDecodeTable() {
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kBase45Alphabet.size(); ++i) {
        table[static_cast<unsigned char>(kBase45Alphabet[i])] = static_cast<int>(i);
    }
    return table;
}

const std::array<int, 256>& decodeTable() {
    static const std::array<int, 256> table = makeDecodeTable();
    return table;
}

}  // namespace

std::string base45Encode(const std::uint8_t* data, std::size_t size) {
    std::string out;
    out.reserve((size / 2) * 3 + 2);
    std::size_t i = 0;
    for (; i + 1 < size; i += 2) {
        unsigned n = data[i] * 256u + data[i + 1];
        out += kBase45Alphabet[n % 45];
        out += kBase45Alphabet[(n / 45) % 45];
        out += kBase45Alphabet[n / 2025];
    }
    if (i < size) {
        unsigned n = data[i];
        out += kBase45Alphabet[n % 45];
        out += kBase45Alphabet[n / 45];
    }
    return out;
}

std::string base45Encode(std::string_view bytes) {
    return base45Encode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

Result<std::vector<std::uint8_t>> base45Decode(std::string_view text) {
    if (text.size() % 3 == 1) {
        return Error{"bad Base45: length " + std::to_string(text.size()) +
                     " leaves a single character at position " + std::to_string(text.size() - 1)};
    }
    const auto& table = decodeTable();
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        std::size_t groupSize = text.size() - i >= 3 ? 3 : 2;
        unsigned n = 0;
        unsigned weight = 1;
        for (std::size_t k = 0; k < groupSize; ++k) {
            int v = table[static_cast<unsigned char>(text[i + k])];
            if (v < 0) {
                return Error{"bad Base45: character not in the alphabet at position " +
                             std::to_string(i + k)};
            }
            n += static_cast<unsigned>(v) * weight;
            weight *= 45;
        }
        if ((groupSize == 3 && n > 0xFFFF) || (groupSize == 2 && n > 0xFF)) {
            return Error{"bad Base45: group value too large at position " + std::to_string(i)};
        }
        if (groupSize == 3) out.push_back(static_cast<std::uint8_t>(n >> 8));
        out.push_back(static_cast<std::uint8_t>(n & 0xFF));
    }
    return out;
}

}  // namespace gongkai
