// select: wait on several channel operations, take one that is ready. Among ready
// cases the choice is explored (never "first wins"); default is taken only if no
// case is ready.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <source_location>
#include <utility>
#include <vector>

#include "harness/chan.h"

namespace weft {

class Case;
template <class T>
Case recv_case(const Chan<T>& ch, std::source_location where = std::source_location::current());
template <class T>
Case recv_case(const Chan<T>& ch, std::optional<T>& out, std::source_location where = std::source_location::current());
template <class T, class U>
Case send_case(const Chan<T>& ch, U&& value, std::source_location where = std::source_location::current());
Case default_case(std::source_location where = std::source_location::current());
std::size_t select(std::vector<Case> cases, std::source_location where = std::source_location::current());

// One select case; built by recv_case / send_case / default_case. Each factory records
// its own source location (a variadic select cannot take one), and select reports
// the first case's.
class Case {
 public:
  enum class Kind : std::uint8_t { recv, send, fallback };

  Kind kind() const noexcept { return kind_; }
  // Its channel's shared state; nullptr for a nil channel or default.
  detail::ChanCore* core() const noexcept { return ch_.get(); }
  const std::source_location& where() const noexcept { return where_; }

 private:
  template <class T>
  friend Case recv_case(const Chan<T>&, std::source_location);
  template <class T>
  friend Case recv_case(const Chan<T>&, std::optional<T>&, std::source_location);
  template <class T, class U>
  friend Case send_case(const Chan<T>&, U&&, std::source_location);
  friend Case default_case(std::source_location);
  friend std::size_t select(std::vector<Case> cases, std::source_location where);
  friend std::size_t select_span(Case* cases, std::size_t n, std::source_location where);

  Kind kind_ = Kind::fallback;
  std::shared_ptr<detail::ChanCore> ch_;  // null: a nil channel, never ready
  std::shared_ptr<void> storage_;         // a boxed T to send, or a scratch optional<T>
  void* slot_ = nullptr;                  // optional<T>* to receive into, or T* to send
  void (*reset_)(void*) = nullptr;        // empties *slot_ before a receive
  std::source_location where_{};
};

// Receives from ch, discarding the value.
template <class T>
Case recv_case(const Chan<T>& ch, std::source_location where) {
  Case c;
  c.kind_ = Case::Kind::recv;
  c.ch_ = ch.state();
  auto scratch = std::make_shared<std::optional<T>>();
  c.slot_ = scratch.get();
  c.storage_ = std::move(scratch);
  c.reset_ = [](void* p) { static_cast<std::optional<T>*>(p)->reset(); };
  c.where_ = where;
  return c;
}

// Receives from ch into out (nullopt if the channel was closed).
template <class T>
Case recv_case(const Chan<T>& ch, std::optional<T>& out, std::source_location where) {
  Case c;
  c.kind_ = Case::Kind::recv;
  c.ch_ = ch.state();
  c.slot_ = &out;
  c.reset_ = [](void* p) { static_cast<std::optional<T>*>(p)->reset(); };
  c.where_ = where;
  return c;
}

// Sends value on ch (panics when chosen if ch is closed).
template <class T, class U>
Case send_case(const Chan<T>& ch, U&& value, std::source_location where) {
  Case c;
  c.kind_ = Case::Kind::send;
  c.ch_ = ch.state();
  auto boxed = std::make_shared<T>(std::forward<U>(value));
  c.slot_ = boxed.get();
  c.storage_ = std::move(boxed);
  c.where_ = where;
  return c;
}

// default_case(): taken when no other case is ready; the select then does not block
// (a poll).
// select(cases): blocks until one case can proceed, performs it, and returns its
// index. With several ready, which one is an explored choice. With no case ever ready
// (all nil) it blocks forever. Panics on a send to a closed channel, or with two
// default cases.
std::size_t select_span(Case* cases, std::size_t n, std::source_location where);

template <class... Cases>
  requires(sizeof...(Cases) > 0 && (std::is_same_v<std::remove_cvref_t<Cases>, Case> && ...))
std::size_t select(Cases&&... cases) {
  Case arr[] = {std::forward<Cases>(cases)...};
  return select_span(arr, sizeof...(Cases), arr[0].where());
}

}  // namespace weft
