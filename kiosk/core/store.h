// Read-side queries over the mirror for the kiosk's screens and the tools.
// Every call runs its own short read transaction: nothing is held open between
// calls, so WAL checkpoints proceed while the kiosk is showing a page.
// A Store borrows its Mirror (which must outlive it) and, like the Mirror, is
// used from one thread at a time. Errors come back as Result values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mirror.h"
#include "result.h"

namespace gongkai {

struct DomainSummary {
    std::string id;
    int seq = 0;
    std::string name;
    std::vector<std::string> leadUnits, partnerUnits;
    int catalogItems = 0, documents = 0, serviceGuides = 0;
};

struct CatalogItem {
    std::string id, domain, level1, level2;
    // The eight elements of the county notice.
    std::string content, basis, timeLimit, subject;
    std::vector<std::string> channels;
    std::string audience, mode;
    std::vector<std::string> tiers;
};

struct DocumentSummary {
    std::string id, title, docNo, issuer, kind, validity, publishedOn;
};

struct Block {
    enum class Kind { Heading, Paragraph, Table, Image };
    Kind kind = Kind::Paragraph;
    std::string text;                             // heading/paragraph text, image caption
    std::vector<std::vector<std::string>> rows;   // table; first row is the header
    std::string imageSha256;                      // image blob
};

struct Attachment {
    std::string name, sha256, mime;
    std::uint64_t bytes = 0;
};

struct Document {
    std::string id, title, indexNo, docNo, issuer, topic, writtenOn, publishedOn;
    std::string validity, disclosure, domain, kind, summary, url;
    std::vector<Block> body;
    std::vector<Attachment> attachments;
    std::vector<DocumentSummary> interprets;      // documents this one explains
    std::vector<DocumentSummary> interpretedBy;   // 解读 that explain this one
};

struct ServiceGuide {
    std::string id, name, agency, domain, basis;
    std::vector<std::string> conditions, materials, steps;
    std::string timeLimit, fee, place, hours, phone, url;
};

struct Consultation {
    std::string id, title, agency, opensOn, closesOn, respond, url;
    std::vector<Block> body;
};

struct Agency {
    std::string id, name, kind;  // kind: county, department, township, village
    std::string address, phone, hours;
    bool acceptsRequests = false;
};

struct DataInfo {
    std::int64_t mirrorVersion = 0;
    std::string updatedAt;   // UTC "YYYY-MM-DD HH:MM" of the last applied change
    bool stale = false;      // sync_state.stale
    std::string siteName;    // from the `portal` record, if any (e.g. 示范县人民政府)
    bool demo = false;       // the data says it is demonstration data
    std::uint64_t documents = 0;
};

class Store {
public:
    explicit Store(Mirror& mirror) : m_mirror(mirror) {}

    Result<DataInfo> dataInfo() const;
    Result<std::vector<DomainSummary>> domains() const;  // in seq order
    Result<std::vector<CatalogItem>> catalogItems(const std::string& domainId) const;
    // Newest first (published_on, then id).
    Result<std::vector<DocumentSummary>> documentsInDomain(const std::string& domainId,
                                                           int limit, int offset = 0) const;
    Result<std::vector<DocumentSummary>> latestDocuments(int limit) const;
    // Missing id: an Error whose message says so.
    Result<Document> document(const std::string& id) const;

    // Documents whose kind is one of `kinds` (e.g. {"年报"}), newest first.
    Result<std::vector<DocumentSummary>> documentsOfKind(const std::vector<std::string>& kinds,
                                                         int limit) const;
    // The 解读 that explain document `id`, and the documents 解读 `id`
    // explains; newest first, empty when there are none.
    Result<std::vector<DocumentSummary>> interpretationsOf(const std::string& id) const;
    Result<std::vector<DocumentSummary>> documentsInterpretedBy(const std::string& interpretationId) const;

    // Service guides of one domain, or of every domain when `domainId` is
    // empty; by name. Missing id for serviceGuide(): an Error.
    Result<std::vector<ServiceGuide>> serviceGuides(const std::string& domainId = {}) const;
    Result<ServiceGuide> serviceGuide(const std::string& id) const;
    // Newest first (closes_on, then opens_on).
    Result<std::vector<Consultation>> consultations() const;
    Result<Consultation> consultation(const std::string& id) const;
    // County, departments, townships, villages; by id within each kind.
    Result<std::vector<Agency>> agencies() const;
    Result<Agency> agency(const std::string& id) const;

    // The bytes of image `sha256` that document `documentId` shows, read
    // from `blobsDir` (as `blobsDir/<sha256>` or the feed's
    // `blobsDir/<first two hex digits>/<sha256>`). An Error when the
    // document does not reference that image, the file is missing, or its
    // SHA-256 differs (a damaged blob is never shown).
    Result<std::string> imageBytes(const std::string& documentId, const std::string& sha256,
                                   const std::string& blobsDir) const;

    // Every character the mirror's text uses, most used first (stored at
    // import time, so start-up never scans the records).
    Result<std::vector<char32_t>> characters() const;

private:
    Mirror& m_mirror;
};

}  // namespace gongkai
