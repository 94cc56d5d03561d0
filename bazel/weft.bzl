"""weft_test(): a GoogleTest binary with weft's flags, optional mode and Bazel shards."""

load("//bazel:copts.bzl", "WEFT_COPTS")

def weft_test(name, srcs, deps = [], size = "small", shard_count = None, mode = None, env = {}, **kwargs):
    test_env = dict(env)
    if mode:
        test_env["WEFT_MODE"] = mode
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = deps,
        size = size,
        shard_count = shard_count,
        env = test_env,
        copts = WEFT_COPTS,
        **kwargs
    )
