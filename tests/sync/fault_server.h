// FaultServer: a real HTTP/1.1 server on 127.0.0.1 (cpp-httplib) for the sync
// tests. It serves a directory (a feed) and injects faults on demand, per path
// or for every path, and logs every request.
//
//   test::FaultServer server(feedDir);              // listening when this returns
//   auto source = net::openSource(server.url());   // "http://127.0.0.1:PORT"
//   server.setFault("snapshots/2.ndjson.zst", {.truncateAfter = 100});
//   server.failNext(500, 2);                        // the next two requests, any path
//   ... fetch ...
//   CHECK(server.requests().back().range == "bytes=100-");
//
// What it serves (GET; HEAD is answered by httplib from the same handler):
// * ROOT/PATH, read at request time (tests may rewrite files between requests),
//   or the bytes given by replaceContent. A missing file: 404. Paths with ".."
//   segments: 404.
// * Range: one "bytes=A-B", "bytes=A-" or "bytes=-N" range is honoured with 206
//   and Content-Range; a start beyond the end gets 416 (Content-Range
//   "bytes */SIZE"); several ranges are answered 200 with the whole body.
// * Validators (on by default, setValidators): ETag is a hash of the content,
//   Last-Modified the file's mtime (replaced content: a later date per
//   replacement). If-None-Match equal to the ETag, or (without If-None-Match)
//   If-Modified-Since equal to Last-Modified, gets 304 with no body.
// * POST: answered by the handler given to onPost for that path, else 404;
//   failNext applies to POSTs too (a portal that fails).
//
// Order of checks for a request: failNext, redirect, content (404), 304,
// Range (416/206/200), body faults.
//
// Threads and lifetime: requests are served on httplib's worker threads; every
// public method may be called from any thread at any time (one mutex guards
// the configuration and the log), except stop() from inside an onPost handler
// (it would wait for itself). Handlers given to onPost run on a worker
// thread, outside that mutex, and may call the other methods. A request is
// logged when its answer is decided, before its body goes out: once a client
// call returns, its requests are in requests(). stop() (also run by the destructor) wakes any
// stalled body, stops the listener and joins every worker: after it returns
// no server code runs and no handler is called. Keep-alive connections idle
// for more than 1 s are closed by the server (so stop() is quick; curl
// reconnects transparently). The constructor ignores SIGPIPE process-wide
// (httplib writes without MSG_NOSIGNAL; a client that hangs up must not kill
// the test binary).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace gongkai::test {

// Faults on a 200/206 body. "Body bytes" count from the first byte of this
// response's body (after any Range). Several faults may be combined.
struct Fault {
    std::optional<std::uint64_t> truncateAfter;  // send this many body bytes, then close the connection
    std::optional<std::uint64_t> stallAfter;     // send this many body bytes, then pause for `stall` ...
    std::chrono::milliseconds stall{3000};       // ... then send the rest (stop() ends the pause early)
    std::optional<std::uint64_t> contentLength;  // declare this Content-Length: larger than the body -> the
                                                 // body is sent and the connection closed; smaller -> cut there
    std::uint64_t extraBytes = 0;                // append this many 'X' bytes, counted in Content-Length
    bool endless = false;                        // body, then 'X' bytes forever, no Content-Length (until the
                                                 // client hangs up or stop())
    bool ignoreRange = false;                    // answer a Range request with 200 and the whole body
    std::optional<std::uint64_t> rangeFrom;      // answer a Range request with 206 from this byte instead
                                                 // (Content-Range says so): a server that resumes wrongly
};

struct LoggedRequest {
    std::string method;             // "GET", "POST"
    std::string path;               // as requested, e.g. "/manifest.json" (percent-decoded)
    std::string range;              // the Range header ("" when absent), e.g. "bytes=100-"
    std::string ifNoneMatch, ifModifiedSince;
    std::map<std::string, std::string> headers;  // every header, names in lower case
    std::string body;               // request body (POST)
    int status = 0;                 // the status answered
    std::uint64_t bodyBytes = 0;    // body bytes the server set out to send (0 for `endless`)
};

// What an onPost handler receives and answers.
struct PostRequest {
    std::string path;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};
struct PostReply {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
};
using PostHandler = std::function<PostReply(const PostRequest&)>;

class FaultServer {
public:
    // Serves `root`. Binds an ephemeral port on 127.0.0.1 and returns once it
    // accepts connections. Throws std::runtime_error if it cannot bind.
    explicit FaultServer(std::filesystem::path root);
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    int port() const { return m_port; }
    std::string url() const;  // "http://127.0.0.1:PORT", no trailing slash

    void setRoot(std::filesystem::path root);  // serve another directory from now on

    // Paths are relative to the root, with or without a leading '/'.
    // An empty path means every path that has no fault of its own.
    void setFault(const std::string& path, const Fault& fault);
    void clearFault(const std::string& path);
    void clearFaults();  // every per-path and the global fault

    // The next `count` requests for `path` (empty: for any path) are answered
    // `status` with a short text body, before anything else is looked at.
    void failNext(int status, int count, const std::string& path = "");

    // Serve `bytes` instead of ROOT/path (tampering); restoreContent undoes it.
    void replaceContent(const std::string& path, std::string bytes);
    void restoreContent(const std::string& path);

    // Answer `path` with `status` and "Location: location" (a redirect).
    void redirect(const std::string& path, const std::string& location, int status = 302);

    void setValidators(bool on);  // ETag/Last-Modified and 304 (default on)

    // POST PATH is answered by `handler` (replacing any earlier one for PATH).
    void onPost(const std::string& path, PostHandler handler);

    std::vector<LoggedRequest> requests() const;  // a copy, oldest first
    std::size_t requestCount(const std::string& path) const;  // GETs + POSTs of that path so far
    void clearLog();

    void stop();  // idempotent; see the header comment

    struct Served;  // one GET being answered (defined in fault_server.cpp)

private:

    void handleGet(const httplib::Request& req, httplib::Response& res);
    bool resolveGet(const std::string& rel, const httplib::Request& req, httplib::Response& res, Served& served);
    static bool loadContent(const std::string& rel, Served& served);
    static bool notModified(const httplib::Request& req, const Served& served);
    static bool chooseRange(const httplib::Request& req, Served& served);
    void serveBody(const Served& served, httplib::Response& res, LoggedRequest& entry);
    void handlePost(const httplib::Request& req, httplib::Response& res);
    bool takeFailure(const std::string& path, int& status);  // caller holds m_mutex
    bool waitStall(std::chrono::milliseconds pause);          // false when stopping (0 ms: just check)
    void record(LoggedRequest entry);

    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
    std::once_flag m_stopOnce;

    mutable std::mutex m_mutex;  // guards everything below
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::filesystem::path m_root;
    std::map<std::string, Fault> m_faults;  // "" = global
    std::map<std::string, std::pair<int, int>> m_failures;  // path ("" = any) -> (status, count)
    std::map<std::string, std::pair<std::string, int>> m_replacements;  // path -> (bytes, generation)
    int m_replaceGeneration = 0;
    std::map<std::string, std::pair<std::string, int>> m_redirects;  // path -> (location, status)
    std::map<std::string, PostHandler> m_postHandlers;
    bool m_validators = true;
    std::vector<LoggedRequest> m_log;
};

}  // namespace gongkai::test
