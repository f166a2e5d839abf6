// The disclosure request a resident is making at the kiosk (申请政府信息公开,
// screen_request.cpp): the steps, the draft and, at the end, the slip.
// The draft holds no personal data (DESIGN.md): identity and contact are
// given at the counter. Cleared by the idle reset (clearRequest).
// UI thread only.
#pragma once

#include <string>

#include "core/qr_matrix.h"
#include "core/slip.h"
#include "ui/gesture.h"

namespace gongkai::ui {

enum class RequestStep {
    What,      // what information: the record it started from, and/or a description
    Agency,    // which agency (those that accept requests)
    Delivery,  // form (纸质 / 电子) and way (窗口领取 / 邮寄 / 电子邮件)
    Review,    // in plain words, with what happens next
    Slip,      // the QR slip and the request id
};

struct RequestState {
    bool active = false;            // a request is being made (ScreenId::Request is on the stack)
    RequestStep step = RequestStep::What;
    DisclosureRequest draft;        // id, kioskId, createdAt: filled when the slip is made
    std::string fromRecord;         // "document" | "catalog_item" | "" (from home)
    std::string agencyHint;         // the issuer / responsible body's name, until matched to an agency
    bool keyboardUp = true;         // the What step's keyboard
    // Made by the app loop on RequestMake (request_maker.h).
    std::string slipText;
    QrMatrix qr;
    std::string error;              // a string key: why the slip could not be made
};

}  // namespace gongkai::ui
