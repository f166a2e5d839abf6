// One line of the record format (shared/RECORDS.md, `gongkai-records/1`):
// parsing, validation of the known types, and the canonical line used for the
// state digest.
//
// Canonical line of a record: the JSON object of its upsert line
// (`type`, `op` = "upsert", `id` and every other field, unknown ones included)
// serialised with object keys sorted bytewise, no insignificant whitespace,
// strings as UTF-8 with only `"` `\` and control characters escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "result.h"

namespace gongkai {

inline constexpr std::size_t kMaxLineBytes = 16u * 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxIdBytes = 200;

enum class Op { Upsert, Delete };

struct Record {
    std::string type;
    std::string id;
    Op op = Op::Upsert;
    nlohmann::json object;   // the whole line; for a delete just type/op/id
    std::string canonical;   // canonical line (upserts only)
};

// Parses and validates one line (without its newline). The error message
// names the field and what was expected, without a file or line prefix.
Result<Record> parseRecordLine(std::string_view line);

std::string canonicalJson(const nlohmann::json& value);

// The types RECORDS.md defines. Lines of other types are kept verbatim.
bool isKnownType(std::string_view type);

// Type-specific checks of an upsert (required fields, field types, dates).
// Returns an error naming the field. Defined in record_schema.cpp.
Status validateKnownFields(const std::string& type, const nlohmann::json& object);

}  // namespace gongkai
