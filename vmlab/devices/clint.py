"""Core-local interruptor (SiFive CLINT layout): msip, mtimecmp and mtime.

mtime advances by one per retired instruction (a deterministic timebase, the same on every
backend), plus whatever a ``wfi`` skips while it waits for the timer.
"""
from __future__ import annotations

from ..trap import MIP_MSIP, MIP_MTIP

MSIP, MTIMECMP, MTIME = 0x0000, 0x4000, 0xBFF8
M64 = (1 << 64) - 1


class Clint:
    size = 0x10000

    def __init__(self, state):
        self.state = state
        self.msip = 0
        self.mtimecmp = M64
        self.offset = 0          # mtime = instret + offset (written mtime and wfi skips move it)

    @property
    def mtime(self) -> int:
        return (self.state.instret + self.offset) & M64

    def set_mtime(self, value: int) -> None:
        self.offset = value - self.state.instret

    def pending(self) -> int:
        bits = MIP_MSIP if self.msip & 1 else 0
        if self.mtime >= self.mtimecmp:
            bits |= MIP_MTIP
        return bits

    def instructions_until_timer(self) -> int | None:
        """How many instructions may retire before the timer interrupt becomes pending."""
        d = self.mtimecmp - self.mtime
        return d if d > 0 else 0

    def _reg64(self, offset: int, size: int, value: int, old: int) -> int:
        shift = 8 * (offset & 7)
        mask = ((1 << (8 * size)) - 1) << shift
        return (old & ~mask) | ((value << shift) & mask)

    def read(self, offset: int, size: int) -> int:
        if offset < 4:
            return self.msip
        if MTIMECMP <= offset < MTIMECMP + 8:
            return self.mtimecmp >> (8 * (offset - MTIMECMP))
        if MTIME <= offset < MTIME + 8:
            return self.mtime >> (8 * (offset - MTIME))
        return 0

    def write(self, offset: int, size: int, value: int) -> None:
        if offset < 4:
            self.msip = value & 1
        elif MTIMECMP <= offset < MTIMECMP + 8:
            self.mtimecmp = self._reg64(offset - MTIMECMP, size, value, self.mtimecmp)
        elif MTIME <= offset < MTIME + 8:
            self.set_mtime(self._reg64(offset - MTIME, size, value, self.mtime))

    def snapshot(self):
        return (self.msip, self.mtimecmp, self.offset)

    def restore(self, s) -> None:
        self.msip, self.mtimecmp, self.offset = s
