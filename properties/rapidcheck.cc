#include "properties/rapidcheck.h"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace weft::prop {

std::vector<std::uint32_t> Schedule::dense() const {
  std::vector<std::uint32_t> out;
  for (const auto& [at, offset] : deviations) {
    if (out.size() <= at) out.resize(at + 1, 0);
    out[at] = offset;  // a later deviation at the same decision wins
  }
  return out;
}

void showValue(const Schedule& s, std::ostream& os) {
  // Only the deviations that take effect, in decision order: "[3]+1 [7]+2".
  const std::vector<std::uint32_t> d = s.dense();
  bool any = false;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d[i] == 0) continue;
    os << (any ? " " : "") << "[" << i << "]+" << d[i];
    any = true;
  }
  if (!any) os << "every decision the default";
}

::rc::Gen<Schedule> schedules() {
  // Executions of small tests make tens of decisions: most deviations land there, some
  // later. Offsets are small (1 = the next option after the default).
  const auto at = ::rc::gen::weightedOneOf<std::uint32_t>(
      {{3, ::rc::gen::inRange<std::uint32_t>(0, 32)}, {1, ::rc::gen::inRange<std::uint32_t>(0, 1024)}});
  const auto offset = ::rc::gen::inRange<std::uint32_t>(1, 4);
  return ::rc::gen::map(::rc::gen::container<std::vector<std::pair<std::uint32_t, std::uint32_t>>>(
                            ::rc::gen::pair(at, offset)),
                        [](std::vector<std::pair<std::uint32_t, std::uint32_t>> d) { return Schedule{std::move(d)}; });
}

namespace {
class Quiet : public ::rc::detail::TestListener {
 public:
  void onTestCaseFinished(const ::rc::detail::CaseDescription&) override {}
  void onShrinkTried(const ::rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const ::rc::detail::TestMetadata&, const ::rc::detail::TestResult&) override {}
};
}  // namespace

::rc::detail::TestResult run_property(const ::rc::detail::Property& property, std::uint64_t seed, int max_success,
                                      const ::rc::detail::Reproduce* reproduce) {
  ::rc::detail::TestMetadata meta;
  meta.id = "property";
  ::rc::detail::TestParams params;
  params.seed = seed;
  params.maxSuccess = max_success;
  std::unordered_map<std::string, ::rc::detail::Reproduce> map;
  if (reproduce != nullptr) map.emplace(meta.id, *reproduce);
  Quiet quiet;
  return ::rc::detail::checkProperty(property, meta, params, quiet, map);
}

void check(const Schedule& schedule, std::function<void()> body) {
  Options options = Options::from_env();
  // RC_ASSERT inside the body throws RapidCheck's failure; as a weft assertion it keeps
  // its message (in spawned tasks it is reported as an exception of that type).
  auto wrapped = [&body] {
    try {
      body();
    } catch (const ::rc::detail::CaseResult& r) {
      if (r.type == ::rc::detail::CaseResult::Type::Failure) throw AssertionFailure("RC_ASSERT failed: " + r.description, std::source_location::current());
      throw;
    }
  };
  const Report report = weft::detail::explore_drawn(options, schedule.dense(), wrapped);
  if (!report.ok()) RC_FAIL(report.to_string());
}

}  // namespace weft::prop
