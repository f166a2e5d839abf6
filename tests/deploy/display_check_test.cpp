// `gongkai config check` on the display keys (issue 10, [kiosk]
// display_schedule, display_off_command, display_on_command,
// display_wake_seconds): a bad schedule is reported on its line with the
// character and the problem, as is an unclosed quote in a command and a wake
// time of 0; good values raise nothing.
#include <catch2/catch.hpp>

#include <string>

#include "cli/config_check.h"
#include "support/temp_dir.h"
#include "sync/process_runner.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace std::chrono_literals;

namespace {

// Only the [kiosk] display_* problems (the file has no feed: that warning is not ours).
std::vector<cli::ConfigProblem> displayProblems(const std::string& text) {
    std::vector<cli::ConfigProblem> out;
    for (auto& p : cli::checkConfigText(text, "gongkai.toml"))
        if (p.key.rfind("display_", 0) == 0) out.push_back(p);
    return out;
}

}  // namespace

TEST_CASE("config check: display schedule and commands, good and bad, each on its line", "[deploy]") {
    const std::string good =
        "[kiosk]\n"
        "display_schedule = \"mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00\"\n"
        "display_wake_seconds = 120\n"
        "display_off_command = \"wlr-randr --output HDMI-A-1 --off\"\n"
        "display_on_command = \"sh -c 'xset dpms force on'\"\n";
    CHECK(displayProblems(good).empty());

    const std::string bad =
        "[kiosk]\n"
        "language = \"zh-CN\"\n"
        "display_schedule = \"mon-fri 08:30-17:30; sat 9.00-12:00\"\n"
        "display_off_command = \"xset 'dpms force off\"\n"
        "display_wake_seconds = 0\n"
        "display_on_command = \"\"\n";
    auto problems = displayProblems(bad);
    std::string all;
    for (const auto& p : problems) all += cli::formatProblem("gongkai.toml", p) + "\n";
    INFO(all);
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].key == "display_schedule");
    CHECK(problems[0].severity == cli::Severity::Error);
    CHECK_THAT(problems[0].message, Catch::StartsWith("character 26: expected a time HH:MM"));
    CHECK(problems[1].line == 4);
    CHECK_THAT(problems[1].message, Catch::Contains("character 6") && Catch::Contains("not closed"));
    CHECK(problems[2].line == 5);
    CHECK_THAT(problems[2].message, Catch::Contains("must be > 0"));
    CHECK(problems[3].line == 6);
    CHECK_THAT(problems[3].message, Catch::Contains("empty"));

    TempDir dir;
    writeFile(dir.file("gongkai.toml"), bad);
    auto run = runProcess(GONGKAI_CLI_PATH, {"config", "check", dir.file("gongkai.toml")}, 20s);
    INFO(run.out << run.err);
    CHECK(run.exit.code == 1);
    CHECK(run.out.find(dir.file("gongkai.toml") +
                       ":3: [kiosk] display_schedule: character 26: expected a time") != std::string::npos);
}
