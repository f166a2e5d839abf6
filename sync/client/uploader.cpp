// The outbox upload (client/uploader.h). Sections: [1] backoff, [2] one
// entry, [3] a run.
#include "client/uploader.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>
#include <random>

#include "net/portal_client.h"

namespace gongkai::sync {

namespace {

constexpr std::int64_t kFirstDelay = 30;
constexpr std::int64_t kMaxDelay = 3600;

std::int64_t systemNow() { return static_cast<std::int64_t>(std::time(nullptr)); }

double defaultRandom() {
    static thread_local std::mt19937_64 rng(std::random_device{}());
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

// [1]
std::int64_t retryDelaySeconds(int attempts, double random01) {
    int doublings = std::clamp(attempts, 1, 32) - 1;
    double base = std::min<double>(kMaxDelay, static_cast<double>(kFirstDelay) * std::ldexp(1.0, doublings));
    double factor = 0.8 + 0.4 * std::clamp(random01, 0.0, 1.0);
    auto delay = static_cast<std::int64_t>(std::llround(base * factor));
    return std::clamp<std::int64_t>(delay, 1, kMaxDelay);
}

namespace {

// [2] Posts one entry and records what the portal said. A failed mark is a
// local error; the entry stays pending and is posted again next run (the
// portal then answers 200: still one request).
void uploadEntry(const UploadOptions& o, Outbox& outbox, const OutboxEntry& e, UploadReport& r, SyncLog& log) {
    PortalPost post;
    post.portalUrl = o.portalUrl;
    post.body = e.body;
    post.idempotencyKey = e.id;
    post.signatureHeader = e.signature;
    post.connectSeconds = o.connectSeconds;
    post.totalSeconds = o.totalSeconds;
    PortalReply reply = postRequest(post);
    ++r.posted;
    std::int64_t now = o.clock ? o.clock() : systemNow();
    Status marked = okStatus();
    switch (reply.kind) {
    case PortalReply::Kind::Created:
    case PortalReply::Kind::AlreadyThere:
        marked = outbox.markDelivered(e.id, reply.portalId, now);
        ++(reply.kind == PortalReply::Kind::Created ? r.delivered : r.alreadyThere);
        log.event("upload: request " + e.id + " delivered (" + (reply.kind == PortalReply::Kind::Created ? "created" : "already there") +
                  ", portal id " + reply.portalId + ")");
        break;
    case PortalReply::Kind::Refused:
        marked = outbox.markRefused(e.id, reply.message, now);
        ++r.refused;
        log.event("upload: request " + e.id + " refused by the portal: " + reply.message);
        break;
    case PortalReply::Kind::Retry: {
        std::int64_t delay = retryDelaySeconds(e.attempts + 1, o.random ? o.random() : defaultRandom());
        marked = outbox.markRetry(e.id, reply.message, now + delay, now);
        ++r.retrying;
        log.event("upload: request " + e.id + " not delivered, retry in " + std::to_string(delay) + " s: " + reply.message);
        break;
    }
    }
    if (!marked && r.error.empty()) r.error = marked.error().message;
}

// The earliest next attempt among pending entries (they are few: a kiosk's
// requests until the portal has them).
std::optional<std::int64_t> earliestPending(const Outbox& outbox) {
    auto all = outbox.due(std::numeric_limits<std::int64_t>::max(), 100000);
    if (!all || all.value().empty()) return std::nullopt;
    std::int64_t first = all.value().front().nextAttempt;
    for (const auto& e : all.value()) first = std::min(first, e.nextAttempt);
    return first;
}

std::string summary(const UploadReport& r) {
    if (!r.outboxFound) return "upload: no outbox yet (no request made)";
    std::string s = "upload: " + std::to_string(r.posted) + " posted, " + std::to_string(r.delivered + r.alreadyThere) +
                    " delivered, " + std::to_string(r.refused) + " refused, " + std::to_string(r.retrying) +
                    " to retry; outbox: " + std::to_string(r.counts.pending) + " pending, " +
                    std::to_string(r.counts.delivered) + " delivered, " + std::to_string(r.counts.refused) + " refused";
    if (r.abandoned) s += " (stopped)";
    if (!r.error.empty()) s += "; error: " + r.error;
    return s;
}

}  // namespace

// [3]
UploadReport uploadOutbox(const UploadOptions& o, SyncLog& log) {
    UploadReport r;
    std::error_code ec;
    if (o.outboxPath.empty() || !std::filesystem::exists(o.outboxPath, ec)) {
        r.message = summary(r);
        return r;
    }
    r.outboxFound = true;
    auto opened = Outbox::open(o.outboxPath, Outbox::Mode::Existing);
    if (!opened) {
        r.error = opened.error().message;
        r.message = summary(r);
        return r;
    }
    Outbox& outbox = opened.value();
    if (!o.portalUrl.empty()) {
        auto due = outbox.due(o.clock ? o.clock() : systemNow(), o.batchLimit);
        if (!due) r.error = due.error().message;
        else
            for (const auto& e : due.value()) {
                if (o.stop && o.stop->load()) {
                    r.abandoned = true;
                    break;
                }
                uploadEntry(o, outbox, e, r, log);
            }
    }
    if (auto counts = outbox.counts()) r.counts = counts.value();
    else if (r.error.empty()) r.error = counts.error().message;
    r.nextDue = earliestPending(outbox);
    r.message = summary(r);
    return r;
}

}  // namespace gongkai::sync
