// Sections: [1] snapshot  [2] delta: a merge of two sorted record sets
#include "feed/publish_write.h"

#include <cstdint>
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

namespace {

// How the base's current line and the new set's record i relate.
enum class Step {
    Added,    // record i is not in the base: upsert it
    Removed,  // the base record is not in the new set: delete it
    Changed,  // same key, other content: upsert record i
    Same,     // identical lines: nothing to write
};

Result<Step> compare(BaseCursor& base, const RecordSpool& records, std::size_t i, const std::string& line) {
    if (base.atEnd()) return Step::Added;
    if (i >= records.size()) return Step::Removed;
    if (base.line() == line) return Step::Same;  // the common case, decided without parsing
    auto key = base.key();
    if (!key) return key.error();
    const auto newKey = records.key(i);
    if (key.value() == newKey) return Step::Changed;
    return std::string_view(key.value()) < newKey ? Step::Removed : Step::Added;
}

}  // namespace

Result<DeltaOutcome> writeDelta(const std::string& baseSnapshot, const RecordSpool& records,
                                const std::string& outPath) {
    BaseCursor base(baseSnapshot);
    if (auto s = base.open(); !s) return s.error();
    auto writer = ZstdFileWriter::create(outPath);
    if (!writer) return writer.error();
    ZstdFileWriter& w = *writer.value();
    DeltaOutcome out;
    std::string line;  // record i's line, read once
    for (std::size_t i = 0, lineOf = SIZE_MAX; !base.atEnd() || i < records.size();) {
        if (i < records.size() && lineOf != i) {
            if (auto s = records.line(i, line); !s) return s.error();
            lineOf = i;
        }
        auto step = compare(base, records, i, line);
        if (!step) return step.error();
        Status s = okStatus();
        if (step.value() == Step::Removed) {
            auto key = base.key();
            if (!key) return key.error();
            s = w.writeLine(deleteLine(keyType(key.value()), keyId(key.value())));
            ++out.deletes;
        } else if (step.value() != Step::Same) {
            s = w.writeLine(line);
        }
        if (s && step.value() != Step::Added) s = base.advance();
        if (!s) return s.error();
        if (step.value() != Step::Removed) ++i;
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
