"""Build vmlab's optional compiled core, ``vmlab._core``, from ``_speedups/core.pyx``.

Metadata lives in pyproject.toml. The extension is optional: without a C compiler (or without
Cython) the install still succeeds and vmlab runs on its pure-Python backends; the `cython`
backend then reports how to build it. Set VMLAB_REQUIRE_EXT=1 to make a failed build an
error (CI). Rebuild after changing _speedups/ or the instruction table:

    python -m vmlab.isa.codegen_cython          # regenerate _speedups/_handlers.pxi
    pip install -e . --no-build-isolation       # or: python setup.py build_ext --inplace
"""
import os

from setuptools import Extension, setup

REQUIRED = os.environ.get("VMLAB_REQUIRE_EXT") == "1"

try:
    from Cython.Build import cythonize
except ImportError:
    cythonize = None

ext_modules = []
if cythonize is not None:
    ext_modules = cythonize(
        [Extension("vmlab._core", ["_speedups/core.pyx"], optional=not REQUIRED,
                   extra_compile_args=["-O2"] if os.name == "posix" else [])],
        include_path=["_speedups"],
        compiler_directives={"language_level": "3", "boundscheck": False, "wraparound": False,
                             "cdivision": True, "initializedcheck": False},
    )
    for ext in ext_modules:       # cythonize() drops optional=True: set it again
        ext.optional = not REQUIRED
elif REQUIRED:
    raise SystemExit("VMLAB_REQUIRE_EXT=1 but Cython is not installed: pip install cython")
else:
    print("WARNING: Cython is not installed; building vmlab without its compiled core "
          "(the `cython` backend will be unavailable)")

setup(ext_modules=ext_modules)
