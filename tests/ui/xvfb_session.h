// A private X server for the UI tests: starts `Xvfb -displayfd` with a
// 1920x1920x24 screen (room for landscape and portrait windows) once per
// process and points DISPLAY at it; stops it at exit. Set
// GONGKAI_TEST_USE_DISPLAY=1 to use the DISPLAY already set instead.
#pragma once

#include <string>

namespace gongkai::test {

// Makes sure a display is available; returns an error text, empty on success.
std::string ensureDisplay();

}  // namespace gongkai::test
