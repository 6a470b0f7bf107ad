"""The example programs, run through the CLI as a user would, with their expected output."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FACT = "".join(f"{n}! = {v}\n" for n, v in [(1, 1), (2, 2), (3, 6), (4, 24), (5, 120), (6, 720),
                                             (7, 5040), (8, 40320), (9, 362880), (10, 3628800)])


def dice_histogram(seed: int = 2026, rolls: int = 1000) -> str:
    """What examples/dice.s prints, computed here with java.util.Random (RARS's generator)."""
    from vmlab.env.syscalls import JavaRandom
    r = JavaRandom(seed)
    counts = [0] * 13
    for _ in range(rolls):
        counts[r.next_int(6) + 1 + r.next_int(6) + 1] += 1
    return "".join(f"{s}: {counts[s]}\n" for s in range(2, 13))


EXAMPLES = [
    ("hello.s", "", "Hello, RISC-V!\n", 0),
    ("fact.s", "", FACT, 0),
    ("echo.s", "stressed\n", "desserts\n", 0),
    ("trap.s", "", "", 0),
    ("dice.s", "", dice_histogram(), 0),
]


def vmlab(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vmlab", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("name, stdin, out, code", EXAMPLES)
def test_example_through_cli(name, stdin, out, code, backend):
    r = vmlab("run", f"examples/{name}", "--backend", backend, stdin=stdin)
    assert r.stdout == out, r.stderr
    assert r.returncode == code, r.stderr


def test_every_example_is_tested():
    shipped = {p.name for p in (ROOT / "examples").glob("*.s")}
    assert shipped == {e[0] for e in EXAMPLES}
