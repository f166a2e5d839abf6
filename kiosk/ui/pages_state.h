// The content pages' data (the pages helper): the list screen's rows, one
// service guide, consultation or agency, the document reader's layout and
// find state, and decoded images. Filled by the app loop from DataWorker
// results (pages_data.cpp); read by the screens. UI thread only, except
// PagesResult, which the worker fills and hands over by value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/store.h"
#include "ui/image_cache.h"

namespace gongkai::ui {

struct ReaderState;  // document_view.h: the reader's lazy layout, TOC and find

// What the worker read for one of the pages' requests.
struct PagesResult {
    std::vector<ServiceGuide> guides;
    std::vector<Consultation> consultations;
    std::vector<Agency> agencies;
    ServiceGuide guide;
    Consultation consultation;
    Agency agency;
    DecodedImage image;
};

// The list screen (Route::id: latest, interpretations, guides, consultations,
// agencies, annual_reports, disclosure_guide, apply).
struct ListData {
    std::string id;
    bool loaded = false;
    std::string error;  // a string key
    std::vector<DocumentSummary> documents;
    std::vector<ServiceGuide> guides;
    std::vector<Consultation> consultations;
    std::vector<Agency> agencies;
};

template <class T>
struct RecordData {
    std::string id;
    bool loaded = false;
    std::string error;  // a string key
    T record;
};

struct PagesState {
    ListData list;
    RecordData<ServiceGuide> guide;
    RecordData<Consultation> consultation;
    RecordData<Agency> agency;
    std::vector<ServiceGuide> domainGuides;  // the open domain's service guides
    std::string domainGuidesFor;             // which domain they are of
    std::vector<Agency> agencies;            // every agency (for links by name)
    bool agenciesLoaded = false;
    bool agenciesAsked = false;              // the request form asked for them
    ImageCache images;
    std::shared_ptr<ReaderState> reader;     // made by the reader on first use
};

// Forgets what was typed into the reader's find bar (for the idle reset).
void clearPagesTypedText(PagesState& p);

}  // namespace gongkai::ui
