"""weft_test(): a GoogleTest binary with weft's flags, optional mode and Bazel shards."""

load("//bazel:copts.bzl", "WEFT_COPTS")

_GTEST_MAIN = "@system_libs//:gtest_main"
_WEFT_MAIN = "//properties:gtest_main"

def weft_test(name, srcs, deps = [], size = "small", shard_count = None, mode = None, env = {}, **kwargs):
    """A cc_test for weft.

    Args:
      name, srcs, size: as for cc_test.
      deps: as for cc_test; GoogleTest's main is replaced by //properties:gtest_main.
      shard_count: Bazel shards; each WEFT_TEST's exhaustive search is split across
        them (WEFT_SHARD=bazel), and every test case runs on every shard.
      mode: WEFT_MODE for the WEFT_TESTs of the target (e.g. "exhaustive").
      env: more environment variables.
      **kwargs: passed to cc_test.
    """
    test_env = dict(env)
    if mode:
        test_env["WEFT_MODE"] = mode
    if shard_count:
        test_env["WEFT_SHARD"] = "bazel"
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = [_WEFT_MAIN if d == _GTEST_MAIN else d for d in deps],
        size = size,
        shard_count = shard_count,
        env = test_env,
        copts = WEFT_COPTS,
        **kwargs
    )
