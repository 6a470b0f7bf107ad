"""The control and status registers this machine implements (M and U privilege levels).

Spike's contract: :meth:`CsrFile.read` has no side effects; :meth:`CsrFile.write` legalises
the value (WARL fields keep only legal values); :meth:`CsrFile.access` raises
illegal-instruction when the current privilege may not access (or write) the register.
A CSR number this machine does not implement (satp, medeleg, mideleg, the S-mode registers
...) raises illegal-instruction on every access, consistently.

Physical memory protection: 16 entries with the finest granularity (G=0), whose registers
behave as the privileged specification says (pmpcfg0-3 and pmpaddr0-15 hold WARL values, a
locked entry ignores writes, and so does the address register below a locked TOR entry; the
other pmp CSRs read as zero). vmlab does not check accesses against them: every access is
allowed, as if one entry granted read, write and execute on all of memory. Boot code that
opens memory up for lower privileges (riscv-tests' start-up, xv6, OpenSBI) runs unchanged;
code that relies on PMP to deny an access does not get its access fault.
"""
from __future__ import annotations

from .isa.causes import Cause
from .isa.csrs import CSR_NAMES, csr_privilege, csr_read_only
from .trap import (MIP_MEIP, MIP_MSIP, MIP_MTIP, MSTATUS_MIE, MSTATUS_MPIE, MSTATUS_MPP,
                   MSTATUS_MPP_SHIFT, MSTATUS_MPRV, MSTATUS_TW, PRIV_M, PRIV_S, PRIV_U, Trap)

M32 = 0xFFFFFFFF
M64 = (1 << 64) - 1

# misa: MXL=1 (32-bit), extensions I, M and U (user mode)
MISA = (1 << 30) | (1 << 8) | (1 << 12) | (1 << 20)
MSTATUS_WRITABLE = MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TW
MIE_WRITABLE = MIP_MSIP | MIP_MTIP | MIP_MEIP
PMP_ENTRIES = 16
PMP_R, PMP_W, PMP_X, PMP_A, PMP_L = 0x01, 0x02, 0x04, 0x18, 0x80
PMP_TOR = 0x08               # A field: top of range
COUNTINHIBIT_CY, COUNTINHIBIT_IR = 1 << 0, 1 << 2


class Counter:
    """A 64-bit counter that advances with retired instructions unless inhibited.

    "Any CSR write takes effect after the writing instruction has otherwise completed": a value
    written by instruction n is what the counter reads after instruction n retires.
    """

    def __init__(self) -> None:
        self.base = 0        # value at retired-instruction count `at`
        self.at = 0
        self.inhibited = False

    def value(self, now: int) -> int:
        return self.base if self.inhibited else (self.base + now - self.at) & M64

    def write(self, value: int, now: int) -> None:
        self.base, self.at = value & M64, now + 1

    def inhibit(self, on: bool, now: int) -> None:
        # As Sail does: the inhibit bit the writing instruction leaves decides whether that
        # instruction itself is counted (setting it: not counted; clearing it: counted).
        if on != self.inhibited:
            self.base = self.value(now)
            self.at = now
            self.inhibited = on


