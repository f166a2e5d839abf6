// The test binaries' main: Catch2's, except that a run whose filter matches
// no test case fails. CTest names each case by its filter, so a name that
// the registration mangles (a ';' splits a CMake list) must fail loudly
// instead of passing by running nothing.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
    Catch::Session session;
    if (int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
    auto& data = session.configData();
    data.warnings = static_cast<Catch::WarnAbout::What>(data.warnings | Catch::WarnAbout::NoTests);
    return session.run();
}
