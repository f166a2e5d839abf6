#include "cli/bench_search.h"

namespace gongkai::cli {

void addBenchSearchCommand(CLI::App&, int&) {}

}  // namespace gongkai::cli
