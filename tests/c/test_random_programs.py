"""Random integer C programs (random_programs.py): the host's gcc is the oracle.

Each program is built by gcc for the host and by vmlab's toolchain at -O0 and -O2, and run on
every backend: the output (every variable, a checksum of every value assigned) must be the
same byte for byte. This reaches what the hand-written programs may not: clang's RV32IM code
generation paths, compiler-rt's 64-bit multiply, divide and shift helpers, the M extension's
corner cases, printf of 64-bit values, and each backend running compiled code. A session ran
500 such programs this way without a difference; CI runs a few fixed ones.
"""
from __future__ import annotations

import pytest

from vmlab import StopKind, compile_c

from .random_programs import program
from .support import guest, host

SEEDS = [5001, 5002, 5003, 5004]
_BUILT: dict = {}


def _build(seed: int, opt: str):
    key = seed, opt
    if key not in _BUILT:
        _BUILT[key] = compile_c(program(seed), opt=opt, name=f"random{seed}.c", debug=False)
    return _BUILT[key]


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
@pytest.mark.parametrize("seed", SEEDS)
def test_random_integer_program_matches_gcc(seed, opt, backend, tmp_path):
    src = tmp_path / f"random{seed}.c"
    src.write_text(program(seed))
    expected = host(src, tmp_path)
    assert expected.returncode == 0 and expected.stdout.endswith("\n"), expected.stderr
    stop, out, _ = guest(_build(seed, opt), backend=backend)
    assert stop.kind is StopKind.EXITED and stop.code == 0, f"{stop}\n{out}"
    assert out == expected.stdout
