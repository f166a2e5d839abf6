// What the UI tests share beyond running the kiosk: one demo mirror per test
// binary, the kiosk's state dump (`dump PATH` in a script) with its named tap
// targets, and keeping a screenshot for people to look at.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"
#include "ui/png_probe.h"

namespace gongkai::test {

// The demo county imported once for the whole test binary (importing takes a
// moment); lives until the binary exits.
const std::string& sharedDemoMirror();

struct StateDump {
    nlohmann::json j;
    std::string output;  // the kiosk's stderr and stdout

    // A named tap target, nullptr when the screen has none of that name.
    const nlohmann::json* target(const std::string& name) const;
    // Its box; REQUIREs that it is there.
    Box box(const std::string& name) const;
    // "tap X Y\n" at the middle of a named target; REQUIREs that it is there.
    std::string tap(const std::string& name) const;
    // The names that start with `prefix`, in the dump's order.
    std::vector<std::string> names(const std::string& prefix) const;
    // The names under `prefix`, without it, in reading order (top to bottom,
    // then left to right): candidate bars, result rows.
    std::vector<std::string> inReadingOrder(const std::string& prefix) const;
    const nlohmann::json& search() const { return j.at("search"); }
    std::string searchText() const { return j.at("search").at("text"); }
};

// Runs the kiosk on the shared demo mirror at w x h with `script`, then dumps
// its state to dir/NAME.json and reads it back (REQUIREs exit status 0). The
// kiosk's own files go to the test's directory.
StateDump runAndDump(const TempDir& dir, int w, int h, const std::string& script, const std::string& extraArgs = "",
                     const std::string& name = "state");

// With GONGKAI_SCREENSHOT_DIR set, a screenshot is also copied there (for
// docs/screenshots and for looking at what a test saw).
void keepScreenshot(const std::string& png);

}  // namespace gongkai::test
