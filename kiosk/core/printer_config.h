// [printer] of gongkai.toml (issue 9), read by the kiosk and by `gongkai
// print-test --config`:
//   [printer]
//   device = "/dev/usb/lp0"     # none: the kiosk has no printer (no print buttons)
//   paper_mm = 58               # 58 or 80
//   baud = 9600                 # serial printers only
//   reply_timeout_ms = 1500     # per status reply (DLE EOT)
//   png_dir = "/var/lib/gongkai/printed"   # optional: every printed page also saved as PNG
// A missing key keeps its default (PrinterSettings). Errors name the file,
// the line and the key: a file that cannot be parsed, a device that is not a
// string, paper_mm other than 58 or 80, a timeout or baud that is not a
// positive integer.
// Pure apart from reading the file; any thread.
#pragma once

#include <string>

#include "core/printer_port.h"
#include "core/result.h"

namespace gongkai {

struct PrinterConfig {
    PrinterSettings settings;  // settings.device empty: no printer configured
    std::string pngDir;
};

Result<PrinterConfig> loadPrinterConfig(const std::string& configPath);

// What a program prints with: [printer] of `configPath` (defaults when it is
// empty), then the command line's device and paper width over it ("" / 0:
// keep the file's). Errors: those of loadPrinterConfig.
Result<PrinterConfig> resolvePrinterConfig(const std::string& configPath, const std::string& device, int paperMm);

}  // namespace gongkai
