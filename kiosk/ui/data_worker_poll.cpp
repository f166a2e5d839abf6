// DataWorker, part two: noticing a new mirror version without a restart.
// Every few seconds (when no request is waiting) the worker compares the
// mirror's state digest, the file's identity (a mirror copied into place
// is a new inode: the open connection would still read the old file) and
// gongkai-sync's status file with what it last reported. Reading the digest
// is one row of `meta`, so a poll costs microseconds.
#include "ui/data_worker.h"

#include <sys/stat.h>

namespace gongkai::ui {

unsigned long long fileInode(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return static_cast<unsigned long long>(st.st_ino);
}

void DataWorker::setPolling(double seconds, std::string syncStatusPath) {
    {
        std::lock_guard lock(m_mutex);
        m_pollSeconds = seconds;
        m_syncStatusPath = std::move(syncStatusPath);
    }
    m_cv.notify_all();
}

bool DataWorker::mirrorReplaced() const { return fileInode(m_dbPath) != m_openInode; }

void DataWorker::noteState(DataResult& out) {
    out.syncStatus = readSyncStatus(m_syncStatusPath);
    if (m_mirror && m_store) {
        out.digest = m_mirror->stateDigest().hex();
        out.mirrorSync = m_mirror->syncState();
    }
    m_lastDigest = out.digest;
    m_lastStatus = syncStatusKey(out.syncStatus);
}

void DataWorker::poll() {
    if (m_store && mirrorReplaced()) {
        m_store.reset();
        m_mirror.reset();
    }
    DataResult out;
    out.request.kind = DataRequest::Kind::Poll;
    if (!m_store) ensureOpen(out);  // a repaired or newly copied mirror
    std::string before = m_lastDigest, beforeStatus = m_lastStatus;
    noteState(out);
    if (out.digest == before && m_lastStatus == beforeStatus) return;
    {
        std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(out));
    }
    if (m_wake) m_wake();
}

}  // namespace gongkai::ui
