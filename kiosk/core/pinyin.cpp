#include "pinyin.h"

#include <algorithm>
#include <set>

#include "hanzi.h"

namespace gongkai::pinyin {

namespace {

constexpr std::size_t kMaxLetters = 32;
constexpr std::size_t kMaxCandidates = 64;

bool isSyllable(std::string_view s) {
    const auto& all = hanzi::allSyllables();
    return std::binary_search(all.begin(), all.end(), s);
}

bool isSyllablePrefix(std::string_view s) {
    const auto& all = hanzi::allSyllables();
    auto it = std::lower_bound(all.begin(), all.end(), s);
    return it != all.end() && it->substr(0, s.size()) == s;
}

// Initials users type for a character: b p m f d t n l g k h j q x r z c s y w,
// zh ch sh, and a e o for syllables with no consonant.
bool isInitial(std::string_view s) {
    if (s == "zh" || s == "ch" || s == "sh") return true;
    return s.size() == 1 && std::string_view("bpmfdtnlgkhjqxrzcsywaeo").find(s[0]) != std::string_view::npos;
}

struct Search {
    std::string_view letters;
    std::vector<bool> canFinish;  // canFinish[i]: letters[i..] can be read to the end
    std::vector<std::string> current;
    int initials = 0;
    std::vector<std::pair<Reading, int>> found;  // reading, initials used

    // Backwards DP, so that the search below never enters a dead end: the
    // work is bounded by the candidates it collects, whatever is typed.
    void computeCanFinish() {
        std::size_t n = letters.size();
        canFinish.assign(n + 1, false);
        canFinish[n] = true;
        for (std::size_t i = n; i-- > 0;) {
            std::string_view rest = letters.substr(i);
            for (std::size_t len = 1; len <= std::min<std::size_t>(6, rest.size()) && !canFinish[i]; ++len) {
                std::string_view piece = rest.substr(0, len);
                bool last = len == rest.size();
                if ((canFinish[i + len] && (isSyllable(piece) || isInitial(piece))) ||
                    (last && len >= 2 && isSyllablePrefix(piece)))
                    canFinish[i] = true;
            }
        }
    }

    void dfs(std::size_t pos) {
        if (found.size() >= kMaxCandidates || !canFinish[pos]) return;
        if (pos == letters.size()) {
            found.push_back({{current, false}, initials});
            return;
        }
        std::string_view rest = letters.substr(pos);
        for (std::size_t len = std::min<std::size_t>(6, rest.size()); len >= 1; --len) {
            std::string_view piece = rest.substr(0, len);
            bool last = len == rest.size();
            if (isSyllable(piece)) {
                current.push_back(std::string(1, kSyllableMark) + std::string(piece));
                dfs(pos + len);
                current.pop_back();
            } else if (last && len >= 2 && isSyllablePrefix(piece)) {  // unfinished last syllable
                auto tokens = current;
                tokens.push_back(std::string(1, kSyllableMark) + std::string(piece));
                found.push_back({{tokens, true}, initials});
            }
            if (isInitial(piece)) {
                current.push_back(std::string(1, kInitialMark) + piece[0]);
                ++initials;
                dfs(pos + len);
                --initials;
                current.pop_back();
            }
        }
    }
};

}  // namespace

std::vector<Reading> segment(std::string_view letters, std::size_t limit) {
    if (letters.empty() || letters.size() > kMaxLetters) return {};
    for (char c : letters)
        if (c < 'a' || c > 'z') return {};
    Search s{letters, {}, {}, 0, {}};
    s.computeCanFinish();
    s.dfs(0);
    std::stable_sort(s.found.begin(), s.found.end(), [](const auto& a, const auto& b) {
        if (a.first.tokens.size() != b.first.tokens.size()) return a.first.tokens.size() < b.first.tokens.size();
        return a.second < b.second;
    });
    std::vector<Reading> out;
    std::set<std::pair<std::vector<std::string>, bool>> seen;
    for (auto& [reading, _] : s.found) {
        if (out.size() >= limit) break;
        if (seen.insert({reading.tokens, reading.lastIsPrefix}).second) out.push_back(std::move(reading));
    }
    return out;
}

}  // namespace gongkai::pinyin
