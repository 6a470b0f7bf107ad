"""The `cython` backend: a compiled core (``vmlab._core``, built from ``_speedups/``) on the Machine's own state.

The core decodes each instruction word once into a small C struct and runs over those structs
without the GIL, each instruction's code jumping straight to the next one's (direct
threading); the decoder and the loop are generated from the instruction table
(:mod:`vmlab.isa.codegen_cython`). It works on the machine's RAM bytearray
in place and copies the 32 registers in and out around each call.

This adapter keeps the run protocol in Python, the same shape as
:meth:`vmlab.backends.interp.InterpBackend.run`: slices of ``machine._slice_budget()``
instructions with ``machine._between_slices()`` after each (pause, timeout, interrupts). When
the core stops before an instruction it does not execute itself (CSR access, mret, fence.i,
wfi, illegal words, device or out-of-RAM accesses, stores into words it has decoded or into
lines a hook observes), the reference interpreter executes exactly that instruction with
``step_careful()``; a trap raised in the core (a misaligned jump, and every ecall and ebreak:
system calls, the program's exit) goes to ``machine._take_trap()``. Either way it counts as
one step of the budget, as in the interpreter.

When the extension is not built, importing this module still works and
:meth:`CythonBackend.unavailable_reason` says how to build it.
"""
from __future__ import annotations

import sys

from ..trap import Trap
from .base import Backend

try:
    import vmlab._core as _core      # absolute import: a clear message when it is missing
    _IMPORT_ERROR = None
except ImportError as e:              # not built (no compiler at install time) or stale
    _core = None
    _IMPORT_ERROR = str(e)

# Instructions per call into the core in process mode. The machine's own slice (20,000) is
# sized for the interpreter (about 4 ms there) and would cost the core a round trip through
# Python every 60 us; this is about as long in the core. A pause from another thread does not
# wait for it (the core polls its flag), and process mode has no interrupts to deliver.
CORE_SLICE = 1 << 20

BUILD_HINT = ("the compiled core vmlab._core is not built: install a C compiler and reinstall "
              "with `pip install -e .` (or run `python setup.py build_ext --inplace`)")


class CythonBackend(Backend):
    name = "cython"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if _core is None:
            return f"{BUILD_HINT} ({_IMPORT_ERROR})"
        if sys.byteorder != "little":
            return "the compiled core supports little-endian hosts only"
        return None

    def __init__(self, machine):
        super().__init__(machine)
        reason = self.unavailable_reason()
        if reason:
            from ..errors import BackendUnavailable
            raise BackendUnavailable(f"backend 'cython' is not available: {reason}")
        self.core = _core.Core(machine.bus)
        self._breakpoints: frozenset[int] = frozenset()
        self._sync_breakpoints()
        machine.bus.code_listeners.append(self.invalidate)

    # -- caches -------------------------------------------------------------------------------
    def _sync_breakpoints(self) -> None:
        bps = frozenset(self.m.breakpoints)
        if bps != self._breakpoints:
            changed = bps ^ self._breakpoints
            self.core.set_breakpoints(bps)
            self._breakpoints = bps
            for a in changed:
                self.core.invalidate(a, 4)

    def invalidate(self, addr: int, size: int) -> None:
        """Memory [addr, addr+size) changed, or a breakpoint there was set or cleared."""
        self.core.invalidate(addr, size)
        self._sync_breakpoints()

    def invalidate_all(self) -> None:
        self.core.invalidate_all()

    def detach(self) -> None:
        self.invalidate_all()
        listeners = self.m.bus.code_listeners
        if self.invalidate in listeners:
            listeners.remove(self.invalidate)

    def request_pause(self) -> None:
        """Called by Machine.pause() from another thread: the C loop polls this flag."""
        self.core.request_pause()

    # -- execution ----------------------------------------------------------------------------
    def run(self, budget: int):
        m = self.m
        s = m.state
        core = self.core
        execute = core.execute
        DONE, CAREFUL, TRAP, BREAK = _core.DONE, _core.CAREFUL, _core.TRAP, _core.BREAK
        self._sync_breakpoints()
        core.clear_pause()
        system = m.mode == "system"
        left = budget
        while left > 0:
            if system:                             # the timer decides how far the core may go
                n = m._slice_budget(left)
            else:
                n = left if left < CORE_SLICE else CORE_SLICE
            status = execute(s, n)                 # state written back when it returns
            if core.ncode_writes:
                self._report_code_writes()
            done = core.done
            if status == DONE:
                left -= done
                stop = m._between_slices()
            elif status == CAREFUL:                # one instruction with full semantics
                left -= done + 1
                stop = m._reference().step_careful()
            elif status == TRAP:                   # pc is at the faulting instruction
                left -= done + 1                   # a trapping instruction counts as a step
                stop = m._take_trap(Trap(core.cause, core.tval))
            elif status == BREAK:
                return m._breakpoint_stop(s.pc)
            else:                                  # PAUSED inside the slice
                left -= done
                stop = m._between_slices()
            if stop is not None:
                return stop
        return None

    def _report_code_writes(self) -> None:
        """Tell the bus's other code listeners about the stores the core made into lines that
        hold code (words it had not decoded itself), as the bus's store path would have."""
        listeners = [fn for fn in self.m.bus.code_listeners if fn != self.invalidate]
        for addr, size in dict.fromkeys(self.core.code_writes):   # once per place (qsort: 53 stores, 4 places)
            for fn in listeners:
                fn(addr, size)

    @property
    def stats(self) -> dict:
        return {"decoded instructions": self.core.decoded}

    def cached(self, addr: int):
        """The decoded entry for the word at `addr` (instruction, rd, rs1, rs2, imm), or None."""
        return self.core.entry(addr)
