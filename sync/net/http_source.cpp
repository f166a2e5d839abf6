// http(s) sources through libcurl (the only file of the product that includes
// curl). Sections: helpers; one transfer: its state and curl's C callbacks;
// running a transfer; its outcome; HttpSource and openHttpSource.
#include "net/http_source.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>

#include "net/source_paths.h"

namespace gongkai::net {

namespace {

using Clock = std::chrono::steady_clock;

// ---- helpers -------------------------------------------------------------

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Percent-encodes every byte outside RFC 3986's unreserved set, except '/'.
std::string encodePath(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char c : path) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

// Size of a regular file at `path`; 0 when missing or not a regular file.
std::uint64_t regularFileSize(const std::string& path, bool* isRegular = nullptr) {
    struct stat st {};
    bool regular = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (isRegular) *isRegular = regular;
    return regular ? static_cast<std::uint64_t>(st.st_size) : 0;
}

std::string secondsText(double seconds) {
    if (seconds == std::floor(seconds)) return std::to_string(static_cast<long long>(seconds)) + " s";
    std::string text = std::to_string(std::round(seconds * 10) / 10);
    return text.substr(0, text.find('.') + 2) + " s";
}

// ---- one transfer: its state and curl's C callbacks -------------------------

struct Transfer {
    // the request
    CURL* curl = nullptr;
    std::string url, destPath;
    std::uint64_t maxBytes = 0;
    std::uint64_t resumeFrom = 0;  // > 0: "Range: bytes=resumeFrom-" was sent
    bool exactSize = false;
    double stallSeconds = 15;
    const FetchProgress* progress = nullptr;
    // the latest response's head (each status line resets it: redirects)
    std::string contentRange, etag, lastModified;
    // the body
    int fd = -1;
    bool bodyStarted = false;
    std::uint64_t base = 0;      // where this response's body starts in destPath
    std::uint64_t received = 0;  // body bytes written this time
    std::uint64_t expected = 0;  // final size of destPath, 0 when unknown
    // our own reason to stop, set by a callback that then returns "abort"
    FetchProblem problem = FetchProblem::None;
    std::string message;
    bool removeDest = false;  // the partial file must not be resumed later
    bool sent = false;        // the request went out: the stall clock runs
    Clock::time_point lastActivity = Clock::now();

