#include "core/staff_pin.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <sodium.h>

namespace gongkai {

bool validStaffPin(const std::string& pin) {
    const int n = static_cast<int>(pin.size());
    return n >= kStaffPinMinDigits && n <= kStaffPinMaxDigits &&
           std::all_of(pin.begin(), pin.end(), [](char d) { return d >= '0' && d <= '9'; });
}

std::string hashStaffPin(const std::string& pin) {
    if (sodium_init() < 0) return {};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE / 2) != 0)
        return {};
    return out;
}

bool verifyStaffPin(const std::string& hash, const std::string& pin) {
    if (hash.empty() || pin.empty() || sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::string staffPinPath(const std::string& stateDir) {
    return (std::filesystem::path(stateDir) / kStaffPinFileName).string();
}

Result<std::string> readStaffPinFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::string();
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) return Error{path + ": cannot read the staff PIN hash"};
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.rfind("$argon2", 0) != 0)
        return Error{path + ": line 1 is not a staff PIN hash (gongkai config set-pin writes one)"};
    return line;
}

Status writeStaffPinFile(const std::string& path, const std::string& hash) {
    const std::string tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f) return Error{"cannot write " + tmp + ": " + std::strerror(errno)};
    ::fchmod(fileno(f), 0640);
    bool ok = std::fprintf(f, "%s\n", hash.c_str()) > 0 && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return Error{"cannot write " + path + ": " + why};
    }
    return okStatus();
}

Result<std::optional<std::string>> StaffPinFile::changed() {
    Seen now;
    struct stat st {};
    if (::stat(m_path.c_str(), &st) == 0) now = {true, st.st_ino, st.st_size, st.st_mtim};
    auto same = [](const Seen& a, const Seen& b) {
        return a.exists == b.exists && a.inode == b.inode && a.size == b.size && a.mtime.tv_sec == b.mtime.tv_sec &&
               a.mtime.tv_nsec == b.mtime.tv_nsec;
    };
    if (m_seen && same(*m_seen, now)) return std::optional<std::string>();
    if (!m_seen && !now.exists) {
        m_seen = now;
        return std::optional<std::string>();
    }
    auto hash = readStaffPinFile(m_path);
    if (!hash) {
        m_seen = Seen{};  // read it again at the next look, while it is there
        return hash.error();
    }
    m_seen = now;
    return std::optional<std::string>(hash.value());
}

}  // namespace gongkai
