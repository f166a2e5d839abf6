// gongkai config set-pin: cmd_set_pin.cpp.
// gongkai config check FILE: every problem in a gongkai.toml with its line
// (cli/config_check.h). The report goes to stdout, one problem a line.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/config_check.h"

namespace gongkai::cli {

namespace {

const char* const kCheckFooter =
    "Each problem is one line, FILE:LINE: [section] key: what is wrong (a warning says \"warning:\" after\n"
    "the line number). Errors are what a Gongkai program would refuse or silently ignore: a TOML syntax\n"
    "error, an unknown section or key (the nearest known key is suggested), a wrong type, a value out of\n"
    "range, a URL with the wrong scheme, a file that exists but is not a valid key, a feed without\n"
    "trusted_keys or feed_id, a kiosk key without its id. Warnings are valid but not ready: a named file\n"
    "that does not exist yet (keys are made at registration) or that this user cannot read, a relative\n"
    "path, a kiosk key readable by others, a gongkai-sync with no feed and no portal.\n"
    "Exit status: 0 when there are no errors (warnings only: 0, or 1 with --strict), 1 otherwise.\n"
    "Known keys:\n";

int runCheck(const std::string& path, bool strict) {
    auto problems = checkConfigFile(path);
    int errors = 0, warnings = 0;
    for (const auto& p : problems) {
        std::printf("%s\n", formatProblem(path, p).c_str());
        (p.severity == Severity::Error ? errors : warnings) += 1;
    }
    if (errors == 0 && warnings == 0) {
        std::printf("%s: no problems\n", path.c_str());
        return 0;
    }
    std::printf("%s: %d error%s, %d warning%s\n", path.c_str(), errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    return errors > 0 || strict ? 1 : 0;
}

}  // namespace

void addConfigCommand(CLI::App& app, int& exitCode) {
    auto* config = app.add_subcommand("config", "Check gongkai.toml; set the staff PIN");
    config->require_subcommand(1);
    auto path = std::make_shared<std::string>();
    auto strict = std::make_shared<bool>(false);
    auto* check = config->add_subcommand("check", "Report every problem in a gongkai.toml with its line; exit 1 on "
                                                  "any error");
    check->add_option("FILE", *path, "the config file, e.g. /etc/gongkai/gongkai.toml")->required();
    check->add_flag("--strict", *strict, "warnings count as problems too (exit 1)");
    check->footer(std::string(kCheckFooter) + describeSchema());
    check->callback([path, strict, &exitCode] { exitCode = runCheck(*path, *strict); });
    addSetPinCommand(*config, exitCode);
}

}  // namespace gongkai::cli
