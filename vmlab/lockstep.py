"""Lockstep differential checking: run a backend beside the reference interpreter and compare.

Both machines load the same program and advance by the same number of instructions at a time
(every instruction by default, or a schedule of chunk sizes so that a block-based backend runs
whole blocks in between); after each chunk the harness compares pc, all registers, privilege,
every implemented CSR, the retired-instruction count, the console and all of RAM, and the stop
reasons. The first difference is reported with the disassembly of the instructions involved.

    >>> from vmlab.lockstep import lockstep
    >>> d = lockstep(program, "translate")
    >>> assert d is None, d.report()
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .isa.disasm import disassemble
from .isa.regs import ABI_NAMES
from .machine import Machine
from .program import Program
from .stops import StopKind


@dataclass
class Divergence:
    step: int                 # instructions both machines had been asked to run when they differed
    pc: int                   # reference pc before the chunk that diverged
    differences: list[str]
    trace: list[str] = field(default_factory=list)   # reference disassembly of the last instructions

    def report(self) -> str:
        lines = [f"divergence after {self.step} steps (chunk started at pc {self.pc:#010x}):"]
        lines += ["  " + d for d in self.differences]
        if self.trace:
            lines.append("  last instructions (reference):")
            lines += ["    " + t for t in self.trace]
        return "\n".join(lines)

    __str__ = report


def compare_machines(ref: Machine, other: Machine) -> list[str]:
    """Differences in architectural state between two machines (empty when equal)."""
    out = []
    a, b = ref.state, other.state
    if a.pc != b.pc:
        out.append(f"pc: reference {a.pc:#010x}, {other.backend_name} {b.pc:#010x}")
    for i in range(32):
        if a.x[i] != b.x[i]:
            out.append(f"x{i} ({ABI_NAMES[i]}): reference {a.x[i]:#010x}, {other.backend_name} {b.x[i]:#010x}")
    if a.priv != b.priv:
        out.append(f"privilege: reference {a.priv}, {other.backend_name} {b.priv}")
    if a.instret != b.instret:
        out.append(f"instret: reference {a.instret}, {other.backend_name} {b.instret}")
    if a.csr.snapshot() != b.csr.snapshot():     # cheap test first; values() only when needed
        ca, cb = a.csr.values(), b.csr.values()
        for k in ca:
            if ca[k] != cb.get(k):
                out.append(f"csr {k}: reference {ca[k]:#x}, {other.backend_name} {cb.get(k, 0):#x}")
    if ref.bus.ram != other.bus.ram:
        ra, rb = ref.bus.ram, other.bus.ram
        i = next(k for k in range(0, len(ra), 4096) if ra[k:k + 4096] != rb[k:k + 4096])
        j = next(k for k in range(i, i + 4096) if ra[k] != rb[k])
        addr = ref.bus.base + j
        out.append(f"memory at {addr:#010x}: reference {bytes(ra[j:j + 8]).hex()}, "
                   f"{other.backend_name} {bytes(rb[j:j + 8]).hex()}")
    if ref.console.output_bytes != other.console.output_bytes:
        out.append(f"console: reference {ref.console.output[-60:]!r}, {other.backend_name} {other.console.output[-60:]!r}")
    return out


def _stop_key(s):
    return None if s is None else (s.kind, s.pc, s.code, s.cause, s.tval)


def lockstep(program: Program | str | bytes, backend: str, *, max_steps: int = 100_000,
             chunks: Iterable[int] | None = None, mode: str | None = None,
             ram_size: int = 1 << 20, stdin: bytes | str | None = None,
             reference: str = "interp", setup=None) -> Divergence | None:
    """Run `program` on `backend` and on the reference in lockstep; the first Divergence or None.

    Args:
        chunks: how many instructions to run between comparisons, cycled (default: 1, i.e.
            compare after every instruction).
        setup: optional ``f(machine)`` applied to both machines after loading (set registers ...).
    """
    ref = Machine(reference, mode=mode, ram_size=ram_size)
    dut = Machine(backend, mode=mode, ram_size=ram_size)
    for m in (ref, dut):
        m.load(program)
        if stdin is not None:
            m.console.feed(stdin)
        if setup is not None:
            setup(m)
    chunk_list = list(chunks) if chunks is not None else [1]
    steps, k = 0, 0
    trace: list[str] = []
    while steps < max_steps:
        n = min(chunk_list[k % len(chunk_list)], max_steps - steps)
        k += 1
        pc0 = ref.state.pc
        if n == 1:
            rows = ref.disassemble(pc0, 1)
            trace = (trace + [f"{pc0:#010x}: {rows[0][2] if rows else '?'}"])[-8:]
        sa, sb = ref.run(max_steps=n), dut.run(max_steps=n)
        steps += n
        diffs = compare_machines(ref, dut)
        if _stop_key(sa) != _stop_key(sb):
            diffs.append(f"stop: reference {sa}, {backend} {sb}")
        if diffs:
            return Divergence(steps, pc0, diffs, trace)
        if sa.kind not in (StopKind.STEP_LIMIT, StopKind.BREAKPOINT):
            return None
        if sa.kind is StopKind.BREAKPOINT and sa.message != "ebreak":
            continue
    return None
