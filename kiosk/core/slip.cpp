#include "core/slip.h"

#include "core/base45.h"

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <zlib.h>

#include <algorithm>
#include <vector>

namespace gongkai {
namespace {

using Bytes = std::vector<std::uint8_t>;
using nlohmann::json;

constexpr std::size_t kFieldCount = 12;  // layout tag + 11 fields

std::array<std::string DisclosureRequest::*, 9> fieldMembers() {
    return {&DisclosureRequest::id,          &DisclosureRequest::kioskId,
            &DisclosureRequest::createdAt,   &DisclosureRequest::agencyId,
            &DisclosureRequest::agencyName,  &DisclosureRequest::title,
            &DisclosureRequest::docNo,       &DisclosureRequest::catalogItemId,
            &DisclosureRequest::description};
}

const char* const kFieldNames[] = {"id",         "kioskId", "createdAt",     "agencyId",
                                   "agencyName", "title",   "docNo", "catalogItemId",
                                   "description"};

// On the wire form and delivery are their index in these lists.
const std::array<std::string_view, 2> kForms = {"paper", "electronic"};
const std::array<std::string_view, 3> kDeliveries = {"counter", "post", "email"};

template <std::size_t N>
std::optional<std::size_t> indexOf(const std::array<std::string_view, N>& list, std::string_view v) {
    auto it = std::find(list.begin(), list.end(), v);
    if (it == list.end()) return std::nullopt;
    return static_cast<std::size_t>(it - list.begin());
}

bool validChoices(const DisclosureRequest& r) {
    return indexOf(kForms, r.form) && indexOf(kDeliveries, r.delivery);
}

// A ULID: 26 upper-case Crockford base32 characters.
bool validId(std::string_view id) {
    return id.size() == 26 && id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string_view::npos;
}

// "YYYY-MM-DDTHH:MM:SSZ": digits where digits go, the separators in place.
bool validTime(std::string_view t) {
    static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
    if (t.size() != kShape.size()) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        bool ok = kShape[i] == 'd' ? (t[i] >= '0' && t[i] <= '9') : t[i] == kShape[i];
        if (!ok) return false;
    }
    return true;
}

std::optional<std::string> shapeProblem(const DisclosureRequest& r) {
    if (!validId(r.id)) return "id is not a ULID (26 Crockford base32 characters)";
    if (!validTime(r.createdAt)) return "createdAt is not UTC YYYY-MM-DDTHH:MM:SSZ";
    if (!validChoices(r)) return "form or delivery has an unknown value";
    return std::nullopt;
}

// Reads a choice index at inner[pos] into out; false when absent or out of range.
template <std::size_t N>
bool readChoice(const json& v, const std::array<std::string_view, N>& list, std::string& out) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() >= N) return false;
    out = std::string(list[v.get<std::size_t>()]);
    return true;
}

Bytes innerCbor(const DisclosureRequest& r) {
    json inner = json::array({1});
    for (auto member : fieldMembers()) inner.push_back(r.*member);
    inner.push_back(*indexOf(kForms, r.form));
    inner.push_back(*indexOf(kDeliveries, r.delivery));
    return json::to_cbor(inner);
}

Result<Bytes> deflateRaw(const Bytes& in) {
    z_stream zs{};
    if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        return Error{"deflate: cannot initialise zlib"};
    }
    Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())));
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return Error{"deflate: compression failed"};
    return out;
}

// Inflates at most kSlipMaxInflated bytes; more is an error (zip bomb).
Result<Bytes> inflateRaw(const Bytes& in) {
    z_stream zs{};
    if (inflateInit2(&zs, -15) != Z_OK) return Error{"corrupt deflate: cannot initialise zlib"};
    Bytes out(kSlipMaxInflated + 1);
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_FINISH);
    std::size_t produced = zs.total_out;
    bool allInput = zs.avail_in == 0;
    inflateEnd(&zs);
    if (produced > kSlipMaxInflated) {
        return Error{"slip too large: inflates beyond " + std::to_string(kSlipMaxInflated) + " bytes"};
    }
    if (rc != Z_STREAM_END) return Error{"corrupt deflate: the compressed data is damaged or cut short"};
    if (!allInput) return Error{"corrupt deflate: extra bytes after the compressed data"};
    out.resize(produced);
    return out;
}

