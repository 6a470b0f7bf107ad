"""The bus: RAM (one bytearray) plus memory-mapped devices on half-open address ranges.

RAM is the fast path: the accessor functions made by :meth:`Bus.accessors` read and write the
bytearray directly for aligned accesses inside RAM. Everything else takes the slow path
(:meth:`Bus.load` / :meth:`Bus.store`): misaligned accesses (they complete, byte by byte, as
the ISA tests' ``ma_data`` expects), devices, unmapped addresses (access faults), stores into
memory that holds decoded code (the backends' caches are invalidated), and stores that a hook
or watchpoint observes.

Memory lines of 64 bytes carry flags: CODE (a backend decoded an instruction there), CORE_CODE
(the compiled core decoded one there: it checks its own stores against its cache) and HOOK
(a watchpoint or a host hook such as HTIF ``tohost`` wants to see stores). A HOOK line or a
device access needs the machine's state synchronised (pc and instret exact), so in the fast
path it raises :class:`NeedSync`; the backend synchronises and runs that one instruction again
with ``bus.synced`` set.
"""
from __future__ import annotations

import ctypes
import sys
from typing import Callable

from .isa.causes import Cause
from .trap import Trap

M32 = 0xFFFFFFFF
LINE_SHIFT = 6
CODE, HOOK, CORE_CODE = 1, 2, 4
ANY_CODE = CODE | CORE_CODE


_SEXT8 = tuple((b ^ 0x80) - 0x80 & M32 for b in range(256))
_SEXT16 = tuple((h ^ 0x8000) - 0x8000 & M32 for h in range(65536))
_CLEAR = {bit: bytes(b & ~bit for b in range(256)) for bit in (ANY_CODE, HOOK)}
_ZEROS = bytes(4096)          # find_flag_end compares the flags against it a chunk at a time


class NeedSync(Exception):
    """Raised on the fast path when an access needs exact machine state (device, hook)."""


NEED_SYNC = NeedSync()


class ThroughBus:
    """Stands in for a RAM view in generated code while its accesses are forced through the
    bus (read watchpoints, step_back history): the inline test ``_o & -1`` still lets offset 0
    through, so that one access comes here and goes to the namespace's load or store function
    (looked up at each call: history replaces the stores) like every other."""
    __slots__ = ("ns", "fn", "base", "width")

    def __init__(self, ns: dict, fn: str, base: int, width: int):
        self.ns, self.fn, self.base, self.width = ns, fn, base, width

    def __getitem__(self, i: int) -> int:
        return self.ns[self.fn](self.base + i * self.width)

    def __setitem__(self, i: int, value: int) -> None:
        self.ns[self.fn](self.base + i * self.width, value)


