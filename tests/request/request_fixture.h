// Shared pieces of the request tests: kiosks with key files, request JSON
// files, running the real `gongkai request make|decode`, decoding a PNG with
// zbar, image damage (blur, noise).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/slip.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"
#include "sync/process_runner.h"

namespace gongkai::test {

std::string gongkaiCliPath();

// A kiosk: key files DIR/ID.key and DIR/ID.pub written by the real keygen code.
struct TestKiosk {
    std::string id, keyPath, pubPath, pubBase64;
    SlipSecretKey secret{};
    SlipPublicKey publicKey{};
};
TestKiosk makeTestKiosk(const TempDir& dir, const std::string& id);

// {"type":"kiosk",...} record lines registering these kiosks.
std::string kioskRecords(const std::vector<TestKiosk>& kiosks);

// typicalRequest() and variedChinese() are in support/fixtures.h.
// The request with the longest description of variedChinese() that fitsInQr.
DisclosureRequest largestRequest(const std::string& kioskId);

// The request's operator fields (and id/created_at/kiosk_id) as JSON text.
std::string requestJsonText(const DisclosureRequest& r);

// `gongkai ARGS...` with stdin from `input` (written to a file in `dir`).
ProcessResult runGongkai(const TempDir& dir, const std::vector<std::string>& args,
                         const std::string& input = "");

// Slip text from `gongkai request make` (REQUIREs success); also writes the PNG when png is not empty.
std::string makeSlipWithCli(const TempDir& dir, const TestKiosk& kiosk, const DisclosureRequest& r,
                            const std::string& png = "", int scale = 8);

struct Grey {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};
Grey loadPngGrey(const std::string& path);
// Every QR code zbar finds in the image.
std::vector<std::string> zbarDecode(const Grey& image);
void boxBlur3(Grey& image);
void median3(Grey& image);
// What a scanner's decoder does with a poor frame: zbar on the frame as it
// is, then smoothed (3x3 box, then 3x3 median) until one reads. `pass` says
// which one read it (0 as is, 1 box, 2 median; -1 none).
struct ScannerRead {
    std::vector<std::string> found;
    int pass = -1;
};
ScannerRead zbarDecodeTrying(const Grey& image);
// Uniform noise of +-amplitude grey levels, then `saltPepperShare` of the
// pixels set to pure black or white; seeded.
void addNoise(Grey& image, int amplitude, double saltPepperShare, std::uint32_t seed);

SlipKeyLookup lookupFor(const std::vector<TestKiosk>& kiosks);

}  // namespace gongkai::test
