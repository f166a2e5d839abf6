// Shared record-file fixtures for the core and CLI tests.
#pragma once

#include <string>

namespace gongkai::test {

// A small valid record set: two domains, an agency, a catalogue item, three
// documents (one a 解读 of another), a guide, a consultation, a kiosk, one
// record of an unknown type. One line each, '\n'-terminated.
std::string sampleRecords();

// zstd-compresses `text` (level 3).
std::string zstdCompress(const std::string& text);

}  // namespace gongkai::test
