#include "harness/explore.h"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/detail/explorer.h"
#include "harness/detail/outcome.h"
#include "harness/detail/progress.h"
#include "harness/detail/runtime.h"
#include "scheduler/engine.h"
#include "scheduler/rng.h"
#include "scheduler/schedule.h"

namespace weft {
namespace detail {
namespace {

std::string& current_test_name() {
  static std::string name;
  return name;
}

}  // namespace

void add_observer(ExecutionObserver* observer) { observers().push_back(observer); }
void set_test_name(std::string suite_and_name) { current_test_name() = std::move(suite_and_name); }
const std::string& test_name() noexcept { return current_test_name(); }

}  // namespace detail

namespace {

using detail::Explorer;
using detail::Outcome;
using detail::Runtime;


// The strategy of an exhaustive search under `o`.
sched::Strategy search_strategy(const Options& o, const sched::EventLog* log) {
  const sched::ShardSplit shard(o.shard.index, o.shard.count);
  if (o.dpor) return sched::DporStrategy(log, o.preemption_bound, shard);
  return sched::DfsStrategy(o.preemption_bound, shard);
}

// Exhaustive search: prepares the next execution; false once the tree is done.
bool advance(sched::Strategy& strategy) {
  if (auto* dpor = std::get_if<sched::DporStrategy>(&strategy)) return dpor->advance();
  return std::get<sched::DfsStrategy>(strategy).advance();
}

// Exhaustive search: false if the last execution is another shard's (ignored here).
bool counted(const sched::Strategy& strategy) {
  if (const auto* dpor = std::get_if<sched::DporStrategy>(&strategy)) return dpor->counted();
  if (const auto* dfs = std::get_if<sched::DfsStrategy>(&strategy)) return dfs->counted();
  return true;
}

double progress(const sched::Strategy& strategy) {
  if (const auto* dpor = std::get_if<sched::DporStrategy>(&strategy)) return dpor->progress();
  if (const auto* dfs = std::get_if<sched::DfsStrategy>(&strategy)) return dfs->progress();
  return 0;
}

// "complete under preemption bound 2 for shard 1 of 4 (N schedules, how)".
std::string exhaustive_assurance(const Options& o, const Stats& stats, bool stopped_by_failure) {
  std::string scope;
  if (o.preemption_bound) scope += " under preemption bound " + std::to_string(*o.preemption_bound);
  if (o.shard.count > 1) {
    scope += " for shard " + std::to_string(o.shard.index) + " of " + std::to_string(o.shard.count);
  }
  const std::string n = std::to_string(stats.schedules);
  if (stats.complete) {
    const std::string how = o.dpor ? "partial-order reduction, " + std::to_string(stats.redundant) + " redundant cut"
                                   : std::string("no reduction");
    return "complete" + scope + " (" + n + " schedules, " + how + ")";
  }
  if (stopped_by_failure) return "stopped at the first failure after " + n + " schedules" + scope;
  return "stopped by budget after " + n + " schedules" + scope;
}

std::uint64_t derive_seed(const Options& o, const std::source_location& where) {
  if (o.seed != 0) return o.seed;
  std::string key = detail::test_name();
  if (key.empty()) key = std::string(where.file_name()) + ":" + std::to_string(where.line());
  const std::uint64_t h = sched::hash_string(key);
  return h == 0 ? 1 : h;
}

std::string replay_command(const std::string& token) {
  const char* target = std::getenv("TEST_TARGET");  // set by `bazel test`
  std::string cmd = "WEFT_REPLAY=" + token + " bazel test " +
                    (target != nullptr && *target ? std::string(target) : std::string("<test target>"));
  if (!detail::test_name().empty()) cmd += " --test_filter=" + detail::test_name();
  return cmd;
}

// The report of a failure found with schedule `found_with`: shrunk to the simplest
// schedule that still gives it (shrink.h), unless `token` (the token the user
// replayed) is set; then re-run with full tracing, and once more to prove the program
// deterministic.
Failure report_failure(Explorer& ex, const Outcome& found, const sched::Schedule& found_with,
                       const std::string& token) {
  sched::Schedule failing = found_with;
  std::uint64_t shrink_replays = 0;
  if (token.empty() && found.kind != FailureKind::nondeterminism) {
    const detail::Shrunk shrunk =
        detail::shrink(failing, ex.shrink_runner(found.signature()), detail::shrink_budget_from_env());
    failing = shrunk.schedule;
    shrink_replays = shrunk.replays;
  }
  if (found.kind == FailureKind::nondeterminism) {
    // A replayed token that no longer fits the program: nothing to re-run.
    Failure f;
    f.kind = found.kind;
    f.message = found.message;
    f.schedule = token.empty() ? sched::encode(failing) : token;
    f.replay_command = replay_command(f.schedule);
    return f;
  }
  sched::Strategy traced_strategy{sched::ReplayStrategy(failing)};
  std::optional<Failure> traced;
  Outcome detailed = ex.run_once(traced_strategy, 0, true, &traced);
  sched::Strategy confirm_strategy{sched::ReplayStrategy(failing)};
  Outcome confirm = ex.run_once(confirm_strategy, 0, false);
  const sched::Measure m = ex.measure();

  Failure f = std::move(*traced);
  if (!detailed.failed || detailed.signature() != found.signature() || confirm.signature() != found.signature()) {
    f.kind = FailureKind::nondeterminism;
    f.message = "the program is not deterministic under weft: replaying the failing schedule gave \"" +
                (detailed.failed ? detailed.message : std::string("no failure")) + "\" instead of \"" +
                found.message + "\"; look for real threads, real time, or global state kept across executions";
    f.tasks = found.tasks;
  } else {
    f.kind = detailed.kind;
    f.message = detailed.message;
    f.tasks = std::move(detailed.tasks);
  }
  f.schedule = sched::encode(failing);
  f.replay_command = replay_command(f.schedule);
  f.measure_ = Measure{m.preemptions, m.switches, m.timer_firings, m.deviations, m.steps};
  f.shrink_replays = shrink_replays;
  return f;
}

}  // namespace

namespace detail {

Report explore_drawn(const Options& options, const std::vector<std::uint32_t>& draws, std::function<void()> body,
                     std::source_location where) {
  if (Runtime::current() != nullptr) {
    throw std::logic_error("weft: a drawn schedule ran from inside an explored task; nest the code directly instead");
  }
  for (auto* o : observers()) o->on_explore_begin();
  Explorer ex(options, std::move(body), where);
  sched::Strategy strategy{sched::DrawnStrategy(draws)};
  Outcome out = ex.run_once(strategy, 0, false);
  Stats stats;
  stats.schedules = 1;
  stats.steps = ex.total_steps();
  stats.assurance = "drawn 1 schedule (" + std::to_string(draws.size()) + " choices drawn)";
  std::optional<Failure> failure;
  // RapidCheck shrinks the draws, but dropping or moving one deviation at a time cannot
  // merge two preemptions into one: report_failure's shrinking gives the report its
  // minimal interleaving (deterministically, so a reproduce run prints the same).
  if (out.failed) failure = report_failure(ex, out, ex.schedule(), std::string());
  for (auto* o : observers()) o->on_explore_end();
  return Report(std::move(stats), std::move(failure));
}


SearchOutcomes search_outcomes(const Options& options, std::function<void()> body,
                               const std::function<void(const std::string&)>& each, std::source_location where) {
  if (options.mode != Mode::exhaustive) throw std::invalid_argument("weft: search_outcomes needs Mode::exhaustive");
  Explorer ex(options, std::move(body), where);
  sched::Strategy strategy = search_strategy(options, &ex.log());
  SearchOutcomes result;
  const std::uint64_t cap = options.iterations ? options.iterations : UINT64_MAX;
  for (std::uint64_t i = 0; result.schedules < cap; ++i) {
    Outcome out = ex.run_once(strategy, i, false);
    if (!counted(strategy)) {
      ++result.other_shards;
    } else if (out.pruned) {
      ++result.redundant;
    } else {
      ++result.schedules;
      std::string outcome = out.failed ? out.signature() : std::string("ok");
      if (each) each(outcome);
      result.outcomes.insert(std::move(outcome));
    }
    if (!advance(strategy)) {
      result.complete = true;
      break;
    }
  }
  return result;
}

}  // namespace detail

Report explore(const Options& options, std::function<void()> body, std::source_location where) {
  if (Runtime::current() != nullptr) {
    throw std::logic_error("weft: explore() called from inside an explored task; nest the code directly instead");
  }
  if (!body) throw std::invalid_argument("weft: explore() needs a body to run");
  if (options.max_steps == 0) throw std::invalid_argument("weft: Options::max_steps must be positive");
  const bool replaying = options.mode == Mode::replay || !options.replay.empty();
  if (options.mode == Mode::replay && options.replay.empty()) {
    throw std::invalid_argument(
        "weft: Mode::replay needs a replay token (set WEFT_REPLAY or Options::replay): copy the whole token "
        "from a failure report");
  }
  std::optional<sched::Schedule> replay_schedule;
  if (replaying) {
    try {
      replay_schedule = sched::decode(options.replay);
    } catch (const sched::BadToken& e) {
      throw std::invalid_argument(e.what());
    }
  }

  for (auto* o : detail::observers()) o->on_explore_begin();
  Explorer ex(options, std::move(body), where);
  const std::uint64_t seed = derive_seed(options, where);
  const bool exhaustive = !replaying && options.mode == Mode::exhaustive;
  // Exhaustive search has no cap unless one is asked for; sampling modes default to 1000.
  const std::uint64_t iterations =
      replaying ? 1 : options.iterations ? options.iterations : exhaustive ? UINT64_MAX : 1000;
  const auto started = std::chrono::steady_clock::now();

  Stats stats;
  std::optional<Outcome> found;
  sched::Schedule failing;
  {
    sched::Strategy strategy =
        replaying ? sched::Strategy(sched::ReplayStrategy(*replay_schedule))
        : exhaustive ? search_strategy(options, &ex.log())
        : options.mode == Mode::pct ? sched::Strategy(sched::PctStrategy(seed, options.pct_depth))
                                    : sched::Strategy(sched::RandomStrategy(seed));
    detail::Progress progress_lines(exhaustive ? detail::progress_interval_from_env() : std::nullopt,
                                    "exhaustive search" + (detail::test_name().empty()
                                                               ? std::string()
                                                               : " of " + detail::test_name()));
    for (std::uint64_t i = 0; i < iterations; ++i) {
      if (options.time_budget.count() > 0 && i > 0 &&
          std::chrono::steady_clock::now() - started >= options.time_budget) {
        break;
      }
      Outcome out = ex.run_once(strategy, i, false);
      if (exhaustive && !counted(strategy)) {
        // Another shard's execution (run only to find where this shard's share
        // begins): no outcome here, and not one of the schedules asked for.
        ++stats.other_shards;
        --i;
      } else {
        if (ex.step_bound_hit()) ++stats.step_bound_hits;
        if (out.pruned) {
          ++stats.redundant;
          --i;  // a cut execution is not one of the schedules asked for
        } else {
          ++stats.schedules;
          const std::uint64_t p = ex.measure().preemptions;
          if (stats.preemptions.size() <= p) stats.preemptions.resize(p + 1, 0);
          ++stats.preemptions[p];
        }
        if (out.failed) {
          found = std::move(out);
          failing = ex.schedule();
          break;
        }
      }
      if (exhaustive && !advance(strategy)) {
        stats.complete = true;
        break;
      }
      if (exhaustive) progress_lines.tick(stats.schedules, stats.redundant + stats.other_shards, progress(strategy));
    }
  }
  stats.steps = ex.total_steps();
  if (replaying) {
    stats.assurance = "replayed 1 schedule";
  } else if (exhaustive) {
    stats.assurance = exhaustive_assurance(options, stats, found.has_value());
  } else {
    stats.assurance = "sampled " + std::to_string(stats.schedules) + " (" + std::string(to_string(options.mode)) +
                      ", seed " + std::to_string(seed) + ")";
  }

  std::optional<Failure> failure;
  if (found) failure = report_failure(ex, *found, failing, replaying ? options.replay : std::string());
  for (auto* o : detail::observers()) o->on_explore_end();
  return Report(std::move(stats), std::move(failure));
}

}  // namespace weft
