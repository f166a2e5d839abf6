// A disclosure request as JSON: how an operator writes one for `gongkai
// request make`, how `gongkai request decode --json` prints one, and the
// body the kiosk (through gongkai-sync) and the counter post to the portal
// (DESIGN.md "Portal HTTP API for requests").
//
// Field names are the slip's, in snake_case:
//   id, kiosk_id, created_at, agency_id, agency_name, title, doc_no,
//   catalog_item_id, description, form ("paper" | "electronic"),
//   delivery ("counter" | "post" | "email")
// The upload body adds "slip" (the GK1 text, so the portal can verify the
// kiosk's signature itself) and "channel" ("kiosk": the kiosk's own upload
// of its outbox; "counter": staff scanned the slip, so the resident is at
// the counter). The body is compact JSON with keys in the order above; it is
// stored byte for byte in the outbox because Gongkai-Signature signs it.
// Pure functions; any thread.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/slip.h"

namespace gongkai {

nlohmann::ordered_json requestToJson(const DisclosureRequest& request);

// The fields an operator gives (agency_id, agency_name, title, doc_no,
// catalog_item_id, description, form, delivery; id, kiosk_id and created_at
// too when present). Errors name the field: not an object, a field that is
// not a string, an unknown field (a typo must not pass silently).
Result<DisclosureRequest> requestFromJson(const nlohmann::json& json);

enum class UploadChannel { Kiosk, Counter };

// The body of POST {portal}/api/requests (compact, UTF-8).
std::string uploadBody(const DisclosureRequest& request, const std::string& slipText,
                       UploadChannel channel);

}  // namespace gongkai
