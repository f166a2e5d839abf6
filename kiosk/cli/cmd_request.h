// gongkai request make | decode: the operator's and the counter staff's side
// of the disclosure request slip (DESIGN.md "Disclosure request slip").
//
//   make   --key KIOSK.key --kiosk-id ID --json REQUEST.json [--png OUT.png]
//          [--scale N] [--now YYYY-MM-DDTHH:MM:SSZ]
//          [--escpos OUT.bin --width 58|80 [--print-png OUT.png]
//           [--county NAME] [--font PATH]]
//          Prints the GK1 text on stdout (one line); id and created_at are
//          filled in when REQUEST.json lacks them. Size and QR version go to
//          stderr. --escpos writes the printed slip as an ESC/POS job for a
//          58 or 80 mm thermal printer (core/print_slip.h), --print-png the
//          same slip as a picture.
//   decode [--db MIRROR] [--trust [ID=]KEY.pub]... [--json] [--english]
//          [--submit URL [--key DESK.key]] [--seen FILE]
//          Reads one scan per line from stdin (see runRequestDecode).
//
// Exit status 0 on success; for decode, 0 only when every scanned line
// decoded, verified and (with --submit) reached the portal.
#pragma once

#include <cstdio>
#include <istream>
#include <string>
#include <vector>

namespace gongkai::cli {

struct RequestMakeOptions {
    std::string keyPath, kioskId, jsonPath, pngPath;
    int scale = 8;
    std::string now;  // "YYYY-MM-DDTHH:MM:SSZ"; empty: the clock
};

struct RequestDecodeOptions {
    std::string db;                  // empty: the default mirror unless --trust is given
    std::vector<std::string> trust;  // "[ID=]PATH"
    bool json = false;
    bool english = false;
    std::string submitUrl;
    std::string deskKeyPath;  // signs the portal post (Gongkai-Signature)
    std::string seenPath;     // ids already registered, one a line (appended)
};

int runRequestMake(const RequestMakeOptions& options);

// Scanner input: each line is upper-cased (Caps Lock, input methods), only
// its line ending ("\r\n", "\n" or "\r") is removed, never spaces (a Base45
// character); empty lines are skipped. Every line is handled as soon as it
// arrives (a keyboard-wedge scanner types one line per scan). A bad line is
// reported with its number and the next one read.
int runRequestDecode(const RequestDecodeOptions& options, std::FILE* in, std::FILE* out, std::FILE* err);

}  // namespace gongkai::cli
