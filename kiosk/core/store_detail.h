// Helpers shared by the Store's source files (store.cpp, store_pages.cpp);
// not part of the Store's interface. Records are validated at import, but a
// field may be absent or (for an unknown future field) of any type, so these
// read defensively: a missing or mistyped field reads as empty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "result.h"
#include "store.h"

namespace gongkai::store_detail {

using J = nlohmann::json;

std::string text(const J& obj, const char* name);
std::vector<std::string> textList(const J& obj, const char* name);
Error queryError(sqlite3* db, int rc, const char* what);

// The JSON of the records selected by `sqlText` (first column: json), in order.
Result<std::vector<J>> recordObjects(sqlite3* db, const std::string& sqlText,
                                     const std::vector<std::string>& params);

// The columns summaries() reads, for a document table aliased `d`.
inline constexpr const char* kSummaryColumns =
    "d.id, coalesce(d.title,''), coalesce(d.doc_no,''), coalesce(d.issuer,''),"
    " coalesce(d.kind,''), coalesce(d.validity,''), coalesce(d.published_on,'')";

// Binds the text parameters first, then the integers.
Result<std::vector<DocumentSummary>> summaries(sqlite3* db, const std::string& sqlText,
                                               const std::vector<std::string>& textParams,
                                               const std::vector<std::int64_t>& intParams);

// A body (list of blocks); block kinds from a newer format are skipped.
std::vector<Block> parseBody(const J& body);

}  // namespace gongkai::store_detail
