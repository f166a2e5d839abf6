// What the request and print UI tests share: the demo county's mirror, the
// demo kiosk's key and its flags, the script that walks from home to a slip,
// reading a state dump, the outbox's rows, and the demo key's lookup for
// decodeSlip.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/slip.h"
#include "support/temp_dir.h"

namespace gongkai::test {

inline constexpr const char* kKioskId = "kiosk-sf-001";

std::string demoKey(const char* ext);           // data/demo/keys/kiosk-sf-001.key / .pub
std::string demoMirror(const TempDir& dir);     // data/demo/*.ndjson imported into dir/demo.db
std::string keyArgs(const TempDir& dir);        // --kiosk-key, --kiosk-id, --outbox dir/outbox.db
nlohmann::json readJson(const std::string& path);  // null/discarded when unreadable
SlipKeyLookup demoLookup();

// From home to the slip: describe, choose 县民政局's office (ag05 in the
// demo), post, review, make; then screenshot dir/slip.png, dump dir/slip.json.
std::string walkToSlip(const TempDir& dir, const std::string& description);

struct OutboxRow {
    std::string id, state, slip, body;
};
std::vector<OutboxRow> outboxRows(const std::string& path);

}  // namespace gongkai::test
