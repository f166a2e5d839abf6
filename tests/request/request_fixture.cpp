#include "request/request_fixture.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <random>

#include <stb/stb_image.h>
#include <zbar.h>
#include <catch2/catch.hpp>

#include "core/request_json.h"
#include "feed/keys.h"

namespace gongkai::test {

std::string gongkaiCliPath() {
#ifdef GONGKAI_CLI_PATH
    return GONGKAI_CLI_PATH;
#else
    return "gongkai";
#endif
}

TestKiosk makeTestKiosk(const TempDir& dir, const std::string& id) {
    TestKiosk k;
    k.id = id;
    auto pair = feed::generateKeyPair();
    REQUIRE(feed::writeKeyFiles(dir.file(id), pair));
    k.keyPath = dir.file(id + ".key");
    k.pubPath = dir.file(id + ".pub");
    k.pubBase64 = pair.pub.base64();
    std::copy(pair.secret.bytes.begin(), pair.secret.bytes.end(), k.secret.begin());
    std::copy(pair.pub.bytes.begin(), pair.pub.bytes.end(), k.publicKey.begin());
    return k;
}

std::string kioskRecords(const std::vector<TestKiosk>& kiosks) {
    std::string out;
    for (const auto& k : kiosks)
        out += R"({"type":"kiosk","op":"upsert","id":")" + k.id + R"(","site":"县政务服务中心","pubkey":")" +
               k.pubBase64 + "\"}\n";
    return out;
}

DisclosureRequest largestRequest(const std::string& kioskId) {
    DisclosureRequest r = typicalRequest(kioskId);
    std::size_t n = 0;
    for (;; ++n) {
        r.description = variedChinese(n + 1);
        if (!fitsInQr(r)) break;
    }
    r.description = variedChinese(n);
    return r;
}

std::string requestJsonText(const DisclosureRequest& r) {
    return requestToJson(r).dump();
}

ProcessResult runGongkai(const TempDir& dir, const std::vector<std::string>& args, const std::string& input) {
    static int counter = 0;
    std::string inputPath = dir.file("stdin-" + std::to_string(++counter) + ".txt");
    writeFile(inputPath, input);
    // sh puts the file on stdin (the process runner gives children /dev/null).
    std::vector<std::string> shArgs = {"-c", "exec \"$@\" < \"$0\"", inputPath, gongkaiCliPath()};
    shArgs.insert(shArgs.end(), args.begin(), args.end());
    return runProcess("/bin/sh", shArgs, std::chrono::seconds(60));
}

std::string makeSlipWithCli(const TempDir& dir, const TestKiosk& kiosk, const DisclosureRequest& r,
                            const std::string& png, int scale) {
    std::string json = dir.file("request-" + r.id + ".json");
    writeFile(json, requestJsonText(r));
    std::vector<std::string> args = {"request",    "make",   "--key",  kiosk.keyPath,
                                     "--kiosk-id", kiosk.id, "--json", json};
    if (!png.empty()) args.insert(args.end(), {"--png", png, "--scale", std::to_string(scale)});
    auto res = runGongkai(dir, args);
    INFO(res.err);
    REQUIRE(res.exit.exited);
    REQUIRE(res.exit.code == 0);
    std::string text = res.out;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

Grey loadPngGrey(const std::string& path) {
    int w = 0, h = 0, channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &w, &h, &channels, 1);
    REQUIRE(data != nullptr);
    Grey g;
    g.width = w;
    g.height = h;
    g.pixels.assign(data, data + std::size_t(w) * std::size_t(h));
    stbi_image_free(data);
    return g;
}

std::vector<std::string> zbarDecode(const Grey& image) {
    using namespace zbar;  // zbar.h puts its C API in namespace zbar when compiled as C++
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* img = zbar_image_create();
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, unsigned(image.width), unsigned(image.height));
    zbar_image_set_data(img, image.pixels.data(), image.pixels.size(), nullptr);
    std::vector<std::string> found;
    if (zbar_scan_image(scanner, img) > 0)
        for (const zbar_symbol_t* s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s))
            if (zbar_symbol_get_type(s) == ZBAR_QRCODE)
                found.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    return found;
}

void boxBlur3(Grey& g) {
    std::vector<std::uint8_t> out(g.pixels.size());
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            int sum = 0, n = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    int yy = y + dy, xx = x + dx;
                    if (yy < 0 || xx < 0 || yy >= g.height || xx >= g.width) continue;
                    sum += g.pixels[std::size_t(yy) * std::size_t(g.width) + std::size_t(xx)];
                    ++n;
                }
            out[std::size_t(y) * std::size_t(g.width) + std::size_t(x)] = static_cast<std::uint8_t>(sum / n);
        }
    g.pixels = std::move(out);
}

void median3(Grey& g) {
    std::vector<std::uint8_t> out(g.pixels.size());
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            std::array<std::uint8_t, 9> v{};
            std::size_t n = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    int yy = std::clamp(y + dy, 0, g.height - 1), xx = std::clamp(x + dx, 0, g.width - 1);
                    v[n++] = g.pixels[std::size_t(yy) * std::size_t(g.width) + std::size_t(xx)];
                }
            std::nth_element(v.begin(), v.begin() + 4, v.end());
            out[std::size_t(y) * std::size_t(g.width) + std::size_t(x)] = v[4];
        }
    g.pixels = std::move(out);
}

ScannerRead zbarDecodeTrying(const Grey& image) {
    ScannerRead read;
    read.found = zbarDecode(image);
    if (!read.found.empty()) {
        read.pass = 0;
        return read;
    }
    Grey box = image;
    boxBlur3(box);
    read.found = zbarDecode(box);
    if (!read.found.empty()) {
        read.pass = 1;
        return read;
    }
    Grey med = image;
    median3(med);
    read.found = zbarDecode(med);
    if (!read.found.empty()) read.pass = 2;
    return read;
}

void addNoise(Grey& g, int amplitude, double saltPepperShare, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> noise(-amplitude, amplitude);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (auto& p : g.pixels) {
        p = static_cast<std::uint8_t>(std::clamp(int(p) + noise(rng), 0, 255));
        if (unit(rng) < saltPepperShare) p = unit(rng) < 0.5 ? 0 : 255;
    }
}

SlipKeyLookup lookupFor(const std::vector<TestKiosk>& kiosks) {
    std::map<std::string, SlipPublicKey> keys;
    for (const auto& k : kiosks) keys[k.id] = k.publicKey;
    return [keys](const std::string& id) -> std::optional<SlipPublicKey> {
        auto it = keys.find(id);
        if (it == keys.end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace gongkai::test
