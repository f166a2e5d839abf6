// The staff PIN (issue 10's first boot): only its salted hash is stored
// (libsodium's crypto_pwhash_str, Argon2id, about 0.1 s and 32 MiB; salt and
// cost inside the string). It lives in [kiosk] staff_pin_hash of the config,
// or — set with `gongkai config set-pin` or at the kiosk's first start — in
// the state directory's file `staff-pin` (one line, mode 0640, written to a
// temporary file and renamed). The config wins when both are set.
// Pure apart from the file; any thread.
#pragma once

#include <string>

#include "core/result.h"

namespace gongkai {

inline constexpr const char* kStaffPinFileName = "staff-pin";
inline constexpr int kStaffPinMinDigits = 4;
inline constexpr int kStaffPinMaxDigits = 12;

// 4 to 12 ASCII digits.
bool validStaffPin(const std::string& pin);
// Empty on failure (libsodium could not start or allocate).
std::string hashStaffPin(const std::string& pin);
bool verifyStaffPin(const std::string& hash, const std::string& pin);

// <stateDir>/staff-pin.
std::string staffPinPath(const std::string& stateDir);
// The hash in the file; "" when there is no file. Errors: unreadable, or not
// a crypto_pwhash_str string (naming the file).
Result<std::string> readStaffPinFile(const std::string& path);
Status writeStaffPinFile(const std::string& path, const std::string& hash);

}  // namespace gongkai
