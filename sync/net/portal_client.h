// The portal's request API (DESIGN.md "Portal HTTP API for requests"):
//   POST {portal}/api/requests   body: request_json.h's uploadBody
//   headers: Content-Type: application/json; charset=utf-8,
//            Idempotency-Key: <request id>,
//            Gongkai-Signature: <keyid>:<base64 Ed25519 over the body> (when given)
// Answers: 201 {"id": ...} created; 200 {"id": ...} that id already exists;
// 4xx {"error": "..."} refused (not to be retried); 5xx, no answer, a
// timeout or an unreadable 2xx body: retry later.
// Blocking; thread-safe (one curl easy handle per call). Only
// net/portal_client.cpp includes curl.
#pragma once

#include <string>

namespace gongkai::sync {

struct PortalReply {
    enum class Kind { Created, AlreadyThere, Refused, Retry };
    Kind kind = Kind::Retry;
    long httpStatus = 0;    // 0: no HTTP answer
    std::string portalId;   // Created / AlreadyThere
    std::string message;    // Refused: the portal's "error"; Retry: what went wrong
};

struct PortalPost {
    std::string portalUrl;        // base URL; "/api/requests" is appended
    std::string body;
    std::string idempotencyKey;   // the request id
    std::string signatureHeader;  // empty: no Gongkai-Signature header
    double connectSeconds = 10;
    double totalSeconds = 30;     // whole exchange, so a silent portal cannot hang a caller
};

PortalReply postRequest(const PortalPost& post);

}  // namespace gongkai::sync
