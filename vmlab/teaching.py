"""Pieces for the labs: a decode-and-dispatch backend students extend, and an instruction profile.

:class:`StudentBackend` is the classic interpreter from the lecture, written for reading:
every step fetches the word, decodes it by searching the instruction table, and dispatches on
the mnemonic to a method ``op_<name>``. Instructions a subclass does not implement are
executed by the reference semantics, so a student can implement a handful and let the
lockstep harness (:mod:`vmlab.lockstep`) check them against the reference::

    class Mine(StudentBackend):
        def op_add(self, rd, rs1, rs2):
            self.x[rd] = (self.x[rs1] + self.x[rs2]) & 0xFFFFFFFF

    register_student_backend("mine", Mine)
    assert lockstep(program, "mine") is None

Methods receive the decoded operands as keyword arguments (rd, rs1, rs2, imm, shamt, csr,
zimm ...) and may return the next pc (default: pc + 4). Writes to x0 are undone after each
instruction, as the hardware ignores them.
"""
from __future__ import annotations

from collections import Counter

from .backends import register_class
from .backends.base import Backend
from .isa import ISA
from .isa.causes import Cause
from .trap import Trap

MASK = 0xFFFFFFFF


class StudentBackend(Backend):
    """Decode-and-dispatch interpreter: fetch, decode, dispatch to op_<name>, every time."""
    name = "student"

    def __init__(self, machine):
        super().__init__(machine)
        self.x = machine.state.x
        self.implemented = sorted(n[3:] for n in dir(self) if n.startswith("op_"))
        self.counts: Counter = Counter()          # mnemonic -> executions by op_ methods

    def step_one(self):
        m = self.m
        s = m.state
        pc = s.pc
        try:
            if pc & 3:
                raise Trap(Cause.INSTRUCTION_ADDRESS_MISALIGNED, pc)
            word = m.bus.fetch(pc)                            # fetch
            ins = ISA.decode(word)                            # decode (a table search, every time)
            if ins is None:
                raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
            method = getattr(self, "op_" + ins.ident, None)   # dispatch
            if method is None or ins.system:
                return m._reference().step_careful()         # the reference does the rest
            m.bus.synced = True
            try:
                npc = method(**ins.decode_operands(word))
            finally:
                m.bus.synced = False
            self.x[0] = 0
        except Trap as t:
            return m._take_trap(t)
        self.counts[ins.name] += 1
        s.pc = (pc + 4) & MASK if npc is None else npc & MASK
        s.instret += 1
        return None

    def run(self, budget: int):
        m = self.m
        left = budget
        while left > 0:
            n = m._slice_budget(left)
            for _ in range(n):
                if m.state.pc in m.breakpoints:
                    return m._breakpoint_stop(m.state.pc)
                stop = self.step_one()
                if stop is not None:
                    return stop
            left -= n
            stop = m._between_slices()
            if stop is not None:
                return stop
        return None

    # helpers for op_ methods ---------------------------------------------------------------
    @property
    def pc(self) -> int:
        return self.m.state.pc

    def load(self, addr: int, size: int, signed: bool = False) -> int:
        v = self.m.bus.load(addr & MASK, size)
        if signed and v >> (8 * size - 1):
            v -= 1 << (8 * size)
        return v & MASK

    def store(self, addr: int, size: int, value: int) -> None:
        self.m.bus.store(addr & MASK, size, value)


def register_student_backend(name: str, cls: type) -> None:
    """Make `cls` selectable as ``Machine(backend=name)`` and usable by the lockstep harness."""
    cls.name = name
    register_class(name, cls)


def instruction_mix(program, max_steps: int = 10_000_000) -> Counter:
    """How often each instruction (by mnemonic) executes in `program` on the reference."""
    from .machine import Machine
    m = Machine("interp")
    m.load(program)
    counts: Counter = Counter()
    cache: dict[int, str] = {}
    bus, s = m.bus, m.state

    def count(mm) -> bool:
        pc = s.pc
        name = cache.get(pc)
        if name is None:
            try:
                ins = ISA.decode(bus.fetch(pc))
            except Trap:
                ins = None
            name = cache[pc] = ins.name if ins else "(illegal)"
        counts[name] += 1
        return False

    m.run(max_steps=max_steps, until=count)
    return counts
