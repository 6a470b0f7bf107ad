"""Helpers of the C tests: build and run a program on the guest, and on the host with gcc."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from vmlab import Machine, compile_c

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
ROOT = HERE.parents[1]
WORKLOADS = ROOT / "vmlab" / "workloads"


def guest(program, *, backend: str = "interp", stdin: str | None = None,
          max_steps: int = 50_000_000, ram_size: int = 16 << 20):
    """Run a Program (or compile a path) on a fresh Machine: (stop, console output, machine)."""
    prog = compile_c(program) if isinstance(program, (str, Path)) else program
    m = Machine(backend, ram_size=ram_size)
    m.load(prog)
    if stdin is not None:
        m.console.feed(stdin)
    stop = m.run(max_steps=max_steps)
    return stop, m.console.output, m


def host_cc() -> str:
    for cc in ("gcc", "cc", "clang"):
        path = shutil.which(cc)
        if path:
            return path
    pytest.fail("no host C compiler (gcc): these tests compare the guest's output with the same "
                "program built for the host", pytrace=False)


def host(source: Path, tmp_path: Path, *, stdin: str = "", flags=()) -> subprocess.CompletedProcess:
    """Build `source` with the host's compiler and C library (and libm) and run it."""
    exe = tmp_path / (source.stem + ".host")
    r = subprocess.run([host_cc(), "-O2", "-w", *flags, str(source), "-o", str(exe), "-lm"],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.fail(f"host build of {source.name} failed:\n{r.stderr}", pytrace=False)
    return subprocess.run([str(exe)], input=stdin, capture_output=True, text=True, timeout=300)
