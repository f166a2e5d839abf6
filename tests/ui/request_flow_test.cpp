// The request form's rules without a window (ui/request_flow.h): where a
// request starts, what each step needs, what a choice changes, the room
// kept for the agency, and what clearing keeps.
#include <catch2/catch.hpp>

#include "ui/request_flow.h"

using namespace gongkai;
using namespace gongkai::ui;

namespace {

std::vector<Agency> agencies() {
    Agency civil{"ag05", "县民政局", "department", "", "", "", true};
    Agency office{"ag01", "示范县人民政府办公室", "county", "", "", "", true};
    Agency closed{"ag09", "县档案馆", "department", "", "", "", false};
    return {civil, office, closed};
}

}  // namespace

TEST_CASE("request flow: a blank request needs a few characters of description before next", "[request]") {
    RequestState r;
    startRequestBlank(r);
    CHECK(r.active);
    CHECK(r.keyboardUp);
    CHECK_FALSE(stepComplete(r, RequestStep::What));
    r.draft.description = "低保名单";
    CHECK(stepComplete(r, RequestStep::What));
    CHECK_FALSE(stepComplete(r, RequestStep::Agency));
}

TEST_CASE("request flow: a document fills title, 文号 and the issuer's agency when it accepts requests", "[request]") {
    Document d;
    d.title = "关于做好2020年义务教育招生入学工作的通知";
    d.docNo = "示政办〔2020〕12号";
    d.issuer = "示范县人民政府办公室";
    RequestState r;
    startRequestFromDocument(r, d, agencies());
    CHECK(r.draft.title == d.title);
    CHECK(r.draft.docNo == d.docNo);
    CHECK(r.draft.agencyId == "ag01");
    CHECK(stepComplete(r, RequestStep::What));  // nothing to type
    CHECK_FALSE(r.keyboardUp);

    d.issuer = "县档案馆";  // does not accept requests: the resident chooses
    startRequestFromDocument(r, d, agencies());
    CHECK(r.draft.agencyId.empty());
}

TEST_CASE("request flow: agencies arriving later are matched by name, never over the resident's choice", "[request]") {
    CatalogItem it;
    it.id = "d05-01";
    it.level1 = "社会救助";
    it.level2 = "最低生活保障";
    it.subject = "县民政局";
    RequestState r;
    startRequestFromCatalogItem(r, it, {});  // the agencies are not loaded yet
    CHECK(r.draft.agencyId.empty());
    CHECK(r.draft.catalogItemId == "d05-01");
    suggestAgency(r, agencies());
    CHECK(r.draft.agencyId == "ag05");
    chooseRequestOption(r, "agency:ag01", agencies());
    suggestAgency(r, agencies());
    CHECK(r.draft.agencyId == "ag01");
}

TEST_CASE("request flow: choices keep form and delivery consistent and ignore what is not offered", "[request]") {
    RequestState r;
    startRequestBlank(r);
    CHECK(r.draft.form == "paper");
    CHECK(r.draft.delivery == "counter");
    chooseRequestOption(r, "delivery:email", agencies());
    CHECK(r.draft.delivery == "email");
    CHECK(r.draft.form == "electronic");  // paper cannot be emailed
    chooseRequestOption(r, "form:paper", agencies());
    CHECK(r.draft.delivery == "counter");
    chooseRequestOption(r, "agency:ag09", agencies());  // takes no requests
    CHECK(r.draft.agencyId.empty());
    chooseRequestOption(r, "delivery:fax", agencies());
    chooseRequestOption(r, "nonsense", agencies());
    CHECK(r.draft.delivery == "counter");
}

TEST_CASE("request flow: room is kept for the longest agency until one is chosen", "[request]") {
    RequestState r;
    r.draft.kioskId = "kiosk-sf-001";
    startRequestBlank(r);
    int reserved = descriptionCharsLeft(r, agencies());
    chooseRequestOption(r, "agency:ag05", agencies());  // the shorter name
    int chosen = descriptionCharsLeft(r, agencies());
    CHECK(reserved > 0);
    CHECK(reserved <= chosen);
    // Typing up to the reserved count and then choosing the longest agency still fits.
    RequestState worst = r;
    worst.draft.agencyId.clear();
    for (int i = 0; i < reserved; ++i) worst.draft.description += "\xE9\xBE\x98";  // 龘: 3 UTF-8 bytes
    chooseRequestOption(worst, "agency:ag01", agencies());
    CHECK(fitsInQr(worst.draft));
}

TEST_CASE("request flow: clearing forgets the draft and the slip but keeps the kiosk's id", "[request]") {
    RequestState r;
    r.draft.kioskId = "kiosk-sf-001";
    startRequestBlank(r);
    r.draft.description = "我家的拆迁补偿";
    r.slipText = "GK1:ABC";
    r.step = RequestStep::Slip;
    clearRequest(r);
    CHECK_FALSE(r.active);
    CHECK(r.draft.description.empty());
    CHECK(r.slipText.empty());
    CHECK(r.step == RequestStep::What);
    CHECK(r.draft.kioskId == "kiosk-sf-001");
    CHECK(nextStep(RequestStep::Slip) == RequestStep::Slip);
    CHECK(previousStep(RequestStep::What) == RequestStep::What);
    CHECK(stepNumber(RequestStep::Review) == 4);
}
