// outbox.db: the disclosure requests this kiosk has made, kept until the
// portal has them (DESIGN.md "Interfaces": separate from the mirror, so a
// long apply never delays a request).
//
// Written by the kiosk (add: before the slip is shown) and by gongkai-sync
// (the marks). WAL, synchronous=FULL: once add() returns, the request
// survives a power cut or SIGKILL. busy_timeout 5 s, so the two processes
// take turns. Schema (versioned by PRAGMA user_version = 1):
//   request(id TEXT PRIMARY KEY, created_at TEXT, slip TEXT, body TEXT,
//           signature TEXT, state TEXT 'pending'|'delivered'|'refused',
//           attempts INTEGER, next_attempt INTEGER (unix seconds),
//           last_error TEXT, portal_id TEXT, updated_at INTEGER)
// add() of an id that is already there changes nothing (a retry after a
// crash between the write and the screen is harmless).
//
// An Outbox owns one SQLite connection: use it from one thread at a time.
// Errors name the file and what failed; no call leaves a half-written row.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/slip.h"

struct sqlite3;

namespace gongkai {

enum class OutboxState { Pending, Delivered, Refused };
std::string outboxStateName(OutboxState state);  // "pending" | "delivered" | "refused"

struct OutboxEntry {
    std::string id;           // the request id (ULID), also the Idempotency-Key
    std::string createdAt;    // the request's createdAt
    std::string slip;         // the GK1 text the resident was shown
    std::string body;         // the upload body (request_json.h), byte for byte
    std::string signature;    // the Gongkai-Signature header value "<keyid>:<base64>"
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    std::int64_t nextAttempt = 0;  // unix seconds; due when <= now
    std::string lastError;         // why the last attempt failed, or the portal's refusal
    std::string portalId;          // the portal's id once delivered
};

struct OutboxCounts {
    std::int64_t pending = 0, delivered = 0, refused = 0;
};

class Outbox {
public:
    enum class Mode { Create, Existing };  // Existing: the file must be there

    // Creates the file (and its schema) in Create mode; refuses a file whose
    // user_version is newer than this build knows.
    static Result<Outbox> open(const std::string& path, Mode mode = Mode::Create);

    Outbox(Outbox&&) noexcept;
    Outbox& operator=(Outbox&&) noexcept;
    ~Outbox();

    // Stores a new pending entry (durable on return). Same id again: no change.
    Status add(const OutboxEntry& entry);

    // Pending entries with nextAttempt <= now, oldest first, at most `limit`.
    Result<std::vector<OutboxEntry>> due(std::int64_t now, std::size_t limit) const;
    Result<std::optional<OutboxEntry>> find(const std::string& id) const;
    Result<OutboxCounts> counts() const;

    // The marks gongkai-sync makes after an attempt. Each is one statement;
    // marking an id that is not pending is an Error (it was already settled).
    Status markDelivered(const std::string& id, const std::string& portalId, std::int64_t now);
    Status markRefused(const std::string& id, const std::string& reason, std::int64_t now);
    Status markRetry(const std::string& id, const std::string& error, std::int64_t nextAttempt,
                     std::int64_t now);

    const std::string& path() const { return m_path; }

    // The connection's settings, read back from SQLite (tests, diagnostics):
    // "wal", 2 (FULL), 5000.
    std::string journalMode() const;
    int synchronousLevel() const;
    int busyTimeoutMs() const;

private:
    Outbox(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

}  // namespace gongkai
