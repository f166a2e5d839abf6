// Staging: [1] failures from fetch outcomes, [2] signed files, [3] the
// manifest and its cache, [4] cleanup.
#include "client/staging.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "core/digest.h"

namespace fs = std::filesystem;

namespace gongkai::sync {

namespace {

std::optional<std::string> readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// SHA-256 of a file, streamed (a snapshot of a million records is gigabytes).
std::optional<std::string> hashFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto n = in.gcount();
        if (n > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                                             static_cast<unsigned long long>(n));
    }
    if (in.bad()) return std::nullopt;
    Sha256 out{};
    crypto_hash_sha256_final(&state, out.data());
    return toHex(out);
}

bool interrupted(net::FetchProblem p) {
    return p == net::FetchProblem::Truncated || p == net::FetchProblem::Stalled ||
           p == net::FetchProblem::Network;
}

}  // namespace

// [1]
SyncFailure failureFrom(const net::FetchOutcome& o) {
    switch (o.problem) {
        case net::FetchProblem::TooLarge:
            return {SyncFailure::Kind::Rejected, o.message};
        case net::FetchProblem::LocalIo:
            return {SyncFailure::Kind::Local, o.message};
        default:
            return {SyncFailure::Kind::Unreachable, o.message};
    }
}

Staging::Staging(std::string dir) : m_dir(std::move(dir)) {}

Status Staging::prepare() {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec) return Error{"cannot create the staging directory " + m_dir + ": " + ec.message()};
    return okStatus();
}

// [2]
std::variant<std::string, SyncFailure> Staging::fetchSigned(net::Source& source, const feed::FileRef& file,
                                                           const net::FetchProgress& progress,
                                                           std::uint64_t& transferred) {
    std::string dest = m_dir + "/" + file.sha256 + ".part";
    std::error_code ec;
    auto have = fs::exists(dest, ec) ? fs::file_size(dest, ec) : 0;
    if (ec) have = 0;
    if (have == file.size && fileHashIs(dest, file.sha256)) {
        m_keep.erase(dest);
        return dest;  // complete from an earlier attempt
    }
    if (have >= file.size) fs::remove(dest, ec);  // complete but wrong: start again
    auto outcome = source.fetch(file.path, dest, file.size, true, nullptr, progress);
    transferred += outcome.transferred;
    if (!outcome.ok()) {
        if (interrupted(outcome.problem)) m_keep.insert(dest);
        else fs::remove(dest, ec);
        return failureFrom(outcome);
    }
    if (!fileHashIs(dest, file.sha256)) {
        fs::remove(dest, ec);
        return SyncFailure{SyncFailure::Kind::Rejected,
                           source.url() + "/" + file.path + ": SHA-256 differs from the manifest's (tampered or mixed)"};
    }
    m_keep.erase(dest);
    return dest;
}

bool Staging::fileHashIs(const std::string& path, const std::string& hex) { return hashFile(path) == hex; }

// [3]
std::string Staging::manifestBase(const net::Source& source) const {
    return m_dir + "/manifest-" + toHex(sha256(source.url())).substr(0, 16);
}

std::variant<std::string, SyncFailure> Staging::fetchManifest(net::Source& source, std::uint64_t maxBytes,
                                                             bool& notModified) {
    std::string base = manifestBase(source);
    net::Validators cached;
    bool haveCache = false;
    if (auto v = readWhole(base + ".validators"); v && fs::exists(base + ".json")) {
        auto j = nlohmann::json::parse(*v, nullptr, false);
        if (j.is_object()) {
            cached.etag = j.value("etag", "");
            cached.lastModified = j.value("last_modified", "");
            haveCache = !cached.etag.empty() || !cached.lastModified.empty();
        }
    }
    std::string dest = base + ".new";
    std::error_code ec;
    fs::remove(dest, ec);
    auto outcome = source.fetch("manifest.json", dest, maxBytes, false, haveCache ? &cached : nullptr, {});
    if (!outcome.ok()) {
        fs::remove(dest, ec);
        return failureFrom(outcome);
    }
    notModified = outcome.notModified;
    m_pendingValidators = outcome.validators;
    auto body = readWhole(notModified ? base + ".json" : dest);
    if (!body) return SyncFailure{SyncFailure::Kind::Local, "cannot read the staged manifest in " + m_dir};
    return *body;
}

void Staging::keepManifest(const net::Source& source) {
    std::string base = manifestBase(source);
    std::error_code ec;
    if (fs::exists(base + ".new", ec)) fs::rename(base + ".new", base + ".json", ec);
    nlohmann::json v{{"etag", m_pendingValidators.etag}, {"last_modified", m_pendingValidators.lastModified}};
    std::ofstream(base + ".validators", std::ios::trunc) << v.dump();
}

void Staging::forgetManifest(const net::Source& source) {
    std::string base = manifestBase(source);
    std::error_code ec;
    for (const char* ext : {".new", ".json", ".validators"}) fs::remove(base + ext, ec);
}

// [4]
void Staging::cleanup() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_dir, ec)) {
        std::string path = entry.path().string();
        std::string ext = entry.path().extension().string();
        if ((ext == ".part" || ext == ".new" || ext == ".tmp") && !m_keep.count(path)) fs::remove(path, ec);
    }
}

}  // namespace gongkai::sync
