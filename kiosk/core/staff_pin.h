// The staff PIN (issue 10's first boot): only its salted hash is stored
// (libsodium's crypto_pwhash_str, Argon2id, about 0.1 s and 32 MiB; salt and
// cost inside the string). It lives in [kiosk] staff_pin_hash of the config,
// or — set with `gongkai config set-pin` or at the kiosk's first start — in
// the state directory's file `staff-pin` (one line, mode 0640, written to a
// temporary file and renamed). The config wins when both are set.
// Pure apart from the file; any thread.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <sys/types.h>

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

// The staff-pin file as a running kiosk sees it: `gongkai config set-pin`
// may replace it at any time (by rename), so at each PIN check the file is
// looked at (stat: inode, size, modification time) and read again only when
// it changed since the last look. One owner; not thread-safe.
class StaffPinFile {
public:
    explicit StaffPinFile(std::string path) : m_path(std::move(path)) {}
    // The file's hash when it changed since the last call (the first call
    // counts as a change when the file exists; "" when it has been removed),
    // nullopt when unchanged. Error: the changed file cannot be read or is
    // not a hash (readStaffPinFile's errors); it is looked at again next time.
    Result<std::optional<std::string>> changed();
    const std::string& path() const { return m_path; }

private:
    struct Seen {
        bool exists = false;
        ino_t inode = 0;
        off_t size = 0;
        std::timespec mtime{};
    };
    std::string m_path;
    std::optional<Seen> m_seen;
};

}  // namespace gongkai
