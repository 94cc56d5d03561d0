// Go's struct{}: an empty, equality-comparable value, for signalling channels.
#pragma once

namespace weft {

struct Unit {
  bool operator==(const Unit&) const = default;
};

}  // namespace weft
