#include "record.h"

#include <array>

namespace gongkai {

namespace {

// Checks nesting depth and raw NUL bytes before the parser sees the line, so
// hostile input (10 000 nested arrays) never reaches a recursive structure.
Status prescan(std::string_view line) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (char c : line) {
        if (c == '\0') return Error{"line contains a raw NUL byte (not a text line)"};
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxJsonDepth)
                return Error{"JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
        } else if (c == '}' || c == ']') --depth;
    }
    return okStatus();
}

std::string describeParseError(const std::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: ..."
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    if (what.find("surrogate") != std::string::npos)
        return "text contains an unpaired UTF-16 surrogate (" + what + ")";
    if (what.find("UTF-8") != std::string::npos)
        return "text is not valid UTF-8 (" + what + ")";
    return "invalid JSON: " + what;
}

bool containsNul(const nlohmann::json& v) {
    // Iterative walk: depth is bounded by prescan, but keep it loop-shaped anyway.
    std::vector<const nlohmann::json*> stack{&v};
    while (!stack.empty()) {
        const auto* cur = stack.back();
        stack.pop_back();
        if (cur->is_string()) {
            if (cur->get_ref<const std::string&>().find('\0') != std::string::npos) return true;
        } else if (cur->is_object()) {
            for (auto it = cur->begin(); it != cur->end(); ++it) {
                if (it.key().find('\0') != std::string::npos) return true;
                stack.push_back(&it.value());
            }
        } else if (cur->is_array()) {
            for (const auto& item : *cur) stack.push_back(&item);
        }
    }
    return false;
}

Result<std::string> requiredString(const nlohmann::json& obj, const char* name) {
    auto it = obj.find(name);
    if (it == obj.end()) return Error{std::string("missing required field \"") + name + "\""};
    if (!it->is_string())
        return Error{std::string("field \"") + name + "\" must be a string, got " + it->type_name()};
    if (it->get_ref<const std::string&>().empty())
        return Error{std::string("field \"") + name + "\" must not be empty"};
    return it->get<std::string>();
}

}  // namespace

std::string canonicalJson(const nlohmann::json& value) {
    // nlohmann::json keeps object keys in a std::map (sorted bytewise), dumps
    // without whitespace and, with ensure_ascii off, leaves UTF-8 as is.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

bool isKnownType(std::string_view type) {
    static constexpr std::array<std::string_view, 8> kKnown = {
        "domain", "agency", "catalog_item", "document", "service_guide",
        "consultation", "kiosk", "portal"};
    for (auto k : kKnown)
        if (k == type) return true;
    return false;
}

Result<Record> parseRecordLine(std::string_view line) {
    if (line.size() > kMaxLineBytes)
        return Error{"line is longer than 16 MiB (" + std::to_string(line.size()) + " bytes)"};
    if (auto s = prescan(line); !s) return s.error();

    Record rec;
    try {
        rec.object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
        return Error{describeParseError(e)};
    }
    if (!rec.object.is_object())
        return Error{std::string("not a JSON object (got ") + rec.object.type_name() + ")"};
    if (containsNul(rec.object)) return Error{"text contains a NUL character (\\u0000)"};

    auto type = requiredString(rec.object, "type");
    if (!type) return type.error();
    auto op = requiredString(rec.object, "op");
    if (!op) return op.error();
    auto id = requiredString(rec.object, "id");
    if (!id) return id.error();
    if (id.value().size() > kMaxIdBytes)
        return Error{"field \"id\" is longer than 200 bytes (" + std::to_string(id.value().size()) + ")"};
    rec.type = std::move(type.value());
    rec.id = std::move(id.value());

    if (op.value() == "delete") {
        rec.op = Op::Delete;
        return rec;
    }
    if (op.value() != "upsert")
        return Error{"unknown op \"" + op.value() + "\" (expected \"upsert\" or \"delete\")"};
    rec.op = Op::Upsert;
    if (isKnownType(rec.type))
        if (auto s = validateKnownFields(rec.type, rec.object); !s) return s.error();
    rec.canonical = canonicalJson(rec.object);
    return rec;
}

}  // namespace gongkai
