// The first-boot setup screen (issue 10): an installed kiosk (run with
// --config) that has no staff PIN yet shows only this screen — the kiosk's
// id, its public key as text and QR (to register it with the portal) and the
// data status — until `gongkai config set-pin` writes the state directory's
// staff-pin file (core/staff_pin.h). UI thread only.
#pragma once

#include <string>

#include "core/qr_matrix.h"

namespace gongkai::ui {

struct SetupState {
    bool needed = false;     // no staff PIN: the setup screen is the only route
    std::string kioskId;     // [kiosk] id ("" when not configured)
    std::string keyId;       // the public key's id (16 hex digits)
    std::string publicKey;   // its base64 text
    std::string keyProblem;  // no key configured, or the key file cannot be read
    std::string pinPath;     // where set-pin writes the hash
    QrMatrix qr;             // "gongkai-kiosk <id> <public key>" (empty without a key)
};

}  // namespace gongkai::ui
