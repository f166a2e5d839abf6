// The input-replay language of `--script FILE`, so tests and the README can
// drive the kiosk without a person. One command a line, `#` starts a comment:
//   tap X Y              press and release at (X, Y)
//   tap-on NAME          tap the middle of the named tap target on screen
//                        (the names a dump lists: domain:d08, hit:ID, ...;
//                        a trailing * matches the first name so begun: hit:*);
//                        the script fails, naming its line, when there is none
//   drag X1 Y1 X2 Y2     press at 1, move to 2 in steps, release
//   wait MS              keep rendering for MS milliseconds
//   screenshot PATH      write the next settled frame to PATH (PNG)
//   type TEXT            type TEXT (UTF-8, to the end of the line) as key
//                        presses, one character a frame, as a keyboard would
//   key NAME             press backspace, enter or clear
//   dump PATH            write the settled state as JSON to PATH (route,
//                        search text, result count, named tap targets)
//   quit                 exit with status 0 (also implied at the end)
// Coordinates are framebuffer pixels. Parsing returns an error naming the
// line; nothing is executed from a script with a bad line.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::ui {

struct ScriptCommand {
    enum class Kind { Tap, TapOn, Drag, Wait, Screenshot, Quit, Type, Key, Dump };
    Kind kind = Kind::Quit;
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    int waitMs = 0;
    std::string path;  // Screenshot, Dump: the file; Type: the text; Key: the key's name; TapOn: the target
    int line = 0;
};

Result<std::vector<ScriptCommand>> parseScript(const std::string& text);
Result<std::vector<ScriptCommand>> loadScript(const std::string& path);

}  // namespace gongkai::ui
