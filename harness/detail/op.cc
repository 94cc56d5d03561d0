#include "harness/detail/op.h"

#include <array>

namespace weft::detail {

std::string_view op_name(std::uint8_t op) noexcept {
  static constexpr std::array<std::string_view, static_cast<std::size_t>(Op::count_)> kNames = {
      "start", "go", "yield", "choose",
      "chan send", "chan receive", "chan close", "chan len", "select",
      "Mutex.lock", "Mutex.unlock", "Mutex.try_lock",
      "RWMutex.lock", "RWMutex.unlock", "RWMutex.rlock", "RWMutex.runlock", "RWMutex.try_lock",
      "RWMutex.try_rlock",
      "CondVar.wait", "CondVar.notify",
      "WaitGroup.add", "WaitGroup.wait",
      "Once.call",
      "atomic load", "atomic store", "atomic rmw",
      "timer set", "timer stop", "sleep", "now",
      "cancel", "ctx.err",
      "Group.go", "Group.wait",
  };
  if (op < kNames.size()) return kNames[op];
  if (op == 63) return "timer fired";
  return "op?";
}

}  // namespace weft::detail