class CsrFile:
    """CSR state of one hart. ``state`` supplies the privilege level and the retired count."""

    def __init__(self, state) -> None:
        self.state = state
        self.mip_source = lambda: 0        # devices (the CLINT) report pending interrupt bits here
        self.time_source = lambda: self.state.instret   # mtime; replaced by the CLINT in system mode
        self.reset()

    def reset(self) -> None:
        self.mstatus = 0
        self.mie = 0
        self.mtvec = 0
        self.mscratch = 0
        self.mepc = 0
        self.mcause = 0
        self.mtval = 0
        self.mcounteren = 0
        self.mcountinhibit = 0
        self.cycle = Counter()
        self.instret = Counter()
        self.pmpcfg = [0] * PMP_ENTRIES       # one 8-bit configuration per entry
        self.pmpaddr = [0] * PMP_ENTRIES      # address bits 33:2 of each entry

    # --- values that are computed ---------------------------------------------------------
    @property
    def mip(self) -> int:
        return self.mip_source() & MIE_WRITABLE

    # --- access -----------------------------------------------------------------------------
    def access(self, num: int, write: bool, word: int = 0) -> int:
        """Check that the current privilege may access CSR `num`; return its value."""
        if num not in _READERS:
            raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
        priv = self.state.priv
        if priv < csr_privilege(num) or (write and csr_read_only(num)):
            raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
        if priv < PRIV_M and 0xC00 <= num <= 0xC9F and not (self.mcounteren >> (num & 31)) & 1:
            raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
        return _READERS[num](self)

    def read(self, num: int) -> int:
        """Value of CSR `num` with no privilege check (for debuggers); KeyError if unimplemented."""
        return _READERS[num](self)

    def write(self, num: int, value: int) -> None:
        """Write CSR `num` (legalised). The privilege check is :meth:`access`'s job."""
        w = _WRITERS.get(num)
        if w is not None:
            w(self, value & M32)

    def implemented(self) -> list[int]:
        return sorted(_READERS)

    def snapshot(self) -> dict:
        d = {k: getattr(self, k) for k in _PLAIN}
        d["cycle"] = (self.cycle.base, self.cycle.at, self.cycle.inhibited)
        d["instret"] = (self.instret.base, self.instret.at, self.instret.inhibited)
        d["pmp"] = (tuple(self.pmpcfg), tuple(self.pmpaddr))
        return d

    def restore(self, d: dict) -> None:
        for k in _PLAIN:
            setattr(self, k, d[k])
        self.cycle.base, self.cycle.at, self.cycle.inhibited = d["cycle"]
        self.instret.base, self.instret.at, self.instret.inhibited = d["instret"]
        self.pmpcfg, self.pmpaddr = list(d["pmp"][0]), list(d["pmp"][1])

    def values(self) -> dict[str, int]:
        """Name -> value of every implemented CSR (for register panels and lockstep checks)."""
        return {CSR_NAMES.get(n, hex(n)): _READERS[n](self) for n in sorted(_READERS)}


_PLAIN = ("mstatus", "mie", "mtvec", "mscratch", "mepc", "mcause", "mtval", "mcounteren",
          "mcountinhibit")


