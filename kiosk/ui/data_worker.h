// Reads the mirror on a worker thread so the UI thread never waits on
// SQLite (STYLE.md rule 3). The worker owns its Mirror and Store (neither is
// thread-safe) and opens the mirror lazily; a failed open is retried on the
// next Home request, so a repaired mirror brings the kiosk back by itself.
//
// request() and takeResults() are called from the UI thread; `wake` is
// called from the worker when a result is ready (it must be thread-safe).
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

#include "core/mirror.h"
#include "core/store.h"

namespace gongkai::ui {

struct DataRequest {
    enum class Kind { Home, Domain, Document };
    Kind kind = Kind::Home;
    std::string id;
    bool wantCharacters = false;  // Home: also the mirror's character list
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
    bool ok() const { return errorKey.empty(); }
};

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

private:
    void run();
    DataResult serve(const DataRequest& r);
    bool ensureOpen(DataResult& out);

    std::string m_dbPath;
    std::function<void()> m_wake;
    std::unique_ptr<Mirror> m_mirror;
    std::unique_ptr<Store> m_store;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<DataRequest> m_queue;
    std::vector<DataResult> m_results;
    int m_running = 0;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace gongkai::ui
