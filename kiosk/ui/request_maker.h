// Makes a request's slip at the kiosk: signs it with the kiosk's key
// ([kiosk] key, key_id), stores it in outbox.db (durably, before the slip
// is shown: DESIGN.md "no slip may ever become two requests" and none may
// be lost) and returns the QR to show.
//
// The upload body and its Gongkai-Signature are made here too, so the
// kiosk's secret key never leaves the kiosk process: gongkai-sync posts
// what the outbox holds.
// Not thread-safe; the app loop calls make() between frames (one fsync).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/outbox.h"
#include "core/qr_matrix.h"
#include "core/result.h"
#include "core/slip.h"

namespace gongkai::ui {

struct MadeSlip {
    DisclosureRequest request;  // with its id, kiosk id and time
    std::string text;           // GK1:...
    QrMatrix qr;
};

class RequestMaker {
public:
    // Reads the key file and opens (creates) the outbox. Errors name the
    // file; the kiosk then offers no request form (the apply page says to
    // go to the counter).
    static Result<std::unique_ptr<RequestMaker>> open(const std::string& keyPath, const std::string& kioskId,
                                                      const std::string& outboxPath);

    const std::string& kioskId() const { return m_kioskId; }

    // Fills id, kiosk id and time, encodes and signs, stores, returns.
    Result<MadeSlip> make(DisclosureRequest draft, std::chrono::system_clock::time_point now);

private:
    RequestMaker(SlipSecretKey key, std::string keyId, std::string kioskId, Outbox outbox)
        : m_key(key), m_keyId(std::move(keyId)), m_kioskId(std::move(kioskId)), m_outbox(std::move(outbox)) {}
    SlipSecretKey m_key;
    std::string m_keyId, m_kioskId;
    Outbox m_outbox;
};

}  // namespace gongkai::ui
