#include "ui/data_worker.h"
#include "ui/pages_data.h"
#include "ui/ime_lookup.h"

#include <cstdio>
#include <filesystem>

namespace gongkai::ui {

// How many documents a domain page lists for now (newest first).
constexpr int kDomainDocumentLimit = 200;
// The SQLite page cache of the kiosk's mirror connection.
constexpr int kKioskPageCacheKiB = 12 * 1024;

DataWorker::DataWorker(std::string dbPath, std::function<void()> wake)
    : m_dbPath(std::move(dbPath)), m_wake(std::move(wake)), m_thread([this] { run(); }) {
    imeLookups().attach([this] {
        { std::lock_guard lock(m_mutex); }  // the worker is waiting, or will see the question
        m_cv.notify_all();
    });
}

DataWorker::~DataWorker() {
    imeLookups().detach();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void DataWorker::request(DataRequest r) {
    {
        std::lock_guard lock(m_mutex);
        if (r.kind == DataRequest::Kind::Search)  // typing on: an older query still queued is stale
            std::erase_if(m_queue, [](const DataRequest& q) { return q.kind == DataRequest::Kind::Search; });
        m_queue.push_back(std::move(r));
    }
    m_cv.notify_all();
}

std::vector<DataResult> DataWorker::takeResults() {
    std::lock_guard lock(m_mutex);
    std::vector<DataResult> out;
    out.swap(m_results);
    return out;
}

bool DataWorker::idle() const {
    std::lock_guard lock(m_mutex);
    return m_queue.empty() && m_running == 0 && m_results.empty() && !imeLookups().busy();
}

void DataWorker::run() {
    for (;;) {
        DataRequest r;
        {
            std::unique_lock lock(m_mutex);
            auto ready = [&] { return m_stop || !m_queue.empty() || imeLookups().waiting(); };
            if (m_pollSeconds <= 0) m_cv.wait(lock, ready);
            else if (!m_cv.wait_for(lock, std::chrono::duration<double>(m_pollSeconds), ready)) {
                lock.unlock();
                poll();  // nothing asked for a while: look for a new mirror version
                continue;
            }
            if (m_stop) return;
            if (imeLookups().waiting()) {  // a keystroke: answer it before slower requests
                lock.unlock();
                serveIme();
                continue;
            }
            r = std::move(m_queue.front());
            m_queue.pop_front();
            ++m_running;
        }
        DataResult result = serve(r);
        {
            std::lock_guard lock(m_mutex);
            m_results.push_back(std::move(result));
            --m_running;
        }
        if (m_wake) m_wake();
    }
}

bool DataWorker::ensureOpen(DataResult& out) {
    if (m_store) return true;
    if (m_dbPath.empty()) { out.errorKey = "oos.no_db"; return false; }
    std::error_code ec;
    if (!std::filesystem::exists(m_dbPath, ec)) {
        out.errorKey = "oos.missing";
        out.errorArg = m_dbPath;
        return false;
    }
    auto mirror = Mirror::open(m_dbPath, Mirror::Mode::ReadOnly);
    if (!mirror) {
        // The core's message is for staff; the resident gets one of two plain reasons.
        bool schema = mirror.error().message.find("schema") != std::string::npos;
        out.errorKey = schema ? "oos.schema" : "oos.not_mirror";
        out.errorArg = m_dbPath;
        out.errorDetail = mirror.error().message;
        return false;
    }
    m_mirror = std::move(mirror.value());
    // The kiosk's whole memory budget is 130 MB PSS (issue 5); the mirror's
    // default page cache (32 MB, for gongkai's searches) filled up within a
    // few searches of a 100 000-document mirror and took the reader to 135 MB.
    // Pages beyond this come from the OS's cache.
    if (auto st = m_mirror->exec("PRAGMA cache_size=-" + std::to_string(kKioskPageCacheKiB)); !st)
        std::fprintf(stderr, "gongkai-kiosk: %s\n", st.error().message.c_str());
    m_store = std::make_unique<Store>(*m_mirror);
    m_openInode = fileInode(m_dbPath);
    return true;
}

void DataWorker::serveIme() {
    auto q = imeLookups().nextQuestion();
    if (!q) return;
    ImeAnswer a{q->id, q->pinyin, {}, 0};
    DataResult unused;
    if (ensureOpen(unused)) {
        if (!m_ime || m_ime->connection() != m_mirror->db()) m_ime = std::make_unique<InputMethod>(*m_mirror);
        ImePage page = m_ime->candidates(q->pinyin, q->offset, q->limit);
        a.candidates = std::move(page.candidates);
        a.total = page.total;
    }
    imeLookups().answer(std::move(a));
    if (m_wake) m_wake();
}

namespace {

template <class T>
bool take(Result<T>&& r, T& into, DataResult& out, const char* key) {
    if (!r) {
        out.errorKey = key;
        out.errorDetail = r.error().message;
        return false;
    }
    into = std::move(r.value());
    return true;
}

}  // namespace

DataResult DataWorker::serve(const DataRequest& r) {
    DataResult out;
    out.request = r;
    if (r.kind == DataRequest::Kind::Home) {
        // A Home request re-checks the mirror, so an out-of-service kiosk
        // recovers when the file is repaired.
        m_store.reset();
        m_mirror.reset();
    }
    if (!ensureOpen(out)) {
        if (r.kind == DataRequest::Kind::Home) noteState(out);
        return out;
    }
    switch (r.kind) {
    case DataRequest::Kind::Home:
        if (take(m_store->dataInfo(), out.info, out, "oos.query") &&
            take(m_store->domains(), out.domains, out, "oos.query") && r.wantCharacters)
            take(m_store->characters(), out.characters, out, "oos.query");
        if (out.ok()) noteState(out);
        break;
    case DataRequest::Kind::Domain:
        if (take(m_store->catalogItems(r.id), out.items, out, "error.domain"))
            take(m_store->documentsInDomain(r.id, kDomainDocumentLimit, 0), out.documents, out, "error.domain");
        if (out.ok()) servePages(*m_store, r, out, blobsDirFor(m_dbPath));  // + its service guides
        break;
    case DataRequest::Kind::Document:
        take(m_store->document(r.id), out.document, out, "error.document");
        break;
    case DataRequest::Kind::Latest:
        take(m_store->latestDocuments(r.generation ? int(r.generation) : 20), out.documents, out, "error.domain");
        break;
    case DataRequest::Kind::Poll:
        break;
    case DataRequest::Kind::Search:
        take(gongkai::search(*m_mirror, r.query), out.search, out, "error.search");
        break;
    case DataRequest::Kind::List: case DataRequest::Kind::Guide: case DataRequest::Kind::Consultation:
    case DataRequest::Kind::Agency: case DataRequest::Kind::Image:
        servePages(*m_store, r, out, blobsDirFor(m_dbPath));  // pages_data.cpp
        break;
    }
    return out;
}

}  // namespace gongkai::ui