    void fail(FetchProblem p, std::string why) {
        if (problem != FetchProblem::None) return;
        problem = p;
        message = url + ": " + std::move(why);
    }
    long status() const {
        long code = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
        return code;
    }
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return s;
}

bool headerIs(std::string_view name, const char* wanted) {
    return name.size() == std::strlen(wanted) && ::strncasecmp(name.data(), wanted, name.size()) == 0;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    t.lastActivity = Clock::now();
    if (line.substr(0, 5) == "HTTP/") {
        t.contentRange.clear();
        t.etag.clear();
        t.lastModified.clear();
        return size * count;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return size * count;
    std::string_view name = line.substr(0, colon), value = trimmed(line.substr(colon + 1));
    if (headerIs(name, "Content-Range")) t.contentRange = value;
    if (headerIs(name, "ETag")) t.etag = value;
    if (headerIs(name, "Last-Modified")) t.lastModified = value;
    return size * count;
}

// A 206 must continue exactly where our file ends.
bool checkContentRange(Transfer& t) {
    if (t.resumeFrom == 0) {
        t.fail(FetchProblem::HttpError, "HTTP 206 to a request without Range");
        return false;
    }
    std::string_view range = t.contentRange;
    std::uint64_t start = 0;
    bool digits = range.substr(0, 6) == "bytes " && range.size() > 6 && std::isdigit(static_cast<unsigned char>(range[6]));
    for (std::size_t i = 6; digits && i < range.size() && std::isdigit(static_cast<unsigned char>(range[i])); ++i)
        start = start * 10 + static_cast<std::uint64_t>(range[i] - '0');
    if (digits && start == t.resumeFrom) return true;
    t.fail(FetchProblem::HttpError, "asked to resume at byte " + std::to_string(t.resumeFrom) +
                                        " but the server answered Content-Range \"" + t.contentRange + "\"");
    t.removeDest = true;
    return false;
}

bool openDest(Transfer& t) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (t.base == 0 ? O_TRUNC : 0);
    t.fd = ::open(t.destPath.c_str(), flags, 0644);
    if (t.fd >= 0 && t.base > 0 && ::lseek(t.fd, static_cast<off_t>(t.base), SEEK_SET) < 0) {
        ::close(t.fd);
        t.fd = -1;
    }
    if (t.fd < 0) t.fail(FetchProblem::LocalIo, "cannot open " + t.destPath + ": " + std::strerror(errno));
    return t.fd >= 0;
}

// The first body byte (or the end of an empty body): decide whether this
// response is the file, check its declared size, open the destination.
bool startBody(Transfer& t) {
    t.bodyStarted = true;
    long status = t.status();
    if (status != 200 && status != 206) return false;  // not the file: the status says what happened
    if (status == 206 && !checkContentRange(t)) return false;
    t.base = status == 206 ? t.resumeFrom : 0;
    curl_off_t length = -1;
    curl_easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    if (length >= 0 && t.base + static_cast<std::uint64_t>(length) > t.maxBytes) {
        t.fail(FetchProblem::TooLarge, "Content-Length says " + std::to_string(t.base + static_cast<std::uint64_t>(length)) +
                                           " bytes, more than the declared " + std::to_string(t.maxBytes));
        return false;
    }
    t.expected = t.exactSize ? t.maxBytes : (length >= 0 ? t.base + static_cast<std::uint64_t>(length) : 0);
    return openDest(t);
}

std::size_t onWrite(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    std::size_t n = size * count;
    t.lastActivity = Clock::now();
    if (!t.bodyStarted) startBody(t);
    if (t.fd < 0) return 0;
    if (t.base + t.received + n > t.maxBytes) {
        t.fail(FetchProblem::TooLarge, "more than the declared " + std::to_string(t.maxBytes) + " bytes");
        return 0;
    }
    if (!writeAll(t.fd, data, n)) {
        t.fail(FetchProblem::LocalIo, "cannot write " + t.destPath + ": " + std::strerror(errno));
        return 0;
    }
    t.received += n;
    if (*t.progress && !(*t.progress)(t.base + t.received, t.expected)) {
        t.fail(FetchProblem::Network, "cancelled after " + std::to_string(t.base + t.received) + " bytes");
        return 0;
    }
    return n;
}

int onPrereq(void* user, char*, char*, int, int) {
    auto& t = *static_cast<Transfer*>(user);
    t.sent = true;
    t.lastActivity = Clock::now();
    return CURL_PREREQFUNC_OK;
}

// curl calls this about once a second even when nothing arrives.
int onXferInfo(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& t = *static_cast<Transfer*>(user);
    if (!t.sent) return 0;
    double idle = std::chrono::duration<double>(Clock::now() - t.lastActivity).count();
    if (idle < t.stallSeconds) return 0;
    t.fail(FetchProblem::Stalled, "stalled for " + secondsText(t.stallSeconds));
    return 1;
}

// ---- running a transfer ----------------------------------------------------

void setOptions(Transfer& t, const FetchLimits& limits, char* errorBuffer) {
    CURL* c = t.curl;
    curl_easy_reset(c);  // keeps the live connection and caches, forgets the last request's options
    curl_easy_setopt(c, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max(1.0, limits.connectSeconds * 1000)));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "gongkai-sync/1");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, onPrereq);
    curl_easy_setopt(c, CURLOPT_PREREQDATA, &t);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onXferInfo);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

