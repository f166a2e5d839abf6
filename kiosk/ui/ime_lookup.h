// The pinyin keyboard's candidate lookups, carried between the UI thread and
// the DataWorker's thread (STYLE.md rule 3: no SQLite on the UI thread).
//
// A one-slot mailbox rather than a DataRequest kind: a resident types faster
// than lookups may queue, so only the newest question matters (asking again
// replaces an unanswered one), and the answer is taken by the keyboard band
// itself, wherever it is drawn, without passing through the app loop's
// result dispatch. The process has one (imeLookups()); the DataWorker that
// serves it attaches on construction and detaches on destruction.
//
// Thread safety: every member is thread-safe. ask/take/cancel are called on
// the UI thread; nextQuestion/answer on the worker's.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/ime.h"

namespace gongkai::ui {

struct ImeQuestion {
    std::uint64_t id = 0;  // from ask(): answers carry it back
    std::string pinyin;    // the pending letters
    std::size_t offset = 0, limit = kMaxImeCandidates;
};

struct ImeAnswer {
    std::uint64_t id = 0;
    std::string pinyin;
    std::vector<ImeCandidate> candidates;
    std::size_t total = 0;
};

class ImeLookups {
public:
    // UI thread. Replaces an unanswered question; returns its id (never 0).
    std::uint64_t ask(std::string pinyin, std::size_t offset = 0, std::size_t limit = kMaxImeCandidates);
    // UI thread: the answer that came back, if any (taken once).
    std::optional<ImeAnswer> take();
    // UI thread: forgets the question and any answer (idle reset).
    void cancel();

    // Worker: the question to serve, removed from the slot.
    std::optional<ImeQuestion> nextQuestion();
    void answer(ImeAnswer a);
    // True while a question waits or is being served.
    bool busy() const;
    bool waiting() const;

    // Worker: `notify` wakes it when a question arrives (called without this
    // object's lock held, so it may take the worker's own lock).
    void attach(std::function<void()> notify);
    void detach();

private:
    mutable std::mutex m_mutex;
    std::optional<ImeQuestion> m_question;
    std::optional<ImeAnswer> m_answer;
    std::uint64_t m_serving = 0;  // id of the question being served, 0: none
    std::uint64_t m_nextId = 1;
    std::function<void()> m_notify;
};

// The process's mailbox.
ImeLookups& imeLookups();

}  // namespace gongkai::ui
