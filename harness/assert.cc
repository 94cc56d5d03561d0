#include "harness/assert.h"

#include <exception>
#include <string>

#include "harness/detail/runtime.h"
#include "harness/panic.h"

namespace weft::detail {

void assertion_failed(const char* expr, std::source_location where) {
  AssertionFailure failure(std::string("WEFT_ASSERT(") + expr + ") failed at " + where.file_name() +
                               ":" + std::to_string(where.line()),
                           where);
  Runtime* rt = Runtime::current();
  if (rt == nullptr || rt->inert()) throw failure;
  // End the execution here, whatever handlers the user code has around this line.
  rt->engine().fail(std::make_exception_ptr(failure));
}

}  // namespace weft::detail
