// gongkai bench search (placeholder until written).
#pragma once

#include <CLI/CLI.hpp>

namespace gongkai::cli {

void addBenchSearchCommand(CLI::App& bench, int& exitCode);

}  // namespace gongkai::cli
