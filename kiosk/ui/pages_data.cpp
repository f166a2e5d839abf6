// Sections: [worker] servePages  [ui] requests for a route, results
#include "ui/pages_data.h"

#include <algorithm>
#include <filesystem>

#include "ui/document_view.h"

namespace gongkai::ui {

// [worker] -------------------------------------------------------------------
namespace {

template <class T>
bool takeInto(Result<T>&& r, T& into, DataResult& out, const char* key) {
    if (!r) {
        out.errorKey = key;
        out.errorDetail = r.error().message;
        return false;
    }
    into = std::move(r.value());
    return true;
}

void serveList(const Store& store, const std::string& id, DataResult& out) {
    const char* e = "error.list";
    PagesResult& p = out.pages;
    if (id == "latest") takeInto(store.latestDocuments(kListLimit), out.documents, out, e);
    else if (id == "interpretations") takeInto(store.documentsOfKind({"解读"}, kListLimit), out.documents, out, e);
    else if (id == "annual_reports") takeInto(store.documentsOfKind({"年报"}, kListLimit), out.documents, out, e);
    else if (id == "disclosure_guide") takeInto(store.documentsOfKind({"指南"}, kListLimit), out.documents, out, e);
    else if (id == "guides") takeInto(store.serviceGuides(), p.guides, out, e);
    else if (id == "consultations") takeInto(store.consultations(), p.consultations, out, e);
    else if (id == "agencies" || id == "apply") takeInto(store.agencies(), p.agencies, out, e);
}

}  // namespace

std::string blobsDirFor(const std::string& dbPath) {
    return (std::filesystem::path(dbPath).parent_path() / "blobs").string();
}

void servePages(const Store& store, const DataRequest& r, DataResult& out, const std::string& blobsDir) {
    PagesResult& p = out.pages;
    switch (r.kind) {
    case DataRequest::Kind::Domain: takeInto(store.serviceGuides(r.id), p.guides, out, "error.domain"); return;
    case DataRequest::Kind::List: serveList(store, r.id, out); return;
    case DataRequest::Kind::Guide:
        if (takeInto(store.serviceGuide(r.id), p.guide, out, "error.record"))
            takeInto(store.agencies(), p.agencies, out, "error.record");
        return;
    case DataRequest::Kind::Consultation:
        if (takeInto(store.consultation(r.id), p.consultation, out, "error.record"))
            takeInto(store.agencies(), p.agencies, out, "error.record");
        return;
    case DataRequest::Kind::Agency: takeInto(store.agency(r.id), p.agency, out, "error.record"); return;
    case DataRequest::Kind::Image: {
        std::string bytes;
        p.image.sha256 = r.id;
        if (takeInto(store.imageBytes(r.documentId, r.id, blobsDir), bytes, out, "error.image"))
            p.image = decodeImage(r.id, bytes);
        else
            p.image.error = out.errorDetail;
        return;
    }
    default: return;
    }
}

// [ui] -----------------------------------------------------------------------

std::vector<DataRequest> pagesRequestsFor(AppState& s, const Route& r) {
    PagesState& p = s.pages;
    switch (r.screen) {
    case ScreenId::List:
        if (p.list.id == r.id && (p.list.loaded || p.list.error.empty())) return {};
        p.list = ListData{};
        p.list.id = r.id;
        s.listUi = {};
        return {DataRequest(DataRequest::Kind::List, r.id)};
    case ScreenId::Guide:
        if (p.guide.id == r.id) return {};
        p.guide = {r.id, false, {}, {}};
        s.guideUi = {};
        return {DataRequest(DataRequest::Kind::Guide, r.id)};
    case ScreenId::Consultation:
        if (p.consultation.id == r.id) return {};
        p.consultation = {r.id, false, {}, {}};
        s.consultationUi = {};
        return {DataRequest(DataRequest::Kind::Consultation, r.id)};
    case ScreenId::Agency:
        if (p.agency.id == r.id) return {};
        p.agency = {r.id, false, {}, {}};
        s.agencyUi = {};
        return {DataRequest(DataRequest::Kind::Agency, r.id)};
    case ScreenId::Request:  // the agency step lists every agency that accepts requests
        if (p.agenciesLoaded || p.agenciesAsked) return {};
        p.agenciesAsked = true;
        return {DataRequest(DataRequest::Kind::List, "agencies")};
    default: return {};
    }
}

std::vector<DataRequest> pagesImageRequests(AppState& s) {
    std::vector<DataRequest> out;
    for (auto& [doc, sha] : s.pages.images.takeWanted()) {
        DataRequest r(DataRequest::Kind::Image, sha);
        r.documentId = doc;
        out.push_back(std::move(r));
    }
    return out;
}

namespace {

template <class T>
void land(RecordData<T>& into, DataResult& r, T& record) {
    if (r.request.id != into.id) return;  // a stale answer
    into.loaded = r.ok();
    into.error = r.errorKey;
    into.record = std::move(record);
}

void keepAgencies(AppState& s, DataResult& r) {
    if (r.pages.agencies.empty()) return;
    s.pages.agencies = std::move(r.pages.agencies);
    s.pages.agenciesLoaded = true;
}

}  // namespace

bool applyPagesResult(AppState& s, DataResult& r) {
    PagesState& p = s.pages;
    PagesResult& in = r.pages;
    switch (r.request.kind) {
    case DataRequest::Kind::Domain:
        p.domainGuides = std::move(in.guides);
        p.domainGuidesFor = r.request.id;
        return false;  // the domain's own data is the app loop's
    case DataRequest::Kind::List: {
        std::vector<Agency> listed = in.agencies;
        keepAgencies(s, r);  // also from a list no longer shown: the request form asked for them
        if (r.request.id != p.list.id) return true;
        p.list.loaded = r.ok();
        p.list.error = r.errorKey;
        p.list.documents = std::move(r.documents);
        p.list.guides = std::move(in.guides);
        p.list.consultations = std::move(in.consultations);
        p.list.agencies = std::move(listed);
        return true;
    }
    case DataRequest::Kind::Guide: land(p.guide, r, in.guide); keepAgencies(s, r); return true;
    case DataRequest::Kind::Consultation: land(p.consultation, r, in.consultation); keepAgencies(s, r); return true;
    case DataRequest::Kind::Agency: land(p.agency, r, in.agency); return true;
    case DataRequest::Kind::Image: p.images.put(std::move(in.image)); return true;
    default: return false;
    }
}

// The typed bytes are overwritten before they are freed (freeing alone
// leaves them in the heap), as the idle reset does for the search text.
void clearPagesTypedText(PagesState& p) {
    if (p.reader)
        for (std::string* t : {&p.reader->findText, &p.reader->searchedText}) {
            std::fill(t->begin(), t->end(), '\0');
            t->clear();
        }
    p.reader.reset();
}

}  // namespace gongkai::ui
