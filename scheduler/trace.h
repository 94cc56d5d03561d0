// One step of a traced execution, for the report's interleaving.
#pragma once

#include <cstdint>
#include <source_location>
#include <string>

namespace weft::sched {

struct TraceStep {
  enum class Kind : std::uint8_t { op, block, wake, timer, exit };
  Kind kind = Kind::op;
  std::uint64_t step = 0;       // the step counter when it happened
  std::uint32_t task = 0;       // creation index of the task (the firing task for timers)
  std::uint8_t op = 0;          // harness operation code
  std::uint32_t object = 0;
  std::source_location where{};
  bool preempted = false;       // the task was switched to although the previous one could go on
  std::string note;             // shim-provided result, e.g. "received 3"
};

}  // namespace weft::sched
