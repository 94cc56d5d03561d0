#include "examples/scenarios.h"

#include "examples/cancel_vs_value.h"
#include "examples/first_wins.h"
#include "examples/mutex_across_block.h"
#include "examples/nil_channel.h"
#include "examples/no_timeout_caller.h"
#include "examples/spin_default.h"
#include "examples/start_stop.h"
#include "examples/ticker_loop.h"
#include "examples/unclosed_receiver.h"
#include "examples/worker_pool.h"

namespace weft::examples {

const std::vector<Scenario>& all_scenarios() {
  static const std::vector<Scenario> list = [] {
    std::vector<Scenario> v;
    // Exhaustive search (with partial-order reduction, the default) finds every leak
    // at once and finishes on the fixed bodies in milliseconds.
    const Options dfs{.mode = Mode::exhaustive};
    auto add = [&](const char* pattern, void (*leaky)(), void (*fixed)(), FailureKind kind,
                   const Options& fixed_search) {
      v.push_back(Scenario{pattern, "leaky", leaky, kind, dfs});
      v.push_back(Scenario{pattern, "fixed", fixed, std::nullopt, fixed_search});
    };
    // The exception, as in its test and in examples/BUILD for the nightly run:
    // ticker_loop's tree is infinite (a fresh tick can beat ctx.done() forever), so
    // its search stops at a budget.
    const Options reduced = dfs;
    const Options capped{.mode = Mode::exhaustive, .iterations = 1000};
    add("first_wins", first_wins::leaky, first_wins::fixed, FailureKind::leak, dfs);
    add("unclosed_receiver", unclosed_receiver::leaky, unclosed_receiver::fixed, FailureKind::leak, dfs);
    add("nil_channel", nil_channel::leaky, nil_channel::fixed, FailureKind::leak, dfs);
    add("spin_default", spin_default::leaky, spin_default::fixed, FailureKind::leak, dfs);
    add("mutex_across_block", mutex_across_block::leaky, mutex_across_block::fixed, FailureKind::deadlock, dfs);
    add("ticker_loop", ticker_loop::leaky, ticker_loop::fixed, FailureKind::leak, capped);
    add("no_timeout_caller", no_timeout_caller::leaky, no_timeout_caller::fixed, FailureKind::deadlock, dfs);
    add("worker_pool", worker_pool::leaky, worker_pool::fixed, FailureKind::leak, reduced);
    add("start_stop", start_stop::leaky, start_stop::fixed, FailureKind::leak, dfs);
    add("cancel_vs_value", cancel_vs_value::leaky, cancel_vs_value::fixed, FailureKind::assertion, dfs);
    return v;
  }();
  return list;
}

}  // namespace weft::examples
