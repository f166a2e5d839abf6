// First boot (issue 10) in the real kiosk under Xvfb: an installed kiosk
// (run with --config) without a staff PIN shows only the setup screen —
// its id, its public key as text and as a QR code that zbar reads back, the
// data status — and opens for residents by itself once `gongkai config
// set-pin` (the real CLI, run while the kiosk is up) has written the PIN.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/staff_pin.h"
#include "feed/keys.h"
#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/png_probe.h"
#include "ui/request_walk.h"

using namespace gongkai::test;
using nlohmann::json;

TEST_CASE("setup: without a staff PIN the kiosk shows its id and key until set-pin, then opens for residents", "[ui][setup]") {
    TempDir dir;
    std::string db = demoMirror(dir);
    writeFile(dir.file("gongkai.toml"), "[kiosk]\nkey = \"" + demoKey(".key") + "\"\nid = \"" + kKioskId +
                                            "\"\nstate_dir = \"" + dir.path().string() + "\"\n[mirror]\ndb = \"" +
                                            db + "\"\noutbox = \"" + dir.file("outbox.db") + "\"\n");
    std::string script = "wait 400\nscreenshot " + dir.file("setup.png") + "\ndump " + dir.file("setup.json") +
                         "\nwait 9000\ndump " + dir.file("after.json") + "\n";
    // set-pin runs a few seconds into the kiosk's run, as an officer would.
    std::thread officer([&] {
        std::this_thread::sleep_for(std::chrono::seconds(5));
        std::string cmd = "printf '2468\\n2468\\n' | '" GONGKAI_CLI_PATH "' config set-pin --state-dir '" +
                          dir.path().string() + "' > '" + dir.file("set-pin.out") + "' 2>&1";
        CHECK(std::system(cmd.c_str()) == 0);
    });
    auto r = runKiosk(dir, db, 1080, 1920, script, "--config '" + dir.file("gongkai.toml") + "'");
    officer.join();
    INFO(r.output);
    REQUIRE(r.status == 0);

    json before = readJson(dir.file("setup.json"));
    CHECK(before.at("route") == "setup");
    CHECK(before.at("setup").at("needed") == true);
    CHECK(before.at("setup").at("kiosk_id") == kKioskId);
    auto pub = gongkai::feed::readPublicKey(demoKey(".pub"));
    REQUIRE(pub.ok());
    CHECK(before.at("setup").at("key_id") == pub->id());
    auto codes = decodeQrCodes(Picture::load(dir.file("setup.png")));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == std::string("gongkai-kiosk ") + kKioskId + " " + pub->base64());

    json after = readJson(dir.file("after.json"));
    CHECK(after.at("setup").at("needed") == false);
    CHECK(after.at("route") == "home");
    auto hash = gongkai::readStaffPinFile(gongkai::staffPinPath(dir.path().string()));
    REQUIRE(hash.ok());
    CHECK(gongkai::verifyStaffPin(hash.value(), "2468"));
}
