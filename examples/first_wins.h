// Pattern: first answer wins.
//
// Real code: a caller asks several replicas (or races a cache, a DB and a fallback)
// and returns the first answer:
//     auto answers = make_chan<int>();
//     for (auto& r : replicas) go([=] { answers.send(r.query()); });
//     return *answers.recv();
// Why it leaks: the channel is unbuffered and only one value is ever received, so
// every replica but the fastest blocks in send() forever, holding whatever it holds.
// Canonical fix: buffer the channel by the number of senders (make_chan<int>(n)), so
// every send completes whether or not anybody still listens.
#pragma once

namespace weft::examples::first_wins {

inline constexpr int kReplicas = 3;

void leaky();  // the losers stay blocked in send: a leak
void fixed();  // the channel holds every answer: all tasks end

extern const unsigned kSendLine;  // the replica's send, where the losers block

}  // namespace weft::examples::first_wins
