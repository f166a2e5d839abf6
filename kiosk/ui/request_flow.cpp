#include "ui/request_flow.h"

#include <algorithm>
#include <chrono>

#include "ui/keyboard.h"

namespace gongkai::ui {

namespace {

const Agency* findAgency(const std::vector<Agency>& agencies, const std::string& key, bool byName) {
    for (const auto& a : agencies)
        if (a.acceptsRequests && (byName ? a.name == key : a.id == key)) return &a;
    return nullptr;
}

void setAgency(RequestState& r, const Agency* a) {
    r.draft.agencyId = a ? a->id : std::string();
    r.draft.agencyName = a ? a->name : std::string();
}

// A fresh draft. id and createdAt get values of their final lengths now, so
// the characters-left count is exact from the first key; make() sets the
// real ones.
void begin(RequestState& r, const std::string& from) {
    std::string kioskId = r.draft.kioskId;
    clearRequest(r);
    r.active = true;
    r.fromRecord = from;
    r.draft.kioskId = kioskId;
    r.draft.id = makeRequestId(std::chrono::system_clock::now());
    r.draft.createdAt = "2000-01-01T00:00:00Z";
    r.draft.form = "paper";
    r.draft.delivery = "counter";
    r.keyboardUp = from.empty();
}

}  // namespace

void startRequestFromDocument(RequestState& r, const Document& d, const std::vector<Agency>& agencies) {
    begin(r, "document");
    r.draft.title = d.title;
    r.draft.docNo = d.docNo;
    r.agencyHint = d.issuer;
    suggestAgency(r, agencies);
}

void startRequestFromCatalogItem(RequestState& r, const CatalogItem& it, const std::vector<Agency>& agencies) {
    begin(r, "catalog_item");
    r.draft.title = it.level2.empty() ? it.level1 : it.level1 + " · " + it.level2;
    r.draft.catalogItemId = it.id;
    r.agencyHint = it.subject;
    suggestAgency(r, agencies);
}

void suggestAgency(RequestState& r, const std::vector<Agency>& agencies) {
    if (r.agencyHint.empty() || !r.draft.agencyId.empty()) return;
    if (const Agency* a = findAgency(agencies, r.agencyHint, true)) setAgency(r, a);
}

void startRequestBlank(RequestState& r) { begin(r, ""); }

void clearRequest(RequestState& r) {
    std::string kioskId = r.draft.kioskId;  // the terminal's, not the resident's
    std::fill(r.draft.description.begin(), r.draft.description.end(), '\0');
    r = RequestState{};
    r.draft.kioskId = kioskId;
}

bool stepComplete(const RequestState& r, RequestStep step) {
    switch (step) {
    case RequestStep::What:
        return !r.fromRecord.empty() || characterCount(r.draft.description) >= kMinDescriptionChars;
    case RequestStep::Agency: return !r.draft.agencyId.empty();
    case RequestStep::Delivery: return !r.draft.form.empty() && !r.draft.delivery.empty();
    case RequestStep::Review: return fitsInQr(r.draft);
    case RequestStep::Slip: return !r.slipText.empty();
    }
    return false;
}

RequestStep nextStep(RequestStep step) {
    return step == RequestStep::Slip ? step : static_cast<RequestStep>(static_cast<int>(step) + 1);
}

RequestStep previousStep(RequestStep step) {
    return step == RequestStep::What ? step : static_cast<RequestStep>(static_cast<int>(step) - 1);
}

int stepNumber(RequestStep step) { return static_cast<int>(step) + 1; }

void chooseRequestOption(RequestState& r, const std::string& choice, const std::vector<Agency>& agencies) {
    auto colon = choice.find(':');
    if (colon == std::string::npos) return;
    std::string kind = choice.substr(0, colon), value = choice.substr(colon + 1);
    if (kind == "agency") {
        if (const Agency* a = findAgency(agencies, value, false)) setAgency(r, a);
    } else if (kind == "form" && (value == "paper" || value == "electronic")) {
        r.draft.form = value;
        if (value == "paper" && r.draft.delivery == "email") r.draft.delivery = "counter";
    } else if (kind == "delivery" && (value == "counter" || value == "post" || value == "email")) {
        r.draft.delivery = value;
        if (value == "email") r.draft.form = "electronic";  // paper cannot be emailed
    }
}

std::vector<Agency> acceptingAgencies(const std::vector<Agency>& agencies) {
    std::vector<Agency> out;
    std::copy_if(agencies.begin(), agencies.end(), std::back_inserter(out),
                 [](const Agency& a) { return a.acceptsRequests; });
    return out;
}

int descriptionCharsLeft(const RequestState& r, const std::vector<Agency>& agencies) {
    DisclosureRequest worst = r.draft;
    if (worst.agencyId.empty())
        for (const Agency& a : agencies)
            if (a.acceptsRequests && a.id.size() + a.name.size() > worst.agencyId.size() + worst.agencyName.size())
                worst.agencyId = a.id, worst.agencyName = a.name;
    return static_cast<int>(gongkai::descriptionCharsLeft(worst));
}

}  // namespace gongkai::ui
