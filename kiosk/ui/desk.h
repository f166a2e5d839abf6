// The staff desk mode (`gongkai-kiosk --desk`): a window at the counter that
// shows each scanned request slip large, with its verification state. A
// keyboard-wedge scanner types one line per scan into the window; the line
// is taken as it comes (decodeSlip upper-cases it; spaces are Base45
// characters and are kept), Enter ends it.
//
// Keys come from the mirror's `kiosk` records and --trust files
// (core/kiosk_keys.h). A slip seen before in this session is marked as a
// duplicate (the portal is idempotent, so a second scan never makes a
// second request). Pure logic; UI thread only (like AppState).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/request_text.h"
#include "core/slip.h"
#include "platform/pointer_event.h"

namespace gongkai::ui {

struct DeskScan {
    std::string id;                      // the request id ("" when the slip could not be read)
    std::vector<RequestTextLine> lines;  // describeRequest's, or one Alarm line naming the problem
    Emphasis overall = Emphasis::Alarm;  // the banner's colour
    std::string headline;                // the banner's text
};

struct DeskState {
    bool on = false;
    std::string typing;                 // characters of the scan in progress
    std::vector<DeskScan> scans;        // newest last
    std::set<std::string> seen;         // request ids scanned this session
    SlipKeyLookup lookup;               // set up by the app from the mirror and --trust
    std::string keyProblem;             // why no keys could be loaded ("" when fine)
};

// Decodes one scanned line and records it (duplicate marking included).
const DeskScan& scanDeskLine(DeskState& desk, const std::string& line, TextLanguage language);

// Typed keys: printable characters are collected, Enter scans the line,
// backspace removes one (a person correcting a hand-typed code).
void takeDeskKeys(DeskState& desk, std::vector<platform::KeyEvent>& keys, TextLanguage language);

}  // namespace gongkai::ui
