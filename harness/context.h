// Context: Go's context package — cancellation trees with deadlines on the virtual
// clock. Handles are cheap copies; a default-constructed Context is background().
#pragma once

#include <optional>
#include <source_location>
#include <utility>

#include "harness/chan.h"
#include "harness/clock.h"
#include "harness/unit.h"

namespace weft {

enum class ContextError : std::uint8_t { none, canceled, deadline_exceeded };

namespace detail {
struct ContextState;
}

class Context {
 public:
  Context() = default;  // background: never cancelled, done() is a nil channel

  // Closed when the context is cancelled or its deadline passes; usable in
  // recv_case(ctx.done()). Background's is nil (never ready).
  Chan<Unit> done() const;
  // Why done() is closed: none while it is not. A scheduling point.
  ContextError err(std::source_location where = std::source_location::current()) const;
  // The effective deadline, if any.
  std::optional<TimePoint> deadline() const;

 private:
  friend class CancelFunc;
  friend std::pair<Context, class CancelFunc> with_cancel(const Context&, std::source_location);
  friend std::pair<Context, class CancelFunc> with_deadline(const Context&, TimePoint, std::source_location);
  explicit Context(detail::ContextState* s) : s_(s) {}
  detail::ContextState* s_ = nullptr;  // execution-owned; null = background
};

// Cancels its context and every descendant. Copyable; calling it again does nothing.
class CancelFunc {
 public:
  CancelFunc() = default;
  void operator()(std::source_location where = std::source_location::current()) const;

 private:
  friend std::pair<Context, CancelFunc> with_cancel(const Context&, std::source_location);
  friend std::pair<Context, CancelFunc> with_deadline(const Context&, TimePoint, std::source_location);
  explicit CancelFunc(detail::ContextState* s) : s_(s) {}
  detail::ContextState* s_ = nullptr;
};

inline Context background() { return Context(); }

// A child of parent cancelled by the returned CancelFunc (or when parent is).
// Throws std::logic_error outside explore.
std::pair<Context, CancelFunc> with_cancel(const Context& parent,
                                           std::source_location where = std::source_location::current());
// A child that is also cancelled, with deadline_exceeded, at virtual time tp.
std::pair<Context, CancelFunc> with_deadline(const Context& parent, TimePoint tp,
                                             std::source_location where = std::source_location::current());
// with_deadline(parent, now() + d).
std::pair<Context, CancelFunc> with_timeout(const Context& parent, Duration d,
                                            std::source_location where = std::source_location::current());

}  // namespace weft
