// The publisher's record set (internal to sync/feed/publish*.cpp): every
// record file is read with the import rules (core/apply.h scanRecordFile:
// a bad line is an error naming FILE:LINE) and each record's canonical line
// is appended to a spool file on disk. In memory stay only the keys
// ("type\0id", which sorts as (type, id) bytewise since neither holds a NUL)
// and the lines' offsets: about 60 bytes a record, so 1 000 000 records need
// tens of MB, not the GBs of their text.
//
// After build(), index i in [0, size()) walks the live records (the last line
// for each key, deletes dropped) in (type, id) order.
// Not thread-safe; the spool file is removed with the object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongkai::feed::detail {

class RecordSpool {
public:
    static Result<std::unique_ptr<RecordSpool>> build(const std::vector<std::string>& recordFiles,
                                                      const std::string& spoolPath);
    ~RecordSpool();
    RecordSpool(const RecordSpool&) = delete;
    RecordSpool& operator=(const RecordSpool&) = delete;

    std::size_t size() const { return m_entries.size(); }
    std::string_view key(std::size_t i) const;  // "type\0id"
    // The canonical line of record i (no newline) into `out`.
    Status line(std::size_t i, std::string& out) const;

private:
    RecordSpool() = default;
    struct Entry {
        std::uint64_t keyOffset;   // into m_keys
        std::uint64_t lineOffset;  // into the spool file
        std::uint32_t keyLength;
        std::uint32_t lineLength;  // kDeleted: a delete line
    };
    static constexpr std::uint32_t kDeleted = 0xFFFFFFFFu;
    Status append(std::string_view key, std::string_view canonical, bool isDelete);
    Status flush();  // writes out the buffered lines
    void sortAndKeepLatest();

    std::string m_path;
    int m_fd = -1;
    std::uint64_t m_spoolSize = 0;
    std::string m_writeBuffer;
    std::string m_keys;
    std::vector<Entry> m_entries;
};

// "type\0id" <-> the parts.
std::string recordKey(std::string_view type, std::string_view id);
std::string_view keyType(std::string_view key);
std::string_view keyId(std::string_view key);

}  // namespace gongkai::feed::detail
