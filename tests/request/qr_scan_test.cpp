// The slip as a picture: `gongkai request make --png` -> PNG -> zbar -> decodeSlip,
// for a typical and for the largest slip, also blurred and noisy at 3 pixels
// per module (the goal). Prints the QR versions and sizes, and how
// often zbar reads a damaged frame as it is.
#include <catch2/catch.hpp>

#include <cstdio>

#include "cli/request_qr.h"
#include "request/request_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

constexpr int kDamagedFrames = 12;

struct Made {
    std::string slip, png;
    int version = 0;
    Grey image;
};

Made makePng(const TempDir& dir, const TestKiosk& kiosk, const DisclosureRequest& r, int scale) {
    Made m;
    m.png = dir.file(r.id + "-" + std::to_string(scale) + ".png");
    m.slip = makeSlipWithCli(dir, kiosk, r, m.png, scale);
    auto qr = cli::renderSlipQr(m.slip, 1);
    REQUIRE(qr);
    m.version = qr->version;
    m.image = loadPngGrey(m.png);
    CHECK(m.image.width == (qr->modules + 2 * kQrQuietModules) * scale);
    return m;
}

void checkReadsBack(const std::vector<std::string>& found, const Made& m, const TestKiosk& kiosk,
                    const DisclosureRequest& r) {
    REQUIRE(found.size() == 1);
    CHECK(found[0] == m.slip);
    auto decoded = decodeSlip(found[0], lookupFor({kiosk}));
    REQUIRE(decoded);
    CHECK(decoded->verification == SlipVerification::Verified);
    CHECK(decoded->request == r);
}

// Blurred (3x3 box) then noisy (+-40 grey levels, 2% salt and pepper)
// frames, each with its own noise: every one must read (as it is or
// smoothed, as a scanner would); returns how many read as they are.
int readDamagedFrames(const Made& m, const TestKiosk& kiosk, const DisclosureRequest& r) {
    int asIs = 0;
    for (int frame = 0; frame < kDamagedFrames; ++frame) {
        INFO("frame " << frame);
        Grey damaged = m.image;
        boxBlur3(damaged);
        addNoise(damaged, 40, 0.02, 20261128u + std::uint32_t(frame));
        ScannerRead read = zbarDecodeTrying(damaged);
        checkReadsBack(read.found, m, kiosk, r);
        asIs += read.pass == 0;
    }
    return asIs;
}

}  // namespace

TEST_CASE("request qr: a typical slip scans back from its PNG and verifies", "[request][qr]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-xinhua-01");
    auto r = typicalRequest(kiosk.id);
    Made m = makePng(dir, kiosk, r, 8);
    checkReadsBack(zbarDecode(m.image), m, kiosk, r);
    CHECK(m.version <= kSlipQrMaxVersion);
    std::printf("typical slip: %zu characters, QR version %d-Q, PNG %zu bytes at 8 px/module\n",
                m.slip.size(), m.version, std::size_t(std::filesystem::file_size(m.png)));
}

TEST_CASE("request qr: the largest slip fits version 20 and scans back blurred and noisy at 3 px a module",
          "[request][qr]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-xinhua-01");
    DisclosureRequest largest = largestRequest(kiosk.id);
    DisclosureRequest oneMore = largest;
    oneMore.description += variedChinese(1);
    REQUIRE_FALSE(fitsInQr(oneMore));
    Made clean = makePng(dir, kiosk, largest, 8);
    checkReadsBack(zbarDecode(clean.image), clean, kiosk, largest);
    CHECK(clean.version <= kSlipQrMaxVersion);
    CHECK(clean.slip.size() <= kQrMaxChars);
    Made small = makePng(dir, kiosk, largest, 3);
    checkReadsBack(zbarDecode(small.image), small, kiosk, largest);
    int asIs = readDamagedFrames(small, kiosk, largest);
    std::printf(
        "largest slip: %zu characters (description %zu Chinese characters), QR version %d-Q, PNG %zu bytes "
        "at 8 px/module; blurred+noisy at 3 px/module: %d/%d frames read, %d of them as they were\n",
        clean.slip.size(), largest.description.size() / 3, clean.version,
        std::size_t(std::filesystem::file_size(clean.png)), kDamagedFrames, kDamagedFrames, asIs);
}

TEST_CASE("request qr: a typical slip also scans back blurred and noisy at 3 px a module", "[request][qr]") {
    TempDir dir;
    TestKiosk kiosk = makeTestKiosk(dir, "kiosk-xinhua-01");
    auto r = typicalRequest(kiosk.id);
    Made m = makePng(dir, kiosk, r, 3);
    int asIs = readDamagedFrames(m, kiosk, r);
    std::printf("typical slip blurred+noisy at 3 px/module: %d/%d frames read, %d as they were\n",
                kDamagedFrames, kDamagedFrames, asIs);
}
