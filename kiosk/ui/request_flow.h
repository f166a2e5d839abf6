// The request flow's rules, apart from its drawing (screen_request.cpp) so
// tests can walk it without a window: where a request starts, what each
// step needs before "next", and what a tap on a choice changes.
// Pure functions over RequestState; UI thread only (like the state).
#pragma once

#include <string>
#include <vector>

#include "core/store.h"
#include "ui/request_state.h"

namespace gongkai::ui {

// Starts a request about a document: title, 文号 and, when one of `agencies`
// has the issuer's name and accepts requests, the agency.
void startRequestFromDocument(RequestState& r, const Document& d, const std::vector<Agency>& agencies);
// About a catalogue item: its name (一级事项 · 二级事项) and the responsible
// body (公开主体) as the agency when it accepts requests.
void startRequestFromCatalogItem(RequestState& r, const CatalogItem& it, const std::vector<Agency>& agencies);
// Chooses the agency named by agencyHint once the agencies are known (they
// may arrive after the start); a resident's own choice is never replaced.
void suggestAgency(RequestState& r, const std::vector<Agency>& agencies);
// From home: everything to choose, the description typed.
void startRequestBlank(RequestState& r);

// Clears the draft, the slip and every typed character (idle reset, done).
void clearRequest(RequestState& r);

// True when the step has what it needs: What: a record or at least
// kMinDescriptionChars of description; Agency: an agency; Delivery: form
// and delivery (both have defaults, so always); Review: the slip fits.
bool stepComplete(const RequestState& r, RequestStep step);
inline constexpr int kMinDescriptionChars = 4;

RequestStep nextStep(RequestStep step);
RequestStep previousStep(RequestStep step);
int stepNumber(RequestStep step);  // 1..5
inline constexpr int kRequestSteps = 5;

// A tap on one of the flow's choices, named "agency:ID", "form:paper",
// "delivery:post", ... Unknown names change nothing.
void chooseRequestOption(RequestState& r, const std::string& choice, const std::vector<Agency>& agencies);

// Agencies a request may go to, in the mirror's order.
std::vector<Agency> acceptingAgencies(const std::vector<Agency>& agencies);

// How many description characters may still be typed (never below 0).
// Until an agency is chosen, room is kept for the longest of `agencies`,
// so choosing one later never makes the slip too long.
int descriptionCharsLeft(const RequestState& r, const std::vector<Agency>& agencies);

}  // namespace gongkai::ui
