"""The reference interpreter: decode each instruction word once, then dispatch through a cache.

Every address that has been executed maps to a handler closure made by the factories that
:mod:`vmlab.isa.codegen` generates from the instruction table, with the operands (and the
instruction's own address) bound in. The cache is a list indexed by the word's position in
RAM, ``i = (pc - RAM_BASE) // 4``, and the handlers return the next instruction's index, so
the run loop is just ``i = code[i]()``: indexing a list is much cheaper than hashing a pc
near 0x80000000 into a dict. A miss (a slot still holding :func:`_miss`, or an index past the
end of the list, which grows as code is found) fetches and decodes the word.

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
from ..isa.codegen import Factories
from ..stops import StopKind, StopReason
from ..trap import Trap
from .base import Backend


class _Careful(Exception):
    """Raised by a stub: run this instruction with the state synchronised."""


class _Break(Exception):
    """Raised by a breakpoint stub."""


class _Miss(Exception):
    """Raised by an empty cache slot: decode the word there."""


_CAREFUL, _BREAK, _MISS = _Careful(), _Break(), _Miss()
M32 = 0xFFFFFFFF
PAGE_WORDS = 1024           # the cache grows a 4 KiB page of words at a time
PREPARE_BYTES = 1 << 20     # prepare() looks at this much code at most (a raw image may fill RAM)


def _careful_stub():
    raise _CAREFUL


def _break_stub():
    raise _BREAK


def _miss():
    raise _MISS


class InterpBackend(Backend):
    name = "interp"

    def __init__(self, machine):
        super().__init__(machine)
        ns = machine.ns
        if "FACTORIES" not in ns:                          # generated per instruction: see prepare()
            ns["FACTORIES"] = Factories(ns)
        if "INDEXED_FACTORIES" not in ns:
            ns["INDEXED_FACTORIES"] = Factories(ns, next_index=True)
        self.factories = ns["FACTORIES"]                   # handlers return the next pc
        self.indexed_factories = ns["INDEXED_FACTORIES"]   # ... the next pc's cache index
        self.base = machine.bus.base
        self.words = machine.bus.size >> 2                 # the cache never grows past RAM
        # index -> handler for the run loop. A handler returns the next index; an empty slot
        # holds _miss, and an index past the end (the list grows on demand) raises IndexError.
        self.code: list = []
        self.real: dict[int, object] = {}      # pc -> real handler, for pcs whose cache entry is a stub
        self._prepared = None                   # the last program prepare() generated handlers for
        self.decoded = 0                        # statistics: words decoded
        machine.bus.code_listeners.append(self.invalidate)

    # -- decoding -----------------------------------------------------------------------------
    def prepare(self, program) -> None:
        """Generate the handlers of the instructions in `program`'s executable segments now (at
        load), not when each is first met: that costs a few milliseconds per instruction, which
        would land in the first run's time and in any count or profile taken of it."""
        if program is self._prepared:           # loaded again (a bench's runs, reset()): done
            return
        self._prepared = program
        words: set[int] = set()
        budget = PREPARE_BYTES
        for seg in program.segments:
            if "x" in seg.flags and budget > 0:
                n = min(len(seg.data), budget) & ~3
                budget -= n
                words.update(memoryview(seg.data)[:n].cast("I"))   # host order: a hint only
        names = {ins.name for ins in map(ISA.decode, words) if ins is not None}
        for name in names:
            self.factories[name]
            self.indexed_factories[name]

    def make_handler(self, pc: int, word: int, indexed: bool = False):
        """(handler, Insn) for the instruction `word` at `pc`; Insn is None when it is illegal.

        The handler executes the instruction and returns the next pc or, when `indexed`, the
        next pc's index in the run loop's cache.
        """
        ins = ISA.decode(word)
        if ins is None:
            def illegal():
                raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
            return illegal, None
        ops = ins.decode_operands(word)
        factories = self.indexed_factories if indexed else self.factories
        return factories[ins.name](pc, word, **ops), ins

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

    def _decode_into_cache(self, pc: int) -> None:
        """Fill the cache slot of `pc` (raises the fetch's Trap: misaligned, access fault)."""
        if pc & 3:
            raise Trap(Cause.INSTRUCTION_ADDRESS_MISALIGNED, pc)
        word = self.m.bus.fetch(pc)            # in RAM from here on: its index is < self.words
        h, ins = self.make_handler(pc, word, indexed=True)
        if pc in self.m.breakpoints:
            self.real[pc] = self.make_handler(pc, word)[0]
            h = _break_stub
        elif ins is not None and ins.system:
            self.real[pc] = self.make_handler(pc, word)[0]
            h = _careful_stub
        self.m.bus.mark_code(pc)
        self.decoded += 1
        code = self.code
        i = self._index(pc)
        if i >= len(code):
            code.extend([_miss] * (min(i + PAGE_WORDS & -PAGE_WORDS, self.words) - len(code)))
        code[i] = h

    def _index(self, pc: int) -> int:
        """pc's slot in the run loop's cache: its word's offset from RAM's base, mod 2**32."""
        return ((pc - self.base) & M32) >> 2

    def _pc(self, i: int) -> int:
        """The pc of cache slot i."""
        return ((i << 2) + self.base) & M32

    # -- invalidation -------------------------------------------------------------------------
    def invalidate(self, addr: int, size: int) -> None:
        code, real, base = self.code, self.real, self.base
        lo, hi = addr & ~3, addr + size
        a, b = max(lo, base), min(hi, base + len(code) * 4)
        if a < b:                              # the cached part of [lo, hi), as indexes
            i, j = (a - base) >> 2, (b - base + 3) >> 2
            code[i:j] = [_miss] * (j - i)
        if hi - lo <= 64:
            for pc in range(lo, hi, 4):
                real.pop(pc, None)
        else:
            for pc in [pc for pc in real if lo <= pc < hi]:
                del real[pc]

    def invalidate_all(self) -> None:
        self.code[:] = []          # in place: a running loop holds the list
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
        left = budget
        while left > 0:
            n = m._slice_budget(left)
            pc = s.pc
            if pc & 3:            # set from outside (handlers trap before returning one)
                left -= 1
                stop = m._take_trap(Trap(Cause.INSTRUCTION_ADDRESS_MISALIGNED, pc))
                if stop is not None:
                    return stop
                continue
            i = self._index(pc)
            # itertools.repeat makes no int per iteration (range does, past 256); how many
            # instructions completed before an exception is what the iterator has left.
            it = repeat(None, n)
            try:
                for _ in it:
                    i = code[i]()
                done = n
            except (_Miss, IndexError):
                if i < len(code) and code[i] is not _miss:
                    raise                      # an IndexError inside a handler: a bug, not a miss
                done = n - it.__length_hint__() - 1
                s.instret += done
                left -= done
                s.pc = pc = self._pc(i)
                try:
                    self._decode_into_cache(pc)
                except Trap as t:
                    left -= 1
                    stop = m._take_trap(t)
                    if stop is not None:
                        return stop
                continue
            except (_Careful, NeedSync):
                done = n - it.__length_hint__() - 1
            except _Break:
                done = n - it.__length_hint__() - 1
                s.instret += done
                s.pc = pc = self._pc(i)
                return m._breakpoint_stop(pc)
            except Trap as t:
                done = n - it.__length_hint__() - 1
                s.instret += done
                s.pc = self._pc(i)
                left -= done + 1          # a trapping instruction counts as a step
                stop = m._take_trap(t)
                if stop is not None:
                    return stop
                continue
            else:
                s.instret += done
                s.pc = self._pc(i)
                left -= done
                stop = m._between_slices()
                if stop is not None:
                    return stop
                continue
            # a stub or an access that needs synchronised state: one careful step
            s.instret += done
            s.pc = self._pc(i)
            left -= done + 1
            stop = self.step_careful()
            if stop is not None:
                return stop
        return None

    @property
    def stats(self) -> dict:
        return {"decoded instructions": self.decoded,
                "cached handlers": sum(h is not _miss for h in self.code)}
