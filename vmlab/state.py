"""Architectural state of one hart: registers, pc, privilege, CSRs, retired-instruction count.

Owned by the Machine and shared by every backend. A backend may keep copies while it runs
but writes everything back before it returns, so switching backends mid-run is exact.
"""
from __future__ import annotations

from .csr import CsrFile
from .trap import PRIV_M


class HartState:
    def __init__(self) -> None:
        self.x: list[int] = [0] * 32     # x[0] stays 0: generated code never writes it
        self.pc = 0
        self.priv = PRIV_M
        self.instret = 0                 # instructions retired since reset (for stats and counters)
        self.csr = CsrFile(self)

    def snapshot(self) -> tuple:
        return (list(self.x), self.pc, self.priv, self.instret, self.csr.snapshot())

    def restore(self, snap: tuple) -> None:
        x, self.pc, self.priv, self.instret, csr = snap
        self.x[:] = x
        self.csr.restore(csr)

    def reset(self, priv: int = PRIV_M) -> None:
        self.x[:] = [0] * 32
        self.pc = 0
        self.priv = priv
        self.instret = 0
        self.csr.reset()
