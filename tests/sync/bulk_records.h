// Generated record sets for the process and crash tests of gongkai-sync: a
// few thousand documents with a few KB of Chinese-looking body text each, so
// that applying a version takes long enough (about a second) to be
// interrupted at a chosen moment.
//
// bulkRecords(options, revision) is deterministic. Between revision r and r+1
// a fiftieth of the documents are deleted (the oldest ids), as many are added
// (new ids), and a tenth of the others get a new body: the delta is about a
// seventh of the snapshot, and applying it costs about as much as importing
// that seventh (the search index dominates: about 0.5-1 MB of text a second
// on one core). Pure functions; any thread.
#pragma once

#include <string>

namespace gongkai::test {

struct BulkOptions {
    int documents = 2000;   // documents per revision
    int bodyChars = 700;    // Hanzi per body (about 3 bytes each in UTF-8)
};

// NDJSON text: one upsert line per document, '\n'-terminated.
std::string bulkRecords(const BulkOptions& options, int revision);

}  // namespace gongkai::test
