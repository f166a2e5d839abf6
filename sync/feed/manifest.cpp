// Sections: [1] UTC times  [2] writing and signing  [3] reading the shape
//           [4] verifying signatures
#include "feed/manifest.h"

#include <cstdio>
#include <ctime>
#include <set>
#include <utility>

#include "core/record.h"

namespace gongkai::feed {

using nlohmann::json;

// [1] UTC times
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool digitsAt(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

std::string formatUtc(std::int64_t epochSeconds) {
    std::time_t t = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::optional<std::int64_t> parseUtc(std::string_view s) {
    // Exactly "YYYY-MM-DDTHH:MM:SSZ".
    if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != 'Z')
        return std::nullopt;
    int y, mo, d, h, mi, se;
    if (!digitsAt(s, 0, 4, y) || !digitsAt(s, 5, 2, mo) || !digitsAt(s, 8, 2, d) || !digitsAt(s, 11, 2, h) ||
        !digitsAt(s, 14, 2, mi) || !digitsAt(s, 17, 2, se))
        return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return std::nullopt;
    if (d > kDays[mo - 1] + (mo == 2 && isLeap(y) ? 1 : 0)) return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
           mi * 60 + se;
}

// [2] writing and signing
namespace {

json fileRefJson(const FileRef& f) { return {{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}}; }

}  // namespace

json signedPart(const Manifest& m) {
    json deltas = json::array();
    for (const auto& d : m.deltas) {
        json j = fileRefJson(d.file);
        j["from"] = d.from;
        j["to"] = d.to;
        deltas.push_back(std::move(j));
    }
    return {{"format", m.format},
            {"feed_id", m.feedId},
            {"version", m.version},
            {"created", m.created},
            {"expires", m.expires},
            {"min_reader", m.minReader},
            {"records", m.records},
            {"state_digest", m.stateDigest},
            {"shrink", m.shrink},
            {"snapshot", fileRefJson(m.snapshot)},
            {"deltas", std::move(deltas)},
            {"blobs", {{"count", m.blobs.count}, {"bytes", m.blobs.bytes}, {"max_size", m.blobs.maxSize}}}};
}

std::string signManifest(const Manifest& manifest, const std::vector<SecretKey>& keys) {
    json part = signedPart(manifest);
    const std::string message = canonicalJson(part);
    json sigs = json::array();
    for (const auto& key : keys)
        sigs.push_back({{"keyid", key.publicKey().id()}, {"sig", signDetached(key, message)}});
    json whole = {{"signed", std::move(part)}, {"signatures", std::move(sigs)}};
    // Indented for people reading it; the signature covers the canonical form.
    return whole.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
}

// [3] reading the shape: every check throws a ShapeError naming the field;
// parseSigned turns it into an error value (it never leaves this file).
namespace {

constexpr std::size_t kMaxManifestBytes = 4u * 1024 * 1024;
constexpr int kMaxDepth = 16;

struct ShapeError {
    std::string message;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw ShapeError{where + ": " + what}; }

const json& member(const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end()) fail(where, std::string("missing field \"") + key + "\"");
    return *it;
}

std::string str(const json& obj, const char* key, const std::string& where) {
    const json& v = member(obj, key, where);
    if (!v.is_string()) fail(where + "." + key, std::string("expected a string, got ") + v.type_name());
    return v.get<std::string>();
}

std::uint64_t uns(const json& obj, const char* key, const std::string& where) {
    const json& v = member(obj, key, where);
    // Non-negative integers parse as unsigned; "-1", "1.0" and "1e3" do not.
    if (!v.is_number_unsigned())
        fail(where + "." + key, "expected a non-negative integer, got " + v.dump());
    return v.get<std::uint64_t>();
}

std::int64_t positive(const json& obj, const char* key, const std::string& where) {
    std::uint64_t v = uns(obj, key, where);
    if (v < 1 || v > static_cast<std::uint64_t>(INT64_MAX))
        fail(where + "." + key, "expected an integer >= 1, got " + std::to_string(v));
    return static_cast<std::int64_t>(v);
}

bool isLowerHex(std::string_view s, std::size_t n) {
    if (s.size() != n) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

void checkPath(const std::string& path, const std::string& where) {
    if (path.empty()) fail(where, "empty path");
    if (path.front() == '/') fail(where, "\"" + path + "\" is an absolute path");
    if (path.find('\\') != std::string::npos) fail(where, "\"" + path + "\" contains a backslash");
    if (path.find("..") != std::string::npos) fail(where, "\"" + path + "\" contains \"..\"");
    if (path.find("//") != std::string::npos || path.back() == '/') fail(where, "\"" + path + "\" has an empty segment");
    if (path == "." || path.rfind("./", 0) == 0 || path.find("/./") != std::string::npos)
        fail(where, "\"" + path + "\" has a \".\" segment");
    for (unsigned char c : path)
        if (c < 0x20 || c == 0x7f) fail(where, "\"" + path + "\" contains a control character");
}

FileRef fileRef(const json& obj, const std::string& where) {
    if (!obj.is_object()) fail(where, std::string("expected an object, got ") + obj.type_name());
    FileRef f;
    f.path = str(obj, "path", where);
    checkPath(f.path, where + ".path");
    f.size = uns(obj, "size", where);
    f.sha256 = str(obj, "sha256", where);
    if (!isLowerHex(f.sha256, 64)) fail(where + ".sha256", "expected 64 lowercase hex digits, got \"" + f.sha256 + "\"");
    return f;
}

void noFloats(const json& v, const std::string& where) {
    if (v.is_number_float()) fail(where, "numbers must be integers, got " + v.dump());
    if (v.is_structured())
        for (const auto& child : v) noFloats(child, where);
}

std::string utc(const json& obj, const char* key, const std::string& where) {
    std::string s = str(obj, key, where);
    if (!parseUtc(s)) fail(where + "." + key, "expected a time as YYYY-MM-DDTHH:MM:SSZ, got \"" + s + "\"");
    return s;
}

std::vector<DeltaRef> deltaList(const json& obj, std::int64_t version) {
    const json& arr = member(obj, "deltas", "signed");
    if (!arr.is_array()) fail("signed.deltas", std::string("expected an array, got ") + arr.type_name());
    std::vector<DeltaRef> out;
    std::set<std::pair<std::int64_t, std::int64_t>> seen;
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::string where = "signed.deltas[" + std::to_string(i) + "]";
        DeltaRef d;
        d.file = fileRef(arr[i], where);
        d.from = positive(arr[i], "from", where);
        d.to = positive(arr[i], "to", where);
        if (d.to != version)
            fail(where, "goes to version " + std::to_string(d.to) + ", not to this manifest's " + std::to_string(version));
        if (d.from >= d.to) fail(where, "from " + std::to_string(d.from) + " is not below to " + std::to_string(d.to));
        if (!seen.insert({d.from, d.to}).second)
            fail(where, "a second delta " + std::to_string(d.from) + "-" + std::to_string(d.to));
        out.push_back(std::move(d));
    }
    return out;
}

Manifest readSigned(const json& s) {
    if (!s.is_object()) fail("signed", std::string("expected an object, got ") + s.type_name());
    noFloats(s, "signed");
    Manifest m;
    m.format = str(s, "format", "signed");
    if (m.format != kFeedFormat)
        fail("signed.format", "expected \"" + std::string(kFeedFormat) + "\", got \"" + m.format + "\"");
    m.feedId = str(s, "feed_id", "signed");
    if (m.feedId.empty()) fail("signed.feed_id", "empty");
    m.version = positive(s, "version", "signed");
    m.created = utc(s, "created", "signed");
    m.expires = utc(s, "expires", "signed");
    m.minReader = positive(s, "min_reader", "signed");
    m.records = uns(s, "records", "signed");
    m.stateDigest = str(s, "state_digest", "signed");
    if (!isLowerHex(m.stateDigest, 64)) fail("signed.state_digest", "expected 64 lowercase hex digits");
    if (auto it = s.find("shrink"); it != s.end()) {
        if (!it->is_boolean()) fail("signed.shrink", std::string("expected true or false, got ") + it->dump());
        m.shrink = it->get<bool>();
    }
    m.snapshot = fileRef(member(s, "snapshot", "signed"), "signed.snapshot");
    m.deltas = deltaList(s, m.version);
    const json& b = member(s, "blobs", "signed");
    if (!b.is_object()) fail("signed.blobs", std::string("expected an object, got ") + b.type_name());
    m.blobs = {uns(b, "count", "signed.blobs"), uns(b, "bytes", "signed.blobs"), uns(b, "max_size", "signed.blobs")};
    return m;
}

// Bounds the nesting before parsing: the manifest arrives before anything
// about it is trusted, and a parser recursing on [[[[... must not overflow.
bool nestingWithin(std::string_view text, int limit) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') inString = true;
        else if (c == '{' || c == '[') {
            if (++depth > limit) return false;
        } else if (c == '}' || c == ']') --depth;
    }
    return true;
}

