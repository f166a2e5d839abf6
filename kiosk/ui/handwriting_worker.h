// Recognises the writing pad's ink on a thread of its own, so the UI thread
// never waits on zinnia (STYLE.md rule 3). The mirror's DataWorker is not
// used: a search or a database reload queued there would hold the
// candidates back, and the pad needs them within a moment of each stroke.
//
// The worker opens the model (HandwritingRecognizer) on its thread when it
// starts. Only the newest question matters: asking again replaces a question
// not yet started, and an answer nobody waits for is dropped.
//
// Ownership: owns its thread (joined by the destructor) and its recogniser.
// Thread safety: ask(), take() and busy() may be called from any thread
// (the kiosk calls them from the UI thread).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/handwriting.h"

namespace gongkai::ui {

struct HandwritingAnswer {
    std::uint64_t id = 0;  // the ask() it answers
    std::vector<HandwritingCandidate> candidates;
    std::string error;     // the model could not be opened, or the ink was rejected
};

class HandwritingWorker {
public:
    explicit HandwritingWorker(std::string modelPath);
    ~HandwritingWorker();
    HandwritingWorker(const HandwritingWorker&) = delete;
    HandwritingWorker& operator=(const HandwritingWorker&) = delete;

    // Asks for the `topN` best candidates for `strokes` on a padWidth x
    // padHeight pad; returns the question's id (never 0; ids only grow).
    std::uint64_t ask(std::vector<InkStroke> strokes, float padWidth, float padHeight, std::size_t topN);
    // The answer to question `id` once it is ready; answers to other
    // questions are dropped.
    std::optional<HandwritingAnswer> take(std::uint64_t id);
    // A question is waiting or being answered.
    bool busy() const;

private:
    struct Question {
        std::uint64_t id = 0;
        std::vector<InkStroke> strokes;
        float width = 0, height = 0;
        std::size_t topN = 0;
    };
    void run();

    std::string m_modelPath;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Question> m_question;
    std::optional<HandwritingAnswer> m_answer;
    std::uint64_t m_nextId = 1;
    bool m_working = false, m_stop = false;
    std::thread m_thread;  // last: started once everything above exists
};

}  // namespace gongkai::ui