class Bus:
    def __init__(self, ram_base: int = 0x8000_0000, ram_size: int = 16 << 20):
        if ram_size % 4096 or ram_size <= 0:
            raise ValueError("ram_size must be a positive multiple of 4096")
        if ram_base % 4096 or ram_base + ram_size > 1 << 32:
            raise ValueError("RAM must be page-aligned and inside the 32-bit address space")
        self.base = ram_base
        self.size = ram_size
        self.ram = bytearray(ram_size)
        self._zero = None                  # a ctypes view of ram, for clear()
        self.flags = bytearray(ram_size >> LINE_SHIFT)
        # Offset just past the last line flagged CODE or HOOK: a store at or above it needs no
        # flag test (the translator's inline stores; code sits below the data it works on).
        # Never smaller than that; the compiled core's CORE_CODE lines are its own business
        # (a backend is detached when another takes over).
        self.flag_end = 0
        self.flag_end_listeners: list[Callable[[int], None]] = []
        self.devices: list[tuple[int, int, object]] = []
        self.code_listeners: list[Callable[[int, int], None]] = []   # (addr, size) written into code
        self.store_hooks: list[tuple[int, int, Callable]] = []        # (lo, hi, fn(addr, size, value))
        self.read_hooks: list[tuple[int, int, Callable]] = []
        self.synced = False
        self.pending_stop = None            # a StopReason a hook asks for, after the access completes
        self._native_le = sys.byteorder == "little"

    # -- mapping ------------------------------------------------------------------------------

    def clear(self) -> None:
        """All of RAM to zero, in place: one memset, no 16 MiB temporary to allocate, fill
        and copy (Machine.load and reset: 20 ms -> 2 ms for 16 MiB)."""
        z = self._zero
        if z is None:
            z = self._zero = (ctypes.c_char * self.size).from_buffer(self.ram)
        ctypes.memset(z, 0, self.size)

    def in_ram(self, addr: int, size: int = 1) -> bool:
        return self.base <= addr and addr + size <= self.base + self.size

    def map_device(self, base: int, device) -> None:
        lo, hi = base, base + device.size
        for a, b, d in self.devices:
            if lo < b and a < hi:
                raise ValueError(f"device at {base:#x} overlaps {d!r}")
        if lo < self.base + self.size and self.base < hi:
            raise ValueError(f"device at {base:#x} overlaps RAM")
        self.devices.append((lo, hi, device))
        self.devices.sort(key=lambda t: t[0])

    def device_at(self, addr: int):
        for lo, hi, dev in self.devices:
            if lo <= addr < hi:
                return lo, dev
        return None

    # -- line flags --------------------------------------------------------------------------
    def mark_code(self, addr: int) -> None:
        o = addr - self.base
        if 0 <= o < self.size:
            self.flags[o >> LINE_SHIFT] |= CODE
            if o >= self.flag_end:
                self._set_flag_end(((o >> LINE_SHIFT) + 1) << LINE_SHIFT)

    def clear_code_flags(self) -> None:
        # In place: the fast-path accessors hold a reference to this bytearray.
        self.flags[:] = self.flags.translate(_CLEAR[ANY_CODE])
        self.find_flag_end()

    def find_flag_end(self) -> None:
        """Set flag_end from the flags themselves (after flags were cleared).

        From the end, a chunk at a time: ``rstrip`` alone tests each byte with a call to
        memchr (1 ms for the 256 KiB of flags of 16 MiB of RAM, twice per load)."""
        f, n = self.flags, len(self.flags)
        while n:
            k = n - len(_ZEROS) if n > len(_ZEROS) else 0
            chunk = f[k:n]
            if chunk != _ZEROS[:n - k]:
                n = k + len(chunk.rstrip(b"\0"))
                break
            n = k
        self._set_flag_end(n << LINE_SHIFT)

    def _set_flag_end(self, end: int) -> None:
        self.flag_end = end
        for fn in self.flag_end_listeners:
            fn(end)

    def _refresh_hook_flags(self) -> None:
        f = self.flags
        f[:] = f.translate(_CLEAR[HOOK])
        for lo, hi, _ in self.store_hooks + self.read_hooks:
            a, b = max(lo, self.base), min(hi, self.base + self.size)
            for line in range((a - self.base) >> LINE_SHIFT, ((b - 1 - self.base) >> LINE_SHIFT) + 1):
                if 0 <= line < len(f):
                    f[line] |= HOOK
        self.find_flag_end()

    def add_store_hook(self, lo: int, hi: int, fn) -> None:
        self.store_hooks.append((lo, hi, fn))
        self._refresh_hook_flags()

    def add_read_hook(self, lo: int, hi: int, fn) -> None:
        self.read_hooks.append((lo, hi, fn))
        self._refresh_hook_flags()

    def remove_hook(self, fn) -> None:
        self.store_hooks = [h for h in self.store_hooks if h[2] is not fn]
        self.read_hooks = [h for h in self.read_hooks if h[2] is not fn]
        self._refresh_hook_flags()

    # -- guest accesses (slow path; raise Trap on faults) ------------------------------------
    def load(self, addr: int, size: int) -> int:
        """Guest load of `size` bytes at `addr`: unsigned value, or Trap(load access fault)."""
        addr &= M32
        o = addr - self.base
        if 0 <= o and o + size <= self.size:
            if self.read_hooks and not self.synced and self.flags[o >> LINE_SHIFT] & HOOK:
                raise NEED_SYNC
            v = int.from_bytes(self.ram[o:o + size], "little")
            if self.read_hooks:
                self._run_hooks(self.read_hooks, addr, size, v)
            return v
        dev = self.device_at(addr)
        if dev is not None and not addr & (size - 1):
            if not self.synced:
                raise NEED_SYNC
            lo, d = dev
            if addr + size <= lo + d.size:
                return d.read(addr - lo, size) & ((1 << (8 * size)) - 1)
        raise Trap(Cause.LOAD_ACCESS_FAULT, addr)

    def store(self, addr: int, size: int, value: int) -> None:
        """Guest store; Trap(store access fault) outside RAM and devices."""
        addr &= M32
        value &= (1 << (8 * size)) - 1
        o = addr - self.base
        if 0 <= o and o + size <= self.size:
            f = self.flags[o >> LINE_SHIFT] | self.flags[(o + size - 1) >> LINE_SHIFT]
            if f & HOOK and not self.synced:
                raise NEED_SYNC
            self.ram[o:o + size] = value.to_bytes(size, "little")
            if f & ANY_CODE:
                for fn in self.code_listeners:
                    fn(addr, size)
            if f & HOOK:
                self._run_hooks(self.store_hooks, addr, size, value)
            return
        dev = self.device_at(addr)
        if dev is not None and not addr & (size - 1):
            if not self.synced:
                raise NEED_SYNC
            lo, d = dev
            if addr + size <= lo + d.size:
                d.write(addr - lo, size, value)
                return
        raise Trap(Cause.STORE_ACCESS_FAULT, addr)

    def _run_hooks(self, hooks, addr: int, size: int, value: int) -> None:
        for lo, hi, fn in hooks:
            if addr < hi and lo < addr + size:
                stop = fn(addr, size, value)
                if stop is not None and self.pending_stop is None:
                    self.pending_stop = stop

    def fetch(self, addr: int) -> int:
        """Instruction fetch: the word at `addr`, or Trap(instruction access fault)."""
        o = addr - self.base
        if 0 <= o <= self.size - 4:
            return int.from_bytes(self.ram[o:o + 4], "little")
        raise Trap(Cause.INSTRUCTION_ACCESS_FAULT, addr)

    # -- host accesses (debugger, loader: no traps, no hooks) --------------------------------
    def read_bytes(self, addr: int, n: int) -> bytes:
        o = addr - self.base
        if not (0 <= o and o + n <= self.size):
            raise IndexError(f"[{addr:#x}, {addr + n:#x}) is outside RAM "
                             f"[{self.base:#x}, {self.base + self.size:#x})")
        return bytes(self.ram[o:o + n])

    def write_bytes(self, addr: int, data: bytes) -> None:
        o = addr - self.base
        n = len(data)
        if not (0 <= o and o + n <= self.size):
            raise IndexError(f"[{addr:#x}, {addr + n:#x}) is outside RAM "
                             f"[{self.base:#x}, {self.base + self.size:#x})")
        self.ram[o:o + n] = data
        if any(self.flags[(o >> LINE_SHIFT):((o + n - 1) >> LINE_SHIFT) + 1]):
            for fn in self.code_listeners:
                fn(addr, n)

    # -- the fast path -----------------------------------------------------------------------
    def inline_globals(self, loads_slow: bool = False, stores_slow: bool = False) -> dict:
        """Globals for generated code that accesses RAM inline (see vmlab.isa.codegen).

        The fast region is the largest power-of-two prefix of RAM, so that one AND tells an
        in-range, aligned offset from everything else; a mask of -1 sends every access
        through the bus.
        """
        k = 1 << (self.size.bit_length() - 1)
        mv = memoryview(self.ram)
        native = self._native_le
        rw, rh = (mv.cast("I"), mv.cast("H")) if native else (None, None)
        g = {"RAM_BASE": self.base, "RAM": self.ram, "FL": self.flags, "RW": rw, "RH": rh,
             "SB": self.ram, "SW": rw, "SH": rh, "SEXT8": _SEXT8, "SEXT16": _SEXT16}
        for n in (1, 2, 4):
            m = -k | (n - 1)
            if not native and n > 1:
                m = -1
            g[f"_LM{n}"] = -1 if loads_slow else m
            g[f"_SM{n}"] = -1 if stores_slow else m
        return g

    def accessors(self) -> dict[str, Callable]:
        """Load/store functions for generated code: RAM fast path, everything else via load/store."""
        base, size, ram, flags = self.base, self.size, self.ram, self.flags
        mv = memoryview(ram)
        slow_load, slow_store = self.load, self.store
        lim4, lim2 = size - 4, size - 2
        if not self._native_le:                       # memoryview casts use host byte order
            rw = rh = None
        else:
            rw, rh = mv.cast("I"), mv.cast("H")
        hooked_reads = bool(self.read_hooks)

        def _ld4(a):
            o = a - base
            if 0 <= o <= lim4 and not o & 3 and rw is not None and not hooked_reads:
                return rw[o >> 2]
            return slow_load(a, 4)

        def _ld2u(a):
            o = a - base
            if 0 <= o <= lim2 and not o & 1 and rh is not None and not hooked_reads:
                return rh[o >> 1]
            return slow_load(a, 2)

        def _ld2s(a):
            o = a - base
            if 0 <= o <= lim2 and not o & 1 and rh is not None and not hooked_reads:
                return (rh[o >> 1] ^ 0x8000) - 0x8000
            return (slow_load(a, 2) ^ 0x8000) - 0x8000

        def _ld1u(a):
            o = a - base
            if 0 <= o < size and not hooked_reads:
                return ram[o]
            return slow_load(a, 1)

        def _ld1s(a):
            o = a - base
            if 0 <= o < size and not hooked_reads:
                return (ram[o] ^ 0x80) - 0x80
            return (slow_load(a, 1) ^ 0x80) - 0x80

        def _st4(a, v):
            o = a - base
            if 0 <= o <= lim4 and not o & 3 and rw is not None and not flags[o >> 6]:
                rw[o >> 2] = v & 0xFFFFFFFF
            else:
                slow_store(a, 4, v)

        def _st2(a, v):
            o = a - base
            if 0 <= o <= lim2 and not o & 1 and rh is not None and not flags[o >> 6]:
                rh[o >> 1] = v & 0xFFFF
            else:
                slow_store(a, 2, v)

        def _st1(a, v):
            o = a - base
            if 0 <= o < size and not flags[o >> 6]:
                ram[o] = v & 0xFF
            else:
                slow_store(a, 1, v)

        return {"_ld4": _ld4, "_ld2u": _ld2u, "_ld2s": _ld2s, "_ld1u": _ld1u, "_ld1s": _ld1s,
                "_st4": _st4, "_st2": _st2, "_st1": _st1}