// Parses CBOR without exceptions; a discarded value means bad CBOR.
std::optional<json> parseCbor(const Bytes& bytes) {
    try {
        json value = json::from_cbor(bytes, true, false);
        if (value.is_discarded()) return std::nullopt;
        return value;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// CBOR text strings are not checked for UTF-8 by the parser; printing or
// re-serialising a bad one would throw later, so refuse it here.
bool validUtf8(const json& v) {
    try {
        (void)v.dump();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

Result<DisclosureRequest> requestFromInner(const Bytes& innerBytes) {
    auto inner = parseCbor(innerBytes);
    if (!inner) return Error{"bad CBOR: the request cannot be read"};
    if (!inner->is_array() || inner->size() != kFieldCount) {
        return Error{"bad CBOR: the request is not a list of " + std::to_string(kFieldCount) + " fields"};
    }
    if (!(*inner)[0].is_number_unsigned() || (*inner)[0].get<std::uint64_t>() != 1) {
        return Error{"bad CBOR: unknown request layout"};
    }
    DisclosureRequest request;
    auto members = fieldMembers();
    for (std::size_t i = 0; i < members.size(); ++i) {
        const json& v = (*inner)[i + 1];
        if (!v.is_string() || !validUtf8(v)) {
            return Error{std::string("missing or mistyped field: ") + kFieldNames[i]};
        }
        request.*members[i] = v.get<std::string>();
    }
    if (!readChoice((*inner)[10], kForms, request.form)) return Error{"missing or mistyped field: form"};
    if (!readChoice((*inner)[11], kDeliveries, request.delivery)) {
        return Error{"missing or mistyped field: delivery"};
    }
    if (auto problem = shapeProblem(request)) return Error{"missing or mistyped field: " + *problem};
    return request;
}

struct Outer {
    Bytes inner;
    Bytes signature;
};

Result<Outer> splitOuter(const Bytes& payload) {
    auto outer = parseCbor(payload);
    if (!outer) return Error{"bad CBOR: the slip cannot be read"};
    if (!outer->is_array() || outer->size() != 2 || !(*outer)[0].is_binary() ||
        !(*outer)[1].is_binary()) {
        return Error{"bad CBOR: the slip is not [request, signature] byte strings"};
    }
    Outer parts{(*outer)[0].get_binary(), (*outer)[1].get_binary()};
    if (parts.signature.size() != crypto_sign_BYTES) {
        return Error{"missing or mistyped field: signature is not 64 bytes"};
    }
    return parts;
}

std::string normaliseScan(std::string_view text) {
    std::string s(text);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    });
    return s;
}

const SlipSecretKey& throwawayKey() {
    static const SlipSecretKey key = [] {
        SlipSecretKey sk{};
        std::array<std::uint8_t, 32> pk{};
        std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
        seed.fill(0x5A);
        crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
        return sk;
    }();
    return key;
}

}  // namespace

Result<std::string> encodeSlip(const DisclosureRequest& request, const SlipSecretKey& key) {
    if (auto problem = shapeProblem(request)) return Error{"slip: " + *problem};
    if (sodium_init() < 0) return Error{"slip: libsodium cannot start"};
    Bytes inner = innerCbor(request);
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, inner.data(), inner.size(), key.data());
    json outer = json::array({json::binary(inner), json::binary(signature)});
    auto packed = deflateRaw(json::to_cbor(outer));
    if (!packed) return packed.error();
    std::string text = std::string(kSlipPrefix) + base45Encode(packed->data(), packed->size());
    if (text.size() > kQrMaxChars) {
        return Error{"slip too long for a version 20-Q QR code: " + std::to_string(text.size()) +
                     " characters, at most " + std::to_string(kQrMaxChars)};
    }
    return text;
}