def _legal_mpp(v: int) -> int:
    # MPP is WARL and holds only supported modes: S (01) is not, and becomes U.
    mpp = (v & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT
    if mpp in (PRIV_S, 2):
        mpp = PRIV_U
    return (v & ~MSTATUS_MPP) | (mpp << MSTATUS_MPP_SHIFT)


def _w_mstatus(c: CsrFile, v: int) -> None:
    c.mstatus = _legal_mpp(v & MSTATUS_WRITABLE)


def _w_mtvec(c: CsrFile, v: int) -> None:
    c.mtvec = v & ~2            # MODE 0 (direct) or 1 (vectored); modes >= 2 are reserved


def _w_countinhibit(c: CsrFile, v: int) -> None:
    now = c.state.instret
    c.mcountinhibit = v & (COUNTINHIBIT_CY | COUNTINHIBIT_IR)
    c.cycle.inhibit(bool(v & COUNTINHIBIT_CY), now)
    c.instret.inhibit(bool(v & COUNTINHIBIT_IR), now)


def _pmpcfg(n: int):
    """pmpcfg{n} (RV32: four entries' configurations, entry 4n in the low byte)."""
    def read(c: CsrFile) -> int:
        return sum(c.pmpcfg[4 * n + j] << (8 * j) for j in range(4))

    def write(c: CsrFile, v: int) -> None:
        for j in range(4):
            i = 4 * n + j
            if c.pmpcfg[i] & PMP_L:            # locked until reset
                continue
            cfg = (v >> (8 * j)) & (PMP_L | PMP_A | PMP_X | PMP_W | PMP_R)   # bits 5-6 read zero
            if not cfg & PMP_R:
                cfg &= ~PMP_W        # R=0 W=1 is reserved: made W=0 (as Spike does)
            c.pmpcfg[i] = cfg
    return read, write


def _pmpaddr(i: int):
    def read(c: CsrFile) -> int:
        return c.pmpaddr[i]

    def write(c: CsrFile, v: int) -> None:
        # locked, or the start of the range of a locked top-of-range entry above it
        above = c.pmpcfg[i + 1] if i + 1 < PMP_ENTRIES else 0
        if c.pmpcfg[i] & PMP_L or (above & PMP_L and above & PMP_A == PMP_TOR):
            return
        c.pmpaddr[i] = v            # G=0: every bit is writable (RV32: address bits 33:2)
    return read, write


def _counter(name: str, high: bool):
    def read(c: CsrFile) -> int:
        v = getattr(c, name).value(c.state.instret)
        return (v >> 32) if high else (v & M32)

    def write(c: CsrFile, v: int) -> None:
        ctr = getattr(c, name)
        now = c.state.instret
        # Zicsr: "if a CSR access instruction reads a CSR, it reads the value prior to the
        # execution of the instruction. ... a value written to instret by one instruction will
        # be the value read by the following instruction". A write to either half is a write
        # to the counter, so the other half keeps the value this instruction reads (before
        # its own, suppressed, increment); taking the post-increment value would carry into
        # the other half (riscv-tests rv32mi-p-instret_overflow, test 3).
        cur = ctr.value(now)
        new = (cur & M32) | (v << 32) if high else (cur & ~M32) | v
        ctr.write(new, now)
    return read, write


_READERS: dict = {}
_WRITERS: dict = {}


def _zero(num: int) -> None:
    """A register that reads as zero and ignores writes (WARL with no legal value but 0)."""
    _READERS[num] = lambda c: 0
    _WRITERS[num] = lambda c, v: None


def _plain(num: int, attr: str, writer=None) -> None:
    _READERS[num] = lambda c: getattr(c, attr)
    _WRITERS[num] = writer or (lambda c, v: setattr(c, attr, v))


for _num in (0xF11, 0xF12, 0xF13, 0xF14, 0xF15):       # mvendorid marchid mimpid mhartid mconfigptr
    _READERS[_num] = lambda c: 0
_READERS[0x301] = lambda c: MISA                          # misa: writes ignored (WARL)
_WRITERS[0x301] = lambda c, v: None
_zero(0x310)                                               # mstatush: MBE=SBE=0, little-endian
_plain(0x300, "mstatus", _w_mstatus)
_plain(0x304, "mie", lambda c, v: setattr(c, "mie", v & MIE_WRITABLE))
_plain(0x305, "mtvec", _w_mtvec)
_plain(0x306, "mcounteren")
_plain(0x320, "mcountinhibit", _w_countinhibit)
_plain(0x340, "mscratch")
_plain(0x341, "mepc", lambda c, v: setattr(c, "mepc", v & ~3))   # IALIGN=32: mepc[1:0] are zero
_plain(0x342, "mcause")
_plain(0x343, "mtval")
_READERS[0x344] = lambda c: c.mip                          # mip: bits come from the devices
_WRITERS[0x344] = lambda c, v: None
for _num, _name in ((0xB00, "cycle"), (0xB02, "instret")):
    _READERS[_num], _WRITERS[_num] = _counter(_name, False)
    _READERS[_num + 0x80], _WRITERS[_num + 0x80] = _counter(_name, True)
    _READERS[_num + 0x100] = _READERS[_num]                # cycle / instret (read-only shadows)
    _READERS[_num + 0x180] = _READERS[_num + 0x80]         # cycleh / instreth
_READERS[0xC01] = lambda c: c.time_source() & M32          # time / timeh: the CLINT's mtime
_READERS[0xC81] = lambda c: (c.time_source() >> 32) & M32
for _i in range(3, 32):                                    # hardware performance monitor: zero
    for _num in (0xB00 + _i, 0xB80 + _i, 0x320 + _i):
        _zero(_num)
    _READERS[0xC00 + _i] = _READERS[0xC80 + _i] = lambda c: 0
for _i in range(16):                                       # physical memory protection (see above)
    _zero(0x3A0 + _i)                                      # pmpcfg4-15, pmpaddr16-63: no entries
for _i in range(64):
    _zero(0x3B0 + _i)
for _i in range(PMP_ENTRIES // 4):
    _READERS[0x3A0 + _i], _WRITERS[0x3A0 + _i] = _pmpcfg(_i)
for _i in range(PMP_ENTRIES):
    _READERS[0x3B0 + _i], _WRITERS[0x3B0 + _i] = _pmpaddr(_i)
for _num in (0x7A0, 0x7A1, 0x7A2, 0x7A3):                  # debug triggers: none (tselect reads 0)
    _zero(_num)

__all__ = ["CsrFile", "Counter", "MISA"]
