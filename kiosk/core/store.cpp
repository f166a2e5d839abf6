// Sections: [1] JSON field helpers  [2] summaries and lists  [3] one document
// (guides, consultations, agencies and images: store_pages.cpp)
#include "store.h"

#include "sql.h"
#include "store_detail.h"

namespace gongkai {

// [1] JSON field helpers (store_detail.h)
namespace store_detail {

std::string text(const J& obj, const char* name) {
    auto it = obj.find(name);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> textList(const J& obj, const char* name) {
    std::vector<std::string> out;
    auto it = obj.find(name);
    if (it == obj.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

Error queryError(sqlite3* db, int rc, const char* what) {
    return Error{std::string(what) + ": " + describeSqliteError(db, rc)};
}

// Reads the JSON of records selected by `sqlText` (first column: json), in order.
Result<std::vector<J>> recordObjects(sqlite3* db, const std::string& sqlText,
                                     const std::vector<std::string>& params) {
    sql::Statement q(db, sqlText);
    for (std::size_t i = 0; i < params.size(); ++i) q.bind(static_cast<int>(i + 1), params[i]);
    std::vector<J> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) out.push_back(J::parse(q.columnView(0), nullptr, false));
    if (rc != SQLITE_DONE) return queryError(db, rc, "reading records");
    return out;
}

Result<std::vector<DocumentSummary>> summaries(sqlite3* db, const std::string& sqlText,
                                               const std::vector<std::string>& textParams,
                                               const std::vector<std::int64_t>& intParams) {
    sql::Statement q(db, sqlText);
    int i = 1;
    for (const auto& p : textParams) q.bind(i++, p);
    for (auto p : intParams) q.bind(i++, p);
    std::vector<DocumentSummary> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back({q.columnText(0), q.columnText(1), q.columnText(2), q.columnText(3),
                       q.columnText(4), q.columnText(5), q.columnText(6)});
    if (rc != SQLITE_DONE) return queryError(db, rc, "listing documents");
    return out;
}

}  // namespace store_detail

using namespace store_detail;

// [2] Summaries and lists
Result<DataInfo> Store::dataInfo() const {
    DataInfo info;
    sqlite3* db = m_mirror.db();
    sql::Statement q(db, "SELECT (SELECT value FROM meta WHERE key='mirror_version'),"
                         " (SELECT value FROM meta WHERE key='updated_at'),"
                         " (SELECT stale FROM sync_state), (SELECT count(*) FROM document),"
                         " (SELECT json FROM record WHERE type='portal' ORDER BY id LIMIT 1)");
    int rc = q.step();
    if (rc != SQLITE_ROW) return queryError(db, rc, "reading data info");
    info.mirrorVersion = std::stoll("0" + q.columnText(0));
    info.updatedAt = q.columnText(1).substr(0, 16);
    info.stale = q.columnInt(2) != 0;
    info.documents = static_cast<std::uint64_t>(q.columnInt64(3));
    if (!q.isNull(4)) {
        J portal = J::parse(q.columnView(4), nullptr, false);
        info.siteName = text(portal, "name");
        auto demo = portal.find("demo");
        info.demo = demo != portal.end() && demo->is_boolean() && demo->get<bool>();
    }
    return info;
}

Result<std::vector<DomainSummary>> Store::domains() const {
    auto objects = recordObjects(m_mirror.db(),
        "SELECT r.json FROM domain d JOIN record r ON r.rid = d.rid ORDER BY d.seq, d.id", {});
    if (!objects) return objects.error();
    sql::Statement counts(m_mirror.db(),
        "SELECT (SELECT count(*) FROM catalog_item WHERE domain=?1),"
        " (SELECT count(*) FROM document WHERE domain=?1),"
        " (SELECT count(*) FROM service_guide WHERE domain=?1)");
    std::vector<DomainSummary> out;
    for (const auto& o : objects.value()) {
        DomainSummary d;
        d.id = text(o, "id");
        d.seq = o.value("seq", 0);
        d.name = text(o, "name");
        d.leadUnits = textList(o, "lead_units");
        d.partnerUnits = textList(o, "partner_units");
        counts.bind(1, d.id);
        if (counts.step() == SQLITE_ROW) {
            d.catalogItems = counts.columnInt(0);
            d.documents = counts.columnInt(1);
            d.serviceGuides = counts.columnInt(2);
        }
        counts.reset();
        out.push_back(std::move(d));
    }
    return out;
}

Result<std::vector<CatalogItem>> Store::catalogItems(const std::string& domainId) const {
    auto objects = recordObjects(m_mirror.db(),
        "SELECT r.json FROM catalog_item c JOIN record r ON r.rid = c.rid WHERE c.domain = ?1"
        " ORDER BY c.level1, c.level2, c.id", {domainId});
    if (!objects) return objects.error();
    std::vector<CatalogItem> out;
    for (const auto& o : objects.value())
        out.push_back({text(o, "id"), text(o, "domain"), text(o, "level1"), text(o, "level2"),
                       text(o, "content"), text(o, "basis"), text(o, "time_limit"), text(o, "subject"),
                       textList(o, "channels"), text(o, "audience"), text(o, "mode"), textList(o, "tiers")});
    return out;
}

Result<std::vector<DocumentSummary>> Store::documentsInDomain(const std::string& domainId, int limit,
                                                              int offset) const {
    return summaries(m_mirror.db(),
                     std::string("SELECT ") + kSummaryColumns + " FROM document d WHERE d.domain = ?1"
                     " ORDER BY d.published_on DESC, d.id LIMIT ?2 OFFSET ?3",
                     {domainId}, {limit, offset});
}

Result<std::vector<DocumentSummary>> Store::latestDocuments(int limit) const {
    return summaries(m_mirror.db(),
                     std::string("SELECT ") + kSummaryColumns +
                         " FROM document d ORDER BY d.published_on DESC, d.id LIMIT ?1",
                     {}, {limit});
}

Result<std::vector<char32_t>> Store::characters() const {
    sql::Statement q(m_mirror.db(), "SELECT cp FROM glyph ORDER BY uses DESC, cp");
    std::vector<char32_t> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) out.push_back(static_cast<char32_t>(q.columnInt64(0)));
    if (rc != SQLITE_DONE) return queryError(m_mirror.db(), rc, "reading the character set");
    return out;
}

// [3] One document
namespace store_detail {

std::vector<Block> parseBody(const J& body) {
    std::vector<Block> out;
    if (!body.is_array()) return out;
    for (const auto& b : body) {
        if (!b.is_object()) continue;
        Block block;
        if (b.contains("h")) block = {Block::Kind::Heading, text(b, "h"), {}, {}};
        else if (b.contains("p")) block = {Block::Kind::Paragraph, text(b, "p"), {}, {}};
        else if (b.contains("img")) block = {Block::Kind::Image, text(b, "caption"), {}, text(b, "img")};
        else if (auto t = b.find("table"); t != b.end() && t->is_array()) {
            block.kind = Block::Kind::Table;
            for (const auto& row : *t) {
                std::vector<std::string> cells;
                if (row.is_array())
                    for (const auto& c : row) cells.push_back(c.is_string() ? c.get<std::string>() : "");
                block.rows.push_back(std::move(cells));
            }
        } else continue;  // a block kind from a newer format: skipped
        out.push_back(std::move(block));
    }
    return out;
}

}  // namespace store_detail

Result<Document> Store::document(const std::string& id) const {
    auto objects = recordObjects(m_mirror.db(),
        "SELECT json FROM record WHERE type='document' AND id=?1", {id});
    if (!objects) return objects.error();
    if (objects.value().empty()) return Error{"no document with id \"" + id + "\""};
    const J& o = objects.value().front();
    Document d;
    d.id = id;
    for (auto [field, name] : std::initializer_list<std::pair<std::string*, const char*>>{
             {&d.title, "title"}, {&d.indexNo, "index_no"}, {&d.docNo, "doc_no"},
             {&d.issuer, "issuer"}, {&d.topic, "topic"}, {&d.writtenOn, "written_on"},
             {&d.publishedOn, "published_on"}, {&d.validity, "validity"},
             {&d.disclosure, "disclosure"}, {&d.domain, "domain"}, {&d.kind, "kind"},
             {&d.summary, "summary"}, {&d.url, "url"}})
        *field = text(o, name);
    d.body = parseBody(o.value("body", J::array()));
    if (auto a = o.find("attachments"); a != o.end() && a->is_array())
        for (const auto& att : *a)
            d.attachments.push_back({text(att, "name"), text(att, "sha256"), text(att, "mime"),
                                     att.value("bytes", std::uint64_t{0})});
    auto interprets = documentsInterpretedBy(id);
    if (!interprets) return interprets.error();
    d.interprets = std::move(interprets.value());
    auto interpretedBy = interpretationsOf(id);
    if (!interpretedBy) return interpretedBy.error();
    d.interpretedBy = std::move(interpretedBy.value());
    return d;
}

Result<std::vector<DocumentSummary>> Store::documentsInterpretedBy(const std::string& interpretationId) const {
    return summaries(m_mirror.db(), std::string("SELECT ") + kSummaryColumns +
        " FROM document_link l JOIN document s ON s.rid = l.rid JOIN document d ON d.id = l.interprets"
        " WHERE s.id = ?1 ORDER BY d.published_on DESC, d.id", {interpretationId}, {});
}

Result<std::vector<DocumentSummary>> Store::interpretationsOf(const std::string& id) const {
    return summaries(m_mirror.db(), std::string("SELECT ") + kSummaryColumns +
        " FROM document_link l JOIN document d ON d.rid = l.rid WHERE l.interprets = ?1"
        " ORDER BY d.published_on DESC, d.id", {id}, {});
}

}  // namespace gongkai
