// Sends the kiosk window what a person might try to quit with: Escape,
// Alt+F4 and a window manager's close request (WM_DELETE_WINDOW), through
// Xlib loaded at run time (dlopen, so the test binary links nothing new).
// The window is found by its title on $DISPLAY.
#pragma once

#include <string>

namespace gongkai::test {

// Empty on success, else what went wrong.
std::string pokeKioskWindow(const std::string& title);

}  // namespace gongkai::test
