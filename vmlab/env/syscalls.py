"""System calls of process mode (ecall served by the host).

Two conventions:

* ``"rars"`` (default): number in a7, arguments in a0..a2, result in a0. Both the RARS numbers
  (PrintInt 1, PrintString 4, ReadInt 5, ReadString 8, Sbrk 9, Exit 10, PrintChar 11,
  ReadChar 12, Time 30, Sleep 32, PrintIntHex 34, PrintIntBinary 35, PrintIntUnsigned 36,
  RandSeed 40, RandInt 41, RandIntRange 42, Exit2 93) and the Linux numbers a C runtime uses
  (close 57, read 63, write 64, exit 93, exit_group 94, brk 214) are served; 93 means exit
  in both.

  The random numbers are RARS's: each generator id is a ``java.util.Random``, so a program
  that seeds with RandSeed gets the numbers it gets in RARS. An id that was never seeded
  starts from seed 0 (RARS takes the clock): runs repeat, and every backend sees the same
  numbers. Sleep does not block: it moves the clock that Time reads forward.
* ``"venus"``: number in a0, arguments from a1 (print_int 1, print_string 4, sbrk 9, exit 10,
  print_char 11, exit2 17).

A call that cannot be served stops the machine with a clear message instead of guessing.
"""
from __future__ import annotations

import time

from ..stops import StopKind, StopReason

M32 = 0xFFFFFFFF
A0, A1, A2, A7 = 10, 11, 12, 17
EBADF, ENOSYS = 9, 38


def _s32(v: int) -> int:
    return (v ^ 0x80000000) - 0x80000000


class JavaRandom:
    """java.util.Random, the generator behind RARS's RandInt and RandIntRange."""
    MULT, ADD, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed: int = 0, *, state: int | None = None):
        """new Random(seed); or, with `state`, a generator whose 48 bits are `state` (a saved
        `.state`)."""
        self.state = (seed ^ self.MULT) & self.MASK if state is None else state

    def _next(self, bits: int) -> int:
        self.state = (self.state * self.MULT + self.ADD) & self.MASK
        return self.state >> (48 - bits)

    def next_int(self, bound: int | None = None) -> int:
        """nextInt() (a signed 32-bit value), or nextInt(bound) in [0, bound)."""
        if bound is None:
            return _s32(self._next(32))
        if bound & -bound == bound:            # a power of two: the high bits
            return (bound * self._next(31)) >> 31
        while True:                            # reject the top partial range (Java's loop)
            bits = self._next(31)
            val = bits % bound
            if bits - val + bound - 1 < 1 << 31:
                return val


class _Stop(Exception):
    def __init__(self, reason: StopReason):
        self.reason = reason


