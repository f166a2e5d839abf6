// Shared record-file fixtures for the core and CLI tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/mirror.h"
#include "core/slip.h"
#include "support/temp_dir.h"

namespace gongkai::test {

// A small valid record set: two domains, an agency, a catalogue item, three
// documents (one a 解读 of another), a guide, a consultation, a kiosk, one
// record of an unknown type. One line each, '\n'-terminated.
std::string sampleRecords();

// A new mirror in a temporary directory holding sampleRecords() + `extra`,
// imported through the real import path (file "base.ndjson", mirror "m.db").
struct SampleMirror {
    TempDir dir;
    std::unique_ptr<Mirror> mirror;
    explicit SampleMirror(const std::string& extra = "");
};

// A request as a kiosk fills it in: a document (title, 文号, catalogue
// item), a short description, electronic, collected at the counter.
DisclosureRequest typicalRequest(const std::string& kioskId = "kiosk-xinhua-01");
// `n` varied CJK characters (deflate finds few repeats): the worst case
// for the slip's size.
std::string variedChinese(std::size_t n);

// The ids of the title suggestions for `text` (suggestTitles, up to 10),
// best first; fails the test when the search fails.
std::vector<std::string> suggestedIds(const Mirror& mirror, const std::string& text);

// zstd-compresses `text` (level 3).
std::string zstdCompress(const std::string& text);

}  // namespace gongkai::test
