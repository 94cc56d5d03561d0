#include "harness/options.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace weft {
namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

[[noreturn]] void bad(const char* name, const std::string& value, const std::string& expected) {
  throw std::invalid_argument(std::string("weft: bad value for ") + name + ": \"" + value +
                              "\" (expected " + expected + ")");
}

std::uint64_t parse_u64(const char* name, const char* text, const char* expected) {
  const std::string s(text);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) bad(name, s, expected);
  errno = 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno == ERANGE) bad(name, s, expected);
  return v;
}

}  // namespace

std::string_view to_string(Mode m) noexcept {
  switch (m) {
    case Mode::random: return "random";
    case Mode::pct: return "pct";
    case Mode::exhaustive: return "exhaustive";
    case Mode::replay: return "replay";
  }
  return "?";
}

Options Options::from_env() {
  Options o;
  if (const char* v = env("WEFT_MODE")) {
    const std::string s(v);
    if (s == "random") o.mode = Mode::random;
    else if (s == "pct") o.mode = Mode::pct;
    else if (s == "exhaustive") o.mode = Mode::exhaustive;
    else if (s == "replay") o.mode = Mode::replay;
    else bad("WEFT_MODE", s, "one of random, pct, exhaustive, replay");
  }
  if (const char* v = env("WEFT_SEED")) o.seed = parse_u64("WEFT_SEED", v, "an unsigned 64-bit integer");
  if (const char* v = env("WEFT_ITERATIONS"))
    o.iterations = parse_u64("WEFT_ITERATIONS", v, "a non-negative integer; 0 = the mode's default");
  if (const char* v = env("WEFT_MAX_STEPS")) {
    o.max_steps = parse_u64("WEFT_MAX_STEPS", v, "a positive integer");
    if (o.max_steps == 0) bad("WEFT_MAX_STEPS", v, "a positive integer");
  }
  if (const char* v = env("WEFT_PREEMPTION_BOUND")) {
    const auto b = parse_u64("WEFT_PREEMPTION_BOUND", v, "a non-negative integer, or unset for no bound");
    if (b > 1000000) bad("WEFT_PREEMPTION_BOUND", v, "at most 1000000");
    o.preemption_bound = static_cast<unsigned>(b);
  }
  if (const char* v = env("WEFT_PCT_DEPTH")) {
    const auto d = parse_u64("WEFT_PCT_DEPTH", v, "an integer from 1 to 64");
    if (d < 1 || d > 64) bad("WEFT_PCT_DEPTH", v, "an integer from 1 to 64");
    o.pct_depth = static_cast<unsigned>(d);
  }
  if (const char* v = env("WEFT_TIME_BUDGET")) {
    o.time_budget = std::chrono::milliseconds(
        parse_u64("WEFT_TIME_BUDGET", v, "milliseconds as a non-negative integer; 0 = none"));
  }
  if (const char* v = env("WEFT_DPOR")) {
    const std::string s(v);
    if (s == "1" || s == "true") o.dpor = true;
    else if (s == "0" || s == "false") o.dpor = false;
    else bad("WEFT_DPOR", s, "1 or 0 (0: exhaustive search without partial-order reduction)");
  }
  if (const char* v = env("WEFT_SHARD")) o.shard = detail::parse_shard(v);
  if (const char* v = env("WEFT_REPLAY")) {
    o.replay = v;
    o.mode = Mode::replay;
  }
  return o;
}

namespace detail {

unsigned leak_ticks_from_env() {
  const char* v = env("WEFT_LEAK_TICKS");
  if (v == nullptr) return 100;
  const auto n = parse_u64("WEFT_LEAK_TICKS", v, "a positive integer (default 100)");
  if (n == 0 || n > 100000000) bad("WEFT_LEAK_TICKS", v, "a positive integer (default 100)");
  return static_cast<unsigned>(n);
}

std::size_t stack_size_from_env() {
  const char* v = env("WEFT_STACK_SIZE");
  if (v == nullptr) return 256 * 1024;
  const auto kib = parse_u64("WEFT_STACK_SIZE", v, "a size in KiB from 16 to 65536");
  if (kib < 16 || kib > 65536) bad("WEFT_STACK_SIZE", v, "a size in KiB from 16 to 65536");
  return static_cast<std::size_t>(kib) * 1024;
}

std::optional<std::chrono::milliseconds> progress_interval_from_env() {
  const char* v = env("WEFT_PROGRESS");
  if (v == nullptr) return std::chrono::milliseconds(10000);
  if (std::string(v) == "off") return std::nullopt;
  const auto s = parse_u64("WEFT_PROGRESS", v, "seconds between progress lines, or off");
  if (s > 86400) bad("WEFT_PROGRESS", v, "at most 86400 seconds, or off");
  return std::chrono::milliseconds(s * 1000);
}

std::uint64_t shrink_budget_from_env() {
  const char* v = env("WEFT_SHRINK_BUDGET");
  if (v == nullptr) return 2000;
  return parse_u64("WEFT_SHRINK_BUDGET", v, "a number of replays (default 2000; 0: report the failure as found)");
}

Shard parse_shard(const std::string& text) {
  static const char* expected = "i/n with 0 <= i < n <= 65536, e.g. 0/4, or bazel";
  if (text == "bazel") {
    const char* total = env("TEST_TOTAL_SHARDS");
    if (total == nullptr) return Shard{};  // a target without shard_count: one shard
    if (env("GTEST_TOTAL_SHARDS") != nullptr) {
      throw std::invalid_argument(
          "weft: WEFT_SHARD=bazel while GoogleTest also shards the test cases (GTEST_TOTAL_SHARDS is set): each "
          "test would explore only part of its search on one shard. Use weft_test() from //bazel:weft.bzl, whose "
          "main (//properties:gtest_main) runs every test case on every shard");
    }
    const char* index = env("TEST_SHARD_INDEX");
    const std::string spec = std::string(index != nullptr ? index : "") + "/" + total;
    Shard s = parse_shard(spec);
    if (const char* status = env("TEST_SHARD_STATUS_FILE")) {
      // Tells Bazel this test shards its work itself.
      if (std::FILE* f = std::fopen(status, "a")) std::fclose(f);
    }
    return s;
  }
  const auto slash = text.find('/');
  if (slash == std::string::npos) bad("WEFT_SHARD", text, expected);
  const std::string i = text.substr(0, slash), n = text.substr(slash + 1);
  const std::uint64_t index = parse_u64("WEFT_SHARD", i.c_str(), expected);
  const std::uint64_t count = parse_u64("WEFT_SHARD", n.c_str(), expected);
  if (count == 0 || count > 65536 || index >= count) bad("WEFT_SHARD", text, expected);
  return Shard{static_cast<unsigned>(index), static_cast<unsigned>(count)};
}

}  // namespace detail
}  // namespace weft
