// Group: Go's errgroup. Tasks fail by throwing; the first failure cancels context(),
// and wait() rethrows it once every task has ended.
#pragma once

#include <functional>
#include <source_location>

#include "harness/context.h"

namespace weft {

namespace detail {
struct GroupState;
}

class Group {
 public:
  // A group whose context() is a child of parent. Throws std::logic_error outside explore.
  explicit Group(const Context& parent = Context(), std::source_location where = std::source_location::current());
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

  // Cancelled by the first failure, and when wait() returns.
  Context context() const;
  // Runs fn in a new task; blocks while set_limit(n) tasks of the group are running.
  void go(std::function<void()> fn, std::source_location where = std::source_location::current());
  // At most n tasks of the group at once (n <= 0: no limit). Call before go().
  void set_limit(int n);
  // Blocks until every task of the group has ended, then rethrows the first failure.
  void wait(std::source_location where = std::source_location::current());

 private:
  detail::GroupState* s_;  // execution-owned: the group's tasks may outlive this handle
};

}  // namespace weft
