// The request slip codec: Base45 (RFC 9285), GK1 round trips, tampering,
// scanner quirks, the QR size budget and a bounded mutation fuzz.
#include "core/base45.h"
#include "core/slip.h"
#include "support/fixtures.h"

#include <catch2/catch.hpp>
#include <qrencode.h>
#include <sodium.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <map>
#include <random>

using namespace gongkai;
using namespace gongkai::test;

namespace {

struct Kiosk {
    SlipSecretKey secret{};
    SlipPublicKey publicKey{};
};

Kiosk makeKiosk(std::uint8_t seedByte) {
    REQUIRE(sodium_init() >= 0);
    Kiosk k;
    std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
    seed.fill(seedByte);
    crypto_sign_seed_keypair(k.publicKey.data(), k.secret.data(), seed.data());
    return k;
}

SlipKeyLookup lookupFor(std::map<std::string, SlipPublicKey> keys) {
    return [keys](const std::string& id) -> std::optional<SlipPublicKey> {
        auto it = keys.find(id);
        if (it == keys.end()) return std::nullopt;
        return it->second;
    };
}

// The largest description of this kind that fitsInQr accepts.
std::size_t maxFitting(DisclosureRequest r, const std::function<std::string(std::size_t)>& text) {
    std::size_t lo = 0, hi = 2000;
    while (lo < hi) {
        std::size_t mid = (lo + hi + 1) / 2;
        r.description = text(mid);
        if (fitsInQr(r)) lo = mid; else hi = mid - 1;
    }
    return lo;
}

int qrVersion(const std::string& text) {
    QRinput* input = QRinput_new2(0, QR_ECLEVEL_Q);
    REQUIRE(input != nullptr);
    REQUIRE(QRinput_append(input, QR_MODE_AN, static_cast<int>(text.size()),
                           reinterpret_cast<const unsigned char*>(text.data())) == 0);
    QRcode* code = QRcode_encodeInput(input);
    QRinput_free(input);
    REQUIRE(code != nullptr);
    int version = code->version;
    QRcode_free(code);
    return version;
}

}  // namespace

TEST_CASE("base45: encodes the RFC 9285 examples", "[slip]") {
    CHECK(base45Encode("AB") == "BB8");
    CHECK(base45Encode("Hello!!") == "%69 VD92EX0");
    CHECK(base45Encode("base-45") == "UJCLQE7W581");
    auto decoded = base45Decode("QED8WEX0");
    REQUIRE(decoded.ok());
    CHECK(std::string(decoded->begin(), decoded->end()) == "ietf!");
}

TEST_CASE("base45: rejects bad input naming the position", "[slip]") {
    auto badChar = base45Decode("QED8wEX0");
    REQUIRE_FALSE(badChar.ok());
    CHECK(badChar.error().message.find("position 4") != std::string::npos);
    CHECK_FALSE(base45Decode("QED8").ok());          // length 1 mod 3
    CHECK_FALSE(base45Decode("GGW").ok());           // 65535 < value
    CHECK_FALSE(base45Decode("ZZ").ok());            // 255 < value
    for (int n = 0; n < 300; ++n) {                  // every length round-trips
        std::string bytes;
        for (int i = 0; i < n; ++i) bytes += static_cast<char>((i * 37 + n) & 0xFF);
        auto back = base45Decode(base45Encode(bytes));
        REQUIRE(back.ok());
        CHECK(std::string(back->begin(), back->end()) == bytes);
    }
}

