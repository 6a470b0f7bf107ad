"""The reference interpreter: decode each instruction word once, then dispatch through a cache.

Every address that has been executed maps to a handler closure made by the factories that
:mod:`vmlab.isa.codegen` generates from the instruction table, with the operands (and the
instruction's own address) bound in. The run loop is just ``pc = code[pc]()``. A miss in the
cache (``__missing__``) fetches and decodes the word.

Instructions marked ``system`` in the table (CSR access, ecall, ebreak, mret, wfi, fence.i)
and breakpoints are cached as stubs that leave the fast loop, so that those run with the
machine's state fully written back ("careful" steps). Stores into memory that holds decoded
instructions drop them (the bus calls :meth:`invalidate`), so self-modifying code works.
"""
from __future__ import annotations

from itertools import repeat

from ..bus import NeedSync
from ..isa import ISA
from ..isa.causes import Cause
from ..isa.codegen import interpreter_code
from ..stops import StopKind, StopReason
from ..trap import Trap
from .base import Backend


class _Careful(Exception):
    """Raised by a stub: run this instruction with the state synchronised."""


class _Break(Exception):
    """Raised by a breakpoint stub."""


_CAREFUL, _BREAK = _Careful(), _Break()


def _careful_stub():
    raise _CAREFUL


def _break_stub():
    raise _BREAK


class InterpBackend(Backend):
    name = "interp"

    def __init__(self, machine):
        super().__init__(machine)
        ns = machine.ns
        if "FACTORIES" not in ns:
            exec(interpreter_code(), ns)
        self.factories = ns["FACTORIES"]
        # pc -> handler. A plain dict, so that CPython specialises the lookup; a miss raises
        # KeyError out of the fast loop, which decodes and goes on.
        self.code: dict[int, object] = {}
        self.real: dict[int, object] = {}      # pc -> real handler, for pcs whose cache entry is a stub
        self.decoded = 0                        # statistics: words decoded
        machine.bus.code_listeners.append(self.invalidate)

    # -- decoding -----------------------------------------------------------------------------
    def make_handler(self, pc: int, word: int):
        ins = ISA.decode(word)
        if ins is None:
            def illegal():
                raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
            return illegal, None
        ops = ins.decode_operands(word)
        return self.factories[ins.name](pc, word, **ops), ins

    def _real_handler(self, pc: int):
        h = self.real.get(pc)
        if h is None:
            if pc & 3:
                raise Trap(Cause.INSTRUCTION_ADDRESS_MISALIGNED, pc)
            word = self.m.bus.fetch(pc)
            h, ins = self.make_handler(pc, word)
            self.m.bus.mark_code(pc)
            self.decoded += 1
            self.real[pc] = h
        return h

    def _decode_into_cache(self, pc: int):
        if pc & 3:
            raise Trap(Cause.INSTRUCTION_ADDRESS_MISALIGNED, pc)
        word = self.m.bus.fetch(pc)
        h, ins = self.make_handler(pc, word)
        self.m.bus.mark_code(pc)
        self.decoded += 1
        if pc in self.m.breakpoints:
            self.real[pc] = h
            h = _break_stub
        elif ins is not None and ins.system:
            self.real[pc] = h
            h = _careful_stub
        self.code[pc] = h
        return h

    # -- invalidation -------------------------------------------------------------------------
    def invalidate(self, addr: int, size: int) -> None:
        code, real = self.code, self.real
        for pc in range(addr & ~3, addr + size, 4):
            code.pop(pc, None)
            real.pop(pc, None)

    def invalidate_all(self) -> None:
        self.code.clear()
        self.real.clear()

    def detach(self) -> None:
        self.invalidate_all()
        if self.invalidate in self.m.bus.code_listeners:
            self.m.bus.code_listeners.remove(self.invalidate)

    # -- execution ----------------------------------------------------------------------------
    def step_careful(self):
        """Execute the instruction at state.pc with the state synchronised; StopReason or None."""
        m = self.m
        s = m.state
        bus = m.bus
        try:
            h = self._real_handler(s.pc)
            bus.synced = True
            try:
                npc = h()
            finally:
                bus.synced = False
        except Trap as t:
            return m._take_trap(t)
        s.pc = npc
        s.instret += 1
        return m._after_careful_step()

    def run(self, budget: int):
        m = self.m
        s = m.state
        code = self.code
        pc = s.pc
        left = budget
        while left > 0:
            n = m._slice_budget(left)
            # itertools.repeat makes no int per iteration (range does, past 256); how many
            # instructions completed before an exception is what the iterator has left.
            it = repeat(None, n)
            try:
                for _ in it:
                    pc = code[pc]()
                done = n
            except KeyError:
                done = n - it.__length_hint__() - 1
                s.instret += done
                left -= done
                try:
                    self._decode_into_cache(pc)
                except Trap as t:
                    s.pc = pc
                    left -= 1
                    stop = m._take_trap(t)
                    if stop is not None:
                        return stop
                    pc = s.pc
                continue
            except (_Careful, NeedSync):
                done = n - it.__length_hint__() - 1
            except _Break:
                done = n - it.__length_hint__() - 1
                s.instret += done
                s.pc = pc
                return m._breakpoint_stop(pc)
            except Trap as t:
                done = n - it.__length_hint__() - 1
                s.instret += done
                s.pc = pc
                left -= done + 1          # a trapping instruction counts as a step
                stop = m._take_trap(t)
                if stop is not None:
                    return stop
                pc = s.pc
                continue
            else:
                s.instret += done
                s.pc = pc
                left -= done
                stop = m._between_slices()
                if stop is not None:
                    return stop
                pc = s.pc
                continue
            # a stub or an access that needs synchronised state: one careful step
            s.instret += done
            s.pc = pc
            left -= done + 1
            stop = self.step_careful()
            if stop is not None:
                return stop
            pc = s.pc
        return None

    @property
    def stats(self) -> dict:
        return {"decoded instructions": self.decoded, "cached handlers": len(self.code)}
