// The `gongkai` tool's subcommands. Each add*Command registers its CLI11
// subcommand on `app`; when run, the command stores its exit status in
// `exitCode` (0 success, 1 failure with a message on stderr).
#pragma once

#include <CLI/CLI.hpp>

namespace gongkai::cli {

void addImportCommand(CLI::App& app, int& exitCode);
void addDigestCommand(CLI::App& app, int& exitCode);
void addStatsCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addSearchCommand(CLI::App& app, int& exitCode);
void addReindexCommand(CLI::App& app, int& exitCode);
void addKeygenCommand(CLI::App& app, int& exitCode);
void addPublishCommand(CLI::App& app, int& exitCode);
void addRequestCommand(CLI::App& app, int& exitCode);  // request make | decode (cmd_request.cpp)
void addPrintCommands(CLI::App& app, int& exitCode);   // print-test, guide print (cmd_print.cpp)
void addConfigCommand(CLI::App& app, int& exitCode);   // config check (cmd_config.cpp), set-pin
// `config set-pin`, on the config subcommand (cmd_set_pin.cpp).
void addSetPinCommand(CLI::App& config, int& exitCode);

// Default mirror path when --db is not given (the installed location).
inline constexpr const char* kDefaultDb = "/var/lib/gongkai/mirror.db";

}  // namespace gongkai::cli
