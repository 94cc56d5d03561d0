// The tour: every leak pattern, leaky and fixed, run under weft; one table, then the
// full report of one leak. Exits non-zero if any verdict is not the expected one.
#include <chrono>
#include <cstdio>
#include <string>

#include "examples/scenarios.h"
#include "harness/explore.h"

namespace {

std::string cell(std::string s, std::size_t w) {
  if (s.size() > w) s = s.substr(0, w - 1) + "…";
  return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
}

std::string base(const char* path) {
  const std::string s(path);
  return s.substr(s.find_last_of('/') + 1);
}

}  // namespace

int main() {
  using namespace weft;
  const Options options{.mode = Mode::random, .seed = 1, .iterations = 1000};
  std::printf("weft tour: each pattern leaky and fixed, mode random, seed 1, up to 1000 schedules\n\n");
  std::printf("%s%s%s%s%s%s%s\n", cell("scenario", 20).c_str(), cell("variant", 8).c_str(), cell("verdict", 13).c_str(),
              cell("kind", 11).c_str(), cell("leaked task and line", 50).c_str(), cell("schedules", 10).c_str(), "time");
  int unexpected = 0;
  std::string sample;
  for (const auto& s : examples::all_scenarios()) {
    const auto t0 = std::chrono::steady_clock::now();
    const Report r = explore(options, s.body);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const Failure* f = r.failure();
    const bool as_expected = s.expected ? (f && f->kind == *s.expected) : r.ok();
    unexpected += as_expected ? 0 : 1;
    std::string who = "-";
    if (f && !f->tasks.empty()) {
      const TaskReport& t = f->tasks.front();
      who = (t.name.empty() ? t.id : t.id + " \"" + t.name + "\"") + " " + std::string(to_string(t.wait)) + " " +
            base(t.waiting_at.file_name()) + ":" + std::to_string(t.waiting_at.line());
    } else if (f) {
      who = f->message.substr(0, 48);
    }
    char time[32];
    std::snprintf(time, sizeof time, "%.1f ms", ms);
    std::printf("%s%s%s%s%s%s%s\n", cell(s.pattern, 20).c_str(), cell(s.variant, 8).c_str(),
                cell(as_expected ? "as expected" : "UNEXPECTED", 13).c_str(),
                cell(f ? std::string(to_string(f->kind)) : "ok", 11).c_str(), cell(who, 50).c_str(),
                cell(std::to_string(r.stats().schedules), 10).c_str(), time);
    if (s.pattern == "first_wins" && f) sample = r.to_string();
  }
  std::printf("\nA report, in full (first_wins, leaky):\n\n%s", sample.c_str());
  if (unexpected) std::printf("\n%d scenario(s) did not give the expected verdict\n", unexpected);
  return unexpected == 0 ? 0 : 1;
}