TEST_CASE("slip: every field round-trips with Chinese, emoji and the maximum description", "[slip]") {
    Kiosk kiosk = makeKiosk(1);
    auto lookup = lookupFor({{"kiosk-xinhua-01", kiosk.publicKey}});
    DisclosureRequest r = typicalRequest();
    r.title = "🏠 住房保障 𠀀𪚥 申请";  // non-BMP characters
    r.description = "需要 2024 年 & 2025 年的资料 😀👍🏽";
    for (const auto& [form, delivery] : {std::pair{"paper", "post"}, std::pair{"electronic", "email"}}) {
        r.form = form;
        r.delivery = delivery;
        auto text = encodeSlip(r, kiosk.secret);
        REQUIRE(text.ok());
        auto back = decodeSlip(text.value(), lookup);
        REQUIRE(back.ok());
        CHECK(back->verification == SlipVerification::Verified);
        CHECK(back->request == r);
    }
    r.description = variedChinese(maxFitting(r, variedChinese));
    REQUIRE(fitsInQr(r));
    auto text = encodeSlip(r, kiosk.secret);
    REQUIRE(text.ok());
    auto back = decodeSlip(text.value() + "\r\n", lookup);
    REQUIRE(back.ok());
    CHECK(back->request == r);
    CHECK(back->verification == SlipVerification::Verified);
}

TEST_CASE("slip: the text is GK1 and Base45 only, and lower-cased scans still decode", "[slip]") {
    Kiosk kiosk = makeKiosk(2);
    auto text = encodeSlip(typicalRequest(), kiosk.secret);
    REQUIRE(text.ok());
    REQUIRE(text->rfind("GK1:", 0) == 0);
    for (char c : text->substr(4)) CHECK(kBase45Alphabet.find(c) != std::string_view::npos);
    std::string lower = text.value();
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto back = decodeSlip(lower + "\n", lookupFor({{"kiosk-xinhua-01", kiosk.publicKey}}));
    REQUIRE(back.ok());
    CHECK(back->verification == SlipVerification::Verified);
    CHECK(back->request == typicalRequest());
    CHECK(decodeSlip("HELLO", {}).error().message == "not a GK1 slip");
    DisclosureRequest fax = typicalRequest();
    fax.delivery = "fax";
    CHECK_FALSE(encodeSlip(fax, kiosk.secret).ok());
    DisclosureRequest badId = typicalRequest();
    badId.id = "01JDQ7V7Y3K9ZC4R6M2N8P5T0I";  // I is not Crockford
    CHECK_FALSE(encodeSlip(badId, kiosk.secret).ok());
    DisclosureRequest badTime = typicalRequest();
    badTime.createdAt = "2026-11-28 09:30:00";
    CHECK_FALSE(encodeSlip(badTime, kiosk.secret).ok());
}

TEST_CASE("slip: every single-character change is refused or flagged", "[slip]") {
    Kiosk kiosk = makeKiosk(3);
    auto lookup = lookupFor({{"kiosk-xinhua-01", kiosk.publicKey}});
    std::string text = encodeSlip(typicalRequest(), kiosk.secret).value();
    int errors = 0, flagged = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        for (char c : {'0', 'Q', ' ', ':', '%'}) {
            if (text[pos] == c) continue;
            std::string t = text;
            t[pos] = c;
            auto back = decodeSlip(t, lookup);
            if (!back.ok()) {
                CHECK_FALSE(back.error().message.empty());
                ++errors;
            } else if (back->verification != SlipVerification::Verified) {
                ++flagged;
            } else {
                CHECK(back->request == typicalRequest());  // only padding bits changed
            }
        }
    }
    CHECK(errors + flagged > 0);
}

TEST_CASE("slip: truncation, another kiosk's key and an unknown kiosk are detected", "[slip]") {
    Kiosk kiosk = makeKiosk(4);
    Kiosk other = makeKiosk(5);
    std::string text = encodeSlip(typicalRequest(), kiosk.secret).value();
    auto lookup = lookupFor({{"kiosk-xinhua-01", kiosk.publicKey}});
    for (std::size_t cut = 1; cut < text.size(); cut += 7) {
        CHECK_FALSE(decodeSlip(text.substr(0, text.size() - cut), lookup).ok());
    }
    auto forged = decodeSlip(encodeSlip(typicalRequest(), other.secret).value(), lookup);
    REQUIRE(forged.ok());
    CHECK(forged->verification == SlipVerification::BadSignature);
    auto unknown = decodeSlip(text, lookupFor({{"another-kiosk", kiosk.publicKey}}));
    REQUIRE(unknown.ok());
    CHECK(unknown->verification == SlipVerification::UnknownKiosk);
    CHECK(slipVerificationName(unknown->verification) == "unknown kiosk");
}

