#include "properties/gtest.h"

#include <gtest/gtest-spi.h>

#include <memory>
#include <string>

namespace weft {
namespace testing {
namespace {

// Inside explore(), GoogleTest failures are captured instead of failing the test
// directly: the execution that raised them fails, and the report carries them with
// the schedule that reproduces them.
class GtestObserver : public detail::ExecutionObserver {
 public:
  void on_explore_begin() override {
    if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
      detail::set_test_name(std::string(info->test_suite_name()) + "." + info->name());
    }
    if (depth_++ == 0) {
      results_ = std::make_unique<::testing::TestPartResultArray>();
      interceptor_ = std::make_unique<::testing::ScopedFakeTestPartResultReporter>(
          ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, results_.get());
    }
  }
  void on_explore_end() override {
    if (--depth_ == 0) {
      interceptor_.reset();
      results_.reset();
    }
  }
  void on_execution_begin() override { seen_ = results_ ? results_->size() : 0; }
  std::string on_execution_end() override {
    if (!results_) return {};
    std::string msg;
    for (int i = seen_; i < results_->size(); ++i) {
      const ::testing::TestPartResult& r = results_->GetTestPartResult(i);
      if (!r.failed()) continue;
      if (!msg.empty()) msg += "; ";
      msg += std::string("GoogleTest check failed at ") + (r.file_name() ? r.file_name() : "?") + ":" +
             std::to_string(r.line_number()) + ": " + r.summary();
    }
    seen_ = results_->size();
    return msg;
  }

 private:
  int depth_ = 0;
  int seen_ = 0;
  std::unique_ptr<::testing::TestPartResultArray> results_;
  std::unique_ptr<::testing::ScopedFakeTestPartResultReporter> interceptor_;
};

GtestObserver observer;
const bool registered = (detail::add_observer(&observer), true);

}  // namespace

void run_weft_test(const char* suite, const char* name, std::function<void()> body) {
  (void)registered;
  detail::set_test_name(std::string(suite) + "." + name);
  Options options;
  try {
    options = Options::from_env();
  } catch (const std::invalid_argument& e) {
    FAIL() << e.what();
  }
  const Report report = explore(options, std::move(body));
  if (!report.ok()) {
    ADD_FAILURE() << report.to_string();
  }
}

}  // namespace testing
}  // namespace weft
