"""Traps: the exception instruction semantics raise, and the one place a trap is taken.

Privileged ISA, "Machine-Mode Trap Handling": on a trap into M-mode, mepc gets the address of
the instruction that trapped (or, for an interrupt, of the next one to execute), mcause the
cause, mtval the faulting address or instruction bits; mstatus.MPIE <- MIE, MIE <- 0,
MPP <- the privilege the trap came from; the hart continues at mtvec (BASE + 4*cause for
interrupts when MODE is vectored).
"""
from __future__ import annotations

from .isa.causes import INTERRUPT_BIT, Cause, describe

PRIV_U, PRIV_S, PRIV_M = 0, 1, 3
PRIV_NAMES = {PRIV_U: "U", PRIV_S: "S", PRIV_M: "M"}

MSTATUS_MIE = 1 << 3
MSTATUS_MPIE = 1 << 7
MSTATUS_MPP_SHIFT = 11
MSTATUS_MPP = 3 << MSTATUS_MPP_SHIFT
MSTATUS_MPRV = 1 << 17
MSTATUS_TW = 1 << 21

MIP_MSIP = 1 << 3
MIP_MTIP = 1 << 7
MIP_MEIP = 1 << 11
# "Multiple simultaneous interrupts destined for M-mode are handled in the following
#  decreasing priority order: MEI, MSI, MTI"
INTERRUPT_PRIORITY = ((MIP_MEIP, Cause.MACHINE_EXTERNAL_INTERRUPT),
                      (MIP_MSIP, Cause.MACHINE_SOFTWARE_INTERRUPT),
                      (MIP_MTIP, Cause.MACHINE_TIMER_INTERRUPT))


class Trap(Exception):
    """A synchronous exception raised by instruction semantics: cause and trap value."""

    def __init__(self, cause: int, tval: int = 0):
        super().__init__(cause, tval)
        self.cause = int(cause)
        self.tval = tval & 0xFFFFFFFF

    def __str__(self) -> str:
        return f"{describe(self.cause)} (tval={self.tval:#010x})"


def take_trap(state, cause: int, tval: int) -> None:
    """Enter the M-mode trap handler for `cause` raised at ``state.pc``."""
    csr = state.csr
    csr.mepc = state.pc & ~3
    csr.mcause = cause & 0xFFFFFFFF
    csr.mtval = tval & 0xFFFFFFFF
    st = csr.mstatus
    st = (st & ~MSTATUS_MPIE) | (MSTATUS_MPIE if st & MSTATUS_MIE else 0)
    st = (st & ~(MSTATUS_MIE | MSTATUS_MPP)) | (state.priv << MSTATUS_MPP_SHIFT)
    csr.mstatus = st
    state.priv = PRIV_M
    base = csr.mtvec & ~3
    if csr.mtvec & 1 and cause & INTERRUPT_BIT:
        state.pc = (base + 4 * (cause & 0x7FFFFFFF)) & 0xFFFFFFFF
    else:
        state.pc = base


def trap_return(state) -> int:
    """mret: privilege <- MPP, MIE <- MPIE, MPIE <- 1, MPP <- U; returns mepc."""
    csr = state.csr
    st = csr.mstatus
    mpp = (st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT
    st = (st & ~MSTATUS_MIE) | (MSTATUS_MIE if st & MSTATUS_MPIE else 0)
    st |= MSTATUS_MPIE
    st &= ~MSTATUS_MPP                     # MPP <- least-privileged supported mode (U)
    if mpp != PRIV_M:
        st &= ~MSTATUS_MPRV                # "If y != M, x RET also sets MPRV=0"
    csr.mstatus = st
    state.priv = mpp
    return csr.mepc


def pending_interrupt(state) -> int | None:
    """The cause of the interrupt to take now, or None.

    M-level interrupts are enabled in M-mode when mstatus.MIE is set, and always enabled in a
    less privileged mode.
    """
    csr = state.csr
    pending = csr.mip & csr.mie
    if not pending:
        return None
    if state.priv == PRIV_M and not csr.mstatus & MSTATUS_MIE:
        return None
    for bit, cause in INTERRUPT_PRIORITY:
        if pending & bit:
            return int(cause)
    return None
