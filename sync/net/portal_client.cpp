// POST {portal}/api/requests through libcurl (net/portal_client.h).
// Sections: [1] the exchange (curl), [2] what the answer means.
#include "net/portal_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

namespace gongkai::sync {

namespace {

// A portal's answer is a small JSON object; anything longer is not one.
constexpr std::size_t kMaxReplyBytes = 64 * 1024;

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
    std::string reply;
    bool tooLong = false;
};

std::size_t onWrite(char* data, std::size_t size, std::size_t count, void* user) {
    auto& x = *static_cast<Exchange*>(user);
    std::size_t n = size * count;
    if (x.reply.size() + n > kMaxReplyBytes) {
        x.tooLong = true;
        return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
    }
    x.reply.append(data, n);
    return n;
}

std::string endpoint(std::string base) {
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/api/requests";
}

// [1] One easy handle per call: thread-safe, and nothing to share between
// uploads that are minutes apart. No redirects: a redirected POST may become
// a GET, and a portal that moved is a configuration problem to see.
struct Answer {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string error;
    Exchange exchange;
};

Answer postOnce(const PortalPost& post, const std::string& url) {
    Answer a;
    CURL* c = curl_easy_init();
    if (!c) {
        a.code = CURLE_FAILED_INIT;
        a.error = "cannot start libcurl";
        return a;
    }
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    headers = curl_slist_append(headers, ("Idempotency-Key: " + post.idempotencyKey).c_str());
    if (!post.signatureHeader.empty())
        headers = curl_slist_append(headers, ("Gongkai-Signature: " + post.signatureHeader).c_str());
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for a small body
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max(1.0, post.connectSeconds * 1000)));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(1.0, post.totalSeconds * 1000)));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "gongkai-sync/1");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.exchange);
    a.code = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    if (a.code != CURLE_OK) a.error = errorBuffer[0] ? errorBuffer : curl_easy_strerror(a.code);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return a;
}

// [2]
PortalReply retry(long status, std::string message) {
    PortalReply r;
    r.kind = PortalReply::Kind::Retry;
    r.httpStatus = status;
    r.message = std::move(message);
    return r;
}

// The "error" of a JSON answer, else the start of the text.
std::string errorText(const std::string& reply) {
    auto j = nlohmann::json::parse(reply, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_string()) return j["error"].get<std::string>();
    std::string text = reply.substr(0, 200);
    return text.empty() ? std::string("(no reason given)") : text;
}

PortalReply classify(const Answer& a, const std::string& url) {
    std::string where = url + ": ";
    if (a.exchange.tooLong) return retry(a.status, where + "an answer longer than " + std::to_string(kMaxReplyBytes) + " bytes");
    if (a.code != CURLE_OK) return retry(0, where + a.error);
    long s = a.status;
    std::string statusText = "HTTP " + std::to_string(s);
    if (s == 201 || s == 200) {
        auto j = nlohmann::json::parse(a.exchange.reply, nullptr, false);
        if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
            return retry(s, where + statusText + " with an unreadable answer (no \"id\"): " + a.exchange.reply.substr(0, 200));
        PortalReply r;
        r.kind = s == 201 ? PortalReply::Kind::Created : PortalReply::Kind::AlreadyThere;
        r.httpStatus = s;
        r.portalId = j["id"].get<std::string>();
        return r;
    }
    // 408 Request Timeout and 429 Too Many Requests say "later", not "no".
    if (s >= 400 && s < 500 && s != 408 && s != 429) {
        PortalReply r;
        r.kind = PortalReply::Kind::Refused;
        r.httpStatus = s;
        r.message = statusText + ": " + errorText(a.exchange.reply);
        return r;
    }
    return retry(s, where + statusText + ": " + errorText(a.exchange.reply));
}

}  // namespace

PortalReply postRequest(const PortalPost& post) {
    initCurlOnce();
    std::string url = endpoint(post.portalUrl);
    if (post.portalUrl.empty()) return retry(0, "no portal URL");
    return classify(postOnce(post, url), url);
}

}  // namespace gongkai::sync
