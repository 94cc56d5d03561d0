// A pipeline of stages, written to be checked by a RapidCheck property under weft: the
// number of stages and the point where the consumer cancels are generated, and so is
// the schedule.
#pragma once

namespace weft::examples::pipeline {

// A source emits 1..items into `stages` forwarding stages chained by unbuffered
// channels; the consumer reads `take` values (take <= items), then cancels the context
// and returns. Leaky: stages send without watching the context, so after an early
// cancel every stage holding a value blocks in send forever. Fixed: every send is a
// select against ctx.done(), and the consumer waits until every stage has returned.
void run_leaky(unsigned stages, unsigned items, unsigned take);
void run_fixed(unsigned stages, unsigned items, unsigned take);
// The line of the stages' send in pipeline.cc, where the leaky pipeline's tasks stay.
extern const unsigned kSendLine;

}  // namespace weft::examples::pipeline
