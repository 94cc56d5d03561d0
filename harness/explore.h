// Runs a body under the controlled scheduler, many times, and checks every execution.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <source_location>
#include <string>
#include <vector>

#include "harness/options.h"
#include "harness/report.h"

namespace weft {

// Runs `body` as the main task of each execution the mode asks for, stopping at the
// first failure, which is re-run traced and once more to prove it deterministic.
// Never throws for failures of the code under test (they are in the Report); throws
// std::invalid_argument for bad options (a malformed replay token, …) and
// std::logic_error when called from inside an explored task.
Report explore(const Options& options, std::function<void()> body,
               std::source_location where = std::source_location::current());

namespace detail {
// Observers see every execution; the test-framework glue in properties/ uses one to
// turn framework check failures inside explored code into `assertion` failures.
class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  virtual void on_explore_begin() {}
  virtual void on_explore_end() {}
  virtual void on_execution_begin() {}
  // A non-empty result fails the execution as an assertion with that message.
  virtual std::string on_execution_end() { return {}; }
};
void add_observer(ExecutionObserver* observer);  // not owned; lives for the process

// The name shown in the replay command (`--test_filter=`); set by WEFT_TEST.
void set_test_name(std::string suite_and_name);
const std::string& test_name() noexcept;

// Every distinct outcome of an exhaustive search, failures included (the search does
// not stop at them): "ok", or a failure's signature (kind, stuck tasks by identity and
// wait site, or the failed check). For soundness tests of the reduction.
struct SearchOutcomes {
  std::set<std::string> outcomes;
  std::uint64_t schedules = 0;
  std::uint64_t redundant = 0;
  std::uint64_t other_shards = 0;  // run only to find this shard's share (Options::shard)
  bool complete = false;  // false: Options::iterations stopped it
};
// `each` (if set) is called after every execution that was not cut short, with its
// outcome, once its tasks are unwound. Throws std::invalid_argument unless
// options.mode is exhaustive.
SearchOutcomes search_outcomes(const Options& options, std::function<void()> body,
                               const std::function<void(const std::string&)>& each = {},
                               std::source_location where = std::source_location::current());

// One execution whose decisions follow `draws` (sched::DrawnStrategy: 0 = the default
// choice); properties/rapidcheck.h draws them. A failure is reported like explore()'s:
// shrunk, traced, replayed once more, with its token. Throws std::logic_error from
// inside an explored task.
Report explore_drawn(const Options& options, const std::vector<std::uint32_t>& draws, std::function<void()> body,
                     std::source_location where = std::source_location::current());
}  // namespace detail

}  // namespace weft
