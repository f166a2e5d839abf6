// Sections: [1] snapshot  [2] delta: a merge of two sorted record sets
#include "feed/publish_write.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/record.h"
#include "core/record_reader.h"
#include "feed/publish_io.h"

namespace gongkai::feed::detail {

std::string deleteLine(std::string_view type, std::string_view id) {
    return canonicalJson({{"id", id}, {"op", "delete"}, {"type", type}});
}

// [1] snapshot
Result<SnapshotOutcome> writeSnapshot(const RecordSpool& records, const std::string& outPath) {
    auto writer = ZstdFileWriter::create(outPath);
    if (!writer) return writer.error();
    SnapshotOutcome out;
    std::string line;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (auto s = records.line(i, line); !s) return s.error();
        if (auto s = writer.value()->writeLine(line); !s) return s.error();
        out.digest.add(sha256(line));
    }
    auto file = writer.value()->finish();
    if (!file) return file.error();
    out.file = file.value();
    out.records = records.size();
    return out;
}

// [2] delta
namespace {

// One older snapshot read line by line; its key is worked out only when the
// line differs from the new set's (most lines of a small change do not).
class BaseCursor {
public:
    explicit BaseCursor(std::string path) : m_path(std::move(path)) {}

    Status open() {
        auto r = RecordFileReader::open(m_path);
        if (!r) return r.error();
        m_reader = std::move(r.value());
        return advance();
    }
    bool atEnd() const { return m_end; }
    const std::string& line() const { return m_line; }
    std::uint64_t count() const { return m_count; }

    Status advance() {
        m_key.clear();
        for (;;) {
            auto next = m_reader->next(m_line, m_lineNo);
            if (next == RecordFileReader::Next::End) {
                m_end = true;
                return okStatus();
            }
            if (next != RecordFileReader::Next::Line) return failure("cannot read it: " + m_reader->error());
            if (m_line.empty()) continue;
            ++m_count;
            return okStatus();
        }
    }

    Result<std::string> key() {
        if (!m_key.empty()) return m_key;
        auto j = nlohmann::json::parse(m_line, nullptr, false);
        auto type = j.is_object() ? j.find("type") : j.end();
        auto id = j.is_object() ? j.find("id") : j.end();
        if (!j.is_object() || type == j.end() || id == j.end() || !type->is_string() || !id->is_string())
            return failure("not a record line").error();
        m_key = recordKey(type->get<std::string>(), id->get<std::string>());
        if (!m_lastKey.empty() && m_key <= m_lastKey) return failure("not sorted by (type, id)").error();
        m_lastKey = m_key;
        return m_key;
    }

private:
    Status failure(const std::string& what) const {
        return Error{m_path + ":" + std::to_string(m_lineNo) + ": " + what +
                     " (an older snapshot of this feed; remove it to publish without a delta from it)"};
    }

    std::string m_path;
    std::unique_ptr<RecordFileReader> m_reader;
    std::string m_line, m_key, m_lastKey;
    std::uint64_t m_lineNo = 0, m_count = 0;
    bool m_end = false;
};

}  // namespace

Result<DeltaOutcome> writeDelta(const std::string& baseSnapshot, const RecordSpool& records,
                                const std::string& outPath) {
    BaseCursor base(baseSnapshot);
    if (auto s = base.open(); !s) return s.error();
    auto writer = ZstdFileWriter::create(outPath);
    if (!writer) return writer.error();
    ZstdFileWriter& w = *writer.value();
    DeltaOutcome out;
    std::string line;
    std::size_t i = 0;
    bool haveLine = false;  // `line` holds record i
    while (!base.atEnd() || i < records.size()) {
        if (i < records.size() && !haveLine) {
            if (auto s = records.line(i, line); !s) return s.error();
            haveLine = true;
        }
        int order = 1;  // > 0: record i is new; < 0: the base record is gone; 0: same key
        if (base.atEnd()) order = 1;
        else if (i >= records.size()) order = -1;
        else if (base.line() == line) order = 2;  // identical: unchanged
        else {
            auto key = base.key();
            if (!key) return key.error();
            order = key.value().compare(records.key(i)) < 0 ? -1 : key.value() == records.key(i) ? 0 : 1;
        }
        Status s = okStatus();
        if (order < 0) {
            auto key = base.key();
            if (!key) return key.error();
            s = w.writeLine(deleteLine(keyType(key.value()), keyId(key.value())));
            ++out.deletes;
        } else if (order <= 1) {
            s = w.writeLine(line);
        }
        if (!s) return s.error();
        if (order != 1 && (s = base.advance(), !s)) return s.error();
        if (order >= 0) {
            ++i;
            haveLine = false;
        }
    }
    auto file = w.finish();
    if (!file) return file.error();
    out.file = file.value();
    out.lines = w.lines();
    out.baseRecords = base.count();
    if (out.lines == 0) std::remove(outPath.c_str());
    return out;
}

}  // namespace gongkai::feed::detail
