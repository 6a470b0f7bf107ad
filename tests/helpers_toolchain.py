"""Build small RISC-V test programs with clang/lld from the ``ziglang`` package.

ziglang is a declared test dependency (pyproject ``[test]`` via ``[lab]``): when it is missing
the tests that need it fail with a message saying so, rather than being skipped.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

RV32IM = ("-target", "riscv32-freestanding-none", "-mcpu=generic_rv32+m")
RV64IM = ("-target", "riscv64-freestanding-none", "-mcpu=generic_rv64+m", "-mcmodel=medany")
FREESTANDING = ("-ffreestanding", "-fno-builtin", "-nostdlib", "-static",
                "-fno-unwind-tables", "-fno-asynchronous-unwind-tables")


def zig(*args: str, cwd: Path) -> None:
    """Run ``python -m ziglang <args>`` in `cwd`; fail the test with zig's output if it fails."""
    if importlib.util.find_spec("ziglang") is None:
        pytest.fail("the ziglang package is not installed; it is a test dependency "
                    "(pip install -e '.[test]')", pytrace=False)
    r = subprocess.run([sys.executable, "-m", "ziglang", *args], cwd=cwd,
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.fail(f"python -m ziglang {' '.join(args)} failed in {cwd}:\n{r.stdout}{r.stderr}",
                    pytrace=False)


def cc(cwd: Path, output: str, *sources: str, target=RV32IM, opt: str = "-O2", debug: str = "-g",
       linker_script: str | None = "link.ld", compile_only: bool = False,
       extra: tuple[str, ...] = ()) -> Path:
    """Compile and link `sources` (files in `cwd`) into `output`; returns its path."""
    args = ["cc", *target, opt, debug, *FREESTANDING, *extra]
    if compile_only:
        args.append("-c")
    elif linker_script:
        args.append(f"-Wl,-T,{linker_script}")
    zig(*args, *sources, "-o", output, cwd=cwd)
    return cwd / output
