// gongkai — the operators' and counter staff's tool.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"gongkai — Gongkai operator tool: import records, search, digest, stats, keygen, publish a feed, benchmarks"};
    app.require_subcommand(1);
    int exitCode = 0;
    gongkai::cli::addImportCommand(app, exitCode);
    gongkai::cli::addDigestCommand(app, exitCode);
    gongkai::cli::addStatsCommand(app, exitCode);
    gongkai::cli::addSearchCommand(app, exitCode);
    gongkai::cli::addReindexCommand(app, exitCode);
    gongkai::cli::addKeygenCommand(app, exitCode);
    gongkai::cli::addPublishCommand(app, exitCode);
    gongkai::cli::addRequestCommand(app, exitCode);
    gongkai::cli::addPrintCommands(app, exitCode);
    gongkai::cli::addConfigCommand(app, exitCode);
    gongkai::cli::addBenchCommand(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    return exitCode;
}
