// A kiosk for the outbox and upload tests: its own Ed25519 key, requests as
// the kiosk's form makes them, and outbox entries exactly as the kiosk stores
// them (the GK1 slip, the upload body, the Gongkai-Signature header value).
#pragma once

#include <cstdint>
#include <string>

#include "core/outbox.h"
#include "core/slip.h"
#include "feed/keys.h"

namespace gongkai::test {

struct TestKiosk {
    std::string id = "kiosk-test-1";
    feed::KeyPair keys = feed::generateKeyPair();

    // Request number `n`, made at `createdAt` (epoch seconds): a fresh ULID.
    DisclosureRequest request(int n, std::int64_t createdAt) const;
    std::string slip(const DisclosureRequest& request) const;  // REQUIREs that it encodes
    // slip, uploadBody(..., Kiosk), "<keyid>:<signDetached(body)>".
    OutboxEntry entry(const DisclosureRequest& request) const;
};

}  // namespace gongkai::test
