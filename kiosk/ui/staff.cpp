#include "ui/staff.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <filesystem>

#include <sodium.h>

namespace gongkai::ui {

bool staffGesture(StaffState& st, float x, float y, double now, float cornerSize) {
    if (x > cornerSize || y > cornerSize) {
        st.cornerTaps.clear();
        return false;
    }
    st.cornerTaps.push_back(now);
    auto old = [&](double t) { return now - t > kStaffTapWindow; };
    st.cornerTaps.erase(std::remove_if(st.cornerTaps.begin(), st.cornerTaps.end(), old), st.cornerTaps.end());
    if (static_cast<int>(st.cornerTaps.size()) < kStaffTaps) return false;
    st.cornerTaps.clear();
    return true;
}

std::string hashPin(const std::string& pin) {
    if (sodium_init() < 0) return {};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE / 2) != 0)
        return {};
    return out;
}

bool verifyPin(const std::string& hash, const std::string& pin) {
    if (hash.empty() || pin.empty() || sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

void closeStaff(StaffState& st) {
    if (!st.pin.empty()) sodium_memzero(st.pin.data(), st.pin.size());
    st.pin.clear();
    st.phase = StaffState::Phase::Closed;
    st.wrongPin = false;
}

void fillDiskStatus(StaffStatus& st, const std::string& dbPath) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(dbPath).parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    auto size = fs::file_size(dir / "outbox.db", ec);
    st.outboxBytes = ec ? -1 : static_cast<long long>(size);
    struct statvfs vfs {};
    st.diskFreeBytes = statvfs(dir.c_str(), &vfs) == 0 ? static_cast<long long>(vfs.f_bavail) * vfs.f_frsize : -1;
}

}  // namespace gongkai::ui
