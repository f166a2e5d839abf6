// The kiosk's own anonymous count of searches that led somewhere: when a
// resident opens a result, the search text is counted (text -> count, no
// time, no order, nothing about the person). Home shows the configured
// popular searches merged with the most counted ones.
//
// The counts live in one small JSON file in the kiosk's state directory
// (--state-dir, default /var/lib/gongkai; never inside the mirror, which
// sync replaces), written atomically: a temporary file in the same folder,
// flushed to disk, then renamed over the old one, so a power cut leaves the
// old or the new file, never half of one.
//
// Texts that could be personal are never counted: anything with a run of
// six or more digits (ID card, phone and account numbers) unless it is a
// document number (has 〔 〕 [ ] or 号), and anything longer than
// kMaxQueryChars. Plain value type; not thread-safe (UI thread only).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace gongkai::ui {

class PopularSearches {
public:
    static constexpr int kMaxQueryChars = 24;
    static constexpr std::size_t kMaxEntries = 200;  // then the least counted are forgotten
    static constexpr std::uint64_t kMinCount = 2;    // shown on home from this count

    // Loads `path` (the counts file); a missing file is an empty start, a
    // broken one is an Error (the counts stay empty; save() replaces it).
    Status load(const std::string& path);
    // Writes the counts to the path given to load() (atomically).
    Status save() const;

    // The normal form a text is counted under ("" when it is not counted):
    // trimmed, inner spaces collapsed, ASCII lower-cased.
    static std::string normalize(const std::string& text);
    // Counts one opened search; false when the text is not counted.
    bool count(const std::string& text);
    std::uint64_t countOf(const std::string& text) const;
    const std::map<std::string, std::uint64_t>& counts() const { return m_counts; }

    // Up to `n` texts: those counted at least kMinCount times, most counted
    // first, then the configured ones in their order; no text twice.
    std::vector<std::string> merged(const std::vector<std::string>& configured, std::size_t n) const;

private:
    std::string m_path;
    std::map<std::string, std::uint64_t> m_counts;
};

// Writes `content` to `path` atomically (temporary file, fsync, rename).
Status writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace gongkai::ui
