// Shrinking a failing schedule before it is reported (DESIGN: "Every failure is
// shrunk ... by strict replay"). The order of what counts as smaller is fixed: fewest
// preemptions, then fewest context switches, then fewest timer firings plus
// select/choose deviations, then fewest steps. A candidate counts only if it gives the
// same failure (Outcome::signature: kind, stuck tasks by identity and wait site, or
// the failed check).
//
// Two phases. Preemptions first, by iterative context bounding: plain DFS under
// preemption bound 0, 1, … below the current count, looking for the same failure; a
// bound whose search completes without it proves that many preemptions are needed.
// Then greedy edits of the best schedule, each run by GuidedStrategy: cut it at a
// deviation (everything after runs by default), or turn one deviation into the
// default; an edit is kept when the result is smaller, and the passes repeat until
// none is. Every run counts against the budget (WEFT_SHRINK_BUDGET); when it runs
// out, the smallest schedule so far is the answer, never none.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "harness/report.h"
#include "scheduler/schedule.h"

namespace weft::detail {

// One run made for the shrinker.
struct Attempt {
  bool same = false;            // failed with the same signature as the failure shrunk
  sched::Schedule schedule;     // what ran (replays strictly)
  Measure measure;
  std::vector<bool> deviated;   // per recorded choice: it left the default
};

struct ShrinkRunner {
  // Runs `wishes` with GuidedStrategy.
  std::function<Attempt(const sched::Schedule& wishes)> guided;
  // Plain DFS under preemption bound `bound`, at most `runs` executions, until the same
  // failure; sets *used to the executions run and *complete if the search finished.
  std::function<Attempt(unsigned bound, std::uint64_t runs, std::uint64_t* used, bool* complete)> bounded;
};

struct Shrunk {
  sched::Schedule schedule;
  Measure measure;
  std::uint64_t replays = 0;
};

// Lexicographic: preemptions, switches, timer firings + deviations, steps.
bool smaller(const Measure& a, const Measure& b) noexcept;

// `failing` must fail when run as wished; if even that does not reproduce, it comes
// back unchanged.
Shrunk shrink(const sched::Schedule& failing, const ShrinkRunner& run, std::uint64_t budget);

}  // namespace weft::detail
