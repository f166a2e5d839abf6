#include "feed/publish_spool.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include "core/apply.h"

namespace gongkai::feed::detail {

namespace {

constexpr std::size_t kFlushBytes = 4u << 20;

std::string errnoText() { return std::strerror(errno); }

}  // namespace

std::string recordKey(std::string_view type, std::string_view id) {
    std::string key;
    key.reserve(type.size() + 1 + id.size());
    key.append(type);
    key.push_back('\0');
    key.append(id);
    return key;
}

std::string_view keyType(std::string_view key) { return key.substr(0, key.find('\0')); }

std::string_view keyId(std::string_view key) {
    auto nul = key.find('\0');
    return nul == std::string_view::npos ? std::string_view{} : key.substr(nul + 1);
}

Result<std::unique_ptr<RecordSpool>> RecordSpool::build(const std::vector<std::string>& recordFiles,
                                                        const std::string& spoolPath) {
    std::unique_ptr<RecordSpool> spool(new RecordSpool);
    spool->m_path = spoolPath;
    spool->m_fd = ::open(spoolPath.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (spool->m_fd < 0) return Error{spoolPath + ": cannot create: " + errnoText()};
    for (const auto& path : recordFiles) {
        std::uint64_t lines = 0, textBytes = 0;
        auto s = scanRecordFile(
            path,
            [&](const Record& rec, std::uint64_t) {
                return spool->append(recordKey(rec.type, rec.id), rec.canonical, rec.op == Op::Delete);
            },
            {}, lines, textBytes);
        if (!s) return s.error();
    }
    if (auto s = spool->flush(); !s) return s.error();
    spool->sortAndKeepLatest();
    return spool;
}

RecordSpool::~RecordSpool() {
    if (m_fd >= 0) ::close(m_fd);
    if (!m_path.empty()) ::unlink(m_path.c_str());
}

Status RecordSpool::append(std::string_view key, std::string_view canonical, bool isDelete) {
    m_entries.push_back(Entry{m_keys.size(), m_spoolSize, static_cast<std::uint32_t>(key.size()),
                              isDelete ? kDeleted : static_cast<std::uint32_t>(canonical.size())});
    m_keys.append(key);
    if (!isDelete) {
        m_writeBuffer.append(canonical);
        m_spoolSize += canonical.size();
    }
    return m_writeBuffer.size() < kFlushBytes ? okStatus() : flush();
}

Status RecordSpool::flush() {
    const char* data = m_writeBuffer.data();
    std::size_t left = m_writeBuffer.size();
    while (left > 0) {
        ssize_t n = ::write(m_fd, data, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Error{m_path + ": cannot write the spool: " + errnoText()};
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    m_writeBuffer.clear();
    return okStatus();
}

void RecordSpool::sortAndKeepLatest() {
    auto keyOf = [this](const Entry& e) { return std::string_view(m_keys).substr(e.keyOffset, e.keyLength); };
    // Stable: among lines of one key, input order is kept, so the last wins.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [&](const Entry& a, const Entry& b) { return keyOf(a) < keyOf(b); });
    std::size_t out = 0;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (i + 1 < m_entries.size() && keyOf(m_entries[i]) == keyOf(m_entries[i + 1])) continue;
        if (m_entries[i].lineLength != kDeleted) m_entries[out++] = m_entries[i];
    }
    m_entries.resize(out);
    m_entries.shrink_to_fit();
    std::string().swap(m_writeBuffer);
}

std::string_view RecordSpool::key(std::size_t i) const {
    return std::string_view(m_keys).substr(m_entries[i].keyOffset, m_entries[i].keyLength);
}

Status RecordSpool::line(std::size_t i, std::string& out) const {
    const Entry& e = m_entries[i];
    out.resize(e.lineLength);
    std::size_t done = 0;
    while (done < e.lineLength) {
        ssize_t n = ::pread(m_fd, out.data() + done, e.lineLength - done,
                            static_cast<off_t>(e.lineOffset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return Error{m_path + ": cannot read the spool back: " + (n == 0 ? "short file" : errnoText())};
        done += static_cast<std::size_t>(n);
    }
    return okStatus();
}

}  // namespace gongkai::feed::detail
