// The exceptions weft itself raises inside explored code.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>

namespace weft {

namespace detail {
// A failure that knows the user line it points at.
class LocatedError : public std::runtime_error {
 public:
  LocatedError(const std::string& message, std::source_location where)
      : std::runtime_error(message), where_(where) {}
  const std::source_location& where() const noexcept { return where_; }

 private:
  std::source_location where_;
};
}  // namespace detail

// Misuse of a shim, as Go panics: send on a closed channel, unlock of an unlocked
// mutex, negative WaitGroup counter, … Thrown inside the task; reported as `panic`
// unless the task catches it (Go's recover).
class Panic : public detail::LocatedError {
 public:
  using LocatedError::LocatedError;
};

// A failed WEFT_ASSERT or test-framework check; reported as `assertion`.
class AssertionFailure : public detail::LocatedError {
 public:
  using LocatedError::LocatedError;
};

}  // namespace weft