TEST_CASE("slip: 20000 random mutations never crash and never accept changed content", "[slip]") {
    Kiosk kiosk = makeKiosk(6);
    auto lookup = lookupFor({{"kiosk-xinhua-01", kiosk.publicKey}});
    const DisclosureRequest original = typicalRequest();
    std::string text = encodeSlip(original, kiosk.secret).value();
    std::mt19937 rng(20261128);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string t = text;
        int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits && !t.empty(); ++e) {
            std::size_t pos = rng() % t.size();
            char c = kBase45Alphabet[rng() % kBase45Alphabet.size()];
            switch (rng() % 4) {
                case 0: t[pos] = c; break;
                case 1: t.insert(t.begin() + static_cast<long>(pos), c); break;
                case 2: t.erase(pos, 1); break;
                default: t[pos] = static_cast<char>(rng() % 256); break;
            }
        }
        auto back = decodeSlip(t, lookup);
        if (!back.ok()) {
            REQUIRE_FALSE(back.error().message.empty());
        } else if (back->verification == SlipVerification::Verified) {
            REQUIRE(back->request == original);
            ++accepted;
        }
    }
    CHECK(accepted < 20000);
}

TEST_CASE("slip: a zip bomb and malformed payloads are errors", "[slip]") {
    auto wrap = [](const std::vector<std::uint8_t>& payload) {
        z_stream zs{};
        REQUIRE(deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
        std::vector<std::uint8_t> out(deflateBound(&zs, payload.size()));
        zs.next_in = const_cast<Bytef*>(payload.data());
        zs.avail_in = static_cast<uInt>(payload.size());
        zs.next_out = out.data();
        zs.avail_out = static_cast<uInt>(out.size());
        REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
        out.resize(zs.total_out);
        deflateEnd(&zs);
        return "GK1:" + base45Encode(out.data(), out.size());
    };
    auto bomb = decodeSlip(wrap(std::vector<std::uint8_t>(1 << 20, 0)), {});
    REQUIRE_FALSE(bomb.ok());
    CHECK(bomb.error().message.find("too large") != std::string::npos);
    auto notCbor = decodeSlip(wrap({0xFF, 0xFF, 0x00}), {});
    REQUIRE_FALSE(notCbor.ok());
    CHECK(notCbor.error().message.find("bad CBOR") != std::string::npos);
    nlohmann::json inner = nlohmann::json::array({1, "id", 7});
    nlohmann::json outer = nlohmann::json::array(
        {nlohmann::json::binary(nlohmann::json::to_cbor(inner)),
         nlohmann::json::binary(std::vector<std::uint8_t>(64, 0))});
    auto shortReq = decodeSlip(wrap(nlohmann::json::to_cbor(outer)), {});
    REQUIRE_FALSE(shortReq.ok());
    CHECK(shortReq.error().message.find("bad CBOR") != std::string::npos);
    nlohmann::json badForm = nlohmann::json::array({1});
    for (int i = 0; i < 9; ++i) badForm.push_back("x");
    badForm.push_back(7);  // no such form
    badForm.push_back(0);
    outer[0] = nlohmann::json::binary(nlohmann::json::to_cbor(badForm));
    auto mistyped = decodeSlip(wrap(nlohmann::json::to_cbor(outer)), {});
    REQUIRE_FALSE(mistyped.ok());
    CHECK(mistyped.error().message == "missing or mistyped field: form");
    badForm[3] = 42;  // createdAt as a number
    outer[0] = nlohmann::json::binary(nlohmann::json::to_cbor(badForm));
    auto notText = decodeSlip(wrap(nlohmann::json::to_cbor(outer)), {});
    REQUIRE_FALSE(notText.ok());
    CHECK(notText.error().message == "missing or mistyped field: createdAt");
    badForm[3] = std::string("\xFF\xFE");  // createdAt not UTF-8
    outer[0] = nlohmann::json::binary(nlohmann::json::to_cbor(badForm));
    auto badUtf8 = decodeSlip(wrap(nlohmann::json::to_cbor(outer)), {});
    REQUIRE_FALSE(badUtf8.ok());
    CHECK(badUtf8.error().message == "missing or mistyped field: createdAt");
    auto corrupt = decodeSlip("GK1:" + base45Encode("\xFF\xFF\xFF\xFF"), {});
    REQUIRE_FALSE(corrupt.ok());
    CHECK(corrupt.error().message.find("corrupt deflate") != std::string::npos);
}

TEST_CASE("slip: the size budget keeps the largest slip within QR version 20-Q", "[slip]") {
    Kiosk kiosk = makeKiosk(7);
    DisclosureRequest r = typicalRequest();
    std::size_t typicalLength = encodeSlip(r, kiosk.secret)->size();
    CHECK(typicalLength == slipTextLength(r));
    int typicalVersion = qrVersion(encodeSlip(r, kiosk.secret).value());
    std::size_t maxChinese = maxFitting(r, variedChinese);
    std::size_t maxAscii = maxFitting(r, [](std::size_t n) {
        std::mt19937 rng(45);  // random printable ASCII: deflate cannot shrink it much
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('!' + rng() % 90);
        return s;
    });
    r.description = variedChinese(maxChinese);
    std::string largest = encodeSlip(r, kiosk.secret).value();
    int largestVersion = qrVersion(largest);
    WARN("typical slip " << typicalLength << " chars, QR version " << typicalVersion
         << "; largest all-Chinese description " << maxChinese << " chars, slip "
         << largest.size() << " chars, QR version " << largestVersion);
    CHECK(largestVersion <= 20);
    // from home: no document, so title, 文号 and catalogue item are empty
    DisclosureRequest fromHome = typicalRequest();
    fromHome.title.clear();
    fromHome.docNo.clear();
    fromHome.catalogItemId.clear();
    std::size_t maxHome = maxFitting(fromHome, variedChinese);
    fromHome.description = variedChinese(maxHome);
    int homeVersion = qrVersion(encodeSlip(fromHome, kiosk.secret).value());
    WARN("from home: largest all-Chinese description " << maxHome << " chars, QR version "
         << homeVersion << "; all-ASCII with a document " << maxAscii << " chars");
    CHECK(homeVersion <= 20);
    CHECK(maxHome > maxChinese);
    CHECK(maxChinese >= 40);
    CHECK(maxAscii > maxChinese);
    std::string over = largest + std::string(kQrMaxChars + 1 - largest.size(), '0');
    CHECK(qrVersion(over) > 20);  // kQrMaxChars is the real 20-Q capacity
    // the live count is a promise: that many more Chinese characters still fit
    DisclosureRequest typical = typicalRequest();
    std::size_t left = descriptionCharsLeft(typical);
    CHECK(left > 0);
    WARN("typical request: descriptionCharsLeft promises " << left << " more characters");
    typical.description += variedChinese(left);
    CHECK(fitsInQr(typical));
    CHECK(encodeSlip(typical, kiosk.secret).ok());
}

TEST_CASE("slip: request ids are ULIDs that sort by time", "[slip]") {
    using namespace std::chrono;
    auto t = system_clock::time_point(milliseconds(1764322200000));
    std::string a = makeRequestId(t);
    std::string b = makeRequestId(t);
    std::string later = makeRequestId(t + milliseconds(1));
    REQUIRE(a.size() == 26);
    CHECK(a.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ") == std::string::npos);
    CHECK(a != b);
    CHECK(a.substr(0, 10) == b.substr(0, 10));
    CHECK(later > a);
    CHECK(a.substr(0, 10) == "01KB4WRJE0");
}
