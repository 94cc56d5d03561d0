// Pattern: a nil channel.
//
// Real code: a struct carries a channel field that its constructor was meant to make,
//     struct Future { Chan<int> ready; };      // nobody called make_chan
// a producer delivers without blocking (select with a default: "drop it if nobody
// listens"), and a consumer task waits on the field.
// Why it leaks: a default-constructed Chan is nil, as in Go. A receive from a nil
// channel blocks forever, and a send case on it is never ready, so the non-blocking
// delivery silently takes the default. No error anywhere; the consumer just hangs.
// Canonical fix: make the channel before use (make_chan<int>(1) in the constructor).
// A nil channel has one legitimate use: disabling a case of a select.
#pragma once

namespace weft::examples::nil_channel {

void leaky();  // the consumer waits on a nil channel forever: a leak
void fixed();  // the channel is made (buffered 1): delivered and received

extern const unsigned kRecvLine;  // the consumer's receive on the field

}  // namespace weft::examples::nil_channel
