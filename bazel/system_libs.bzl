"""@system_libs: the Debian-installed libraries weft builds against, checked up front.

Nothing is downloaded: every library comes from a Debian package. When one is missing the
repository fails with the command that installs it, instead of a compiler error later.
"""

_LIBS = {
    # name: (package, headers to check, static/shared libraries to check)
    "boost_context": ("libboost-context-dev", ["boost/context/detail/fcontext.hpp"], ["libboost_context.a"]),
    "boost_stacktrace": ("libboost-stacktrace-dev", ["boost/stacktrace.hpp"], ["libboost_stacktrace_backtrace.so"]),
    "gtest": ("libgtest-dev", ["gtest/gtest.h"], ["libgtest.a", "libgtest_main.a"]),
    "gmock": ("libgmock-dev", ["gmock/gmock.h"], ["libgmock.a"]),
    "rapidcheck": ("librapidcheck-dev", ["rapidcheck.h", "rapidcheck/gtest.h"], ["librapidcheck.a"]),
    "benchmark": ("libbenchmark-dev", ["benchmark/benchmark.h"], ["libbenchmark.so", "libbenchmark_main.a"]),
}

_BUILD = """
package(default_visibility = ["//visibility:public"])

# Headers live in /usr/include, already on the compiler's search path.
cc_library(
    name = "boost_context",
    # Static: a fiber switch then calls jump_fcontext directly, not through the PLT.
    linkopts = ["-l:libboost_context.a"],
)

cc_library(
    name = "boost_stacktrace",
    # libbacktrace gives file:line for every frame of the traced re-run.
    defines = ["BOOST_STACKTRACE_USE_BACKTRACE"],
    linkopts = ["-lboost_stacktrace_backtrace", "{libbacktrace}", "-ldl"],
)

cc_library(
    name = "gtest",
    linkopts = ["-l:libgtest.a", "-pthread"],
)

cc_library(
    name = "gtest_main",
    linkopts = ["-l:libgtest_main.a"],
    deps = [":gtest"],
)

cc_library(
    name = "gmock",
    linkopts = ["-l:libgmock.a"],
    deps = [":gtest"],
)

cc_library(
    name = "rapidcheck",
    linkopts = ["-l:librapidcheck.a"],
)

cc_library(
    name = "benchmark",
    linkopts = ["-lbenchmark", "-pthread"],
)

cc_library(
    name = "benchmark_main",
    linkopts = ["-l:libbenchmark_main.a"],
    deps = [":benchmark"],
)
"""

def _system_libs_impl(ctx):
    libdir = ctx.attr.libdir
    missing = []
    for name, (pkg, headers, libs) in _LIBS.items():
        for h in headers:
            if not ctx.path("/usr/include/" + h).exists:
                missing.append((pkg, "/usr/include/" + h))
        for l in libs:
            if not ctx.path(libdir + "/" + l).exists:
                missing.append((pkg, libdir + "/" + l))
    backtrace = ctx.execute(["gcc", "-print-file-name=libbacktrace.a"]).stdout.strip()
    if not backtrace or not ctx.path(backtrace).exists:
        missing.append(("libgcc-12-dev", "libbacktrace.a"))
    if missing:
        pkgs = sorted({p: True for p, _ in missing}.keys())
        fail("weft: missing system libraries: " + ", ".join([f for _, f in missing]) +
             "\n  fix: bash bazel/setup.sh   (or: sudo apt-get install -y " + " ".join(pkgs) + ")")
    ctx.file("WORKSPACE", "workspace(name = \"system_libs\")\n")
    ctx.file("BUILD", _BUILD.replace("{libbacktrace}", backtrace))

system_libs = repository_rule(
    implementation = _system_libs_impl,
    attrs = {"libdir": attr.string(default = "/usr/lib/x86_64-linux-gnu")},
    local = True,
)