Result<json> parseJson(std::string_view bytes) {
    if (bytes.size() > kMaxManifestBytes) return Error{"manifest: larger than 4 MiB"};
    if (!nestingWithin(bytes, kMaxDepth)) return Error{"manifest: JSON nested too deeply"};
    json doc = json::parse(bytes, nullptr, false);
    if (doc.is_discarded()) return Error{"manifest: not valid JSON"};
    if (!doc.is_object()) return Error{"manifest: expected a JSON object"};
    return doc;
}

Result<Manifest> readManifest(const json& doc) {
    try {
        return readSigned(member(doc, "signed", "manifest"));
    } catch (const ShapeError& e) {
        return Error{"manifest: " + e.message};
    }
}

}  // namespace

Result<Manifest> parseManifestUnverified(std::string_view bytes) {
    auto doc = parseJson(bytes);
    if (!doc) return doc.error();
    return readManifest(doc.value());
}

// [4] verifying signatures
namespace {

ManifestError problem(ManifestProblem p, std::string message) { return ManifestError{p, std::move(message)}; }

}  // namespace

std::variant<VerifiedManifest, ManifestError> verifyManifest(std::string_view bytes,
                                                             const std::vector<PublicKey>& trusted) {
    auto doc = parseJson(bytes);
    if (!doc) return problem(ManifestProblem::Malformed, doc.error().message);
    auto manifest = readManifest(doc.value());
    if (!manifest) return problem(ManifestProblem::Malformed, manifest.error().message);
    const json& whole = doc.value();
    auto sigs = whole.find("signatures");
    if (sigs == whole.end() || (sigs->is_array() && sigs->empty()))
        return problem(ManifestProblem::Unsigned, "manifest: not signed (no signatures)");
    if (!sigs->is_array()) return problem(ManifestProblem::Malformed, "manifest: signatures: expected an array");

    const std::string message = canonicalJson(whole.at("signed"));
    VerifiedManifest out{std::move(manifest.value()), {}};
    std::vector<std::string> seen, failed;
    for (std::size_t i = 0; i < sigs->size(); ++i) {
        const json& s = (*sigs)[i];
        auto keyid = s.is_object() ? s.find("keyid") : s.end();
        auto sig = s.is_object() ? s.find("sig") : s.end();
        if (!s.is_object() || keyid == s.end() || sig == s.end() || !keyid->is_string() || !sig->is_string())
            return problem(ManifestProblem::Malformed,
                           "manifest: signatures[" + std::to_string(i) + "]: expected {\"keyid\": ..., \"sig\": ...}");
        const std::string id = keyid->get<std::string>();
        seen.push_back(id);
        for (const auto& key : trusted) {
            if (key.id() != id) continue;
            if (verifyDetached(key, message, sig->get<std::string>())) out.keyIds.push_back(id);
            else failed.push_back(id);
        }
    }
    if (!failed.empty())
        return problem(ManifestProblem::BadSignature,
                       "manifest: the signature of trusted key " + failed.front() + " does not verify");
    if (out.keyIds.empty()) {
        std::string ids;
        for (const auto& id : seen) ids += (ids.empty() ? "" : ", ") + id;
        return problem(ManifestProblem::UnknownKey, "manifest: signed only by keys that are not trusted (" + ids + ")");
    }
    return out;
}

}  // namespace gongkai::feed
