// Progress lines of a long exhaustive search, on stderr: schedules done, rate, and an
// estimate of what remains. Wall-clock driven, so they never enter a Report (which
// stays the same on every run); only the lines' timing and figures vary.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace weft::detail {

class Progress {
 public:
  using clock = std::chrono::steady_clock;
  // `interval`: time between lines (0: after every execution); empty: no lines.
  Progress(std::optional<std::chrono::milliseconds> interval, std::string what, std::FILE* out = stderr)
      : interval_(interval), what_(std::move(what)), out_(out), started_(clock::now()), last_(started_) {}

  // After an execution: prints a line when the interval has passed. `done` is the
  // strategy's estimate of the finished share of the tree (0 to 1).
  void tick(std::uint64_t schedules, std::uint64_t redundant, double done) {
    if (!interval_) return;
    const clock::time_point now = clock::now();
    if (now - last_ < *interval_) return;
    last_ = now;
    std::fputs(line(schedules, redundant, done, std::chrono::duration<double>(now - started_).count()).c_str(),
               out_);
    std::fflush(out_);
  }

  // The text of one line (public for tests).
  std::string line(std::uint64_t schedules, std::uint64_t redundant, double done, double seconds) const;

 private:
  std::optional<std::chrono::milliseconds> interval_;
  std::string what_;
  std::FILE* out_;
  clock::time_point started_, last_;
};

}  // namespace weft::detail
