// weft's performance figures, all from one run so ratios compare like with like:
// the raw Boost.Context round trip (the floor nothing can beat), a scheduling step,
// a blocked/woken handoff, an empty execution, random and PCT search on mutex-counter,
// and whole exhaustive searches (executions needed and wall time).
// Run: bazel run --config=opt //tests/bench -- --benchmark_repetitions=5
//        --benchmark_report_aggregates_only=true
// (only the exhaustive searches: -- --benchmark_filter=exhaustive/)
// After Google Benchmark's own table, a summary gives each figure against its target
// and as a multiple of the floor, then each exhaustive search's executions.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/weft.h"
#include "scheduler/engine.h"
#include "scheduler/fiber.h"
#include "scheduler/stack_pool.h"
#include "scheduler/wait_queue.h"

namespace weft::bench {
namespace {

using sched::Engine;
using sched::EngineConfig;
using sched::Fiber;
using sched::Strategy;

// Every benchmark reports the cost of one operation of its kind in this counter
// (seconds per op), which the summary compares against targets and the floor.
constexpr const char* kPerOp = "per_op";

void count_ops(benchmark::State& state, double ops_per_iteration) {
  state.counters[kPerOp] = benchmark::Counter(ops_per_iteration, benchmark::Counter::kIsIterationInvariantRate |
                                                                     benchmark::Counter::kInvert);
}

EngineConfig config() {
  EngineConfig c;
  c.max_steps = UINT64_MAX;  // the benchmark loop, not the budget, ends these executions
  c.stack_size = 64 * 1024;
  return c;
}

Engine& E() { return *Engine::current(); }

// ---- the floor: two bare fibers switching back and forth ----

struct RoundTrip {
  Fiber caller;
  Fiber fiber;
};

void bounce(void* arg) {
  auto* rt = static_cast<RoundTrip*>(arg);
  for (;;) Fiber::switch_to(rt->fiber, rt->caller);
}

void BM_FiberRoundTrip(benchmark::State& state) {
  sched::StackPool pool(64 * 1024);
  sched::Stack stack = pool.acquire();
  RoundTrip rt;
  rt.fiber.create(stack, &bounce, &rt);
  for (auto _ : state) Fiber::switch_to(rt.caller, rt.fiber);
  count_ops(state, 1);
  pool.release(stack);  // the fiber stays suspended in bounce(): nothing on its stack to unwind
}
BENCHMARK(BM_FiberRoundTrip)->Name("floor/fiber_round_trip");

// ---- a scheduling step that does not block ----

// Main and `others` more tasks take kStepsPerExecution scheduling points between
// them; each point asks the random strategy who runs next and switches when it picks
// another task. Executions have a realistic length, so the recorded schedule stays
// in memory the engine reuses, as it does during a search.
constexpr int kStepsPerExecution = 1000;

void BM_SchedulingStep(benchmark::State& state) {
  const auto others = static_cast<int>(state.range(0));
  const int per_task = kStepsPerExecution / (others + 1);
  Engine engine;
  Strategy strategy{sched::RandomStrategy(1)};
  std::uint64_t execution = 0, steps = 0;
  auto points = [per_task] {
    for (int k = 0; k < per_task; ++k) E().point(1, 1, {});
  };
  for (auto _ : state) {
    sched::begin_execution(strategy, execution++);
    engine.run(config(), strategy, [&] {
      for (int i = 0; i < others; ++i) E().spawn(nullptr, "", points, {});
      points();
    }, {});
    steps += engine.measure().steps;
    engine.finish();
  }
  state.counters[kPerOp] = benchmark::Counter(static_cast<double>(steps),
                                              benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SchedulingStep)->Name("engine/step")->Arg(0)->Arg(1)->Arg(3);

// ---- a blocked task woken by another: the handoff every channel and mutex makes ----

void BM_BlockWakeHandoff(benchmark::State& state) {
  Engine engine;
  Strategy strategy{sched::RandomStrategy(1)};
  sched::begin_execution(strategy, 0);
  sched::WaitQueue a, b;
  engine.run(config(), strategy, [&] {
    E().spawn(nullptr, "peer", [&] {
      for (;;) {  // unwound when the execution ends with it parked
        if (auto w = a.take()) E().wake(*w->task);
        b.push(E().self());
        E().block(sched::WaitInfo{1, 2, {}});
      }
    }, {});
    for (auto _ : state) {
      if (auto w = b.take()) E().wake(*w->task);
      a.push(E().self());
      E().block(sched::WaitInfo{1, 1, {}});
    }
  }, {});
  engine.finish();
  count_ops(state, 2);  // each iteration: main parks and is woken, the peer parks and is woken
}
BENCHMARK(BM_BlockWakeHandoff)->Name("engine/block_wake_handoff");

// ---- an execution with nothing in it ----

void BM_EmptyExecutionEngine(benchmark::State& state) {
  Engine engine;
  Strategy strategy{sched::RandomStrategy(1)};
  std::uint64_t n = 0;
  for (auto _ : state) {
    sched::begin_execution(strategy, n++);
    engine.run(config(), strategy, [] {}, {});
    engine.finish();
  }
  count_ops(state, 1);
}
BENCHMARK(BM_EmptyExecutionEngine)->Name("engine/empty_execution");

// Through the public API: explore() with its checks, per execution.
constexpr std::uint64_t kExecutionsPerExplore = 1000;

void BM_EmptyExecutionExplore(benchmark::State& state) {
  const Options options{.mode = Mode::random, .seed = 1, .iterations = kExecutionsPerExplore};
  for (auto _ : state) {
    Report r = explore(options, [] {});
    if (!r.ok()) state.SkipWithError("an empty body failed");
  }
  count_ops(state, kExecutionsPerExplore);
}
BENCHMARK(BM_EmptyExecutionExplore)->Name("explore/empty_execution");

// ---- random and PCT search on mutex-counter: 4 tasks x 10 lock rounds ----

// `tasks` tasks each take `rounds` turns of lock; ++counter; unlock on one Mutex.
void mutex_counter(int tasks, int rounds) {
  Mutex m;
  WaitGroup wg;
  int counter = 0;
  wg.add(tasks);
  for (int t = 0; t < tasks; ++t) {
    go([&] {
      for (int k = 0; k < rounds; ++k) {
        m.lock();
        ++counter;
        m.unlock();
      }
      wg.done();
    });
  }
  wg.wait();
  WEFT_ASSERT(counter == tasks * rounds);
}

// One explore() of kExecutionsPerExplore executions per iteration, in `mode`.
void BM_MutexCounter(benchmark::State& state, Mode mode) {
  const Options options{.mode = mode, .seed = 1, .iterations = kExecutionsPerExplore};
  for (auto _ : state) {
    Report r = explore(options, [] { mutex_counter(4, 10); });
    if (!r.ok()) state.SkipWithError("mutex-counter failed");
  }
  count_ops(state, kExecutionsPerExplore);
  state.counters["iterations/s"] = benchmark::Counter(static_cast<double>(kExecutionsPerExplore),
                                                      benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK_CAPTURE(BM_MutexCounter, random, Mode::random)
    ->Name("explore/mutex_counter_4x10_random")
    ->Unit(benchmark::kMillisecond);
// PCT, the default mode: the same program and seed (its first 4 executions are the
// uniform warm-up that learns the step count).
BENCHMARK_CAPTURE(BM_MutexCounter, pct, Mode::pct)
    ->Name("explore/mutex_counter_4x10_pct")
    ->Unit(benchmark::kMillisecond);

// ---- exhaustive search: how many executions a whole search takes, and how long ----

// Two tasks bounce a value `round_trips` times over two unbuffered channels.
void ping_pong(int round_trips) {
  auto ping = make_chan<int>();
  auto pong = make_chan<int>();
  WaitGroup wg;
  wg.add(2);
  go([&] {
    for (int i = 0; i < round_trips; ++i) {
      ping.send(i);
      WEFT_ASSERT(pong.recv() == i);
    }
    wg.done();
  });
  go([&] {
    for (int i = 0; i < round_trips; ++i) pong.send(*ping.recv());
    wg.done();
  });
  wg.wait();
}

// Counters of an exhaustive search, named in the summary.
constexpr const char* kSchedules = "schedules";  // Stats::schedules: executions explored
constexpr const char* kRedundant = "redundant";  // Stats::redundant: executions cut by sleep sets
constexpr const char* kComplete = "complete";    // 1 if the search covered the whole tree

// One whole search per iteration (the benchmarks below run one iteration: each figure
// is one search, its wall time and its executions).
void BM_Exhaustive(benchmark::State& state, Options options, std::function<void()> body) {
  Stats stats;
  for (auto _ : state) {
    try {
      const Report r = explore(options, body);
      if (!r.ok()) {
        state.SkipWithError("the search found a failure");
        return;
      }
      stats = r.stats();
    } catch (const std::exception& e) {  // e.g. an option this build does not support
      state.SkipWithError(e.what());
      return;
    }
  }
  state.counters[kSchedules] = static_cast<double>(stats.schedules);
  state.counters[kRedundant] = static_cast<double>(stats.redundant);
  state.counters[kComplete] = stats.complete ? 1 : 0;
  state.SetLabel(stats.assurance);
}

Options exhaustive_dpor(std::optional<unsigned> preemption_bound = std::nullopt) {
  return Options{.mode = Mode::exhaustive, .preemption_bound = preemption_bound, .dpor = true};
}

benchmark::internal::Benchmark* search(const char* name, const Options& options, std::function<void()> body) {
  return benchmark::RegisterBenchmark(name, BM_Exhaustive, options, std::move(body))
      ->Iterations(1)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

const bool searches_registered = [] {
  // The target: mutex-counter 4x2, reduced and unbounded, in under 1 s.
  search("exhaustive/mutex_counter_3x2_dpor", exhaustive_dpor(), [] { mutex_counter(3, 2); });
  search("exhaustive/mutex_counter_4x2_dpor", exhaustive_dpor(), [] { mutex_counter(4, 2); });
  // Each rendezvous still counts twice (who blocks first): 4^10 = 1,048,576 schedules,
  // 1.5 min on the 2-core CI machine, until the reduction reaches its target (a few
  // schedules); so it runs once even with --benchmark_repetitions, and
  // --benchmark_filter=-ping_pong leaves it out.
  search("exhaustive/ping_pong_10_dpor", exhaustive_dpor(), [] { ping_pong(10); })->Repetitions(1);
  // Iterative context bounding on top of the reduction (Options::preemption_bound).
  search("exhaustive/mutex_counter_4x2_dpor_pb2", exhaustive_dpor(2), [] { mutex_counter(4, 2); });
  search("exhaustive/mutex_counter_4x2_dpor_pb3", exhaustive_dpor(3), [] { mutex_counter(4, 2); });
  return true;
}();

// ---- the summary: targets and multiples of the floor ----

struct Target {
  const char* benchmark;
  const char* what;
  double limit_seconds;  // per op; 0 = no target, shown for reference
};

const Target kTargets[] = {
    {"floor/fiber_round_trip", "raw Boost.Context round trip (floor)", 0},
    {"engine/step/0", "scheduling step, 1 task (no switch)", 50e-9},
    {"engine/step/1", "scheduling step, 2 tasks (random switch)", 50e-9},
    {"engine/step/3", "scheduling step, 4 tasks (random switch)", 50e-9},
    {"engine/block_wake_handoff", "blocked/woken handoff", 0},
    {"engine/empty_execution", "empty execution (engine)", 1.5e-6},
    {"explore/empty_execution", "empty execution (explore)", 1.5e-6},
    {"explore/mutex_counter_4x10_random", "mutex-counter 4x10, random, per iteration", 1.0 / 150000},
    {"explore/mutex_counter_4x10_pct", "mutex-counter 4x10, PCT, per iteration", 1.0 / 150000},
};

std::string human(double seconds) {
  char buf[32];
  if (seconds < 1e-6) {
    std::snprintf(buf, sizeof buf, "%.1f ns", seconds * 1e9);
  } else if (seconds < 1e-3) {
    std::snprintf(buf, sizeof buf, "%.2f us", seconds * 1e6);
  } else if (seconds < 1) {
    std::snprintf(buf, sizeof buf, "%.2f ms", seconds * 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", seconds);
  }
  return buf;
}

class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    // With --benchmark_repetitions the median stands for the benchmark; otherwise
    // its single run does.
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (!median && run.run_type != Run::RT_Iteration) continue;
      if (auto sc = run.counters.find(kSchedules); sc != run.counters.end()) {
        const std::string& name = run.run_name.function_name;  // without "/iterations:1/real_time"
        if (median || !searches_.count(name) || !searches_[name].median) {
          Search& x = searches_[name];
          x.median = median;
          x.seconds = run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
          x.schedules = sc->second.value;
          x.redundant = run.counters.at(kRedundant).value;
          x.assurance = run.report_label;
        }
        continue;
      }
      auto it = run.counters.find(kPerOp);
      if (it == run.counters.end()) continue;
      const std::string name = run.run_name.str();
      if (median) {
        medians_[name] = true;
        per_op_[name] = it->second.value;
      } else if (!medians_.count(name)) {
        per_op_[name] = it->second.value;
      }
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    std::ostream& out = GetOutputStream();
    const auto floor = per_op_.find("floor/fiber_round_trip");
    out << "\nweft performance summary\n";
    char line[200];
    std::snprintf(line, sizeof line, "  %-44s %12s %10s %14s  %s\n", "measure", "per op", "x floor", "target",
                  "verdict");
    out << line;
    for (const Target& t : kTargets) {
      auto it = per_op_.find(t.benchmark);
      if (it == per_op_.end()) continue;  // filtered out of this run
      const double v = it->second;
      std::string ratio = "-";
      if (floor != per_op_.end() && floor->second > 0) {
        char r[32];
        std::snprintf(r, sizeof r, "%.1f", v / floor->second);
        ratio = r;
      }
      std::string target = t.limit_seconds > 0 ? "<= " + human(t.limit_seconds) : "-";
      const char* verdict = t.limit_seconds <= 0 ? "" : (v <= t.limit_seconds ? "meets" : "MISSES");
      std::snprintf(line, sizeof line, "  %-44s %12s %10s %14s  %s\n", t.what, human(v).c_str(), ratio.c_str(),
                    target.c_str(), verdict);
      out << line;
    }
    for (const char* mode : {"random", "pct"}) {
      auto mc = per_op_.find(std::string("explore/mutex_counter_4x10_") + mode);
      if (mc == per_op_.end() || mc->second <= 0) continue;
      std::snprintf(line, sizeof line, "  mutex-counter 4x10 %s: %.0f iterations/s (target >= 150000)\n", mode,
                    1.0 / mc->second);
      out << line;
    }
    if (!searches_.empty()) {
      out << "\nexhaustive searches (one whole search each)\n";
      std::snprintf(line, sizeof line, "  %-34s %10s %10s %11s  %s\n", "program and search", "schedules", "redundant",
                    "wall time", "assurance");
      out << line;
      for (const auto& [name, x] : searches_) {
        std::snprintf(line, sizeof line, "  %-34s %10.0f %10.0f %11s  %s\n", name.substr(name.find('/') + 1).c_str(),
                      x.schedules, x.redundant, human(x.seconds).c_str(), x.assurance.c_str());
        out << line;
      }
      auto target = searches_.find("exhaustive/mutex_counter_4x2_dpor");
      if (target != searches_.end()) {
        std::snprintf(line, sizeof line, "  mutex-counter 4x2 with reduction: %s (target < 1 s): %s\n",
                      human(target->second.seconds).c_str(), target->second.seconds < 1.0 ? "meets" : "MISSES");
        out << line;
      }
    }
  }

 private:
  struct Search {
    bool median = false;
    double seconds = 0;
    double schedules = 0;
    double redundant = 0;
    std::string assurance;
  };
  std::map<std::string, Search> searches_;
  std::map<std::string, double> per_op_;
  std::map<std::string, bool> medians_;
};

}  // namespace
}  // namespace weft::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  weft::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
