// The content pages' side of the data flow (the pages helper): what the
// DataWorker reads for the list, guide, consultation, agency and image
// requests (servePages, on the worker's thread), what the app loop asks the
// worker for when a page opens (pagesRequestsFor, pagesImageRequests) and
// how a result lands in AppState::pages (applyPagesResult, UI thread).
#pragma once

#include <string>
#include <vector>

#include "ui/app_state.h"
#include "ui/data_worker.h"

namespace gongkai::ui {

// Worker thread. Fills `out` for List, Guide, Consultation, Agency and Image
// requests, and the domain's service guides for a Domain request. Failures
// set out.errorKey ("error.list", "error.record", "error.image") and
// out.errorDetail.
void servePages(const Store& store, const DataRequest& r, DataResult& out, const std::string& blobsDir);

// The blobs directory beside a mirror file: DIR/blobs for DIR/mirror.db.
std::string blobsDirFor(const std::string& dbPath);

// UI thread. True when the result was one of the pages' (it was consumed).
bool applyPagesResult(AppState& s, DataResult& r);
// The requests a newly shown route needs; resets that page's state.
std::vector<DataRequest> pagesRequestsFor(AppState& s, const Route& r);
// Pictures the reader asked for since the last call.
std::vector<DataRequest> pagesImageRequests(AppState& s);

// How many rows a list screen asks for (newest first).
inline constexpr int kListLimit = 300;

}  // namespace gongkai::ui
