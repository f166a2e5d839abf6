// A bounded random-mutation fuzz of decodeSlip: mutations of valid slips
// and random Base45 strings never crash, every failure is an Error with a
// message, and nothing mutated is Verified unless the signed request is
// exactly the original (a change that only touched deflate's padding bits).
#include <catch2/catch.hpp>

#include <random>

#include "request/request_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const std::string kBase45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

std::string mutate(std::string s, std::mt19937& rng) {
    auto pick = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    int edits = 1 + int(pick(3));
    for (int e = 0; e < edits && !s.empty(); ++e) {
        std::size_t pos = pick(s.size());
        switch (pick(6)) {
            case 0:
                s[pos] = kBase45[pick(45)];
                break;  // another Base45 character
            case 1:
                s[pos] = static_cast<char>(pick(256));
                break;  // any byte
            case 2:
                s.erase(pos, 1);
                break;  // a dropped character
            case 3:
                s.insert(pos, 1, kBase45[pick(45)]);
                break;  // an extra character
            case 4:
                s.resize(pos);
                break;  // cut short
            default:
                std::swap(s[pos], s[pick(s.size())]);
                break;  // two swapped
        }
    }
    return s;
}

}  // namespace

TEST_CASE("request fuzz: mutated slips and random Base45 never crash and never verify as something else",
          "[request][fuzz]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-a");
    const auto lookup = lookupFor({kiosk});
    std::vector<DisclosureRequest> requests = {typicalRequest(kiosk.id), largestRequest(kiosk.id)};
    std::mt19937 rng(8);
    std::size_t errors = 0, flagged = 0, harmless = 0, total = 0;
    for (const auto& r : requests) {
        auto slip = encodeSlip(r, kiosk.secret);
        REQUIRE(slip);
        for (int i = 0; i < 4000; ++i) {
            std::string bad = mutate(slip.value(), rng);
            if (bad == slip.value()) continue;
            ++total;
            auto d = decodeSlip(bad, lookup);
            if (!d) {
                ++errors;
                if (d.error().message.empty()) FAIL("empty error message for: " << bad);
            } else if (d->verification != SlipVerification::Verified) {
                ++flagged;
            } else {
                if (!(d->request == r)) FAIL("a mutated slip verified as another request: " << bad);
                ++harmless;
            }
        }
    }
    std::uniform_int_distribution<std::size_t> len(0, 800), ch(0, 44);
    for (int i = 0; i < 4000; ++i) {
        std::string text = i % 2 ? "GK1:" : "";
        for (std::size_t n = len(rng); n > 0; --n) text += kBase45[ch(rng)];
        auto d = decodeSlip(text, lookup);
        ++total;
        if (d) {
            CHECK(d->verification != SlipVerification::Verified);
            ++flagged;
        } else {
            ++errors;
            if (d.error().message.empty()) FAIL("empty error message for: " << text);
        }
    }
    CHECK(errors + flagged + harmless == total);
    CHECK(harmless * 100 < total);
    std::printf(
        "decoder fuzz: %zu inputs, %zu errors, %zu decoded but flagged, %zu harmless (same request)\n", total,
        errors, flagged, harmless);
}
