// The rendezvous model of exhaustive search (a receive is scheduled only once it can
// take something; see harness/chan.h and scheduler/event_log.h): the reduced search
// still reaches exactly what plain DFS reaches on the programs that showed each of its
// pitfalls, shrunk by the soundness property while the model was built.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/weft.h"
#include "tests/harness/programs.h"

namespace weft {
namespace {

using programs::expect_reduction_matches_dfs;

std::string got(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("x"); }

TEST(Rendezvous, ReceiverThatCouldHaveTakenFirstIsExplored) {
  // Main could take task 1's first value before task 2 does; then task 2 takes main's
  // send. Once task 2 has taken it, main's receive is disabled and later takes task 1's
  // second value, an event that depends on that one. Two parts of the model each show
  // the other order (checked by turning both off, when this test fails): a take is
  // not ordered after the registration it takes (lock/unlock kinds), and main's pending
  // receive races with the take that disabled it.
  std::vector<std::string> seen;
  auto body = [&seen] {
    seen.assign(3, std::string());
    auto ch = make_chan<int>();
    go([ch] {
      ch.send(1);
      ch.send(2);
    });
    go([ch, &seen] { seen[2] += got(ch.recv()); });
    seen[0] += got(ch.recv());
    ch.send(3);
  };
  EXPECT_EQ(expect_reduction_matches_dfs(body, seen).size(), 3u);
}

TEST(Rendezvous, SelectWaitingOnOneChannelTwiceTakesItsFirstCase) {
  // A select that waits gets a sender's value in its first case on that channel; only
  // a select that finds the sender already waiting may take the second. After the
  // first, its task goes on only later (a scheduling point of its own), which lets the
  // poller in main find nothing twice; after the second it cannot.
  std::vector<std::string> seen;
  auto body = [&seen] {
    seen.assign(3, std::string());
    auto ch = make_chan<int>();
    go([ch] { ch.send(0); });
    go([ch, &seen] {
      seen[2] += "s" + std::to_string(select(recv_case(ch), recv_case(ch)));
      ch.send(0);
    });
    ch.send(0);
    seen[0] += "d" + std::to_string(select(send_case(ch, 7), recv_case(ch), default_case()));
    seen[0] += "d" + std::to_string(select(send_case(ch, 7), recv_case(ch), default_case()));
  };
  const auto full = expect_reduction_matches_dfs(body, seen);
  bool second_case = false;
  for (const auto& s : full) second_case = second_case || s.ends_with(" s1");
  EXPECT_TRUE(second_case);
}

TEST(Rendezvous, TasksParkedBeforeABlockingReceiveBlockWhileAPollerWaits) {
  // Task 3 polls twice; between its polls every other task must run. Main, parked
  // before a receive nobody serves, runs by blocking: then task 3 may poll again
  // before task 2 (which has only started) registers as a receiver on c1.
  std::vector<std::string> seen;
  auto body = [&seen] {
    seen.assign(4, std::string());
    auto c0 = make_chan<int>();
    auto c1 = make_chan<int>();
    auto c2 = make_chan<int>();
    go([c2] { c2.send(0); });
    go([c1] { c1.recv(); });
    go([=, &seen] {
      seen[3] += "d" + std::to_string(select(send_case(c2, 7), recv_case(c0), default_case()));
      seen[3] += "d" + std::to_string(select(send_case(c1, 7), recv_case(c0), default_case()));
    });
    c0.recv();
  };
  const auto full = expect_reduction_matches_dfs(body, seen);
  bool both_defaults = false;
  for (const auto& s : full) both_defaults = both_defaults || s.ends_with(" d2d2");
  EXPECT_TRUE(both_defaults) << "plain DFS reaches two polls that both find nothing";
}

TEST(Rendezvous, ReceiveParkedWhereTheSearchCutsRacesToo) {
  // Task 2 parks (disabled) before its receive just where the sleep sets cut the
  // execution; its race with task 1's earlier take must still be seen, else the order
  // in which task 2 takes main's buffered value first (and task 1 waits forever) is lost.
  std::vector<std::string> seen;
  auto body = [&seen] {
    seen.assign(3, std::string());
    auto ch = make_chan<int>(1);
    auto& m = make<Mutex>();
    go([ch, &seen] {
      seen[1] += got(ch.recv());
      ch.send(1);
      ch.send(2);
    });
    go([ch, &m, &seen] {
      m.lock();
      seen[2] += got(ch.recv());
      m.unlock();
    });
    ch.send(0);
  };
  const auto full = expect_reduction_matches_dfs(body, seen);
  bool leak = false;
  for (const auto& s : full) leak = leak || s.rfind("leak", 0) == 0;
  EXPECT_TRUE(leak) << "task 1 can be left receiving forever";
}

}  // namespace
}  // namespace weft
