// The Store's queries for the content pages: documents by kind, service
// guides, consultations, agencies, and the image blobs a document shows.
// Sections: [1] documents by kind  [2] guides  [3] consultations
//           [4] agencies  [5] image bytes
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>

#include "digest.h"
#include "sql.h"
#include "store.h"
#include "store_detail.h"

namespace gongkai {

using namespace store_detail;

namespace {

void readFields(const J& o, std::initializer_list<std::pair<std::string*, const char*>> fields) {
    for (auto [field, name] : fields) *field = text(o, name);
}

template <class T, class Make>
Result<std::vector<T>> objectsAs(sqlite3* db, const std::string& sqlText, const std::vector<std::string>& params,
                                 Make make) {
    auto objects = recordObjects(db, sqlText, params);
    if (!objects) return objects.error();
    std::vector<T> out;
    out.reserve(objects.value().size());
    for (const auto& o : objects.value()) out.push_back(make(o));
    return out;
}

template <class T>
Result<T> single(Result<std::vector<T>>&& list, const char* what, const std::string& id) {
    if (!list) return list.error();
    if (list.value().empty()) return Error{std::string("no ") + what + " with id \"" + id + "\""};
    return std::move(list.value().front());
}

}  // namespace

// [1] Documents by kind
Result<std::vector<DocumentSummary>> Store::documentsOfKind(const std::vector<std::string>& kinds,
                                                            int limit) const {
    std::string in;
    for (std::size_t i = 0; i < kinds.size(); ++i) in += (i ? ",?" : "?") + std::to_string(i + 1);
    if (kinds.empty()) return std::vector<DocumentSummary>{};
    return summaries(m_mirror.db(),
                     std::string("SELECT ") + kSummaryColumns + " FROM document d WHERE d.kind IN (" + in +
                         ") ORDER BY d.published_on DESC, d.id LIMIT ?" + std::to_string(kinds.size() + 1),
                     kinds, {limit});
}

// [2] Service guides
namespace {

ServiceGuide makeGuide(const J& o) {
    ServiceGuide g;
    readFields(o, {{&g.id, "id"}, {&g.name, "name"}, {&g.agency, "agency"}, {&g.domain, "domain"},
                   {&g.basis, "basis"}, {&g.timeLimit, "time_limit"}, {&g.fee, "fee"}, {&g.place, "place"},
                   {&g.hours, "hours"}, {&g.phone, "phone"}, {&g.url, "url"}});
    g.conditions = textList(o, "conditions");
    g.materials = textList(o, "materials");
    g.steps = textList(o, "steps");
    return g;
}

}  // namespace

Result<std::vector<ServiceGuide>> Store::serviceGuides(const std::string& domainId) const {
    std::string where = domainId.empty() ? "" : " WHERE g.domain = ?1";
    std::vector<std::string> params;
    if (!domainId.empty()) params.push_back(domainId);
    return objectsAs<ServiceGuide>(m_mirror.db(),
        "SELECT r.json FROM service_guide g JOIN record r ON r.rid = g.rid" + where + " ORDER BY g.domain, g.id",
        params, makeGuide);
}

Result<ServiceGuide> Store::serviceGuide(const std::string& id) const {
    return single(objectsAs<ServiceGuide>(m_mirror.db(),
                      "SELECT json FROM record WHERE type='service_guide' AND id=?1", {id}, makeGuide),
                  "service guide", id);
}

// [3] Consultations
namespace {

Consultation makeConsultation(const J& o) {
    Consultation c;
    readFields(o, {{&c.id, "id"}, {&c.title, "title"}, {&c.agency, "agency"}, {&c.opensOn, "opens_on"},
                   {&c.closesOn, "closes_on"}, {&c.respond, "respond"}, {&c.url, "url"}});
    c.body = parseBody(o.value("body", J::array()));
    return c;
}

}  // namespace

Result<std::vector<Consultation>> Store::consultations() const {
    return objectsAs<Consultation>(m_mirror.db(),
        "SELECT r.json FROM consultation c JOIN record r ON r.rid = c.rid"
        " ORDER BY c.closes_on DESC, c.opens_on DESC, c.id", {}, makeConsultation);
}

Result<Consultation> Store::consultation(const std::string& id) const {
    return single(objectsAs<Consultation>(m_mirror.db(),
                      "SELECT json FROM record WHERE type='consultation' AND id=?1", {id}, makeConsultation),
                  "consultation", id);
}

// [4] Agencies
namespace {

Agency makeAgency(const J& o) {
    Agency a;
    readFields(o, {{&a.id, "id"}, {&a.name, "name"}, {&a.kind, "kind"}, {&a.address, "address"},
                   {&a.phone, "phone"}, {&a.hours, "hours"}});
    auto it = o.find("accepts_requests");
    a.acceptsRequests = it != o.end() && it->is_boolean() && it->get<bool>();
    return a;
}

}  // namespace

Result<std::vector<Agency>> Store::agencies() const {
    return objectsAs<Agency>(m_mirror.db(),
        "SELECT r.json FROM agency a JOIN record r ON r.rid = a.rid ORDER BY CASE a.kind"
        " WHEN 'county' THEN 0 WHEN 'department' THEN 1 WHEN 'township' THEN 2 WHEN 'village' THEN 3 ELSE 4 END,"
        " a.id", {}, makeAgency);
}

Result<Agency> Store::agency(const std::string& id) const {
    return single(objectsAs<Agency>(m_mirror.db(), "SELECT json FROM record WHERE type='agency' AND id=?1", {id},
                                    makeAgency),
                  "agency", id);
}

// [5] Image bytes
namespace {

constexpr std::uintmax_t kMaxImageBytes = 32u << 20;

bool referencesImage(const J& document, const std::string& sha256) {
    auto body = document.find("body");
    if (body == document.end() || !body->is_array()) return false;
    for (const auto& b : *body)
        if (b.is_object() && text(b, "img") == sha256) return true;
    return false;
}

Result<std::string> readSmallFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) return Error{"cannot read " + path};
    auto size = static_cast<std::uintmax_t>(f.tellg());
    if (size > kMaxImageBytes) return Error{path + " is larger than an image may be"};
    std::string bytes(static_cast<std::size_t>(size), '\0');
    f.seekg(0);
    if (!f.read(bytes.data(), static_cast<std::streamsize>(size))) return Error{"cannot read " + path};
    return bytes;
}

}  // namespace

Result<std::string> Store::imageBytes(const std::string& documentId, const std::string& sha256Hex,
                                      const std::string& blobsDir) const {
    auto doc = recordObjects(m_mirror.db(), "SELECT json FROM record WHERE type='document' AND id=?1", {documentId});
    if (!doc) return doc.error();
    if (doc.value().empty()) return Error{"no document with id \"" + documentId + "\""};
    if (sha256Hex.size() != 64 || !referencesImage(doc.value().front(), sha256Hex))
        return Error{"document \"" + documentId + "\" shows no image " + sha256Hex};
    auto bytes = readSmallFile(blobsDir + "/" + sha256Hex);
    if (!bytes) bytes = readSmallFile(blobsDir + "/" + sha256Hex.substr(0, 2) + "/" + sha256Hex);
    if (!bytes) return Error{"image " + sha256Hex + " is not in " + blobsDir};
    if (toHex(sha256(bytes.value())) != sha256Hex) return Error{"image " + sha256Hex + " is damaged (hash differs)"};
    return bytes;
}

}  // namespace gongkai
