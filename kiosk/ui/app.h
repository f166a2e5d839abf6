// The kiosk application: sets up strings, theme, window, fonts and the data
// worker, then runs the frame loop (input -> worker results -> intents ->
// draw -> optional screenshot -> present -> wait for events).
// Returns the process exit status: 0 normal, 1 cannot run (no display,
// screenshot not written), 2 bad input (script).
#pragma once

#include "ui/options.h"

namespace gongkai::ui {

int runApp(const Options& options);

}  // namespace gongkai::ui