Result<DecodedSlip> decodeSlip(std::string_view text, const SlipKeyLookup& lookup) {
    std::string s = normaliseScan(text);
    if (s.compare(0, kSlipPrefix.size(), kSlipPrefix) != 0) return Error{"not a GK1 slip"};
    auto packed = base45Decode(std::string_view(s).substr(kSlipPrefix.size()));
    if (!packed) return packed.error();
    auto payload = inflateRaw(packed.value());
    if (!payload) return payload.error();
    auto outer = splitOuter(payload.value());
    if (!outer) return outer.error();
    auto request = requestFromInner(outer->inner);
    if (!request) return request.error();
    DecodedSlip decoded{request.value(), SlipVerification::UnknownKiosk};
    std::optional<SlipPublicKey> pk = lookup ? lookup(decoded.request.kioskId) : std::nullopt;
    if (pk) {
        if (sodium_init() < 0) return Error{"slip: libsodium cannot start"};
        bool good = crypto_sign_verify_detached(outer->signature.data(), outer->inner.data(),
                                                outer->inner.size(), pk->data()) == 0;
        decoded.verification = good ? SlipVerification::Verified : SlipVerification::BadSignature;
    }
    return decoded;
}

std::string slipVerificationName(SlipVerification v) {
    switch (v) {
        case SlipVerification::Verified: return "verified";
        case SlipVerification::UnknownKiosk: return "unknown kiosk";
        case SlipVerification::BadSignature: return "bad signature (tampered)";
    }
    return "bad signature (tampered)";
}

std::size_t slipTextLength(const DisclosureRequest& request) {
    DisclosureRequest r = request;
    if (!validChoices(r)) {
        r.form = "electronic";
        r.delivery = "counter";
    }
    if (sodium_init() < 0) return SIZE_MAX;
    Bytes inner = innerCbor(r);
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, inner.data(), inner.size(), throwawayKey().data());
    json outer = json::array({json::binary(inner), json::binary(signature)});
    auto packed = deflateRaw(json::to_cbor(outer));
    if (!packed) return SIZE_MAX;
    return kSlipPrefix.size() + (packed->size() / 2) * 3 + (packed->size() % 2) * 2;
}

bool fitsInQr(const DisclosureRequest& request) {
    return slipTextLength(request) + kQrSafetyChars <= kQrMaxChars;
}

std::size_t descriptionCharsLeft(const DisclosureRequest& request) {
    std::size_t used = slipTextLength(request) + kQrSafetyChars;
    if (used >= kQrMaxChars) return 0;
    // Worst case: 3 UTF-8 bytes per character, plus a CBOR length header
    // that can grow by 2 bytes; 3 Base45 characters per 2 bytes.
    std::size_t bytesLeft = (kQrMaxChars - used) * 2 / 3;
    return bytesLeft > 3 ? (bytesLeft - 3) / 3 : 0;
}

std::string makeRequestId(std::chrono::system_clock::time_point now) {
    static const char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    auto ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
    std::array<std::uint8_t, 10> random{};
    if (sodium_init() >= 0) randombytes_buf(random.data(), random.size());
    std::string id(26, '0');
    for (int i = 9; i >= 0; --i, ms >>= 5) id[static_cast<std::size_t>(i)] = kCrockford[ms & 31];
    unsigned buffer = 0;
    int bits = 0;
    std::size_t pos = 10;
    for (std::uint8_t b : random) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            id[pos++] = kCrockford[(buffer >> bits) & 31];
        }
    }
    return id;
}

std::string groupedRequestId(const std::string& id) {
    std::string out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += id[i];
    }
    return out;
}

}  // namespace gongkai
