// main() of every weft_test() binary (bazel/weft.bzl links it instead of GoogleTest's).
// When weft shards searches (WEFT_SHARD=bazel), each test case divides its own search
// among Bazel's shards, so every shard must run every case: GoogleTest's sharding of
// the cases, which Bazel asks for through GTEST_TOTAL_SHARDS, would leave each case's
// search explored on one shard only, in part.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  const char* shard = std::getenv("WEFT_SHARD");
  if (shard != nullptr && std::strcmp(shard, "bazel") == 0) {
    ::unsetenv("GTEST_TOTAL_SHARDS");
    ::unsetenv("GTEST_SHARD_INDEX");
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
