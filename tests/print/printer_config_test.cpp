// [printer] of gongkai.toml: a full section, defaults for missing keys, and
// every bad value refused with the file, its line and the key.
#include <catch2/catch.hpp>

#include "core/printer_config.h"
#include "support/temp_dir.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

Result<PrinterConfig> loadText(const TempDir& dir, const std::string& text) {
    const std::string path = dir.file("gongkai.toml");
    writeFile(path, text);
    return loadPrinterConfig(path);
}

}  // namespace

TEST_CASE("printer config: every key of [printer] is read", "[print]") {
    TempDir dir;
    auto c = loadText(dir,
                      "[mirror]\ndb = \"/var/lib/gongkai/mirror.db\"\n\n"
                      "[printer]\n"
                      "device = \"/dev/ttyUSB0\"\n"
                      "paper_mm = 80\n"
                      "baud = 115200\n"
                      "reply_timeout_ms = 700\n"
                      "png_dir = \"/var/lib/gongkai/printed\"\n");
    REQUIRE(c);
    CHECK(c->settings.device == "/dev/ttyUSB0");
    CHECK(c->settings.paperMm == 80);
    CHECK(c->settings.baud == 115200);
    CHECK(c->settings.replyTimeoutMs == 700);
    CHECK(c->pngDir == "/var/lib/gongkai/printed");
}

TEST_CASE("printer config: missing keys, or no [printer] at all, keep the defaults", "[print]") {
    TempDir dir;
    const PrinterSettings defaults;
    SECTION("no section: no printer") {
        auto c = loadText(dir, "[sync]\nfeed_id = \"x\"\n");
        REQUIRE(c);
        CHECK(c->settings.device.empty());
        CHECK(c->pngDir.empty());
        CHECK(c->settings.paperMm == defaults.paperMm);
    }
    SECTION("only the device") {
        auto c = loadText(dir, "[printer]\ndevice = \"/dev/usb/lp0\"\n");
        REQUIRE(c);
        CHECK(c->settings.device == "/dev/usb/lp0");
        CHECK(c->settings.paperMm == 58);
        CHECK(c->settings.baud == defaults.baud);
        CHECK(c->settings.replyTimeoutMs == defaults.replyTimeoutMs);
        CHECK(c->settings.writeTimeoutMs == defaults.writeTimeoutMs);
    }
    SECTION("device \"none\": the kiosk has no printer") {
        auto c = loadText(dir, "[printer]\ndevice = \"none\"\npaper_mm = 80\n");
        REQUIRE(c);
        CHECK(c->settings.device.empty());
        CHECK(c->settings.paperMm == 80);
    }
}

TEST_CASE("printer config: a bad value names the file, the line and the key", "[print]") {
    auto [text, line, needle] = GENERATE(table<std::string, int, std::string>({
        {"[printer]\ndevice = 5\n", 2, "device must be a string"},
        {"[printer]\ndevice = \"/dev/usb/lp0\"\npaper_mm = 57\n", 3, "paper_mm must be 58 or 80"},
        {"[printer]\npaper_mm = \"58\"\n", 2, "paper_mm must be 58 or 80"},
        {"[printer]\npaper_mm = 58.0\n", 2, "paper_mm must be 58 or 80"},
        {"[printer]\n\nbaud = 0\n", 3, "baud must be a positive integer"},
        {"[printer]\nbaud = 9600.5\n", 2, "baud must be a positive integer"},
        {"[printer]\nreply_timeout_ms = -1\n", 2, "reply_timeout_ms must be a positive integer"},
        {"[printer]\nreply_timeout_ms = \"fast\"\n", 2, "reply_timeout_ms must be a positive integer"},
        {"[printer]\npng_dir = true\n", 2, "png_dir must be a string"},
        {"printer = 5\n", 1, "[printer] must be a table"},
        {"[printer]\ndevice = \"/dev/usb/lp0\n", 2, ""},  // unterminated string: toml++'s own words
    }));
    TempDir dir;
    auto c = loadText(dir, text);
    REQUIRE_FALSE(c);
    const std::string& message = c.error().message;
    INFO(message);
    CHECK(message.rfind(dir.file("gongkai.toml") + ":" + std::to_string(line) + ": ", 0) == 0);
    CHECK(message.find(needle) != std::string::npos);
}

TEST_CASE("printer config: a file that cannot be read is named", "[print]") {
    TempDir dir;
    const std::string path = dir.file("missing.toml");
    auto c = loadPrinterConfig(path);
    REQUIRE_FALSE(c);
    CHECK(c.error().message.find(path) != std::string::npos);
}
