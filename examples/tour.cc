// The tour: every leak pattern, leaky and fixed, run under weft twice: sampled as the
// tests run it (random, seed 1, 1000 schedules) and exhaustively (plain depth-first
// search, or what the scenario needs: examples/scenarios.cc). One line per scenario
// with the verdict and the assurance each search gives it, then the full report of
// one leak so that a newcomer sees what weft prints. Exits non-zero if any scenario
// did not give its expected verdict under either search.
//   bazel run //examples:tour
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

#include "examples/scenarios.h"
#include "harness/explore.h"
#include "harness/report.h"

namespace {

using namespace weft;

// `s` in a column `width` wide, at least one space before the next (cut with "..."
// if it does not fit).
std::string pad(std::string s, std::size_t width) {
  if (s.size() >= width) s = s.substr(0, width - 4) + "...";
  s.append(width - s.size(), ' ');
  return s;
}

std::string basename(const char* path) {
  const std::string s(path);
  const auto slash = s.find_last_of('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

// The task worth showing: for a deadlock the first one other than the blocked body
// (main only waits on the others), for a failed check the task that was running it,
// otherwise the first unfinished task.
const TaskReport* culprit(const Failure& f) {
  if (f.tasks.empty()) return nullptr;
  const bool check = f.kind == FailureKind::assertion || f.kind == FailureKind::panic ||
                     f.kind == FailureKind::exception;
  for (const TaskReport& t : f.tasks) {
    if (check && t.wait == WaitKind::running) return &t;
    if (f.kind == FailureKind::deadlock && t.id != "main") return &t;
  }
  return &f.tasks.front();
}

// "main.2 chan send, line 11 (+1)": the culprit, what it waits on and where (the line
// in the scenario's own file, examples/<pattern>.cc, unless another file is named),
// and how many more tasks did not finish.
std::string describe(const Failure* f, const std::string& pattern) {
  if (f == nullptr) return "-";
  const TaskReport* t = culprit(*f);
  if (t == nullptr) return f->message;
  const std::string file = basename(t->waiting_at.file_name());
  std::string s = t->id + " " + std::string(to_string(t->wait)) + ", " +
                  (file == pattern + ".cc" ? "line " : file + ":") + std::to_string(t->waiting_at.line());
  if (f->tasks.size() > 1) s += " (+" + std::to_string(f->tasks.size() - 1) + ")";
  return s;
}

void replace(std::string& s, std::string_view from, std::string_view to) {
  if (const auto at = s.find(from); at != std::string::npos) s.replace(at, from.size(), to);
}

// A report's assurance, shortened to fit a column: the sampling mode and seed are in
// the header, "POR" is partial-order reduction.
std::string brief(std::string assurance) {
  if (assurance.starts_with("sampled ")) return assurance.substr(0, assurance.find(" ("));
  replace(assurance, "stopped at the first failure after", "first failure after");
  replace(assurance, "partial-order reduction", "POR");
  replace(assurance, " redundant cut", " cut");
  return assurance;
}

struct Run {
  Report report;
  double ms;  // wall time, for display only
  bool as_expected;
};

Run run(const Options& options, const examples::Scenario& s) {
  const auto start = std::chrono::steady_clock::now();
  Report r = explore(options, s.body);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const Failure* f = r.failure();
  const bool as_expected = s.expected ? f != nullptr && f->kind == *s.expected : r.ok();
  return Run{std::move(r), ms, as_expected};
}

std::string milliseconds(double ms) {
  char time[32];
  std::snprintf(time, sizeof time, "%.1f ms", ms);
  return time;
}

}  // namespace

int main() {
  const Options sampled{.mode = Mode::random, .seed = 1, .iterations = 1000};
  std::printf(
      "weft tour: every leak pattern, leaky and fixed, searched twice: sampled (random, seed 1, up to 1000\n"
      "schedules) and exhaustively (depth-first search with partial-order reduction, POR; a budget where\n"
      "the tree is infinite). Each verdict comes with the assurance each search gives it. Lines are\n"
      "in examples/<scenario>.cc; the time is that of both searches.\n\n");
  std::printf("%s%s%s%s%s%s%s%s\n", pad("scenario", 19).c_str(), pad("variant", 8).c_str(), pad("verdict", 12).c_str(),
              pad("kind", 10).c_str(), pad("leaked task and line", 34).c_str(), pad("sampled", 14).c_str(),
              pad("exhaustive", 42).c_str(), "time");
  int unexpected = 0;
  std::string sample;
  for (const examples::Scenario& s : examples::all_scenarios()) {
    const Run a = run(sampled, s);
    const Run e = run(s.exhaustive, s);
    const bool as_expected = a.as_expected && e.as_expected;
    if (!as_expected) ++unexpected;
    const Failure* f = a.report.failure();
    std::printf("%s%s%s%s%s%s%s%s\n", pad(s.pattern, 19).c_str(), pad(s.variant, 8).c_str(),
                pad(as_expected ? "as expected" : "UNEXPECTED", 12).c_str(),
                pad(f != nullptr ? std::string(to_string(f->kind)) : "ok", 10).c_str(),
                pad(describe(f, s.pattern), 34).c_str(), pad(brief(a.report.stats().assurance), 14).c_str(),
                pad(brief(e.report.stats().assurance), 42).c_str(), milliseconds(a.ms + e.ms).c_str());
    for (const Run* r : {&a, &e}) {
      if (r->as_expected) continue;
      std::printf("    %s search: expected %s; the report:\n%s\n", r == &a ? "sampled" : "exhaustive",
                  s.expected ? std::string(to_string(*s.expected)).c_str() : "ok", r->report.to_string().c_str());
    }
    if (s.pattern == "first_wins" && s.variant == "leaky") sample = a.report.to_string();
  }
  std::printf("\nWhat a report looks like (first_wins, leaky):\n\n%s\n", sample.c_str());
  if (unexpected != 0) {
    std::printf("%d scenario(s) did not give the expected verdict\n", unexpected);
    return 1;
  }
  std::printf("all %zu scenarios as expected\n", examples::all_scenarios().size());
  return 0;
}
