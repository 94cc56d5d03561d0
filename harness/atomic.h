// Atomic<T>: sequentially consistent atomics for integral, bool and pointer types.
// Every operation is a scheduling point, so races between atomics are explored.
#pragma once

#include <source_location>
#include <string>
#include <type_traits>

#include "harness/detail/sync_object.h"

namespace weft {

template <class T>
  requires(std::is_integral_v<T> || std::is_pointer_v<T>)
class Atomic : detail::SyncObject {
 public:
  // Throws std::logic_error outside explore.
  explicit Atomic(T initial = T{}) : SyncObject(detail::ObjKind::atomic, "Atomic", &describe), v_(initial) {}

  T load(std::source_location where = std::source_location::current()) const {
    step(detail::Op::atomic_load, where);
    return v_;
  }
  void store(T v, std::source_location where = std::source_location::current()) {
    step(detail::Op::atomic_store, where);
    v_ = v;
  }
  T exchange(T v, std::source_location where = std::source_location::current()) {
    step(detail::Op::atomic_rmw, where);
    T old = v_;
    v_ = v;
    return old;
  }
  // If the value equals expected, stores desired and returns true; otherwise loads
  // the value into expected and returns false.
  bool compare_exchange(T& expected, T desired, std::source_location where = std::source_location::current()) {
    step(detail::Op::atomic_rmw, where);
    if (v_ == expected) {
      v_ = desired;
      return true;
    }
    expected = v_;
    return false;
  }
  template <class D>
    requires(!std::is_same_v<T, bool>)
  T fetch_add(D d, std::source_location where = std::source_location::current()) {
    step(detail::Op::atomic_rmw, where);
    T old = v_;
    v_ = v_ + d;
    return old;
  }
  template <class D>
    requires(!std::is_same_v<T, bool>)
  T fetch_sub(D d, std::source_location where = std::source_location::current()) {
    step(detail::Op::atomic_rmw, where);
    T old = v_;
    v_ = v_ - d;
    return old;
  }

  using SyncObject::id;

 private:
  void step(detail::Op op, const std::source_location& where) const {
    auto& rt = detail::Runtime::get("Atomic");
    if (!rt.inert()) rt.point(op, id_, where);
  }
  static std::string describe(const void*, std::uint32_t id) { return "atomic#" + std::to_string(id); }
  T v_;
};

}  // namespace weft
