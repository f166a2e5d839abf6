// The disclosure request slip (DESIGN.md "Disclosure request slip"): the text
// a kiosk puts in its QR code and counter staff scan back.
//
// Contract (format GK1, a public interface):
//   text   = "GK1:" + Base45(rawDeflate(outer))          Base45: RFC 9285
//   outer  = CBOR array [ bytes(inner), bytes(signature) ]
//   inner  = CBOR array [ 1, id, kioskId, createdAt, agencyId, agencyName,
//                         title, docNo, catalogItemId, description, form,
//                         delivery ]   (text strings, except: 1 = field layout;
//                         form = 0 paper | 1 electronic; delivery = 0 counter
//                         | 1 post | 2 email, as unsigned integers)
//   signature = Ed25519 detached signature (64 bytes) over the inner bytes,
//               by the kiosk's key ([kiosk] key file, libsodium layout).
// Positional arrays keep the CBOR compact (no key names in the slip).
// Deflate is *raw* deflate (RFC 1951, zlib windowBits -15, level 9): the
// zlib header and Adler-32 would add 6 bytes and the signature already
// protects integrity.
// id is a ULID (26 Crockford base32 characters, upper case): it sorts by
// time like UUIDv7, but it is shorter (26 vs 36 characters), has no
// hyphens, and only letters and digits staff can read aloud (no I L O U).
// createdAt is UTC "YYYY-MM-DDTHH:MM:SSZ". No personal data: identity and
// contact are taken at the counter.
//
// The QR is alphanumeric mode at level Q, never above version 20, whose
// capacity is kQrMaxChars = 702 characters. Signatures are random bytes, so
// the deflated size varies by a byte or two between keys; fitsInQr() keeps
// a margin of kQrSafetyChars so a request it accepts always encodes.
// Decoding: the input is upper-cased (Caps Lock, input methods), only a
// trailing "\r\n"/"\n"/"\r" is stripped, never spaces (a Base45 character).
// The inflated payload is bounded by kSlipMaxInflated (zip bombs are errors).
// All functions are pure and thread-safe (the key lookup is called once
// from the caller's thread). Errors are values naming the problem.
#pragma once

#include "core/result.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

struct DisclosureRequest {
    std::string id;             // ULID
    std::string kioskId;
    std::string createdAt;      // "YYYY-MM-DDTHH:MM:SSZ"
    std::string agencyId;
    std::string agencyName;
    std::string title;
    std::string docNo;          // 文号, may be empty
    std::string catalogItemId;  // may be empty
    std::string description;    // free text (UTF-8)
    std::string form;           // "paper" | "electronic"
    std::string delivery;       // "counter" | "post" | "email"
    bool operator==(const DisclosureRequest&) const = default;
};

using SlipSecretKey = std::array<std::uint8_t, 64>;  // libsodium Ed25519 secret key
using SlipPublicKey = std::array<std::uint8_t, 32>;
using SlipKeyLookup = std::function<std::optional<SlipPublicKey>(const std::string& kioskId)>;

inline constexpr std::string_view kSlipPrefix = "GK1:";
inline constexpr std::size_t kQrMaxChars = 702;     // version 20-Q, alphanumeric
inline constexpr std::size_t kQrSafetyChars = 6;    // signature-dependent deflate variance
inline constexpr std::size_t kSlipMaxInflated = 8192;

enum class SlipVerification {
    Verified,      // signature good for the kiosk's registered key
    UnknownKiosk,  // the lookup has no key for request.kioskId
    BadSignature,  // tampered, or signed by another key: never accept
};

struct DecodedSlip {
    DisclosureRequest request;
    SlipVerification verification = SlipVerification::BadSignature;
};

// Errors: id not a ULID, createdAt not "YYYY-MM-DDTHH:MM:SSZ", form not
// "paper"/"electronic", delivery not "counter"/"post"/"email" (the decoder
// checks the same), a slip longer than kQrMaxChars.
Result<std::string> encodeSlip(const DisclosureRequest& request, const SlipSecretKey& key);

// Errors: not a GK1 slip, bad Base45 (position), corrupt deflate, too large,
// bad CBOR, missing/mistyped field. Unknown kiosk and bad signature are
// verification states so staff can still see what was tampered with.
Result<DecodedSlip> decodeSlip(std::string_view text, const SlipKeyLookup& lookup);

std::string slipVerificationName(SlipVerification v);

// Size of the slip text (signed with a fixed throwaway key).
std::size_t slipTextLength(const DisclosureRequest& request);
// True when the slip fits version 20-Q with kQrSafetyChars to spare.
bool fitsInQr(const DisclosureRequest& request);
// How many more description characters are certain to fit, assuming the
// worst (characters that deflate does not shrink, 3 UTF-8 bytes each).
std::size_t descriptionCharsLeft(const DisclosureRequest& request);

// A new ULID for the given time (80 random bits from libsodium).
std::string makeRequestId(std::chrono::system_clock::time_point now);

// "01JD8X..." -> "01JD 8X.. ...." (groups of 4, for reading aloud: the
// kiosk's screen and the printed slip show the id so).
std::string groupedRequestId(const std::string& id);

}  // namespace gongkai
