// The signed manifest (sync/feed/manifest.h): signing, verification and
// every class of rejection.
#include <functional>

#include <catch2/catch.hpp>

#include "core/record.h"
#include "feed/manifest.h"

using namespace gongkai;
using namespace gongkai::feed;
using nlohmann::json;

namespace {

const std::string kHexA(64, 'a');
const std::string kHexB = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

Manifest sampleManifest() {
    Manifest m;
    m.feedId = "demo-county";
    m.version = 7;
    m.created = "2026-11-28T09:00:00Z";
    m.expires = "2026-12-28T09:00:00Z";
    m.records = 13478;
    m.stateDigest = kHexB;
    m.snapshot = {"snapshots/7.ndjson.zst", 123456, kHexA};
    m.deltas = {{6, 7, {"deltas/6-7.ndjson.zst", 321, kHexB}}, {5, 7, {"deltas/5-7.ndjson.zst", 654, kHexA}}};
    m.blobs = {3, 3000, 2000};
    return m;
}

// A manifest whose `signed` object is exactly `part`, correctly signed: the
// shape checks must catch what is wrong in it, not the signature.
std::string signRaw(const json& part, const std::vector<SecretKey>& keys) {
    json sigs = json::array();
    for (const auto& k : keys)
        sigs.push_back({{"keyid", k.publicKey().id()}, {"sig", signDetached(k, canonicalJson(part))}});
    return json{{"signed", part}, {"signatures", sigs}}.dump();
}

ManifestProblem problemOf(const std::variant<VerifiedManifest, ManifestError>& v) {
    REQUIRE(std::holds_alternative<ManifestError>(v));
    return std::get<ManifestError>(v).problem;
}

std::string messageOf(const std::variant<VerifiedManifest, ManifestError>& v) {
    REQUIRE(std::holds_alternative<ManifestError>(v));
    return std::get<ManifestError>(v).message;
}

}  // namespace

TEST_CASE("manifest: a signed manifest verifies and reads back field for field", "[manifest]") {
    KeyPair key = generateKeyPair();
    const Manifest m = sampleManifest();
    const std::string text = signManifest(m, {key.secret});
    auto v = verifyManifest(text, {key.pub});
    REQUIRE(std::holds_alternative<VerifiedManifest>(v));
    const auto& got = std::get<VerifiedManifest>(v);
    CHECK(got.keyIds == std::vector<std::string>{key.pub.id()});
    CHECK(signedPart(got.manifest) == signedPart(m));
    CHECK(got.manifest.deltas.size() == 2);
    CHECK(got.manifest.deltas[1].from == 5);
    CHECK(got.manifest.blobs.maxSize == 2000);
    auto unverified = parseManifestUnverified(text);
    REQUIRE(unverified);
    CHECK(signedPart(unverified.value()) == signedPart(m));
    // The signature covers the canonical form, not the layout of the file.
    auto compact = json::parse(text).dump();
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(compact, {key.pub})));
}

