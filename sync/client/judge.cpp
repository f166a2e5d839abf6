#include "client/judge.h"

#include <algorithm>
#include <map>
#include <queue>

namespace gongkai::sync {

Judgement judgeManifest(const feed::Manifest& m, const SyncState& mirror, const std::string& feedId,
                        std::int64_t clockNow) {
    Judgement j;
    j.now = clockNow;
    if (m.feedId != feedId) {
        j.reason = "the feed is \"" + m.feedId + "\", this kiosk follows \"" + feedId + "\"";
        return j;
    }
    if (m.minReader > feed::kReaderVersion) {
        j.reason = "the feed needs record format " + std::to_string(m.minReader) + ", this build reads up to " +
                   std::to_string(feed::kReaderVersion) + ": update gongkai";
        return j;
    }
    bool sameFeed = mirror.feedId == feedId;
    std::int64_t have = sameFeed ? mirror.version : 0;
    if (m.version < have) {
        j.reason = "rollback refused: the feed offers version " + std::to_string(m.version) +
                   ", the mirror holds version " + std::to_string(have);
        return j;
    }
    auto created = feed::parseUtc(m.created);
    auto expires = feed::parseUtc(m.expires);
    if (!created || !expires) {
        j.reason = "malformed manifest: bad created or expires time";
        return j;
    }
    j.now = std::max(clockNow, *created);  // a clock behind `created` is corrected by it
    j.stale = j.now > *expires;
    j.kind = m.version == have ? Judgement::Kind::UpToDate : Judgement::Kind::Apply;
    return j;
}

FetchPlan planFetch(const feed::Manifest& m, std::int64_t fromVersion) {
    FetchPlan snapshot{true, {}, m.snapshot.size};
    if (fromVersion <= 0 || fromVersion >= m.version) return snapshot;
    // Breadth-first over versions; deltas only move forward.
    std::map<std::int64_t, std::pair<std::size_t, std::uint64_t>> best;  // version -> (hops, bytes)
    std::map<std::int64_t, std::vector<feed::DeltaRef>> path;
    best[fromVersion] = {0, 0};
    path[fromVersion] = {};
    std::queue<std::int64_t> frontier;
    frontier.push(fromVersion);
    while (!frontier.empty()) {
        std::int64_t v = frontier.front();
        frontier.pop();
        for (const auto& d : m.deltas) {
            if (d.from != v || d.to <= v || d.to > m.version) continue;
            std::pair<std::size_t, std::uint64_t> cost{best[v].first + 1, best[v].second + d.file.size};
            auto it = best.find(d.to);
            if (it != best.end() && it->second <= cost) continue;
            bool seen = it != best.end();
            best[d.to] = cost;
            path[d.to] = path[v];
            path[d.to].push_back(d);
            if (!seen) frontier.push(d.to);
        }
    }
    auto it = best.find(m.version);
    if (it == best.end() || it->second.second >= m.snapshot.size) return snapshot;
    return FetchPlan{false, path[m.version], it->second.second};
}

}  // namespace gongkai::sync
