// Uploading the kiosk's outbox (core/outbox.h) to the portal's request API
// (net/portal_client.h), exactly once per request:
//
//   each due entry, oldest first: POST its stored body and signature with
//   Idempotency-Key = its id, then
//     201 / 200          -> markDelivered(portal id)   (200: an earlier upload
//                           whose answer was lost; the portal already has it)
//     4xx                -> markRefused(the portal's error), never retried
//     5xx, silence, an
//     unreadable answer  -> markRetry(now + retryDelaySeconds(attempts))
//
// Exactly once: the portal keys requests by id, so posting again is
// harmless; an entry is only marked after the portal's answer, so a crash
// (SIGKILL) between the two leaves it pending and it is posted again later.
// `stop` is checked between entries (SIGTERM abandons the rest; a post in
// flight ends within PortalPost::totalSeconds).
// A missing outbox file is not an error: the kiosk has made no request yet.
// Not thread-safe: one upload at a time per outbox (the outbox's own
// busy_timeout lets the kiosk add requests meanwhile).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "client/sync_log.h"
#include "core/outbox.h"

namespace gongkai::sync {

struct UploadOptions {
    std::string outboxPath;
    std::string portalUrl;                   // base URL; empty: nothing is uploaded
    double connectSeconds = 10;
    double totalSeconds = 30;                // one post, whole exchange
    std::size_t batchLimit = 200;            // entries per run (the rest next time)
    std::function<std::int64_t()> clock;     // epoch seconds; default: the system clock
    std::function<double()> random;          // in [0, 1) for the jitter; default: a PRNG
    const std::atomic<bool>* stop = nullptr; // set: no further entry is posted
};

struct UploadReport {
    bool outboxFound = false;     // false: no outbox file yet (not an error)
    std::size_t posted = 0;       // posts made this run
    std::size_t delivered = 0;    // of which 201
    std::size_t alreadyThere = 0; // of which 200 (delivered too)
    std::size_t refused = 0;      // 4xx this run
    std::size_t retrying = 0;     // 5xx / silence this run, rescheduled
    bool abandoned = false;       // stopped before every due entry was posted
    std::string error;            // a local problem (outbox unreadable, a mark failed); "" if none
    OutboxCounts counts;          // the outbox after this run
    std::optional<std::int64_t> nextDue;  // the earliest next attempt of a pending entry
    std::string message;          // one line for the log
    bool ok() const { return error.empty() && retrying == 0 && !abandoned; }
};

// The wait before attempt number `attempts` + 1, after `attempts` failed ones
// (attempts >= 1): 30 s doubling to at most 1 h, times a jitter factor in
// [0.8, 1.2) from `random01` in [0, 1), and never more than 1 h. Pure.
std::int64_t retryDelaySeconds(int attempts, double random01);

UploadReport uploadOutbox(const UploadOptions& options, SyncLog& log);

}  // namespace gongkai::sync