TEST_CASE("manifest: malformed manifests are refused as malformed, even when correctly signed", "[manifest]") {
    KeyPair key = generateKeyPair();
    const json good = signedPart(sampleManifest());
    using Mutation = std::function<void(json&)>;
    const std::vector<std::pair<const char*, Mutation>> cases = {
        {"path with ..", [](json& s) { s["snapshot"]["path"] = "snapshots/../../etc/passwd"; }},
        {"absolute path", [](json& s) { s["snapshot"]["path"] = "/etc/passwd"; }},
        {"backslash", [](json& s) { s["deltas"][0]["path"] = "deltas\\6-7.ndjson.zst"; }},
        {"empty path", [](json& s) { s["snapshot"]["path"] = ""; }},
        {"uppercase hex", [](json& s) { s["snapshot"]["sha256"] = std::string(64, 'A'); }},
        {"short hex", [](json& s) { s["deltas"][1]["sha256"] = std::string(63, 'a'); }},
        {"non-hex digest", [](json& s) { s["state_digest"] = std::string(64, 'g'); }},
        {"negative size", [](json& s) { s["snapshot"]["size"] = -3; }},
        {"negative version", [](json& s) { s["version"] = -7; }},
        {"zero version", [](json& s) { s["version"] = 0; }},
        {"fractional version", [](json& s) { s["version"] = 7.5; }},
        {"float count", [](json& s) { s["records"] = 13478.0; }},
        {"version as text", [](json& s) { s["version"] = "7"; }},
        {"float in an unknown field", [](json& s) { s["future"] = {{"ratio", 0.5}}; }},
        {"wrong format", [](json& s) { s["format"] = "gongkai-feed/2"; }},
        {"duplicate delta", [](json& s) { s["deltas"].push_back(s["deltas"][0]); }},
        {"delta to another version", [](json& s) { s["deltas"][0]["to"] = 6; }},
        {"delta from after to", [](json& s) { s["deltas"][0]["from"] = 9; s["deltas"][0]["to"] = 7; }},
        {"missing digest", [](json& s) { s.erase("state_digest"); }},
        {"missing snapshot", [](json& s) { s.erase("snapshot"); }},
        {"bad created time", [](json& s) { s["created"] = "2026-11-28 09:00:00"; }},
        {"impossible date", [](json& s) { s["expires"] = "2026-02-30T00:00:00Z"; }},
        {"shrink as text", [](json& s) { s["shrink"] = "yes"; }},
        {"empty feed id", [](json& s) { s["feed_id"] = ""; }},
        {"deltas not a list", [](json& s) { s["deltas"] = json::object(); }},
    };
    for (const auto& [name, mutate] : cases) {
        INFO(name);
        json part = good;
        mutate(part);
        const std::string text = signRaw(part, {key.secret});
        auto v = verifyManifest(text, {key.pub});
        CHECK(problemOf(v) == ManifestProblem::Malformed);
        CHECK_FALSE(parseManifestUnverified(text));
    }
    // The unmutated object passes through the same path.
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(signRaw(good, {key.secret}), {key.pub})));
}

TEST_CASE("manifest: text that is not a manifest is malformed", "[manifest]") {
    KeyPair key = generateKeyPair();
    for (const std::string& text : {std::string("not json"), std::string("[1,2]"), std::string("{}"),
                                   std::string(R"({"signed": [], "signatures": []})"),
                                   std::string(100000, '[') + std::string(100000, ']'), std::string("")}) {
        INFO(text.substr(0, 40));
        CHECK(problemOf(verifyManifest(text, {key.pub})) == ManifestProblem::Malformed);
    }
    json doc = json::parse(signManifest(sampleManifest(), {key.secret}));
    doc["signatures"][0].erase("sig");
    CHECK(problemOf(verifyManifest(doc.dump(), {key.pub})) == ManifestProblem::Malformed);
    doc["signatures"] = "abc";
    CHECK(problemOf(verifyManifest(doc.dump(), {key.pub})) == ManifestProblem::Malformed);
}

TEST_CASE("manifest: no signatures is unsigned", "[manifest]") {
    KeyPair key = generateKeyPair();
    json doc = json::parse(signManifest(sampleManifest(), {key.secret}));
    doc["signatures"] = json::array();
    CHECK(problemOf(verifyManifest(doc.dump(), {key.pub})) == ManifestProblem::Unsigned);
    doc.erase("signatures");
    auto v = verifyManifest(doc.dump(), {key.pub});
    CHECK(problemOf(v) == ManifestProblem::Unsigned);
    CHECK_THAT(messageOf(v), Catch::Contains("not signed"));
}

TEST_CASE("manifest: a signature by a key that is not trusted is an unknown key", "[manifest]") {
    KeyPair key = generateKeyPair(), stranger = generateKeyPair();
    const std::string text = signManifest(sampleManifest(), {stranger.secret});
    auto v = verifyManifest(text, {key.pub});
    CHECK(problemOf(v) == ManifestProblem::UnknownKey);
    CHECK_THAT(messageOf(v), Catch::Contains(stranger.pub.id()));
    CHECK(problemOf(verifyManifest(text, {})) == ManifestProblem::UnknownKey);
}

