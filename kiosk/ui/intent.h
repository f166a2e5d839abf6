// What a tap asks for. Screens record intents while drawing; the app loop
// carries them out between frames (navigation, data requests), so drawing
// code never touches the database.
#pragma once

#include <string>

namespace gongkai::ui {

struct Intent {
    enum class Kind {
        None, OpenDomain, OpenDocument, Back, Home, ScrollTo,
        // Search and home (the search helper):
        OpenSearch,   // id: text to search for ("" : an empty search, keyboard up)
        OpenList,     // id: latest, interpretations, guides, consultations, agencies,
                      //     annual_reports, disclosure_guide, apply (ScreenId::List)
        OpenRecord,   // id + recordType: a search hit of any type
        CountSearch,  // id: a search text whose result was opened (popular counts)
        // System behaviours (the system helper):
        ToggleElder,     // 长辈模式 on/off
        ToggleLanguage,  // zh-CN <-> en
        StaffPin,        // the PIN pad's OK (the PIN is in AppState::staff.pin)
        StaffReload,     // staff status page: reload the mirror and the fonts
        StaffExit,       // staff status page: quit the kiosk
        // Disclosure requests (screen_request.cpp, app_request.h):
        StartRequest,   // id + recordType: about a document or catalog_item; id "": from home
        RequestChoose,  // id: "agency:ID", "form:paper|electronic", "delivery:counter|post|email"
        RequestNext,    // to the next step
        RequestBack,    // to the previous step (out of the flow from the first)
        RequestMake,    // the review's "make the slip": sign, store in the outbox, show
        RequestDone,    // the slip's "done": clear the request, home
        // Printing (app_print.h):
        Print,  // id: "slip" (the request slip on screen) | "guide" (the service guide's checklist)
    };
    Kind kind = Kind::None;
    std::string id;   // domain or document id
    float value = 0;  // ScrollTo: page y
    std::string recordType{};  // OpenRecord: document, service_guide, consultation, agency, catalog_item

    static Intent make(Kind kind, std::string id = {}, float value = 0) {
        Intent i;
        i.kind = kind;
        i.id = std::move(id);
        i.value = value;
        return i;
    }
};

}  // namespace gongkai::ui
