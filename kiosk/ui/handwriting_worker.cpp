#include "ui/handwriting_worker.h"

#include <utility>

namespace gongkai::ui {

HandwritingWorker::HandwritingWorker(std::string modelPath)
    : m_modelPath(std::move(modelPath)), m_thread([this] { run(); }) {}

HandwritingWorker::~HandwritingWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::uint64_t HandwritingWorker::ask(std::vector<InkStroke> strokes, float padWidth, float padHeight,
                                     std::size_t topN) {
    std::uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_question = Question{id, std::move(strokes), padWidth, padHeight, topN};
    }
    m_wake.notify_all();
    return id;
}

std::optional<HandwritingAnswer> HandwritingWorker::take(std::uint64_t id) {
    std::lock_guard lock(m_mutex);
    if (!m_answer || m_answer->id != id) return std::nullopt;
    std::optional<HandwritingAnswer> out = std::move(m_answer);
    m_answer.reset();
    return out;
}

bool HandwritingWorker::busy() const {
    std::lock_guard lock(m_mutex);
    return m_question.has_value() || m_working;
}

void HandwritingWorker::run() {
    // Opened here, not in the constructor, so the UI thread never waits for
    // the model file; a model that cannot be opened answers every question
    // with the reason.
    Result<HandwritingRecognizer> recognizer = HandwritingRecognizer::open(m_modelPath);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_question.has_value(); });
        if (m_stop) return;
        Question q = std::move(*m_question);
        m_question.reset();
        m_working = true;
        lock.unlock();
        HandwritingAnswer a{q.id, {}, {}};
        if (!recognizer) {
            a.error = recognizer.error().message;
        } else if (auto c = recognizer->recognize(q.strokes, q.width, q.height, q.topN); c) {
            a.candidates = std::move(c.value());
        } else {
            a.error = c.error().message;
        }
        lock.lock();
        m_working = false;
        // A newer question makes this answer stale: nobody will take it.
        if (!m_question) m_answer = std::move(a);
    }
}

}  // namespace gongkai::ui
