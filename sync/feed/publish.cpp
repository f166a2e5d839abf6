// Sections: [1] options, lock and the previous version  [2] the publisher's
//           steps, in the order of publish.h  [3] publishFeed
//
// Everything is built in DIR/.publish-staging (same file system, so a rename
// moves it into place) and nothing outside it changes until the record set
// is known to be good, new and not a refused shrink. Then: blobs, deltas,
// snapshot, manifest, each renamed in; then older files are pruned.
#include "feed/publish.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "feed/publish_blobs.h"
#include "feed/publish_io.h"
#include "feed/publish_spool.h"
#include "feed/publish_write.h"

namespace gongkai::feed {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr const char* kStaging = ".publish-staging";

std::string snapshotName(std::int64_t v) { return "snapshots/" + std::to_string(v) + ".ndjson.zst"; }
std::string deltaName(std::int64_t a, std::int64_t v) {
    return "deltas/" + std::to_string(a) + "-" + std::to_string(v) + ".ndjson.zst";
}

// [1] options, lock and the previous version
Status checkOptions(const PublishOptions& o) {
    if (o.records.empty()) return Error{"no record files given"};
    if (o.feedDir.empty()) return Error{"no feed directory given"};
    if (o.keys.empty()) return Error{"no signing key given"};
    if (o.feedId.empty()) return Error{"no feed id given"};
    if (o.expiresDays < 1) return Error{"expiry must be at least one day"};
    if (o.keepDeltas < 0) return Error{"the number of deltas to keep cannot be negative"};
    return okStatus();
}

Result<std::optional<Manifest>> loadPrevious(const PublishOptions& o) {
    const std::string path = o.feedDir + "/manifest.json";
    std::error_code ec;
    if (!fs::exists(path, ec)) return std::optional<Manifest>{};
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Error{path + ": cannot read it"};
    std::vector<PublicKey> trusted;
    for (const auto& k : o.keys) trusted.push_back(k.publicKey());
    auto verified = verifyManifest(text.str(), trusted);
    if (auto* e = std::get_if<ManifestError>(&verified))
        return Error{path + ": " + e->message + "; refusing to publish over a manifest this key cannot verify"};
    Manifest m = std::get<VerifiedManifest>(verified).manifest;
    if (m.feedId != o.feedId)
        return Error{path + ": this directory holds feed \"" + m.feedId + "\", not \"" + o.feedId + "\""};
    return std::optional<Manifest>(std::move(m));
}

// [2] the publisher's steps
class Publisher {
public:
    explicit Publisher(const PublishOptions& o) : m_o(o), m_dir(o.feedDir), m_staging(o.feedDir + "/" + kStaging) {}
    ~Publisher();
    Result<PublishResult> run();
    void abandon() { m_failed = true; }

private:
    Status prepare();
    Status buildDeltas();
    Status checkShrink();
    Status moveIntoPlace();
    Result<Manifest> writeManifest();
    void prune(const Manifest& m);

    struct PendingDelta {
        DeltaRef ref;
        std::string temp;
    };
    const PublishOptions& m_o;
    std::string m_dir, m_staging;
    bool m_createdDir = false, m_failed = false, m_shrink = false;
    int m_lockFd = -1;
    std::optional<Manifest> m_prev;
    std::int64_t m_version = 1;
    std::vector<BlobSource> m_blobs;
    std::unique_ptr<RecordSpool> m_spool;
    SnapshotOutcome m_snapshot;
    std::vector<PendingDelta> m_deltas;
    std::optional<DeltaOutcome> m_fromPrevious;  // the delta from version - 1
};

Publisher::~Publisher() {
    std::error_code ec;
    m_spool.reset();  // closes and removes the spool before its directory goes
    if (m_lockFd >= 0) fs::remove_all(m_staging, ec);
    if (m_failed && m_createdDir) fs::remove_all(m_dir, ec);  // nothing was there before
    if (m_lockFd >= 0) ::close(m_lockFd);                      // releases the lock
}

Status Publisher::prepare() {
    std::error_code ec;
    if (!fs::exists(m_dir, ec)) {
        if (auto s = makeDirectories(m_dir); !s) return s;
        m_createdDir = true;
    }
    m_lockFd = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_lockFd < 0) return Error{m_dir + ": cannot open the feed directory"};
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0)
        return Error{m_dir + ": another gongkai publish is working on this feed"};
    auto prev = loadPrevious(m_o);
    if (!prev) return prev.error();
    m_prev = std::move(prev.value());
    m_version = m_prev ? m_prev->version + 1 : 1;
    fs::remove_all(m_staging, ec);  // left by a publish that was killed
    return makeDirectories(m_staging);
}

Status Publisher::buildDeltas() {
    const std::int64_t oldest = std::max<std::int64_t>(1, m_version - m_o.keepDeltas);
    for (std::int64_t a = m_version - 1; a >= oldest; --a) {
        const std::string base = m_dir + "/" + snapshotName(a);
        std::error_code ec;
        if (!fs::exists(base, ec)) continue;  // pruned or never kept: no delta from it
        if (a == m_version - 1 && m_prev->snapshot.path == snapshotName(a)) {
            auto ref = hashFile(base);
            if (!ref) return ref.error();
            if (ref.value().sha256 != m_prev->snapshot.sha256)
                return Error{base + ": does not match manifest.json (damaged?); remove it to publish without "
                                    "a delta from version " + std::to_string(a)};
        }
        const std::string temp = m_staging + "/delta-" + std::to_string(a);
        auto delta = writeDelta(base, *m_spool, temp);
        if (!delta) return delta.error();
        if (a == m_version - 1) m_fromPrevious = delta.value();
        if (delta.value().lines == 0) continue;  // same records as `a` (a revert): no file
        FileRef file = delta.value().file;
        file.path = deltaName(a, m_version);
        m_deltas.push_back({DeltaRef{a, m_version, file}, temp});
    }
    return okStatus();
}

