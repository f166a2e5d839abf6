// A running kiosk picks up a changed staff PIN (issue 10): `gongkai config
// set-pin` (the real CLI) replaces the state directory's staff-pin while the
// kiosk is up; at the next PIN entry the old PIN is refused and the new one
// opens staff mode, without a restart.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/staff_pin.h"
#include "support/temp_dir.h"
#include "ui/kiosk_runner.h"
#include "ui/request_walk.h"

using namespace gongkai::test;
using nlohmann::json;

TEST_CASE("staff PIN: set-pin while the kiosk runs takes effect at the next PIN entry", "[ui][system]") {
    TempDir dir;
    std::string db = fixtureMirror(dir);
    std::string state = dir.path().string();
    REQUIRE(gongkai::writeStaffPinFile(gongkai::staffPinPath(state), gongkai::hashStaffPin("2468")).ok());
    writeFile(dir.file("gongkai.toml"),
              "[kiosk]\nstate_dir = \"" + state + "\"\n[mirror]\ndb = \"" + db + "\"\n");
    std::string gesture;
    for (int i = 0; i < 5; ++i) gesture += "tap 20 20\n";
    auto pin = [](const std::string& digits) {
        std::string s;
        for (char d : digits) s += std::string("tap-on staff:") + d + "\n";
        return s + "tap-on staff:ok\n";
    };
    // set-pin runs a second into the kiosk's run; the PIN pad opens after 3 s.
    std::string script = "wait 3000\n" + gesture + pin("2468") + "dump " + dir.file("old.json") + "\n" +
                         pin("1357") + "dump " + dir.file("new.json") + "\n";
    std::thread officer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1000));
        std::string cmd = "printf '1357\\n1357\\n' | '" GONGKAI_CLI_PATH "' config set-pin --state-dir '" +
                          state + "' > '" + dir.file("set-pin.out") + "' 2>&1";
        CHECK(std::system(cmd.c_str()) == 0);
    });
    auto r = runKiosk(dir, db, 1080, 1920, script, "--config '" + dir.file("gongkai.toml") + "'");
    officer.join();
    INFO(r.output);
    REQUIRE(r.status == 0);
    json before = readJson(dir.file("old.json")), after = readJson(dir.file("new.json"));
    CHECK(before.at("system").at("staff") == "pin");  // the old PIN no longer opens it
    CHECK(after.at("system").at("staff") == "status");
    CHECK(r.output.find("staff PIN changed") != std::string::npos);
}
