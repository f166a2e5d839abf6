// FaultServer (see the header). Sections: helpers; set-up and stop;
// configuration; GET (resolve, conditional, range, body faults); POST; log.
#include "sync/fault_server.h"

#include <httplib.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <csignal>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace gongkai::test {

namespace {

// ---- helpers ---------------------------------------------------------------

const char* kType = "application/octet-stream";
constexpr std::uint64_t kChunk = 16 * 1024;

std::string normalPath(const std::string& path) {
    std::size_t start = path.find_first_not_of('/');
    return start == std::string::npos ? std::string() : path.substr(start);
}

bool escapesRoot(const std::string& rel) {
    std::stringstream parts(rel);
    std::string segment;
    while (std::getline(parts, segment, '/'))
        if (segment == "..") return true;
    return false;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string httpDate(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

std::string contentTag(const std::string& bytes) {  // FNV-1a 64, quoted
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    char text[24];
    std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(h));
    return text;
}

// httplib 0.11 parses Range before routing and, after the handler, cuts any
// body to it. Our handlers answer ranges themselves (206, 416, or 200 when a
// fault ignores Range), so they clear the parsed ranges. The Request is a
// non-const object inside httplib handed to handlers as const, so this
// const_cast is well-defined; it is the only way to take over Range there.
void forgetRange(const httplib::Request& req) { const_cast<httplib::Request&>(req).ranges.clear(); }

void answerText(const httplib::Request& req, httplib::Response& res, int status, const std::string& text) {
    forgetRange(req);
    res.status = status;
    res.set_content(text, "text/plain");
}

LoggedRequest logEntry(const httplib::Request& req) {
    LoggedRequest entry;
    entry.method = req.method;
    entry.path = req.path;
    entry.range = req.get_header_value("Range");
    entry.ifNoneMatch = req.get_header_value("If-None-Match");
    entry.ifModifiedSince = req.get_header_value("If-Modified-Since");
    for (const auto& [name, value] : req.headers) entry.headers[lower(name)] = value;
    return entry;
}

std::optional<std::string> readWhole(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::time_t mtimeOf(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_mtime : 0;
}

}  // namespace

// One GET being answered: what to send and the faults to apply.
struct FaultServer::Served {
    std::filesystem::path file;
    std::shared_ptr<const std::string> content;  // replaced content, else read from `file`
    int generation = 0;                          // replacement number (moves Last-Modified on)
    std::string etag, lastModified;
    bool validators = true;
    Fault fault;
    std::uint64_t start = 0, length = 0;  // the slice of content this body carries
    int status = 200;
};

// ---- set-up and stop ---------------------------------------------------------

FaultServer::FaultServer(std::filesystem::path root)
    : m_server(std::make_unique<httplib::Server>()), m_root(std::move(root)) {
    static std::once_flag ignoreSigpipe;
    std::call_once(ignoreSigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
    m_server->set_keep_alive_timeout(1);
    m_server->Get(".*", [this](const httplib::Request& req, httplib::Response& res) { handleGet(req, res); });
    m_server->Post(".*", [this](const httplib::Request& req, httplib::Response& res) { handlePost(req, res); });
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0) throw std::runtime_error("FaultServer: cannot bind a port on 127.0.0.1");
    auto ended = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::thread([this, ended] {
        m_server->listen_after_bind();
        ended->store(true);
    });
    // httplib's stop() does nothing before the accept loop runs: wait for it.
    while (!m_server->is_running() && !ended->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!m_server->is_running()) {
        m_thread.join();
        throw std::runtime_error("FaultServer: the listener ended at once");
    }
}

FaultServer::~FaultServer() { stop(); }

void FaultServer::stop() {
    std::call_once(m_stopOnce, [this] {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_server->stop();
        if (m_thread.joinable()) m_thread.join();  // httplib joins its workers before listen returns
    });
}

bool FaultServer::waitStall(std::chrono::milliseconds pause) {
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, pause, [this] { return m_stopping; });
    return !m_stopping;
}

std::string FaultServer::url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

// ---- configuration ------------------------------------------------------------

void FaultServer::setRoot(std::filesystem::path root) {
    std::lock_guard lock(m_mutex);
    m_root = std::move(root);
}

void FaultServer::setFault(const std::string& path, const Fault& fault) {
    std::lock_guard lock(m_mutex);
    m_faults[normalPath(path)] = fault;
}

void FaultServer::clearFault(const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_faults.erase(normalPath(path));
}

void FaultServer::clearFaults() {
    std::lock_guard lock(m_mutex);
    m_faults.clear();
}

void FaultServer::failNext(int status, int count, const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_failures[normalPath(path)] = {status, count};
}

void FaultServer::replaceContent(const std::string& path, std::string bytes) {
    std::lock_guard lock(m_mutex);
    m_replacements[normalPath(path)] = {std::move(bytes), ++m_replaceGeneration};
}

void FaultServer::restoreContent(const std::string& path) {
    std::lock_guard lock(m_mutex);
    m_replacements.erase(normalPath(path));
}

void FaultServer::redirect(const std::string& path, const std::string& location, int status) {
    std::lock_guard lock(m_mutex);
    m_redirects[normalPath(path)] = {location, status};
}

void FaultServer::setValidators(bool on) {
    std::lock_guard lock(m_mutex);
    m_validators = on;
}

void FaultServer::onPost(const std::string& path, PostHandler handler) {
    std::lock_guard lock(m_mutex);
    m_postHandlers[normalPath(path)] = std::move(handler);
}

bool FaultServer::takeFailure(const std::string& path, int& status) {
    for (const std::string& key : {path, std::string()}) {
        auto it = m_failures.find(key);
        if (it == m_failures.end() || it->second.second <= 0) continue;
        status = it->second.first;
        if (--it->second.second == 0) m_failures.erase(it);
        return true;
    }
    return false;
}

// ---- GET ------------------------------------------------------------------------

// Under the lock: answers a pending failure or a redirect (true), else copies
// what this request needs (fault, replacement, file path, validators).
bool FaultServer::resolveGet(const std::string& rel, const httplib::Request& req, httplib::Response& res,
                             Served& served) {
    std::lock_guard lock(m_mutex);
    int status = 0;
    if (takeFailure(rel, status)) {
        answerText(req, res, status, "fault: HTTP " + std::to_string(status) + "\n");
        return true;
    }
    if (auto it = m_redirects.find(rel); it != m_redirects.end()) {
        answerText(req, res, it->second.second, "moved\n");
        res.set_header("Location", it->second.first);
        return true;
    }
    auto fault = m_faults.find(rel);
    if (fault == m_faults.end()) fault = m_faults.find("");
    if (fault != m_faults.end()) served.fault = fault->second;
    served.validators = m_validators;
    served.file = m_root / rel;
    if (auto it = m_replacements.find(rel); it != m_replacements.end()) {
        served.content = std::make_shared<const std::string>(it->second.first);
        served.generation = it->second.second;
    }
    return false;
}

// Outside the lock: the bytes and their validators; false when there are none.
bool FaultServer::loadContent(const std::string& rel, Served& served) {
    if (rel.empty() || escapesRoot(rel)) return false;
    std::time_t mtime = mtimeOf(served.file);
    if (!served.content) {
        auto bytes = readWhole(served.file);
        if (!bytes) return false;
        served.content = std::make_shared<const std::string>(std::move(*bytes));
    }
    served.etag = contentTag(*served.content);
    served.lastModified = httpDate(mtime + served.generation * 86400);
    return true;
}

bool FaultServer::notModified(const httplib::Request& req, const Served& served) {
    if (!served.validators) return false;
    std::string ifNoneMatch = req.get_header_value("If-None-Match");
    if (!ifNoneMatch.empty()) return ifNoneMatch == served.etag || ifNoneMatch == "*";
    std::string ifModifiedSince = req.get_header_value("If-Modified-Since");
    return !ifModifiedSince.empty() && ifModifiedSince == served.lastModified;
}

// Picks the slice to send: 200 whole, 206 one range; false for 416.
bool FaultServer::chooseRange(const httplib::Request& req, Served& served) {
    auto size = static_cast<std::uint64_t>(served.content->size());
    served.start = 0;
    served.length = size;
    served.status = 200;
    if (served.fault.ignoreRange || req.ranges.size() != 1) return true;
    auto [first, last] = req.ranges.front();  // -1 where the header left it out
    if (first < 0) {                          // "bytes=-N": the last N bytes
        served.length = std::min<std::uint64_t>(static_cast<std::uint64_t>(std::max<ssize_t>(last, 0)), size);
        served.start = size - served.length;
    } else {
        auto start = static_cast<std::uint64_t>(first);
        std::uint64_t end = last < 0 ? size : std::min<std::uint64_t>(static_cast<std::uint64_t>(last) + 1, size);
        if (start >= size || end <= start) return false;
        served.start = start;
        served.length = end - start;
    }
    if (served.fault.rangeFrom && *served.fault.rangeFrom < size) {
        served.start = *served.fault.rangeFrom;
        served.length = size - served.start;
    }
    served.status = 206;
    return true;
}

void FaultServer::handleGet(const httplib::Request& req, httplib::Response& res) {
    LoggedRequest entry = logEntry(req);
    std::string rel = normalPath(req.path);
    Served served;
    if (resolveGet(rel, req, res, served)) {
    } else if (!loadContent(rel, served)) {
        answerText(req, res, 404, "not found\n");
    } else if (notModified(req, served)) {
        forgetRange(req);
        res.status = 304;
        res.set_header("ETag", served.etag);
        res.set_header("Last-Modified", served.lastModified);
    } else if (!chooseRange(req, served)) {
        answerText(req, res, 416, "");
        res.set_header("Content-Range", "bytes */" + std::to_string(served.content->size()));
    } else {
        forgetRange(req);
        serveBody(served, res, entry);
    }
    entry.status = res.status;
    record(std::move(entry));
}

namespace {

// Body byte i of a response: the slice of the content, then 'X' bytes (extra
// or endless ones).
struct BodyBytes {
    std::shared_ptr<const std::string> content;
    std::uint64_t start = 0, length = 0;
    void fill(std::uint64_t offset, std::uint64_t count, std::string& out) const {
        out.clear();
        if (offset < length) out.append(*content, start + offset, std::min(count, length - offset));
        out.append(count - out.size(), 'X');
    }
};

// Pauses for the given time, or checks only (0 ms); false once the server stops.
using Pause = std::function<bool(std::chrono::milliseconds)>;

httplib::ContentProviderWithoutLength endlessProvider(BodyBytes body, Pause pause) {
    return [body, pause](size_t offset, httplib::DataSink& sink) {
        if (!pause(std::chrono::milliseconds(0))) return false;
        std::string chunk;
        body.fill(offset, kChunk, chunk);
        return sink.write(chunk.data(), chunk.size());
    };
}

// Sends body bytes up to `limit`, pausing once at fault.stallAfter; returning
// false at `limit` makes httplib close the connection (a cut body).
httplib::ContentProvider boundedProvider(BodyBytes body, std::uint64_t limit, const Fault& fault, Pause pause) {
    auto stalled = std::make_shared<bool>(false);  // the provider runs on one worker, call after call
    std::optional<std::uint64_t> stallAt = fault.stallAfter;
    auto stallFor = fault.stall;
    return [body, limit, stallAt, stallFor, stalled, pause](size_t offset, size_t want, httplib::DataSink& sink) {
        if (stallAt && offset >= *stallAt && !*stalled) {
            *stalled = true;
            if (!pause(stallFor)) return false;
        }
        if (offset >= limit || !pause(std::chrono::milliseconds(0))) return false;
        std::uint64_t end = std::min<std::uint64_t>({offset + want, limit, offset + kChunk});
        if (stallAt && offset < *stallAt) end = std::min(end, *stallAt);
        std::string chunk;
        body.fill(offset, end - offset, chunk);
        return sink.write(chunk.data(), chunk.size());
    };
}

void setBodyHeaders(const FaultServer::Served& served, httplib::Response& res) {
    res.status = served.status;
    res.set_header("Accept-Ranges", "bytes");
    if (served.status == 206)
        res.set_header("Content-Range", "bytes " + std::to_string(served.start) + "-" +
                                            std::to_string(served.start + served.length - 1) + "/" +
                                            std::to_string(served.content->size()));
    if (served.validators) {
        res.set_header("ETag", served.etag);
        res.set_header("Last-Modified", served.lastModified);
    }
}

}  // namespace

// Headers and the body with its faults; httplib sends the body after the handler.
void FaultServer::serveBody(const Served& served, httplib::Response& res, LoggedRequest& entry) {
    setBodyHeaders(served, res);
    BodyBytes body{served.content, served.start, served.length};
    Pause pause = [this](std::chrono::milliseconds time) { return waitStall(time); };
    const Fault& f = served.fault;
    if (f.endless) {
        entry.bodyBytes = 0;
        res.set_content_provider(kType, endlessProvider(body, pause));
        return;
    }
    std::uint64_t available = served.length + f.extraBytes;
    std::uint64_t declared = f.contentLength.value_or(available);
    std::uint64_t limit = std::min({declared, available, f.truncateAfter.value_or(available)});
    entry.bodyBytes = limit;
    if (declared == 0)
        res.set_content(std::string(), kType);
    else
        res.set_content_provider(declared, kType, boundedProvider(body, limit, f, pause));
}

// ---- POST -------------------------------------------------------------------------

void FaultServer::handlePost(const httplib::Request& req, httplib::Response& res) {
    LoggedRequest entry = logEntry(req);
    entry.body = req.body;
    std::string rel = normalPath(req.path);
    PostHandler handler;
    int status = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!takeFailure(rel, status)) {
            auto it = m_postHandlers.find(rel);
            if (it != m_postHandlers.end()) handler = it->second;
        }
    }
    if (status != 0) {
        answerText(req, res, status, "{\"error\": \"fault: HTTP " + std::to_string(status) + "\"}");
    } else if (!handler) {
        answerText(req, res, 404, "{\"error\": \"no handler\"}");
    } else {
        PostReply reply = handler(PostRequest{req.path, entry.headers, req.body});
        forgetRange(req);
        res.status = reply.status;
        res.set_content(reply.body, reply.contentType.c_str());
    }
    entry.status = res.status;
    record(std::move(entry));
}

// ---- log -----------------------------------------------------------------------------

void FaultServer::record(LoggedRequest entry) {
    std::lock_guard lock(m_mutex);
    m_log.push_back(std::move(entry));
}

std::vector<LoggedRequest> FaultServer::requests() const {
    std::lock_guard lock(m_mutex);
    return m_log;
}

std::size_t FaultServer::requestCount(const std::string& path) const {
    std::lock_guard lock(m_mutex);
    std::string rel = normalPath(path);
    return static_cast<std::size_t>(
        std::count_if(m_log.begin(), m_log.end(), [&rel](const LoggedRequest& r) { return normalPath(r.path) == rel; }));
}

void FaultServer::clearLog() {
    std::lock_guard lock(m_mutex);
    m_log.clear();
}

}  // namespace gongkai::test
