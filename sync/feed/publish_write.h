// Writing a version's files (internal to sync/feed/publish*.cpp): the
// snapshot, a pass over the sorted record set; and a delta, a merge of an
// older snapshot (already sorted by (type, id)) with the record set, so that
// neither needs more memory than a line. Errors name the file.
#pragma once

#include <cstdint>
#include <string>

#include "core/digest.h"
#include "core/result.h"
#include "feed/manifest.h"
#include "feed/publish_spool.h"

namespace gongkai::feed::detail {

struct SnapshotOutcome {
    FileRef file;  // path left empty
    StateDigest digest;
    std::uint64_t records = 0;
};

// Every record's canonical line, in (type, id) order, into `outPath` (zstd).
Result<SnapshotOutcome> writeSnapshot(const RecordSpool& records, const std::string& outPath);

struct DeltaOutcome {
    FileRef file;                  // path left empty; meaningful when lines > 0
    std::uint64_t lines = 0;       // 0: nothing differs and no file was left
    std::uint64_t deletes = 0;     // records of the base that are gone
    std::uint64_t baseRecords = 0;
};

// The changes from `baseSnapshot` to `records` into `outPath` (zstd):
// canonical upserts of new and changed records and canonicalJson of
// {"id", "op": "delete", "type"} for removed ones, in (type, id) order.
Result<DeltaOutcome> writeDelta(const std::string& baseSnapshot, const RecordSpool& records,
                                const std::string& outPath);

// The delete line of a record.
std::string deleteLine(std::string_view type, std::string_view id);

}  // namespace gongkai::feed::detail
