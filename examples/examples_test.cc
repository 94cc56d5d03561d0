// Each leak pattern twice: the leaky version must be reported (kind, task, wait reason,
// line, hint), the fixed one must pass. Expected lines come from `// LEAK` markers in
// the example sources (data dependencies), never from numbers typed here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "examples/patterns.h"
#include "harness/weft.h"
#include "properties/gtest.h"

namespace weft::examples {
namespace {

using ::testing::AnyOfArray;
using ::testing::EndsWith;
using ::testing::HasSubstr;

Options search() { return Options{.mode = Mode::random, .seed = 1, .iterations = 1000}; }

// Lines of examples/<file> that contain `marker`.
std::vector<unsigned> marked(const std::string& file, const std::string& marker) {
  std::ifstream in("examples/" + file);
  EXPECT_TRUE(in.good()) << "cannot read examples/" << file;
  std::vector<unsigned> lines;
  std::string line;
  for (unsigned n = 1; std::getline(in, line); ++n) {
    if (line.find(marker) != std::string::npos) lines.push_back(n);
  }
  return lines;
}

// The first unfinished task named `name` (or with that id).
const TaskReport* task(const Report& r, const std::string& name) {
  if (r.failure() == nullptr) return nullptr;
  for (const TaskReport& t : r.failure()->tasks) {
    if (t.name == name || t.id == name) return &t;
  }
  return nullptr;
}

void expect_stuck(const Report& r, FailureKind kind, const std::string& name, WaitKind wait,
                  const std::string& file, const std::string& hint) {
  ASSERT_THAT(r, FailsWith(kind));
  const TaskReport* t = task(r, name);
  ASSERT_NE(t, nullptr) << r.to_string();
  EXPECT_EQ(t->wait, wait) << r.to_string();
  EXPECT_THAT(t->waiting_at.file_name(), EndsWith(file)) << r.to_string();
  EXPECT_THAT(t->waiting_at.line(), AnyOfArray(marked(file, "// LEAK"))) << r.to_string();
  EXPECT_THAT(t->hint, HasSubstr(hint)) << r.to_string();
}

void expect_passes(void (*body)()) {
  const Report r = explore(search(), body);
  EXPECT_TRUE(r.ok()) << r.to_string();
  EXPECT_EQ(r.stats().schedules, 1000u);
}

TEST(FirstWins, LeakyReportsBlockedReplicas) {
  const Report r = explore(search(), first_wins::leaky);
  expect_stuck(r, FailureKind::leak, "replica", WaitKind::chan_send, "first_wins.cc", "buffer the channel");
  EXPECT_EQ(r.failure()->tasks.size(), 2u) << r.to_string();
}
TEST(FirstWins, FixedPasses) { expect_passes(first_wins::fixed); }

TEST(UnclosedReceiver, LeakyReportsBlockedConsumer) {
  expect_stuck(explore(search(), unclosed_receiver::leaky), FailureKind::leak, "consumer", WaitKind::chan_recv,
               "unclosed_receiver.cc", "ctx.done()");
}
TEST(UnclosedReceiver, FixedPasses) { expect_passes(unclosed_receiver::fixed); }

TEST(NilChannel, LeakyReportsNilChannel) {
  expect_stuck(explore(search(), nil_channel::leaky), FailureKind::leak, "worker", WaitKind::nil_chan,
               "nil_channel.cc", "make_chan");
}
TEST(NilChannel, FixedPasses) { expect_passes(nil_channel::fixed); }

TEST(SpinDefault, LeakyReportsSpinningPoller) {
  const Report r = explore(search(), spin_default::leaky);
  expect_stuck(r, FailureKind::leak, "poller", WaitKind::running, "spin_default.cc", "never blocks");
  EXPECT_THAT(r.failure()->message, HasSubstr("step budget"));
}
TEST(SpinDefault, FixedPasses) { expect_passes(spin_default::fixed); }

TEST(MutexAcrossBlock, LeakyReportsLockHeldAcrossSend) {
  const Report r = explore(search(), mutex_across_block::leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::deadlock));
  // Whichever task got the lock first blocks on the channel; the other on the lock,
  // at its std::lock_guard line (not inside <mutex>).
  const TaskReport* locked = nullptr;
  for (const TaskReport& t : r.failure()->tasks) {
    if (t.wait == WaitKind::mutex_lock) locked = &t;
  }
  ASSERT_NE(locked, nullptr) << r.to_string();
  EXPECT_THAT(locked->waiting_at.file_name(), EndsWith("mutex_across_block.cc")) << r.to_string();
  EXPECT_THAT(locked->waiting_at.line(), AnyOfArray(marked("mutex_across_block.cc", "// LEAK-LOCK")));
  EXPECT_THAT(locked->object, HasSubstr("held by"));
  EXPECT_THAT(locked->hint, HasSubstr("release it before blocking"));
  EXPECT_EQ(task(r, "main")->wait, WaitKind::waitgroup_wait) << r.to_string();
}
TEST(MutexAcrossBlock, FixedPasses) { expect_passes(mutex_across_block::fixed); }

TEST(TickerLoop, LeakyReportsTickerOnlyTask) {
  const Report r = explore(search(), ticker_loop::leaky);
  // Woken by its ticker at every firing, it is "running", parked at its receive.
  expect_stuck(r, FailureKind::leak, "refresher", WaitKind::running, "ticker_loop.cc", "Ticker");
  EXPECT_THAT(r.failure()->message, HasSubstr("woken only by"));
  EXPECT_THAT(r.failure()->message, HasSubstr("ticker_loop.cc:" + std::to_string(marked("ticker_loop.cc", "Ticker tick(10ms);").at(0))));
}
TEST(TickerLoop, FixedPasses) { expect_passes(ticker_loop::fixed); }

TEST(NoTimeoutCaller, LeakyReportsCallerDeadlock) {
  const Report r = explore(search(), no_timeout_caller::leaky);
  expect_stuck(r, FailureKind::deadlock, "main", WaitKind::chan_recv, "no_timeout_caller.cc", "with_timeout");
  EXPECT_EQ(task(r, "worker")->wait, WaitKind::chan_recv);
}
TEST(NoTimeoutCaller, FixedPasses) { expect_passes(no_timeout_caller::fixed); }

TEST(WorkerPool, LeakyReportsWorkersBlockedOnResults) {
  expect_stuck(explore(search(), worker_pool::leaky), FailureKind::leak, "worker", WaitKind::chan_send,
               "worker_pool.cc", "buffer the channel");
}
TEST(WorkerPool, FixedPasses) { expect_passes(worker_pool::fixed); }

TEST(StartStop, LeakyReportsServerLoop) {
  expect_stuck(explore(search(), start_stop::leaky), FailureKind::leak, "server loop", WaitKind::select,
               "start_stop.cc", "ctx.done()");
}
TEST(StartStop, FixedPasses) { expect_passes(start_stop::fixed); }

TEST(CancelVsValue, LeakyFailsTheCheckInSomeSchedule) {
  const Report r = explore(search(), cancel_vs_value::leaky);
  ASSERT_THAT(r, FailsWith(FailureKind::assertion));
  EXPECT_THAT(r.failure()->message, HasSubstr("WEFT_ASSERT(processed == 0)"));
  EXPECT_THAT(r.failure()->message,
              HasSubstr("cancel_vs_value.cc:" + std::to_string(marked("cancel_vs_value.cc", "// LEAK").at(0))));
}
TEST(CancelVsValue, FixedPasses) { expect_passes(cancel_vs_value::fixed); }

// The whole report of one leak, as a reader sees it.
TEST(Report, NamesVerdictTaskLineHintInterleavingAndReplay) {
  const Report r = explore(search(), first_wins::leaky);
  const std::string text = r.to_string();
  EXPECT_THAT(text, HasSubstr("weft: LEAK"));
  EXPECT_THAT(text, HasSubstr("\"replica\""));
  EXPECT_THAT(text, HasSubstr("[chan send]"));
  EXPECT_THAT(text, HasSubstr("first_wins.cc:" + std::to_string(marked("first_wins.cc", "// LEAK").at(0))));
  EXPECT_THAT(text, HasSubstr("hint: sender outlived every receiver"));
  EXPECT_THAT(text, HasSubstr("interleaving ("));
  EXPECT_THAT(text, HasSubstr("WEFT_REPLAY=w1."));
}

}  // namespace
}  // namespace weft::examples