CURLcode runTransfer(Transfer& t, const FetchLimits& limits, const Validators* conditional, char* errorBuffer) {
    setOptions(t, limits, errorBuffer);
    curl_slist* headers = nullptr;
    auto add = [&headers](const std::string& line) { headers = curl_slist_append(headers, line.c_str()); };
    if (t.resumeFrom > 0) add("Range: bytes=" + std::to_string(t.resumeFrom) + "-");
    if (conditional && !conditional->etag.empty()) add("If-None-Match: " + conditional->etag);
    if (conditional && !conditional->lastModified.empty()) add("If-Modified-Since: " + conditional->lastModified);
    curl_easy_setopt(t.curl, CURLOPT_HTTPHEADER, headers);
    CURLcode code = curl_easy_perform(t.curl);
    curl_easy_setopt(t.curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    // An empty 200/206 body never reaches onWrite: the file still has to exist.
    long status = t.status();
    if (code == CURLE_OK && !t.bodyStarted && (status == 200 || status == 206)) startBody(t);
    if (t.fd >= 0 && ::close(t.fd) != 0)
        t.fail(FetchProblem::LocalIo, "cannot write " + t.destPath + ": " + std::strerror(errno));
    t.fd = -1;
    return code;
}

// ---- its outcome -------------------------------------------------------------

// The transfer ended as far as curl is concerned; the status says the rest.
FetchOutcome outcomeOfStatus(const Transfer& t, const Validators* conditional) {
    long status = t.status();
    std::string statusText = t.url + ": HTTP " + std::to_string(status);
    if (status == 304 && conditional) {
        FetchOutcome out;
        out.notModified = true;
        out.validators = t.etag.empty() && t.lastModified.empty() ? *conditional : Validators{t.etag, t.lastModified};
        return out;
    }
    if (status == 404 || status == 410) return failure(FetchProblem::NotFound, statusText);
    if (status != 200 && status != 206) return failure(FetchProblem::HttpError, statusText);
    std::uint64_t size = t.base + t.received;
    if (t.exactSize && size != t.maxBytes)
        return failure(FetchProblem::Truncated, t.url + ": " + std::to_string(size) + " bytes, not the declared " +
                                                    std::to_string(t.maxBytes));
    FetchOutcome out;
    out.resumed = status == 206;
    out.validators = {t.etag, t.lastModified};
    return out;
}

FetchOutcome outcomeOf(const Transfer& t, CURLcode code, const char* errorBuffer, const Validators* conditional) {
    if (t.problem != FetchProblem::None) return failure(t.problem, t.message);
    if (code == CURLE_OK || code == CURLE_WRITE_ERROR) return outcomeOfStatus(t, conditional);
    std::string detail = errorBuffer[0] ? errorBuffer : curl_easy_strerror(code);
    switch (code) {
        case CURLE_PARTIAL_FILE:
            return failure(FetchProblem::Truncated,
                           t.url + ": connection closed after " + std::to_string(t.base + t.received) + " of " +
                               (t.expected ? std::to_string(t.expected) : std::string("?")) + " bytes");
        case CURLE_TOO_MANY_REDIRECTS: return failure(FetchProblem::HttpError, t.url + ": too many redirects");
        case CURLE_UNSUPPORTED_PROTOCOL: return failure(FetchProblem::Network, t.url + ": refused: " + detail);
        default: return failure(FetchProblem::Network, t.url + ": " + detail);
    }
}

// ---- HttpSource and openHttpSource ---------------------------------------------

class HttpSource final : public Source {
public:
    HttpSource(std::string url, FetchLimits limits, CURL* curl)
        : m_url(std::move(url)), m_limits(limits), m_curl(curl) {}
    ~HttpSource() override { curl_easy_cleanup(m_curl); }
    HttpSource(const HttpSource&) = delete;
    HttpSource& operator=(const HttpSource&) = delete;

    const std::string& url() const override { return m_url; }
    FetchOutcome fetch(const std::string& relativePath, const std::string& destPath, std::uint64_t maxBytes,
                       bool exactSize, const Validators* conditional, const FetchProgress& progress) override;

private:
    std::string m_url;
    FetchLimits m_limits;
    CURL* m_curl;
};

FetchOutcome HttpSource::fetch(const std::string& relativePath, const std::string& destPath, std::uint64_t maxBytes,
                               bool exactSize, const Validators* conditional, const FetchProgress& progress) {
    std::string url = joinPath(m_url, encodePath(relativePath));
    if (auto bad = badRelativePath(relativePath)) return failure(FetchProblem::NotFound, url + ": refused, " + *bad);
    std::uint64_t have = regularFileSize(destPath);
    std::uint64_t resumeFrom = exactSize && !conditional && have > 0 && have < maxBytes ? have : 0;
    std::uint64_t transferred = 0;
    for (;;) {
        Transfer t;
        t.curl = m_curl;
        t.url = url;
        t.destPath = destPath;
        t.maxBytes = maxBytes;
        t.resumeFrom = resumeFrom;
        t.exactSize = exactSize;
        t.stallSeconds = m_limits.stallSeconds;
        t.progress = &progress;
        char errorBuffer[CURL_ERROR_SIZE] = {};
        CURLcode code = runTransfer(t, m_limits, conditional, errorBuffer);
        transferred += t.received;
        if (resumeFrom > 0 && t.problem == FetchProblem::None && t.status() == 416) {
            resumeFrom = 0;  // our partial file is longer than the server's: start again
            continue;
        }
        FetchOutcome out = outcomeOf(t, code, errorBuffer, conditional);
        bool regular = false;
        regularFileSize(destPath, &regular);
        if ((t.removeDest || out.problem == FetchProblem::TooLarge) && regular) ::unlink(destPath.c_str());
        out.transferred = transferred;
        out.bytes = regularFileSize(destPath);
        return out;
    }
}

}  // namespace

Result<std::unique_ptr<Source>> openHttpSource(const std::string& baseUrl, const FetchLimits& limits) {
    initCurlOnce();
    CURLU* parsed = curl_url();
    CURLUcode rc = curl_url_set(parsed, CURLUPART_URL, baseUrl.c_str(), 0);
    char* host = nullptr;
    if (rc == CURLUE_OK) rc = curl_url_get(parsed, CURLUPART_HOST, &host, 0);
    // curl reads "https:///feed" as host "feed"; a base URL that careless is refused.
    std::size_t afterScheme = baseUrl.find("://") + 3;
    bool hasHost = host && host[0] && afterScheme < baseUrl.size() && baseUrl[afterScheme] != '/';
    curl_free(host);
    curl_url_cleanup(parsed);
    if (rc != CURLUE_OK || !hasHost)
        return Error{"feed source \"" + baseUrl + "\": malformed URL" +
                     (rc != CURLUE_OK ? std::string(" (") + curl_url_strerror(rc) + ")" : std::string(" (no host)"))};
    CURL* curl = curl_easy_init();
    if (!curl) return Error{"feed source \"" + baseUrl + "\": cannot start libcurl"};
    return std::unique_ptr<Source>(std::make_unique<HttpSource>(baseUrl, limits, curl));
}

}  // namespace gongkai::net
