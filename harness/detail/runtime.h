// Glue between the shims and the engine: the current execution, object identities
// and their descriptions for reports, and block/point helpers that also feed the
// traced re-run. Private to harness/.
#pragma once

#include <cstdint>
#include <source_location>
#include <string>
#include <vector>

#include "harness/detail/op.h"
#include "harness/wait_kind.h"
#include "scheduler/engine.h"
#include "scheduler/wait_queue.h"

namespace weft::detail {

enum class ObjKind : std::uint8_t {
  chan, mutex, rwmutex, condvar, waitgroup, once, atomic, timer, ticker, context, group,
};

// Describes an object for reports, e.g. "chan#3 (unbuffered, len 0)".
using DescribeFn = std::string (*)(const void* state, std::uint32_t id);

class Runtime {
 public:
  // The runtime of the execution running on this thread; throws std::logic_error
  // naming `what` (e.g. "Chan::send") when called outside weft::explore.
  static Runtime& get(const char* what) {
    Runtime* rt = tl_;
    if (rt == nullptr || sched::Engine::current() == nullptr) [[unlikely]] outside(what);
    return *rt;
  }
  // nullptr outside explore.
  static Runtime* current() noexcept;

  sched::Engine& engine() noexcept { return engine_; }
  bool inert() const noexcept { return engine_.inert(); }

  // A new object id; `state` must stay valid until forget(): objects call
  // Runtime::forget_if_current(id, serial) from their destructor.
  std::uint32_t add_object(ObjKind kind, const void* state, DescribeFn describe);
  // Identifies the execution: an object made in one execution must not forget an id
  // of another.
  std::uint64_t serial() const noexcept { return serial_; }
  static void forget_if_current(std::uint32_t id, std::uint64_t serial) noexcept;
  std::string describe(std::uint32_t id) const;
  // Descriptions of every live object of `kind`, in creation order.
  std::vector<std::string> describe_all(ObjKind kind) const;
  ObjKind kind_of(std::uint32_t id) const noexcept;
  // Whether a task parked at a point is enabled in the engine's enabled-only model:
  // false only for a lock of a held Mutex, a wait on a WaitGroup with a non-zero
  // counter, and a receive (or a select that can only receive) with nothing to take
  // (ChanCore::recv_enabled).
  bool ready(const sched::Task& t) const noexcept;
  // What the pending operation of such a task would touch, for those ready() may
  // refuse (the engine's PendingFn).
  void pending(const sched::Task& t, std::vector<sched::AccessRec>& out) const;
  // Records that the running event touches `id` (exhaustive search only).
  void touch(std::uint32_t id, sched::Access kind) { engine_.access(id, kind); }

  // A scheduling point for the running task (no-op while unwinding).
  // `may_unwind`: see sched::Engine::point (false for unlocks).
  void point(Op op, std::uint32_t object, const std::source_location& where, bool may_unwind = true) {
    if (engine_.tracing()) return traced_point(op, object, where, may_unwind);
    engine_.point(static_cast<std::uint8_t>(op), object, where, may_unwind);
  }
  // Parks the running task (register in the wait queues first). Captures its stack
  // when tracing. Returns the waker's token; throws sched::Unwind at execution end.
  std::uintptr_t block(WaitKind kind, std::uint32_t object, const std::source_location& where);
  // Parks the running task forever (nil channel, empty select).
  [[noreturn]] void block_forever(WaitKind kind, std::uint32_t object,
                                  const std::source_location& where);
  void note(std::string text) {
    if (engine_.tracing()) engine_.note(std::move(text));
  }
  bool tracing() const noexcept { return engine_.tracing(); }
  sched::Task& self() noexcept { return engine_.self(); }

  // Stack captured at the task's last block in a traced run (innermost first).
  const std::vector<std::string>& stack_of(std::uint32_t task) const;

  // Called by explore() around executions.
  explicit Runtime(sched::Engine& e) noexcept;
  ~Runtime();
  void begin_execution();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

 private:
  struct Object {
    ObjKind kind;
    const void* state;
    DescribeFn describe;
  };
  void forget(std::uint32_t id) noexcept;
  void traced_point(Op op, std::uint32_t object, const std::source_location& where, bool may_unwind);
  [[noreturn]] static void outside(const char* what);
  // Inline (every shim operation starts here): a thread-local read, no call.
  inline static thread_local Runtime* tl_ = nullptr;
  sched::Engine& engine_;
  Runtime* previous_;
  std::uint64_t serial_ = 0;
  std::vector<Object> objects_;                  // index = id - 1
  std::vector<std::vector<std::string>> stacks_; // index = task creation index
};

// Throws weft::Panic (reported as a panic) with a Go-like message.
[[noreturn]] void panic(std::string message, const std::source_location& where);

}  // namespace weft::detail
