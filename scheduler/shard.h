// Splitting one exhaustive search across shards (WEFT_SHARD=i/n, Bazel test shards).
//
// The top of the choice tree is cut into disjoint subtrees. Walking down an execution,
// the widths of its contended scheduling nodes multiply; the first node at which the
// product reaches kSpread·n is the split node of that path. A node is contended when
// its options may conflict (the strategy says; plain DFS counts every branching node).
// Partial-order reduction needs this: where the options commute, every option but the
// first leads only to executions its sleep sets cut, so a split there would leave the
// whole search to one shard. Each option of a split
// node, named by the path that reaches it and its label (the task it runs), belongs to
// exactly one shard: a hash of both, modulo n. The split depends only on the program
// and n, never on the shard index, so every shard draws the same line and the shards'
// subtrees partition the tree. A path too narrow to reach the product belongs to
// shard 0, so even a tiny tree is explored exactly once.
//
// Only scheduling nodes split (not select or choose values): an execution can be cut
// short there (kPrune) before it costs anything.
#pragma once

#include <cstdint>

namespace weft::sched {

class ShardSplit {
 public:
  enum class Role : std::uint8_t { above, split, below };

  ShardSplit() = default;
  ShardSplit(unsigned index, unsigned count) : index_(index), count_(count == 0 ? 1 : count) {}

  bool active() const noexcept { return count_ > 1; }
  unsigned index() const noexcept { return index_; }
  unsigned count() const noexcept { return count_; }

  // At the start of each execution's walk from the root.
  void begin() noexcept {
    spread_ = 1;
    path_ = kSeed;
    role_ = active() ? Role::above : Role::below;
  }
  // The role of the next branching node of this walk, whose width is `width` (≥ 2).
  Role role(std::uint32_t width, bool contended = true) const noexcept {
    if (role_ != Role::above) return Role::below;
    return contended && spread_ * width >= kSpread * count_ ? Role::split : Role::above;
  }
  // The path to the next node, which names a split node's options.
  std::uint64_t path() const noexcept { return path_; }
  // Whether the option `label` of the split node reached by `path` is this shard's.
  bool owns(std::uint64_t path, std::uint32_t label) const noexcept {
    return mix(path ^ (label + 1)) % count_ == index_;
  }
  // After a branching node of width `width` took the option `label`.
  void pass(std::uint32_t width, std::uint32_t label, bool contended = true) noexcept {
    if (role_ != Role::above) return;
    if (role(width, contended) == Role::split) {
      role_ = Role::split;  // everything below belongs to the shard that owns `label`
      return;
    }
    if (contended) spread_ *= width;
    path_ = mix(path_ * 0x100000001b3ull + label + 1);
  }
  // At the end of an execution: false if it belongs to another shard (a path that
  // never reached a split node is shard 0's).
  bool ended_here() const noexcept { return role_ != Role::above || index_ == 0; }

 private:
  static constexpr std::uint64_t kSpread = 4;  // subtrees per shard, so shards balance
  static constexpr std::uint64_t kSeed = 0x9e3779b97f4a7c15ull;
  static std::uint64_t mix(std::uint64_t x) noexcept {  // splitmix64's finaliser
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }

  unsigned index_ = 0;
  unsigned count_ = 1;
  std::uint64_t spread_ = 1;
  std::uint64_t path_ = kSeed;
  Role role_ = Role::below;
};

}  // namespace weft::sched
