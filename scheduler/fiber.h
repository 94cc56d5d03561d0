// The machine-context layer: the only part of weft that knows how a switch happens.
// Three operations: adopt the running thread, create a fiber on a stack, switch.
#pragma once

#include <cstddef>

#include "scheduler/stack_pool.h"

namespace weft::sched {

class Fiber {
 public:
  using Entry = void (*)(void* arg);

  Fiber() = default;
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // Prepares this fiber to run entry(arg) on `stack` when first switched to.
  // entry must never return: it ends with exit_to().
  void create(Stack stack, Entry entry, void* arg) noexcept;

  // Saves the running context into `from` and runs `to`; returns when some fiber
  // switches back to `from`. `from` may be a default-constructed Fiber standing for
  // the OS thread's own stack.
  static void switch_to(Fiber& from, Fiber& to) noexcept;

  // Like switch_to, for a fiber that has finished and is never resumed: lets the
  // sanitizer release its fake stack. Does not return.
  [[noreturn]] static void exit_to(Fiber& from, Fiber& to) noexcept;

 private:
  friend struct FiberAccess;

  void* ctx_ = nullptr;  // saved machine context while not running
  Entry entry_ = nullptr;
  void* arg_ = nullptr;
  // Stack bounds for sanitizer annotations; null for the thread's own stack until learnt.
  const void* stack_bottom_ = nullptr;
  std::size_t stack_size_ = 0;
  void* fake_stack_ = nullptr;
};

}  // namespace weft::sched
