// The tour: every leak pattern, leaky and fixed, run under weft with the same search
// (random, seed 1, 1000 schedules); one line per scenario, then the full report of
// one leak so that a newcomer sees what weft prints. Exits non-zero if any scenario
// did not give its expected verdict.
//   bazel run //examples:tour
#include <chrono>
#include <cstdio>
#include <string>

#include "examples/scenarios.h"
#include "harness/explore.h"
#include "harness/report.h"

namespace {

using namespace weft;

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
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

std::string describe(const Failure* f) {
  if (f == nullptr) return "-";
  const TaskReport* t = culprit(*f);
  if (t == nullptr) return f->message.substr(0, 60);
  std::string s = t->id + " " + std::string(to_string(t->wait)) + " " + basename(t->waiting_at.file_name()) + ":" +
                  std::to_string(t->waiting_at.line());
  if (f->tasks.size() > 1) s += " (+" + std::to_string(f->tasks.size() - 1) + ")";
  return s;
}

}  // namespace

int main() {
  const Options options{.mode = Mode::random, .seed = 1, .iterations = 1000};
  std::printf("weft tour: every leak pattern, leaky and fixed (mode random, seed 1, up to 1000 schedules)\n\n");
  std::printf("%s%s%s%s%s%s%s\n", pad("scenario", 20).c_str(), pad("variant", 9).c_str(), pad("verdict", 13).c_str(),
              pad("kind", 11).c_str(), pad("leaked task and line", 50).c_str(), pad("schedules", 11).c_str(),
              "time");
  int unexpected = 0;
  std::string sample;
  for (const examples::Scenario& s : examples::all_scenarios()) {
    const auto start = std::chrono::steady_clock::now();  // for display only
    const Report r = explore(options, s.body);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const Failure* f = r.failure();
    const bool as_expected = s.expected ? f != nullptr && f->kind == *s.expected : r.ok();
    if (!as_expected) ++unexpected;
    char time[32];
    std::snprintf(time, sizeof time, "%.1f ms", ms);
    std::printf("%s%s%s%s%s%s%s\n", pad(s.pattern, 20).c_str(), pad(s.variant, 9).c_str(),
                pad(as_expected ? "as expected" : "UNEXPECTED", 13).c_str(),
                pad(f != nullptr ? std::string(to_string(f->kind)) : "ok", 11).c_str(), pad(describe(f), 50).c_str(),
                pad(std::to_string(r.stats().schedules), 11).c_str(), time);
    if (!as_expected) {
      std::printf("    expected %s; the report:\n%s\n",
                  s.expected ? std::string(to_string(*s.expected)).c_str() : "ok", r.to_string().c_str());
    }
    if (s.pattern == "first_wins" && s.variant == "leaky") sample = r.to_string();
  }
  std::printf("\nWhat a report looks like (first_wins, leaky):\n\n%s\n", sample.c_str());
  if (unexpected != 0) {
    std::printf("%d scenario(s) did not give the expected verdict\n", unexpected);
    return 1;
  }
  std::printf("all %zu scenarios as expected\n", examples::all_scenarios().size());
  return 0;
}
