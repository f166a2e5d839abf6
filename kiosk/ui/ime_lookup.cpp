#include "ui/ime_lookup.h"

namespace gongkai::ui {

std::uint64_t ImeLookups::ask(std::string pinyin, std::size_t offset, std::size_t limit) {
    std::function<void()> notify;
    std::uint64_t id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_question = ImeQuestion{id, std::move(pinyin), offset, limit};
        notify = m_notify;
    }
    if (notify) notify();
    return id;
}

std::optional<ImeAnswer> ImeLookups::take() {
    std::lock_guard lock(m_mutex);
    std::optional<ImeAnswer> out = std::move(m_answer);
    m_answer.reset();
    return out;
}

void ImeLookups::cancel() {
    std::lock_guard lock(m_mutex);
    m_question.reset();
    m_answer.reset();
    m_nextId += 1;  // an answer being computed now is for an id nobody holds
}

std::optional<ImeQuestion> ImeLookups::nextQuestion() {
    std::lock_guard lock(m_mutex);
    std::optional<ImeQuestion> out = std::move(m_question);
    m_question.reset();
    if (out) m_serving = out->id;
    return out;
}

void ImeLookups::answer(ImeAnswer a) {
    std::lock_guard lock(m_mutex);
    if (m_serving == a.id) m_serving = 0;
    m_answer = std::move(a);
}

bool ImeLookups::busy() const {
    std::lock_guard lock(m_mutex);
    return m_question.has_value() || m_serving != 0;
}

bool ImeLookups::waiting() const {
    std::lock_guard lock(m_mutex);
    return m_question.has_value();
}

void ImeLookups::attach(std::function<void()> notify) {
    std::lock_guard lock(m_mutex);
    m_notify = std::move(notify);
}

void ImeLookups::detach() {
    std::lock_guard lock(m_mutex);
    m_notify = nullptr;
    m_serving = 0;
}

ImeLookups& imeLookups() {
    static ImeLookups lookups;
    return lookups;
}

}  // namespace gongkai::ui
