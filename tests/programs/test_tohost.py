"""vmlab's own ISA-test-style programs: tests/programs/tohost/*.s.

Each program is a small system-mode program (it has a ``tohost`` symbol) that checks one area
of the privileged architecture or of vmlab's documented policies, and reports the way the
RISC-V ISA tests do: it writes 1 to ``tohost`` when every check passed and ``(n << 1) | 1``
when check n failed. They are written for vmlab (fresh code; the official suite was only the
inspiration for what to cover), assembled by vmlab's own assembler, and run on every backend.

Deliberately wrong variants of some programs must fail with the number of the check that was
broken, so the protocol itself (and the programs' ability to notice a fault) is tested too.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vmlab import Machine, StopKind, assemble

HERE = Path(__file__).resolve().parent
PROGRAMS = sorted((HERE / "tohost").glob("*.s"))
REPO = HERE.parents[1]
MAX_STEPS = 200_000            # every program needs far fewer (wfi skips time ahead)

# (program, text to replace, replacement, the check that must then fail)
WRONG_VARIANTS = [
    # expects a pmpcfg entry to keep W without R
    ("pmp.s", "li      t1, 0x0c                # TOR, X", "li      t1, 0x0e                # TOR, X", 5),
    # expects the wrong final value of mscratch after csrrwi/csrrsi/csrrci
    ("csr_access.s", "li      t0, 0x1E", "li      t0, 0x1F", 4),
    # makes the reserved RV32 encoding (slli shamt[5] = 1) a legal slli: no trap, then `j fail`
    ("illegal.s", ".word   0x02051513", ".word   0x01051513", 4),
    # expects no carry into minstreth
    ("counters.s", "li      t0, 8\n        bne     a1, t0, fail", "li      t0, 7\n        bne     a1, t0, fail", 5),
    # expects mtval = the jalr's own address instead of the misaligned target
    ("misaligned_jump.s", "addi    t0, t0, 2\n        bne     s4, t0, fail",
     "addi    t0, t0, 0\n        bne     s4, t0, fail", 2),
    # the timer interrupt expected through vector entry 3 instead of 7
    ("timer_vectored.s", "li      t0, 7\n        bne     s8, t0, fail", "li      t0, 3\n        bne     s8, t0, fail", 3),
    # leaves MIE clear before the second wfi: it resumes without taking the interrupt
    ("wfi.s", "csrsi   mstatus, MIE\nwfi3:", "nop\nwfi3:", 3),
]


def run_program(program, backend: str):
    """Load a path (assembled by Machine.load) or a Program, run it; (machine, stop)."""
    m = Machine(backend)
    m.load(program)
    return m, m.run(max_steps=MAX_STEPS)


def variant_text(name: str, old: str, new: str) -> str:
    text = (HERE / "tohost" / name).read_text()
    assert text.count(old) == 1, f"{name}: the text to replace must occur exactly once: {old!r}"
    return text.replace(old, new)


def test_programs_are_there():
    names = {p.stem for p in PROGRAMS}
    assert {"csr_access", "misaligned_data", "misaligned_jump", "illegal", "ecall_ebreak", "mret",
            "counters", "machine_info", "timer_direct", "timer_vectored", "wfi", "fence_i",
            "counteren", "clint_msip"} <= names


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_program_passes(backend, path):
    m, stop = run_program(path, backend)
    assert m.mode == "system", "a program with a tohost symbol runs in system mode"
    assert stop.kind is StopKind.EXITED and stop.code == 0, f"{path.name} on {backend}: {stop}"
    assert stop.message == "tohost: pass"


@pytest.mark.parametrize("name, old, new, number", WRONG_VARIANTS, ids=[w[0][:-2] for w in WRONG_VARIANTS])
def test_wrong_variant_fails_with_its_number(backend, name, old, new, number):
    program = assemble(variant_text(name, old, new), name=f"wrong-{name}")
    m, stop = run_program(program, backend)
    assert stop.kind is StopKind.EXITED, f"wrong {name} on {backend}: {stop}"
    assert stop.code == number and stop.message == f"tohost: test {number} failed"


def _cli(path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vmlab", "run", str(path), "--max-steps", str(MAX_STEPS),
                           *args], cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_cli_exit_status_is_zero(backend, path):
    r = _cli(path, "--backend", backend)
    assert r.returncode == 0, r.stdout + r.stderr


# Exit statuses 2 and 3 also mean "bad input" and "guest fault" to the CLI, so the CLI is
# checked with variants whose broken check is numbered 4 or more.
@pytest.mark.parametrize("name, old, new, number", [w for w in WRONG_VARIANTS if w[3] >= 4],
                         ids=[w[0][:-2] for w in WRONG_VARIANTS if w[3] >= 4])
def test_cli_exit_status_is_the_failing_check(tmp_path, name, old, new, number):
    path = tmp_path / name
    path.write_text(variant_text(name, old, new))
    r = _cli(path)
    assert r.returncode == number, r.stdout + r.stderr