TEST_CASE("manifest: a changed field breaks the signature", "[manifest]") {
    KeyPair key = generateKeyPair();
    const json original = json::parse(signManifest(sampleManifest(), {key.secret}));
    const std::vector<std::pair<const char*, std::function<void(json&)>>> changes = {
        {"records", [](json& d) { d["signed"]["records"] = 13479; }},
        {"snapshot hash", [](json& d) { d["signed"]["snapshot"]["sha256"] = kHexB; }},
        {"a delta removed", [](json& d) { d["signed"]["deltas"].erase(1); }},
        {"an added field", [](json& d) { d["signed"]["note"] = "hello"; }},
    };
    for (const auto& [name, change] : changes) {
        INFO(name);
        json doc = original;
        change(doc);
        auto v = verifyManifest(doc.dump(), {key.pub});
        CHECK(problemOf(v) == ManifestProblem::BadSignature);
        CHECK_THAT(messageOf(v), Catch::Contains(key.pub.id()));
    }
}

TEST_CASE("manifest: another manifest's signature does not verify", "[manifest]") {
    KeyPair key = generateKeyPair();
    Manifest older = sampleManifest();
    older.version = 6;
    older.deltas = {{5, 6, {"deltas/5-6.ndjson.zst", 10, kHexA}}};
    json oldDoc = json::parse(signManifest(older, {key.secret}));
    json newDoc = json::parse(signManifest(sampleManifest(), {key.secret}));
    newDoc["signatures"] = oldDoc["signatures"];  // a cache mixing the two
    CHECK(problemOf(verifyManifest(newDoc.dump(), {key.pub})) == ManifestProblem::BadSignature);
    oldDoc["signed"]["expires"] = "2030-01-01T00:00:00Z";  // extending an old manifest's life
    CHECK(problemOf(verifyManifest(oldDoc.dump(), {key.pub})) == ManifestProblem::BadSignature);
}

TEST_CASE("manifest: during a key rotation either pinned key accepts a manifest signed by both", "[manifest]") {
    KeyPair oldKey = generateKeyPair(), newKey = generateKeyPair(), stranger = generateKeyPair();
    const std::string text = signManifest(sampleManifest(), {oldKey.secret, newKey.secret, stranger.secret});
    auto both = verifyManifest(text, {oldKey.pub, newKey.pub});
    REQUIRE(std::holds_alternative<VerifiedManifest>(both));
    CHECK(std::get<VerifiedManifest>(both).keyIds == std::vector<std::string>{oldKey.pub.id(), newKey.pub.id()});
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(text, {newKey.pub})));
    CHECK(std::holds_alternative<VerifiedManifest>(verifyManifest(text, {oldKey.pub})));
    // A trusted key's bad signature is not excused by a good one beside it.
    json doc = json::parse(text);
    doc["signatures"][0]["sig"] = doc["signatures"][2]["sig"];
    CHECK(problemOf(verifyManifest(doc.dump(), {oldKey.pub, newKey.pub})) == ManifestProblem::BadSignature);
}

TEST_CASE("manifest: UTC times convert both ways and only in the one format", "[manifest]") {
    CHECK(formatUtc(0) == "1970-01-01T00:00:00Z");
    CHECK(formatUtc(1793491200) == "2026-11-01T00:00:00Z");
    CHECK(parseUtc("2026-11-01T00:00:00Z") == 1793491200);
    CHECK(parseUtc("2024-02-29T23:59:59Z") == 1709251199);
    for (std::int64_t t : {std::int64_t{951782400}, std::int64_t{4102444799}, std::int64_t{1700000000}})
        CHECK(parseUtc(formatUtc(t)) == t);
    for (const char* bad : {"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-01T24:00:00Z",
                            "2026-11-01T00:00:00", "2026-11-01 00:00:00Z", "2026-11-01T00:00:00+08:00",
                            "26-11-01T00:00:00Z", "2026-11-0aT00:00:00Z", ""})
        CHECK_FALSE(parseUtc(bad));
}
