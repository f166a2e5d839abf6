// Errors as values at every boundary (STYLE.md rule 10): parsing, opening and
// applying return a Result that says what was wrong; nothing aborts on bad input.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace gongkai {

struct Error {
    std::string message;  // complete, human-readable; callers prefix file/line
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(m_v); }
    const T& value() const { return std::get<T>(m_v); }
    T* operator->() { return &value(); }
    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For operations with no value: an empty optional-like status.
struct Ok {};
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }

}  // namespace gongkai