class SyscallEnv:
    """Serves ecall in process mode. ``handle`` returns None to continue, or a StopReason.

    The tables ``RARS`` and ``VENUS`` map call numbers to methods ``f(self, a0, a1, a2)`` that
    return the new a0 (or None to leave it). A subclass adds a system call by extending a table:
    ``RARS = {**SyscallEnv.RARS, 100: _my_call}``; assign an instance to ``machine.syscalls``.
    """

    RARS_NAMES = {1: "PrintInt", 4: "PrintString", 5: "ReadInt", 8: "ReadString", 9: "Sbrk",
                  10: "Exit", 11: "PrintChar", 12: "ReadChar", 30: "Time", 32: "Sleep",
                  34: "PrintIntHex", 35: "PrintIntBinary", 36: "PrintIntUnsigned", 40: "RandSeed",
                  41: "RandInt", 42: "RandIntRange", 57: "close", 63: "read",
                  64: "write", 93: "exit", 94: "exit_group", 214: "brk"}

    def __init__(self, machine, convention: str = "rars"):
        if convention not in ("rars", "venus"):
            raise ValueError("syscall convention must be 'rars' or 'venus'")
        self.m = machine
        self.convention = convention
        self.brk = 0
        self.brk_limit = 0
        self.random: dict[int, JavaRandom] = {}    # RandSeed/RandInt generators by id
        self.slept = 0                             # ms of Sleep, added to what Time reads
        self.trace: list[tuple[int, str, tuple, int | None]] | None = None   # (pc, name, args, result)

    def reset(self, heap_start: int, heap_limit: int) -> None:
        self.brk = (heap_start + 15) & ~15
        self.brk_limit = heap_limit
        self.random.clear()
        self.slept = 0

    def save(self) -> tuple:
        """What a run can change here (for snapshots and step_back)."""
        return self.brk, {k: r.state for k, r in self.random.items()}, self.slept

    def load(self, saved: tuple) -> None:
        self.brk, states, self.slept = saved
        self.random = {k: JavaRandom(state=v) for k, v in states.items()}

    # -- dispatch -----------------------------------------------------------------------------
    def handle(self) -> StopReason | None:
        x = self.m.state.x
        if self.convention == "venus":
            num, args = x[A0], (x[A1], x[A2], x[13])
            table = self.VENUS
        else:
            num, args = x[A7], (x[A0], x[A1], x[A2])
            table = self.RARS
        fn = table.get(num)
        if fn is None:
            reg = "a0" if self.convention == "venus" else "a7"
            known = ", ".join(f"{n} {self.RARS_NAMES.get(n, '')}".strip() for n in sorted(table))
            return self._stop(StopKind.ERROR, f"unknown system call {num} ({reg}={num}); "
                                              f"this environment serves: {known}")
        try:
            result = fn(self, *args)
        except _Stop as s:
            if self.trace is not None:          # exit and refused calls are traced too, as strace does
                self.trace.append((self.m.state.pc, fn.__name__.lstrip("_"), args, None))
            return s.reason
        if self.trace is not None:
            self.trace.append((self.m.state.pc, fn.__name__.lstrip("_"), args, result))
        if result is not None:
            x[A0] = result & M32
        return None

    def _stop(self, kind: StopKind, message: str = "", code: int | None = None) -> StopReason:
        return StopReason(kind, self.m.state.pc, code=code, message=message,
                          source=self.m._source_text(self.m.state.pc))

    # -- helpers -------------------------------------------------------------------------------
    def _out(self, data: bytes) -> None:
        self.m.console.write(data)

    def _need_input(self, line: bool = False) -> None:
        if not self.m.console.has_input(line) and self.m.console.stdin is None:
            raise _Stop(self._stop(StopKind.INPUT, "the program reads input: feed the console "
                                                   "(m.console.feed(...)) and run again"))

    def _mem(self, addr: int, n: int) -> bytes:
        try:
            return self.m.bus.read_bytes(addr, n)
        except IndexError as e:
            raise _Stop(self._stop(StopKind.ERROR, f"system call buffer: {e}"))

    def _put(self, addr: int, data: bytes) -> None:
        try:
            self.m.bus.write_bytes(addr, data)
        except IndexError as e:
            raise _Stop(self._stop(StopKind.ERROR, f"system call buffer: {e}"))

    def _cstring(self, addr: int) -> bytes:
        try:
            return self.m.read_cstring(addr, raw=True)
        except IndexError as e:
            raise _Stop(self._stop(StopKind.ERROR, f"string argument: {e}"))

    def _exit(self, code: int):
        raise _Stop(StopReason(StopKind.EXITED, self.m.state.pc, code=_s32(code)))

    # -- RARS -------------------------------------------------------------------------------
    def _print_int(self, a0, *_):
        self._out(str(_s32(a0)).encode())

    def _print_string(self, a0, *_):
        self._out(self._cstring(a0))

    def _read_int(self, *_):
        self._need_input(line=True)
        line = self.m.console.read_line()
        try:
            return int((line or b"0").strip() or b"0", 0)
        except ValueError:
            raise _Stop(self._stop(StopKind.ERROR, f"ReadInt: {line!r} is not an integer"))

    def _read_string(self, a0, a1, *_):
        # RARS: reads up to a1-1 characters, keeps the newline, NUL-terminates.
        self._need_input(line=True)
        n = _s32(a1)
        if n < 1:
            return None
        line = self.m.console.read_line(n - 1) or b""
        self._put(a0, line + b"\0")

    def _sbrk(self, a0, *_):
        old = self.brk
        new = old + _s32(a0)
        if not (0 < new <= self.brk_limit):
            raise _Stop(self._stop(StopKind.ERROR, f"Sbrk({_s32(a0)}): out of heap memory "
                                                   f"(break {old:#x}, limit {self.brk_limit:#x})"))
        self.brk = new
        return old

    def _exit0(self, *_):
        self._exit(0)

    def _exit_code(self, a0, *_):
        self._exit(a0)

    def _print_char(self, a0, *_):
        self._out(bytes([a0 & 0xFF]))

    def _read_char(self, *_):
        self._need_input()
        b = self.m.console.read_bytes(1)
        return b[0] if b else M32         # -1 at end of input

    def _print_hex(self, a0, *_):
        self._out(f"0x{a0:08x}".encode())

    def _print_bin(self, a0, *_):
        self._out(f"{a0:032b}".encode())

    def _print_unsigned(self, a0, *_):
        self._out(str(a0).encode())

    def _time(self, *_):
        ms = time.time_ns() // 1_000_000 + self.slept
        self.m.state.x[A1] = (ms >> 32) & M32
        return ms

    def _sleep(self, a0, *_):
        self.slept += max(0, _s32(a0))

    def _generator(self, gid: int) -> JavaRandom:
        r = self.random.get(gid)
        if r is None:
            r = self.random[gid] = JavaRandom()
        return r

    def _rand_seed(self, a0, a1, *_):
        self.random[a0] = JavaRandom(_s32(a1))

    def _rand_int(self, a0, *_):
        return self._generator(a0).next_int()

    def _rand_int_range(self, a0, a1, *_):
        if _s32(a1) <= 0:
            raise _Stop(self._stop(StopKind.ERROR, f"RandIntRange: the upper bound a1={_s32(a1)} "
                                                   "must be positive"))
        return self._generator(a0).next_int(_s32(a1))

    # -- Linux ------------------------------------------------------------------------------
    def _close(self, fd, *_):
        return 0

    def _read(self, fd, buf, count):
        if fd != 0:
            return -EBADF
        if count == 0:
            return 0
        self._need_input(line=True)
        data = self.m.console.read_line(count) or b""
        self._put(buf, data)
        return len(data)

    def _write(self, fd, buf, count):
        if fd not in (1, 2):
            return -EBADF
        self._out(self._mem(buf, count))
        return count

    def _brk(self, addr, *_):
        # Linux: brk(0) (or any refused request) returns the current break.
        if self.m._heap_start <= addr <= self.brk_limit:
            self.brk = addr
        return self.brk

    RARS = {1: _print_int, 4: _print_string, 5: _read_int, 8: _read_string, 9: _sbrk,
             10: _exit0, 11: _print_char, 12: _read_char, 30: _time, 32: _sleep, 34: _print_hex,
             35: _print_bin, 36: _print_unsigned, 40: _rand_seed, 41: _rand_int,
             42: _rand_int_range, 57: _close, 63: _read, 64: _write, 93: _exit_code,
             94: _exit_code, 214: _brk}

    # -- Venus ------------------------------------------------------------------------------
    VENUS = {1: _print_int, 4: _print_string, 9: _sbrk, 10: _exit0, 11: _print_char,
              17: _exit_code}
