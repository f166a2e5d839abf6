// Staff mode: the only way out of the kiosk. A hidden gesture (five taps in
// the top-left corner within five seconds) opens a PIN pad; the right PIN
// opens the status page (data version, last sync and its error, outbox size,
// disk space) with Reload and Exit. The config holds only a salted hash of
// the PIN: `gongkai-kiosk --hash-pin` reads a PIN on stdin and prints the
// line for [kiosk] staff_pin_hash (libsodium's crypto_pwhash_str, Argon2id;
// the salt and cost are inside the string). With no hash configured staff
// mode cannot be opened. Hashing and the state directory's PIN file are in
// core/staff_pin.h.
//
// Pure logic and hashing; UI thread only (StaffState lives in AppState).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gongkai::ui {

inline constexpr int kStaffTaps = 5;
inline constexpr double kStaffTapWindow = 5.0;  // seconds (a person taps five times in about 2)

struct StaffStatus {
    std::int64_t dataVersion = 0;
    std::string updatedAt, lastAttempt, lastSuccess, syncError;
    long long outboxBytes = -1;    // -1: no outbox file
    long long diskFreeBytes = -1;  // on the mirror's file system
};

struct StaffState {
    enum class Phase { Closed, Pin, Status };
    Phase phase = Phase::Closed;
    std::string pin;  // digits typed so far (wiped when closed)
    bool wrongPin = false;
    int failures = 0;
    double lockedUntil = 0;  // after 5 wrong PINs: 60 s before the next try
    std::vector<double> cornerTaps;
    StaffStatus status;
};

// Feeds a tap at (x, y); true when it completes the hidden gesture.
bool staffGesture(StaffState& st, float x, float y, double now, float cornerSize);

// Clears the typed PIN (zeroing its bytes) and closes the pad/status page.
void closeStaff(StaffState& st);

// Reads outbox size and free disk space next to `dbPath` (quick syscalls).
void fillDiskStatus(StaffStatus& st, const std::string& dbPath);

}  // namespace gongkai::ui
