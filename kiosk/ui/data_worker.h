// Reads the mirror on a worker thread so the UI thread never waits on
// SQLite (STYLE.md rule 3). The worker owns its Mirror and Store (neither is
// thread-safe) and opens the mirror lazily; a failed open is retried on the
// next Home request, so a repaired mirror brings the kiosk back by itself.
//
// request() and takeResults() are called from the UI thread; `wake` is
// called from the worker when a result is ready (it must be thread-safe).
// The worker also answers the pinyin keyboard's lookups (ime_lookup.h),
// ahead of queued requests; idle() is false while one is being served.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/ime.h"
#include "core/mirror.h"
#include "core/search.h"
#include "core/store.h"
#include "ui/pages_state.h"
#include "ui/sync_status.h"

namespace gongkai::ui {

struct DataRequest {
    enum class Kind { Home, Domain, Document, Search, Latest, Poll,
                      List, Guide, Consultation, Agency, Image };  // the pages helper (pages_data.h)
    Kind kind = Kind::Home;
    std::string id;
    bool wantCharacters = false;  // Home: also the mirror's character list
    std::string documentId{};     // Image: the document that shows it (id: its SHA-256)
    // Search: the query, and its number (newer queries have higher numbers;
    // a queued Search is dropped when a newer one is requested).
    SearchQuery query{};  // (braced defaults keep {kind, id, ...} initializers warning-free)
    std::uint64_t generation = 0;
};

struct DataResult {
    DataRequest request;
    // Failure: which string explains it (oos.missing, oos.not_mirror, ...),
    // the argument for it, and the technical detail.
    std::string errorKey, errorArg, errorDetail;
    DataInfo info;
    std::vector<DomainSummary> domains;
    std::vector<char32_t> characters;
    std::vector<CatalogItem> items;
    std::vector<DocumentSummary> documents;
    Document document;
    SearchResult search;
    PagesResult pages;  // List, Guide, Consultation, Agency, Image; a Domain's guides
    // Home and Poll (the system helper): the mirror's state digest ("" when
    // it cannot be read), its sync_state, and gongkai-sync's status file.
    // A Poll result comes only when one of them changed since the last.
    std::string digest;
    SyncState mirrorSync;
    SyncStatus syncStatus;
    bool ok() const { return errorKey.empty(); }
};

// The inode of `path`, 0 when missing (data_worker_poll.cpp).
unsigned long long fileInode(const std::string& path);

class DataWorker {
public:
    DataWorker(std::string dbPath, std::function<void()> wake);
    ~DataWorker();
    DataWorker(const DataWorker&) = delete;
    DataWorker& operator=(const DataWorker&) = delete;

    void request(DataRequest r);
    std::vector<DataResult> takeResults();
    // True when nothing is queued, running, or waiting to be taken.
    bool idle() const;

    // Look for a new mirror version (or a repaired one) every `seconds`, on
    // the worker's thread, and read gongkai-sync's status file at
    // `syncStatusPath`; changes come back as Poll results
    // (data_worker_poll.cpp). Call once, right after construction.
    void setPolling(double seconds, std::string syncStatusPath);

private:
    void poll();                       // data_worker_poll.cpp
    void noteState(DataResult& out);   // fills digest/sync fields, remembers them
    bool mirrorReplaced() const;       // the file at m_dbPath is not the one open
    void run();
    DataResult serve(const DataRequest& r);
    void serveIme();                   // the pinyin keyboard's lookup (ime_lookup.h), before queued requests
    bool ensureOpen(DataResult& out);

    std::string m_dbPath;
    std::function<void()> m_wake;
    std::unique_ptr<Mirror> m_mirror;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<InputMethod> m_ime;  // for m_mirror's connection; its caches live as long

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<DataRequest> m_queue;
    std::vector<DataResult> m_results;
    int m_running = 0;
    bool m_stop = false;
    // Polling (data_worker_poll.cpp); the interval is read under m_mutex.
    double m_pollSeconds = 0;  // 0: no polling
    std::string m_syncStatusPath, m_lastDigest, m_lastStatus;
    unsigned long long m_openInode = 0;
    std::thread m_thread;
};

}  // namespace gongkai::ui
