// One sync attempt. Sections: [1] opening the mirror (and deciding on a
// rebuild), [2] applying (in place, or rebuilt into a new file and swapped
// in), [3] one source, [4] the attempt over all sources.
#include "client/updater.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <system_error>

#include "client/blobs.h"
#include "client/judge.h"
#include "client/status_file.h"

namespace fs = std::filesystem;

namespace gongkai::sync {

namespace {

std::string dirOf(const std::string& path) {
    auto parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

std::string kb(std::uint64_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KiB"; }

// [1] A mirror that cannot be opened or fails quick_check is rebuilt, except
// when opening refused on purpose (a newer schema, not a Gongkai database):
// rebuilding those would destroy what a newer program or someone else wrote.
struct OpenedMirror {
    std::unique_ptr<Mirror> mirror;
    bool rebuild = false;
    std::string problem;
};

bool deliberateRefusal(const std::string& message) {
    for (const char* why : {"newer than this program", "not a Gongkai mirror", "is a directory", "does not exist"})
        if (message.find(why) != std::string::npos) return true;
    return false;
}

OpenedMirror openMirror(const std::string& path) {
    auto opened = Mirror::open(path, Mirror::Mode::Create);
    if (!opened) return {nullptr, !deliberateRefusal(opened.error().message), opened.error().message};
    if (auto q = quickCheck(*opened.value()); !q) return {nullptr, true, path + ": " + q.error().message};
    return {std::move(opened.value()), false, ""};
}

// [2] Rebuild: a fresh file beside the old one, filled from the snapshot,
// closed (checkpointed), then renamed over it. The old WAL and shared-memory
// files go first: a stale WAL must never be replayed into the new file.
Result<FeedApplyStats> rebuildMirror(const std::string& path, const FeedApply& request) {
    std::string fresh = path + ".rebuild";
    std::error_code ec;
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(fresh + ext, ec);
    Result<FeedApplyStats> stats = Error{""};
    {
        auto m = Mirror::open(fresh, Mirror::Mode::Create);
        if (!m) return m.error();
        stats = applyFeed(*m.value(), request);
    }
    if (!stats) {
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(fresh + ext, ec);
        return stats;
    }
    for (const char* ext : {"-wal", "-shm"}) fs::remove(path + ext, ec);
    fs::rename(fresh, path, ec);
    if (ec) return Error{"cannot move the rebuilt mirror into place: " + ec.message()};
    return stats;
}

SyncFailure applyFailure(const std::string& message, bool stopping) {
    if (stopping) return {SyncFailure::Kind::Local, "interrupted by shutdown; the mirror is unchanged"};
    if (message.find("disk is full") != std::string::npos || message.find("cannot start a transaction") == 0 ||
        message.find("could not commit") != std::string::npos)
        return {SyncFailure::Kind::Local, message};
    return {SyncFailure::Kind::Rejected, message};  // bad records, digest mismatch, shrink
}

// [3] One source.
class SourceAttempt {
public:
    SourceAttempt(const SyncOptions& o, SyncLog& l, Staging& s, OpenedMirror& m, SyncReport& r)
        : m_opt(o), m_log(l), m_staging(s), m_mirror(m), m_report(r) {}

    std::optional<SyncFailure> run(const std::string& url);

private:
    std::optional<SyncFailure> apply(net::Source& src, const feed::Manifest& m, const Judgement& j,
                                     bool snapshotOnly);
    std::optional<SyncFailure> upToDate(net::Source& src, const feed::Manifest& m, const Judgement& j);
    bool stopping() const { return m_opt.stop && m_opt.stop->load(); }

    const SyncOptions& m_opt;
    SyncLog& m_log;
    Staging& m_staging;
    OpenedMirror& m_mirror;
    SyncReport& m_report;
};

std::optional<SyncFailure> SourceAttempt::run(const std::string& url) {
    auto opened = net::openSource(url, m_opt.limits);
    if (!opened) return SyncFailure{SyncFailure::Kind::Unreachable, opened.error().message};
    net::Source& src = *opened.value();
    bool notModified = false;
    auto body = m_staging.fetchManifest(src, m_opt.maxManifestBytes, notModified);
    if (auto* f = std::get_if<SyncFailure>(&body)) return *f;
    auto verified = feed::verifyManifest(std::get<std::string>(body), m_opt.trusted);
    if (auto* e = std::get_if<feed::ManifestError>(&verified)) {
        m_staging.forgetManifest(src);
        return SyncFailure{SyncFailure::Kind::Rejected, url + "/manifest.json: " + e->message};
    }
    const feed::Manifest& m = std::get<feed::VerifiedManifest>(verified).manifest;
    SyncState state = m_mirror.mirror ? m_mirror.mirror->syncState() : SyncState{};
    std::int64_t clockNow = m_opt.clock ? m_opt.clock() : static_cast<std::int64_t>(std::time(nullptr));
    Judgement j = judgeManifest(m, state, m_opt.feedId, clockNow);
    m_report.source = url;
    m_report.fromVersion = state.feedId == m_opt.feedId ? state.version : 0;
    if (j.kind == Judgement::Kind::Reject) {
        m_staging.forgetManifest(src);
        return SyncFailure{SyncFailure::Kind::Rejected, url + ": " + j.reason};
    }
    if (j.kind == Judgement::Kind::UpToDate && !m_mirror.rebuild) return upToDate(src, m, j);
    auto failure = apply(src, m, j, false);
    if (failure && failure->kind == SyncFailure::Kind::Rejected && m_report.viaDeltas && !stopping()) {
        m_log.event("the delta chain did not give version " + std::to_string(m.version) + " (" + failure->message +
                  "); trying the snapshot");
        failure = apply(src, m, j, true);
    }
    if (!failure) m_staging.keepManifest(src);
    return failure;
}

std::optional<SyncFailure> SourceAttempt::upToDate(net::Source& src, const feed::Manifest& m, const Judgement& j) {
    SyncAttempt a{feed::formatUtc(j.now), "", true, j.stale ? 1 : 0, ""};
    if (auto s = recordSyncAttempt(*m_mirror.mirror, a); !s) return SyncFailure{SyncFailure::Kind::Local, s.error().message};
    m_staging.keepManifest(src);
    m_report.outcome = SyncReport::Outcome::UpToDate;
    m_report.toVersion = m.version;
    m_report.stale = j.stale;
    m_report.message = "up to date at version " + std::to_string(m.version) + " from " + src.url() +
                     (j.stale ? " (the feed has expired: data marked stale)" : "");
    return std::nullopt;
}

std::optional<SyncFailure> SourceAttempt::apply(net::Source& src, const feed::Manifest& m, const Judgement& j,
                                                bool snapshotOnly) {
    bool digestKnown = m_mirror.mirror && m_mirror.mirror->stateDigest().hex() == m_mirror.mirror->syncState().stateDigest;
    std::int64_t from = m_mirror.rebuild || snapshotOnly || m_opt.preferSnapshot || !digestKnown ? 0 : m_report.fromVersion;
    FetchPlan plan = planFetch(m, from);
    m_report.viaDeltas = !plan.snapshot;
    std::vector<feed::FileRef> files;
    if (plan.snapshot) files.push_back(m.snapshot);
    for (const auto& d : plan.chain) files.push_back(d.file);
    m_log.event("fetching " + std::string(plan.snapshot ? "the snapshot" : std::to_string(plan.chain.size()) + " delta(s)") +
              " of version " + std::to_string(m.version) + " (" + kb(plan.bytes) + ") from " + src.url());
    FeedApply request;
    request.kind = plan.snapshot ? FeedApply::Kind::Snapshot : FeedApply::Kind::Deltas;
    for (const auto& f : files) {
        auto staged = m_staging.fetchSigned(src, f, [&](std::uint64_t done, std::uint64_t total) {
            m_log.progress("download " + f.path, done, total);
            return !stopping();
        }, m_report.downloaded);
        m_log.endProgress();
        if (auto* failure = std::get_if<SyncFailure>(&staged)) return *failure;
        request.files.push_back(std::get<std::string>(staged));
    }
    auto expected = StateDigest::fromHex(m.stateDigest);
    if (!expected) return SyncFailure{SyncFailure::Kind::Rejected, "malformed manifest: bad state_digest"};
    request.expected = *expected;
    // The shrink guard protects a mirror that follows this feed from a portal
    // that loses half its records. A mirror that never synced from it (demo
    // data, another county's feed) or is being rebuilt is meant to be replaced.
    bool followsFeed = m_mirror.mirror && m_mirror.mirror->syncState().feedId == m.feedId && !m_mirror.rebuild;
    request.allowShrink = m.shrink || !followsFeed;
    std::string at = feed::formatUtc(j.now);
    request.state = SyncState{m.feedId, m.version, m.stateDigest, m.created, m.expires, src.url(), at, at, "", j.stale};
    request.stop = m_opt.stop;
    request.progress = [&](std::uint64_t done, std::uint64_t total) {
        m_log.progress("apply version " + std::to_string(m.version), done, total);
        return !stopping();
    };
    auto started = std::chrono::steady_clock::now();
    auto applied = m_mirror.rebuild ? rebuildMirror(m_opt.dbPath, request) : applyFeed(*m_mirror.mirror, request);
    m_log.endProgress();
    m_report.applySeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!applied) return applyFailure(applied.error().message, stopping());
    if (m_mirror.rebuild) {
        m_report.repaired = true;
        m_mirror = openMirror(m_opt.dbPath);
    }
    m_report.stats = applied.value();
    m_report.outcome = SyncReport::Outcome::Updated;
    m_report.toVersion = m.version;
    m_report.stale = j.stale;
    const auto& st = m_report.stats.apply;
    m_report.message = "applied version " + std::to_string(m.version) + " from " + src.url() + " by " +
                     (plan.snapshot ? "snapshot" : "deltas") + ": " + std::to_string(st.upserts) + " upserts, " +
                     std::to_string(st.deletes) + " deletes, " + std::to_string(m_report.stats.recordsAfter) +
                     " records" + (j.stale ? " (the feed has expired: data marked stale)" : "");
    if (!m_opt.blobsDir.empty() && m_mirror.mirror) {
        auto refs = referencedBlobs(*m_mirror.mirror);
        if (refs) {
            auto round = syncBlobs(src, m_staging, m_opt.blobsDir, refs.value(), m.blobs.maxSize, m_log);
            m_report.blobsFetched = round.fetched;
            m_report.blobsFailed = round.failed;
            m_report.blobsRemoved = round.removed;
            m_report.downloaded += round.transferred;
        }
    }
    return std::nullopt;
}

}  // namespace

Status validateOptions(const SyncOptions& o) {
    if (o.sources.empty()) return Error{"no feed source: give --source URL or [sync] sources"};
    if (o.trusted.empty()) return Error{"no trusted key: give --trust FILE or [sync] trusted_keys (an unsigned feed is never accepted)"};
    if (o.trusted.size() > 2) return Error{"at most two trusted keys (the current one and the next, for rotation)"};
    if (o.feedId.empty()) return Error{"no feed id: give --feed-id ID or [sync] feed_id"};
    if (o.dbPath.empty()) return Error{"no mirror path: give --db PATH or [mirror] db"};
    return okStatus();
}

// [4]
SyncReport syncOnce(const SyncOptions& opt, SyncLog& log) {
    SyncReport report;
    std::string dir = dirOf(opt.dbPath);
    Staging staging(opt.stagingDir.empty() ? dir + "/staging" : opt.stagingDir);
    std::string statusPath = opt.statusFile.empty() ? dir + "/sync-status.json" : opt.statusFile;
    std::int64_t started = opt.clock ? opt.clock() : static_cast<std::int64_t>(std::time(nullptr));
    OpenedMirror mirror = openMirror(opt.dbPath);
    std::vector<SyncFailure> failures;
    if (!mirror.mirror && !mirror.rebuild) failures.push_back({SyncFailure::Kind::Local, mirror.problem});
    else if (auto s = staging.prepare(); !s) failures.push_back({SyncFailure::Kind::Local, s.error().message});
    else {
        if (mirror.rebuild) log.event("the mirror will be rebuilt from the snapshot: " + mirror.problem);
        for (const auto& url : opt.sources) {
            SourceAttempt attempt(opt, log, staging, mirror, report);
            auto failure = attempt.run(url);
            if (!failure) break;
            log.event((failure->kind == SyncFailure::Kind::Rejected ? "rejected: " : "failed: ") + failure->message);
            failures.push_back(*failure);
            if (opt.stop && opt.stop->load()) break;
        }
        staging.cleanup();
    }
    if (report.ok()) {
        log.event(report.message);
    } else {
        report.outcome = SyncReport::Outcome::Unreachable;
        for (const auto& f : failures) {
            if (f.kind == SyncFailure::Kind::Rejected) report.outcome = SyncReport::Outcome::Rejected;
            if (f.kind == SyncFailure::Kind::Local && report.outcome != SyncReport::Outcome::Rejected)
                report.outcome = SyncReport::Outcome::Local;
        }
        report.message.clear();
        for (const auto& f : failures) report.message += (report.message.empty() ? "" : "; ") + f.message;
        if (mirror.mirror) {
            SyncAttempt a{feed::formatUtc(started), report.message, false, -1, ""};
            if (auto s = recordSyncAttempt(*mirror.mirror, a); !s) log.event(s.error().message);
        }
    }
    if (auto s = writeStatusFile(statusPath, feed::formatUtc(started), report.ok(), report.ok() ? "" : report.message); !s)
        log.event(s.error().message);
    return report;
}

int exitCodeFor(const SyncReport& r) {
    switch (r.outcome) {
        case SyncReport::Outcome::UpToDate:
        case SyncReport::Outcome::Updated: return 0;
        case SyncReport::Outcome::Rejected: return 3;
        case SyncReport::Outcome::Unreachable: return 4;
        case SyncReport::Outcome::Local: return 5;
    }
    return 1;
}

}  // namespace gongkai::sync
