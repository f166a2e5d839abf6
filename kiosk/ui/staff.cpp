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
