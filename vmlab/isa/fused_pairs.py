"""Choose the superinstructions of the cython core (``FUSED_PAIRS`` in codegen_cython.py).

Runs a training corpus on the ``interp`` backend, counts the adjacent pairs of instructions
the programs execute and prints the commonest ones::

    python -m vmlab.isa.fused_pairs            # table of the top 32, with their shares
    python -m vmlab.isa.fused_pairs --python   # the same as a FUSED_PAIRS literal

A pair counts when its second instruction runs right after the first and sits at the first's
pc + 4, the first does not end a straight-line run (``ends_block``: branches, jumps, system
instructions) and the C core compiles both (not the ``system`` instructions that need the
machine's state, see ``compile_table``), i.e. the pairs the core could fuse. A pair's score is its share of the instructions the corpus ran,
with each program weighing as many instructions as it ran but at most ``CAP`` (one million):
the long-running programs weigh the same, and a six-instruction example next to nothing.
(Counting every adjacent pair overstates pairs inside chains such as ``addi addi addi``: the
core runs the first two fused and dispatches the third on its own.)

The training corpus is

* the C programs of the runtime's tests, ``tests/c/programs/*.c`` (compiled at -O2 by
  :func:`vmlab.compile_c`, fed some standard input where they read it);
* the assembly examples, ``examples/*.s``;
* the programs written for this purpose in ``vmlab/isa/training/*.c``: text processing with a
  search tree, merge sort, binary search and a priority queue over records, dynamic
  programming and big-number and modular arithmetic, an expression compiler and its
  stack-machine interpreter, grid graphs (union-find, BFS, Dijkstra), LZ77/base64/RLE coding.

The ``vmlab bench`` workloads (``vmlab/workloads``) are deliberately left out: the pairs are
chosen on one set of programs and measured on another, so the bench's figures for the cython
core are not fitted to the bench itself. The training programs do not reuse the workloads'
code or algorithms. Choosing the pairs needs zig (for the C programs); the generator only
reads the committed ``FUSED_PAIRS``.
"""
from __future__ import annotations

import argparse
import io
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .spec import ISA

ROOT = Path(__file__).resolve().parents[2]
TRAINING = Path(__file__).resolve().parent / "training"
STDIN = {"console.c": b"0\nabc\nhello world\nend\n", "echo.s": b"superinstructions\n"}
MAX_STEPS = 100_000_000
CAP = 1_000_000                    # the most instructions one program weighs in the ranking


@dataclass
class Profile:
    """One program's dynamic counts: instructions run, and the fusable adjacent pairs."""
    name: str
    instructions: int = 0
    pairs: Counter = field(default_factory=Counter)


def corpus(root: Path = ROOT) -> list[Path]:
    """The training programs (never the bench workloads, see the module docstring)."""
    files = [*sorted((root / "tests" / "c" / "programs").glob("*.c")),
             *sorted((root / "examples").glob("*.s")),
             *sorted(TRAINING.glob("*.c"))]
    workloads = (Path(__file__).resolve().parents[1] / "workloads").resolve()
    assert not any(workloads in f.resolve().parents for f in files)
    return files


def fusable() -> tuple[set[str], set[str]]:
    """(names that may come first in a pair, names that may come second)."""
    from .codegen_cython import compile_table
    compiled = {c.ins.name for c in compile_table()[0] if c.op is not None}
    return {i.name for i in ISA.insns if i.name in compiled and not i.ends_block}, compiled


def profile(program, name: str, stdin: bytes = b"", *, backend: str = "interp",
            max_steps: int = MAX_STEPS) -> Profile:
    """Run `program` (a Program, a .s/.c path or assembly text) and count its fusable pairs."""
    from ..machine import Machine, to_program
    firsts, seconds = fusable()
    m = Machine(backend, stdin=io.BytesIO(stdin))
    m.load(to_program(program))
    ram, base = m.bus.ram, m.bus.base
    names: dict[int, str] = {}
    prof = Profile(name)
    pairs = prof.pairs
    prev_pc, prev_name = -1, ""

    def step(mm) -> bool:
        nonlocal prev_pc, prev_name
        pc = mm.state.pc
        off = pc - base
        word = int.from_bytes(ram[off:off + 4], "little") if 0 <= off <= len(ram) - 4 else -1
        name = names.get(word)
        if name is None:
            ins = ISA.decode(word) if word >= 0 else None
            name = names[word] = ins.name if ins is not None else "?"
        if pc == prev_pc + 4 and prev_name in firsts and name in seconds:
            pairs[prev_name, name] += 1
        prev_pc, prev_name = pc, name
        return False

    start = m.state.instret
    step(m)                            # run() does not ask `until` before the first instruction
    stop = m.run(max_steps=max_steps, until=step)
    prof.instructions = m.state.instret - start
    if not stop.exited:
        print(f"warning: {name} did not exit: {stop}", file=sys.stderr)
    return prof


def rank(profiles: list[Profile], cap: int = CAP) -> list[tuple[tuple[str, str], float, int]]:
    """(pair, share of the corpus's instructions, programs it occurs in), commonest first.

    A program's counts are scaled so that it weighs min(instructions, cap) instructions."""
    score: Counter = Counter()
    seen: Counter = Counter()
    total = sum(min(p.instructions, cap) for p in profiles) or 1
    for p in profiles:
        scale = min(p.instructions, cap) / max(p.instructions, 1)
        for pair, n in p.pairs.items():
            score[pair] += n * scale / total
            seen[pair] += 1
    return [(pair, s, seen[pair]) for pair, s in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))]


def as_python(pairs: list[tuple[str, str]], per_line: int = 5) -> str:
    lines = ["FUSED_PAIRS = ["]
    for i in range(0, len(pairs), per_line):
        lines.append("    " + " ".join(f"({a!r}, {b!r})," for a, b in pairs[i:i + per_line]).replace("'", '"'))
    lines.append("]")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m vmlab.isa.fused_pairs",
                                description="Rank adjacent instruction pairs over the training corpus "
                                            "(not the bench workloads) for the cython core's FUSED_PAIRS.")
    p.add_argument("-n", type=int, default=32, help="how many pairs (default 32)")
    p.add_argument("--python", action="store_true", help="print a FUSED_PAIRS literal")
    p.add_argument("--cap", type=int, default=CAP,
                   help=f"the most instructions one program weighs (default {CAP:,})")
    p.add_argument("-v", "--verbose", action="store_true", help="each program's instruction count")
    args = p.parse_args(argv)
    profiles = []
    for f in corpus():
        prof = profile(f, f"{f.parent.name}/{f.name}", STDIN.get(f.name, b""))
        profiles.append(prof)
        if args.verbose:
            print(f"# {prof.name:28} {prof.instructions:>10,} instructions", file=sys.stderr)
    top = rank(profiles, args.cap)[:args.n]
    if args.python:
        print(as_python([pair for pair, _, _ in top]))
        return 0
    print(f"# {len(profiles)} programs, {sum(p.instructions for p in profiles):,} instructions")
    print(f"{'pair':>16}  {'share':>7}  programs")
    for (a, b), s, k in top:
        print(f"{a + ' ' + b:>16}  {100 * s:6.2f}%  {k:>3}/{len(profiles)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