Status Publisher::checkShrink() {
    if (!m_prev) return okStatus();
    const std::uint64_t before = m_prev->records;
    std::uint64_t removed = m_fromPrevious ? m_fromPrevious->deletes
                                           : (before > m_snapshot.records ? before - m_snapshot.records : 0);
    if (removed * 2 <= before) return okStatus();
    if (!m_o.allowShrink)
        return Error{"version " + std::to_string(m_version) + " would remove " + std::to_string(removed) + " of " +
                     std::to_string(before) + " records (more than half); nothing was published. "
                     "If that is intended, publish again allowing the shrink (--allow-shrink)"};
    m_shrink = true;
    return okStatus();
}

Status Publisher::moveIntoPlace() {
    if (auto n = installBlobs(m_blobs, m_dir, m_staging); !n) return n.error();
    if (!m_deltas.empty())
        if (auto s = makeDirectories(m_dir + "/deltas"); !s) return s;
    for (const auto& d : m_deltas)
        if (auto s = renameDurably(d.temp, m_dir + "/" + d.ref.file.path); !s) return s;
    if (auto s = makeDirectories(m_dir + "/snapshots"); !s) return s;
    return renameDurably(m_staging + "/snapshot", m_dir + "/" + m_snapshot.file.path);
}

Result<Manifest> Publisher::writeManifest() {
    const std::int64_t now = m_o.now ? *m_o.now : static_cast<std::int64_t>(std::time(nullptr));
    Manifest m;
    m.feedId = m_o.feedId;
    m.version = m_version;
    m.created = formatUtc(now);
    m.expires = formatUtc(now + std::int64_t{m_o.expiresDays} * 86400);
    m.minReader = 1;
    m.records = m_snapshot.records;
    m.stateDigest = m_snapshot.digest.hex();
    m.shrink = m_shrink;
    m.snapshot = m_snapshot.file;
    for (const auto& d : m_deltas) m.deltas.push_back(d.ref);
    auto blobs = summarizeBlobs(m_dir);
    if (!blobs) return blobs.error();
    m.blobs = blobs.value();
    const std::string temp = m_staging + "/manifest.json";
    if (auto s = writeWholeFile(temp, signManifest(m, m_o.keys)); !s) return s.error();
    if (auto s = renameDurably(temp, m_dir + "/manifest.json"); !s) return s.error();
    return m;
}

// After the new manifest is in place: snapshots no longer needed as a delta
// base, and deltas the manifest does not list. Best effort: a file that
// cannot be removed now is removed by the next publish.
void Publisher::prune(const Manifest& m) {
    static const std::regex kSnapshot(R"((\d{1,18})\.ndjson\.zst)"), kDelta(R"(\d{1,18}-\d{1,18}\.ndjson\.zst)");
    std::set<std::string> listed;
    for (const auto& d : m.deltas) listed.insert(d.file.path);
    std::error_code ec;
    for (const char* sub : {"snapshots", "deltas"}) {
        std::vector<fs::path> doomed;
        for (fs::directory_iterator it(m_dir + "/" + sub, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::smatch match;
            if (std::string(sub) == "snapshots" && std::regex_match(name, match, kSnapshot)) {
                std::int64_t v = std::stoll(match[1].str());
                if (v > m.version || v <= m.version - std::max(1, m_o.keepDeltas)) doomed.push_back(it->path());
            } else if (std::string(sub) == "deltas" && std::regex_match(name, kDelta) &&
                       !listed.count(std::string("deltas/") + name)) {
                doomed.push_back(it->path());
            }
        }
        for (const auto& p : doomed) fs::remove(p, ec);
        ec.clear();
    }
}

Result<PublishResult> Publisher::run() {
    if (auto s = prepare(); !s) return s.error();
    if (!m_o.blobsDir.empty()) {
        auto blobs = scanBlobSources(m_o.blobsDir);
        if (!blobs) return blobs.error();
        m_blobs = std::move(blobs.value());
    }
    auto spool = RecordSpool::build(m_o.records, m_staging + "/records.spool");
    if (!spool) return spool.error();
    m_spool = std::move(spool.value());
    auto snapshot = writeSnapshot(*m_spool, m_staging + "/snapshot");
    if (!snapshot) return snapshot.error();
    m_snapshot = snapshot.value();
    m_snapshot.file.path = snapshotName(m_version);
    if (m_prev && m_snapshot.digest.hex() == m_prev->stateDigest) return PublishResult{false, *m_prev, 0, {}};
    if (auto s = buildDeltas(); !s) return s.error();
    if (auto s = checkShrink(); !s) return s.error();
    if (auto s = moveIntoPlace(); !s) return s.error();
    auto manifest = writeManifest();
    if (!manifest) return manifest.error();
    prune(manifest.value());
    PublishResult out{true, manifest.value(), m_snapshot.file.size, {}};
    for (const auto& d : m_deltas) out.deltaBytes.push_back(d.ref.file.size);
    return out;
}

}  // namespace

// [3] publishFeed
Result<PublishResult> publishFeed(const PublishOptions& options) {
    if (auto s = checkOptions(options); !s) return s.error();
    Publisher publisher(options);
    auto result = publisher.run();
    if (!result) publisher.abandon();
    return result;
}

}  // namespace gongkai::feed
