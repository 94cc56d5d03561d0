"""Compiler flags for weft's own code (abseil style: one place, every BUILD loads it)."""

# Warnings are errors in project code only; system libraries are not compiled here.
# Designated initializers that leave fields defaulted are the intended way to build
# Options, so -Wmissing-field-initializers is off.
WEFT_COPTS = [
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wno-missing-field-initializers",
]
