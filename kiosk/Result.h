// Expected failures as values: a Result<T> holds either a T or an Error with a named problem
// and a message a person can act on. Exceptions are kept for programmer errors.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk {

struct Error {
    std::string code;     // stable name of the problem, e.g. "config.unknown_key"
    std::string message;  // what happened and what to do next, for a person
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

// For operations that return nothing but can fail.
struct Done {};
using Status = Result<Done>;
inline Status success() {
    return Done{};
}

}  // namespace kiosk
