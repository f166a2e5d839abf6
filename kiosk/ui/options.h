// Command-line options of gongkai-kiosk:
//   --db PATH  --config FILE  --windowed  --size WxH  --screenshot PATH
//   --script FILE  --lang zh-CN|en  --state-dir DIR  --help
//   --idle-reset S  --idle-countdown S  --idle-attract S  --poll S
//   --sync-status PATH  --elder  --hash-pin  --report-timing FILE
//   --handwriting-model PATH  --kiosk-key FILE  --kiosk-id ID  --outbox PATH
//   --desk  --trust [ID=]FILE.pub  --printer DEVICE  --paper 58|80  --print-spool DIR
//   --now YYYY-MM-DDTHH:MM[:SS]  --full-redraw  --verify-redraw  --swap-present
// --state-dir: where the kiosk keeps its own small files (popular-search
// counts); default from the config, else /var/lib/gongkai.
// parseOptions never exits; bad flags come back as an Error whose message is
// ready to print (the caller exits with status 2).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::ui {

struct Options {
    std::string dbPath;
    std::string configPath;
    bool windowed = false;
    int width = 1920, height = 1080;
    bool sizeGiven = false;
    std::string screenshotPath;
    std::string scriptPath;
    std::string language;  // empty: from the config, else zh-CN
    std::string stateDir;  // empty: from the config, else kDefaultStateDir
    bool help = false;
    // System behaviours (the system helper). Negative: from the config, else the default.
    double idleResetSeconds = -1;      // --idle-reset S: countdown after S s without a touch
    double idleCountdownSeconds = -1;  // --idle-countdown S: the countdown's length
    double attractSeconds = -1;        // --idle-attract S: attract screen after S s
    double pollSeconds = -1;           // --poll S: look for a new mirror version every S s
    std::string syncStatusPath;        // --sync-status PATH (sync_status.h)
    bool elder = false;                // --elder: start in elder-friendly mode
    bool hashPin = false;              // --hash-pin: read a PIN on stdin, print its hash
    // --report-timing FILE: JSON lines for `gongkai bench ui`: {"first_frame_ms":..,"first_frame_mono_ns":..}
    // once (steady clock), then per frame {"frame_ms":..,"draw_ms":..,"gl_ms":..,"present_ms":..,
    // "screen":"home|search|document|other","redraw":"none|partial|full","redraw_px":N,"damage_ms":..}
    // (draw: input to ImGui::Render; gl: finding the damage and drawing it to the offscreen frame; present:
    // copying the frame to the window and swapping, nothing when no pixel changed; redraw_px: pixels redrawn).
    std::string timingPath;
    // --full-redraw: redraw every frame in full instead of only what changed
    // (platform/renderer.h), for comparison. --verify-redraw: also redraw
    // every frame in full off screen and compare; differing frames are
    // reported on stderr and make the exit status 1 (slow; for tests).
    // --swap-present: show frames by swapping buffers even where GLX can copy
    // the changed rectangles to the window (platform/window.h), for tests.
    bool fullRedraw = false, verifyRedraw = false, swapPresent = false;
    // --handwriting-model PATH: the zinnia model of the 手写 pad; empty: from
    // the config, else kDefaultHandwritingModel (core/handwriting.h).
    std::string handwritingModel;
    // The request slips (request_maker.h): the kiosk's Ed25519 key file and
    // registered id (a `kiosk` record of the mirror), and outbox.db. Empty:
    // from the config ([kiosk] key, id; [mirror] outbox), else no request
    // form (the outbox defaults to outbox.db beside the mirror).
    std::string kioskKey, kioskId, outboxPath;
    // --desk: the staff desk (desk.h) instead of the residents' screens;
    // --trust ID=FILE.pub | FILE.pub (repeatable): kiosk keys beside the
    // mirror's `kiosk` records.
    bool desk = false;
    std::vector<std::string> trust;
    // The thermal printer (app_print.h): --printer DEVICE (e.g. /dev/usb/lp0),
    // --paper 58|80, --print-spool DIR (every printed page also written there
    // as PNG; with no device, the spool is the printer). Empty / 0: from
    // [printer] of the config (core/printer_config.h), else no printer.
    std::string printerDevice, printSpoolDir;
    int paperMm = 0;
    // --now YYYY-MM-DDTHH:MM[:SS]: the wall clock of the display schedule
    // (app_display.h) starts at this local time and runs on (tests, demos).
    std::string fakeNow;
};

inline constexpr const char* kDefaultStateDir = "/var/lib/gongkai";

Result<Options> parseOptions(const std::vector<std::string>& args);
std::string usageText();

}  // namespace gongkai::ui
