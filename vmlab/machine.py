"""Machine: the architectural state, memory and devices, and the verbs to load, run and inspect.

A Machine holds everything a program can observe (registers, pc, privilege, CSRs, RAM,
devices, console); a backend executes it. ``m.backend = "name"`` switches engines mid-run on
the same state.

Two modes, as in the design card:

* ``process``: a process VM (like qemu-user, RARS, Venus). The program runs in U-mode; ecall
  is a system call served by the host (:mod:`vmlab.env.syscalls`); other traps stop the run.
  sp starts at the top of RAM; returning from the entry function exits with a0 as the code.
* ``system``: a bare machine (like qemu-system). The program starts in M-mode at its entry,
  traps go to the guest's mtvec, a CLINT timer and a UART are memory-mapped.

``mode=None`` chooses system mode for programs with a ``tohost`` symbol (the RISC-V ISA
tests' convention, which they use to report pass/fail) and process mode otherwise.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

try:   # the C function: signal.signal converts handlers to and from enums, 14 us a run
    from _signal import signal as _set_signal
except ImportError:                              # pragma: no cover (not CPython)
    _set_signal = signal.signal

from . import backends as _backends
from .bus import Bus, ThroughBus
from .console import Console
from .devices import CLINT_BASE, UART_BASE, Clint, Uart
from .env.syscalls import SyscallEnv
from .errors import LoadError, VmlabError
from .isa.causes import ECALL_CAUSE, Cause, describe
from .isa.csrs import CSR_NUMBERS, csr_name
from .isa.disasm import SymbolLookup, disassemble
from .isa.regs import ABI_NAMES, reg_number
from .program import Program, SourceLine
from .state import HartState
from .stops import StopKind, StopReason
from .trap import MIP_MTIP, MSTATUS_TW, PRIV_M, PRIV_NAMES, PRIV_U, Trap, pending_interrupt, take_trap, trap_return

M32 = 0xFFFFFFFF
EXIT_ADDR = 0xFFFF_F000        # process mode: ra of the entry function; fetching here = exit(a0)
SLICE = 20_000                 # instructions between checks for pause, timeouts and interrupts
STACK_RESERVE = 1 << 20        # process mode: the heap may not grow into the top 1 MiB (or quarter of RAM)


@dataclass
class Stats:
    """Instructions retired and host time spent running, over the machine's life and last run."""
    instructions: int = 0
    seconds: float = 0.0
    last_instructions: int = 0
    last_seconds: float = 0.0

    @property
    def mips(self) -> float:
        return self.instructions / self.seconds / 1e6 if self.seconds else 0.0

    @property
    def last_mips(self) -> float:
        return self.last_instructions / self.last_seconds / 1e6 if self.last_seconds else 0.0

    def __str__(self) -> str:
        return (f"{self.instructions:,} instructions in {self.seconds:.3f} s "
                f"({self.mips:.2f} MIPS)")


class Registers:
    """``m.regs[10]``, ``m.regs["a0"]``, ``m.regs.a0``: integer registers, unsigned 32-bit."""

    def __init__(self, machine: "Machine"):
        object.__setattr__(self, "_m", machine)

    def _index(self, key) -> int:
        if isinstance(key, int):
            if not 0 <= key < 32:
                raise IndexError(f"register number {key} out of range 0..31")
            return key
        try:
            return reg_number(key)
        except KeyError:
            raise KeyError(f"no register named {key!r}") from None

    def __getitem__(self, key) -> int:
        return self._m.state.x[self._index(key)]

    def __setitem__(self, key, value: int) -> None:
        i = self._index(key)
        if i:
            self._m.state.x[i] = value & M32

    def __getattr__(self, name: str) -> int:
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(str(e)) from None

    def __setattr__(self, name: str, value: int) -> None:
        self[name] = value

    def signed(self, key) -> int:
        v = self[key]
        return v - (1 << 32) if v & 0x80000000 else v

    def as_dict(self) -> dict[str, int]:
        return {ABI_NAMES[i]: self._m.state.x[i] for i in range(32)}

    def __iter__(self):
        return iter(list(self._m.state.x))

    def __len__(self) -> int:
        return 32

    def __repr__(self) -> str:
        x = self._m.state.x
        rows = [" ".join(f"{ABI_NAMES[i]:>4}={x[i]:08x}" for i in range(r, r + 4)) for r in range(0, 32, 4)]
        return "\n".join(rows)


class Csrs:
    """``m.csrs["mstatus"]`` or ``m.csrs[0x300]``: CSR values, read and written without privilege checks."""

    def __init__(self, machine: "Machine"):
        self._m = machine

    @staticmethod
    def number(key) -> int:
        if isinstance(key, int):
            return key
        try:
            return CSR_NUMBERS[key]
        except KeyError:
            raise KeyError(f"no CSR named {key!r}") from None

    def __getitem__(self, key) -> int:
        n = self.number(key)
        try:
            return self._m.state.csr.read(n)
        except KeyError:
            raise KeyError(f"CSR {csr_name(n)} is not implemented by this machine") from None

    def __setitem__(self, key, value: int) -> None:
        n = self.number(key)
        self[n]  # raises KeyError when unimplemented
        self._m.state.csr.write(n, value)

    def as_dict(self) -> dict[str, int]:
        return self._m.state.csr.values()

    def __repr__(self) -> str:
        return repr(self.as_dict())


@dataclass(frozen=True)
class Snapshot:
    """Everything a run can change; made by :meth:`Machine.snapshot`."""
    state: tuple
    ram: bytes
    console: tuple
    syscalls: tuple     # the system calls' state: heap break, random generators, clock
    clint: tuple
    instret_total: int


class Machine:
    """A RISC-V RV32IM hart with memory, devices and a console, run by a chosen backend.

    Args:
        backend: ``"interp"`` (the reference), ``"cython"``, ``"translate"``, ... (see
            :func:`vmlab.backends.available`).
        mode: ``"process"``, ``"system"`` or None (chosen when a program is loaded).
        ram_size, ram_base: the RAM (16 MiB at 0x80000000 by default).
        syscalls: ``"rars"`` (number in a7) or ``"venus"`` (number in a0), process mode only.
        stdin: a host stream read syscalls read from when no input was fed (the CLI's stdin).
        echo: a host byte stream the guest's output is copied to as it is written.
        history: how many steps :meth:`step_back` can undo (0 disables; recording slows runs).
    """

    def __init__(self, backend: str = "interp", mode: str | None = None, *,
                 ram_size: int = 16 << 20, ram_base: int = 0x8000_0000,
                 syscalls: str = "rars", stdin=None, echo=None, history: int = 0):
        if mode not in (None, "process", "system"):
            raise ValueError(f"mode must be 'process', 'system' or None, not {mode!r}")
        self.requested_mode = mode
        self.mode = mode or "process"
        self.state = HartState()
        self.bus = Bus(ram_base, ram_size)
        self.console = Console(echo=echo, stdin=stdin)
        self.clint = Clint(self.state)
        self.uart = Uart(self.console)
        self.syscalls = SyscallEnv(self, syscalls)
        self.program: Program | None = None
        self.regs = Registers(self)
        self.csrs = Csrs(self)
        self.stats = Stats()
        self.breakpoints: set[int] = set()
        self.predicates: list[Callable[["Machine"], bool]] = []
        self.watchpoints: dict[int, tuple] = {}
        self.history_size = history
        self._history: list = []
        self.last_stop: StopReason | None = None
        # f(machine, stop) after every run() (stop is None after reset/restore/step_back):
        # how panels learn that a notebook cell moved the machine.
        self.stop_listeners: list[Callable[["Machine", StopReason | None], None]] = []
        self._pause = threading.Event()
        self._deadline: float | None = None
        self._wfi_halt = False
        self._heap_start = ram_base
        self._symbols_lookup: SymbolLookup | None = None
        self._next_watch_id = 1
        self.bus.code_listeners.append(self._code_written)
        self.ns = self._namespace()
        self._interp = None
        self._backend = None
        self.backend = backend
        self._apply_mode()

    # ------------------------------------------------------------------ backends
    @property
    def backend(self):
        """The backend object; assign a name to switch (state carries over exactly)."""
        return self._backend

    @backend.setter
    def backend(self, name: str) -> None:
        if not isinstance(name, str):
            name = getattr(name, "name", name)
        if self._backend is not None and self._backend.name == name:
            return
        klass = _backends.backend_class(name)
        if self._backend is not None and self._backend is not self._interp:
            self._backend.detach()
        self._backend = self._reference() if name == "interp" else klass(self)

    @property
    def backend_name(self) -> str:
        return self._backend.name

    def _reference(self):
        """The interpreter instance used for careful steps (history, predicates)."""
        if self._interp is None:
            from .backends.interp import InterpBackend
            self._interp = InterpBackend(self)
        return self._interp

    def _code_written(self, addr: int, size: int) -> None:
        # Backends subscribe to bus.code_listeners themselves; nothing else to do here.
        pass

    def invalidate_caches(self) -> None:
        """Drop every backend's decoded and translated code (fence.i does this)."""
        for b in {id(x): x for x in (self._backend, self._interp) if x is not None}.values():
            b.invalidate_all()
        self.bus.clear_code_flags()

    # ------------------------------------------------------------------ generated-code namespace
    def _namespace(self) -> dict:
        s = self.state
        csr = s.csr

        def _ecall():
            raise Trap(ECALL_CAUSE[s.priv], 0)

        def _ebreak():
            raise Trap(Cause.BREAKPOINT, s.pc)

        def _mret(word):
            if s.priv != PRIV_M:
                raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
            return trap_return(s)

        def _sret(word):
            raise Trap(Cause.ILLEGAL_INSTRUCTION, word)      # no S-mode on this machine

        def _sfence_vma(a, b, word):
            raise Trap(Cause.ILLEGAL_INSTRUCTION, word)

        def _wfi(word):
            if s.priv < PRIV_M and csr.mstatus & MSTATUS_TW:
                raise Trap(Cause.ILLEGAL_INSTRUCTION, word)
            self._wait_for_interrupt()

        def _fence_i():
            self.invalidate_caches()

        def _tdiv(a, b):
            q = abs(a) // abs(b)
            return -q if (a < 0) != (b < 0) else q

        def _trem(a, b):
            return a - b * _tdiv(a, b)

        ns = {"x": s.x, "Trap": Trap, "_csr_access": csr.access, "_csr_write": csr.write,
              "_ecall": _ecall, "_ebreak": _ebreak, "_mret": _mret, "_sret": _sret,
              "_sfence_vma": _sfence_vma, "_wfi": _wfi, "_fence_i": _fence_i,
              "_tdiv": _tdiv, "_trem": _trem}
        ns.update(self.bus.accessors())
        ns.update(self.bus.inline_globals())
        return ns

    def _rebind_accessors(self, history: bool = False) -> None:
        ns, base = self.ns, self.bus.base
        loads_slow = bool(self.bus.read_hooks)
        ns.update(self.bus.accessors())
        ns.update(self.bus.inline_globals(loads_slow=loads_slow, stores_slow=history))
        if loads_slow:       # the masks are -1, which still lets offset 0 reach the views
            ns.update(RAM=ThroughBus(ns, "_ld1u", base, 1), RH=ThroughBus(ns, "_ld2u", base, 2),
                      RW=ThroughBus(ns, "_ld4", base, 4))
        if history:
            ns.update(SB=ThroughBus(ns, "_st1", base, 1), SH=ThroughBus(ns, "_st2", base, 2),
                      SW=ThroughBus(ns, "_st4", base, 4))
            ns.update(_journaling_stores(self))

    # ------------------------------------------------------------------ loading
    def load(self, program, *, entry: int | None = None) -> Program:
        """Load a program and reset the machine to run it from its entry.

        Args:
            program: a :class:`Program`; ELF bytes; a path to a ``.s`` file (assembled), a
                ``.c`` file (compiled) or an ELF; or assembly source text.
            entry: start here instead of the program's entry.
        Returns:
            The loaded Program.
        Raises:
            LoadError: unreadable file or a program that does not fit in RAM;
            AssemblerError / ElfError / CompileError with the details of bad input.
        """
        prog = to_program(program)
        if entry is not None:
            prog.entry = entry
        self.program = prog
        self._symbols_lookup = SymbolLookup(prog.symbols)
        self.reset()
        return prog

    def reset(self) -> None:
        """Back to the state right after loading the program (registers, memory, console)."""
        prog = self.program
        self.mode = self.requested_mode or ("system" if prog and "tohost" in prog.symbols else "process")
        self.state.reset(PRIV_M if self.mode == "system" else PRIV_U)
        self.bus.clear()
        self.invalidate_caches()
        self.console.clear()
        self.clint.msip, self.clint.mtimecmp, self.clint.offset = 0, (1 << 64) - 1, 0
        self._history.clear()
        self.stats = Stats()
        self.last_stop = None
        self._apply_mode()
        if prog is None:
            self._notify(None)
            return
        for seg in prog.segments:
            if not self.bus.in_ram(seg.addr, len(seg.data)):
                base = self.bus.base
                hint = f"link the program for RAM at {base:#x} or pass ram_base/ram_size"
                if base <= seg.addr and seg.end <= 1 << 32:            # it starts in RAM: more RAM fits it
                    mib = -(-(prog.end - base) // (1 << 20))
                    hint = (f"it needs at least {mib} MiB of RAM at {base:#x}: Machine(ram_size={mib} << 20), "
                            f"or vmlab run --ram-mib {mib}")
                raise LoadError(
                    f"{prog.name}: segment {seg.name} [{seg.addr:#x}, {seg.end:#x}) is outside RAM "
                    f"[{base:#x}, {base + self.bus.size:#x}); {hint}")
            self.bus.write_bytes(seg.addr, seg.data)
        self._reference().prepare(prog)                 # handlers generated now, not in the first run
        self.state.pc = prog.entry
        top = (self.bus.base + self.bus.size) & ~15
        self._heap_start = (max(prog.end, self.bus.base) + 15) & ~15
        self.syscalls.reset(self._heap_start, top - min(STACK_RESERVE, self.bus.size // 4))
        if self.mode == "process":
            x = self.state.x
            x[2] = top & M32                            # sp (0 when RAM ends at 2**32: the first push wraps to its top)
            x[1] = self._exit_addr()                    # ra: returning from the entry exits
            if "__global_pointer$" in prog.symbols:
                x[3] = prog.symbols["__global_pointer$"]
            self.state.csr.mcounteren = 0x7             # U-mode may read cycle, time, instret
        self._install_htif()
        self._notify(None)

    def _apply_mode(self) -> None:
        self.bus.devices.clear()
        csr = self.state.csr
        if self.mode == "system":
            self.bus.map_device(CLINT_BASE, self.clint)
            self.bus.map_device(UART_BASE, self.uart)
            csr.mip_source = self.clint.pending
            csr.time_source = lambda: self.clint.mtime
        else:
            csr.mip_source = lambda: 0
            csr.time_source = lambda: self.state.instret

    def _install_htif(self) -> None:
        self.bus.remove_hook(self._tohost_written)
        if self.program and "tohost" in self.program.symbols:
            a = self.program.symbols["tohost"]
            self.bus.add_store_hook(a, a + 4, self._tohost_written)
            self._rebind_accessors()

    def _tohost_written(self, addr: int, size: int, value: int):
        """HTIF: 1 = pass, (n << 1) | 1 = exit code n, an even value points at a syscall block."""
        a = self.program.symbols["tohost"]
        v = int.from_bytes(self.bus.read_bytes(a, 4), "little")
        if v == 0:
            return None
        if v & 1:
            code = v >> 1
            return StopReason(StopKind.EXITED, self.state.pc, code=code,
                              message="tohost: pass" if code == 0 else f"tohost: test {code} failed")
        try:                                    # riscv-tests' syscall proxy: magic_mem[8] of uint64
            words = [int.from_bytes(self.bus.read_bytes(v + 8 * i, 8), "little") for i in range(4)]
        except IndexError:
            return StopReason(StopKind.ERROR, self.state.pc, message=f"tohost: bad syscall block {v:#x}")
        num, a0, a1, a2 = words
        if num == 64 and a0 in (1, 2):
            try:
                self.console.write(self.bus.read_bytes(a1, a2))
            except IndexError:
                return StopReason(StopKind.ERROR, self.state.pc, message="tohost write: bad buffer")
            result = a2
        elif num == 93:
            return StopReason(StopKind.EXITED, self.state.pc, code=a0 & M32)
        else:
            return StopReason(StopKind.ERROR, self.state.pc, message=f"tohost: unsupported syscall {num}")
        self.bus.write_bytes(v, result.to_bytes(8, "little"))
        self.bus.write_bytes(a, bytes(8))
        if "fromhost" in self.program.symbols:
            self.bus.write_bytes(self.program.symbols["fromhost"], (1).to_bytes(8, "little"))
        return None

    # ------------------------------------------------------------------ state access
    @property
    def pc(self) -> int:
        return self.state.pc

    @pc.setter
    def pc(self, value: int) -> None:
        self.state.pc = value & M32

    @property
    def priv(self) -> str:
        """Current privilege level: "M" or "U"."""
        return PRIV_NAMES[self.state.priv]

    @property
    def instret(self) -> int:
        return self.state.instret

    def symbol(self, name: str) -> int:
        if self.program is None or name not in self.program.symbols:
            known = sorted(self.program.symbols) if self.program else []
            import difflib
            hint = difflib.get_close_matches(name, known, 1)
            raise KeyError(f"no symbol {name!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
        return self.program.symbols[name]

    def _addr(self, where) -> int:
        return self.symbol(where) if isinstance(where, str) else where

    # memory helpers (host view: no traps, no hooks; IndexError outside RAM)
    def read(self, addr, n: int) -> bytes:
        return self.bus.read_bytes(self._addr(addr), n)

    def write(self, addr, data: bytes) -> None:
        self.bus.write_bytes(self._addr(addr), bytes(data))

    def read_u8(self, addr) -> int:
        return self.read(addr, 1)[0]

    def read_u16(self, addr) -> int:
        return int.from_bytes(self.read(addr, 2), "little")

    def read_u32(self, addr) -> int:
        return int.from_bytes(self.read(addr, 4), "little")

    def read_i32(self, addr) -> int:
        return int.from_bytes(self.read(addr, 4), "little", signed=True)

    def write_u8(self, addr, v: int) -> None:
        self.write(addr, (v & 0xFF).to_bytes(1, "little"))

    def write_u16(self, addr, v: int) -> None:
        self.write(addr, (v & 0xFFFF).to_bytes(2, "little"))

    def write_u32(self, addr, v: int) -> None:
        self.write(addr, (v & M32).to_bytes(4, "little"))

    def read_cstring(self, addr, limit: int = 1 << 16, raw: bool = False):
        """The NUL-terminated string at `addr` (str, or bytes with raw=True)."""
        a = self._addr(addr)
        out = bytearray()
        while len(out) < limit:
            chunk = self.bus.read_bytes(a + len(out), min(64, self.bus.base + self.bus.size - a - len(out)) or 1)
            i = chunk.find(0)
            if i >= 0:
                out += chunk[:i]
                break
            out += chunk
        return bytes(out) if raw else out.decode("utf-8", "replace")

    def write_cstring(self, addr, text: str) -> None:
        self.write(addr, text.encode() + b"\0")

    def signature(self, granularity: int = 4) -> str:
        """The memory from the program's ``begin_signature`` to its ``end_signature`` symbol as
        lines of `granularity` bytes in hex, most significant byte first: the format of Spike's
        ``+signature=FILE``, which the RISC-V architecture tests' harness (RISCOF) compares
        against a reference model's."""
        lo, hi = self.signature_region(granularity)
        data = self.bus.read_bytes(lo, hi - lo)
        return "".join(data[k:k + granularity][::-1].hex() + "\n" for k in range(0, len(data), granularity))

    def signature_region(self, granularity: int = 4) -> tuple[int, int]:
        """[begin_signature, end_signature) of the loaded program; VmlabError, saying what is
        wrong, when it has none or it cannot be written in `granularity`-byte lines."""
        if self.program is None:
            raise VmlabError("no program loaded: call load() first")
        if granularity not in (1, 2, 4, 8, 16):
            raise VmlabError(f"signature granularity must be 1, 2, 4, 8 or 16 bytes, not {granularity}")
        syms = self.program.symbols
        missing = [s for s in ("begin_signature", "end_signature") if s not in syms]
        if missing:
            raise VmlabError(f"{self.program.name}: no {' and no '.join(missing)} symbol: "
                             "the program does not mark a signature region")
        lo, hi = syms["begin_signature"], syms["end_signature"]
        if hi < lo or (hi - lo) % granularity:
            raise VmlabError(f"{self.program.name}: the signature region [{lo:#x}, {hi:#x}) is not a "
                             f"whole number of {granularity}-byte units")
        if not self.bus.in_ram(lo, hi - lo):
            raise VmlabError(f"{self.program.name}: the signature region [{lo:#x}, {hi:#x}) is outside RAM")
        return lo, hi

    # ------------------------------------------------------------------ source and disassembly
    def source_line(self, pc: int | None = None) -> SourceLine | None:
        if self.program is None:
            return None
        return self.program.lines.get(self.state.pc if pc is None else pc)

    def _source_text(self, pc: int) -> str | None:
        ln = self.source_line(pc)
        return str(ln) if ln else None

    def disassemble(self, addr=None, count: int = 1) -> list[tuple[int, int, str]]:
        """(address, word, text) for `count` instructions from `addr` (default: pc)."""
        a = self.state.pc if addr is None else self._addr(addr)
        out = []
        for i in range(count):
            pc = a + 4 * i
            try:
                w = int.from_bytes(self.bus.read_bytes(pc, 4), "little")
            except IndexError:
                break
            out.append((pc, w, disassemble(w, pc, self._symbols_lookup)))
        return out

    # ------------------------------------------------------------------ breakpoints, watchpoints
    def add_breakpoint(self, where) -> int | Callable:
        """Stop before executing `where`: an address, a symbol name, or a predicate ``f(machine)``
        checked before every instruction (predicates run the reference interpreter step by step)."""
        if callable(where):
            self.predicates.append(where)
            return where
        a = self._addr(where)
        if a & 3:
            raise ValueError(f"breakpoint address {a:#x} is not 4-byte aligned")
        self.breakpoints.add(a)
        self._breakpoints_changed(a)
        return a

    def remove_breakpoint(self, where) -> None:
        if callable(where):
            self.predicates.remove(where)
            return
        a = self._addr(where)
        self.breakpoints.discard(a)
        self._breakpoints_changed(a)

    def toggle_breakpoint(self, where) -> bool:
        """Add or remove; returns True when a breakpoint is now set there."""
        a = self._addr(where)
        if a in self.breakpoints:
            self.remove_breakpoint(a)
            return False
        self.add_breakpoint(a)
        return True

    def clear_breakpoints(self) -> None:
        for a in list(self.breakpoints):
            self.remove_breakpoint(a)
        self.predicates.clear()

    def _breakpoints_changed(self, addr: int) -> None:
        for b in {id(x): x for x in (self._backend, self._interp) if x is not None}.values():
            b.invalidate(addr, 4)

    def add_watchpoint(self, where, size: int = 4, *, write: bool = True, read: bool = False) -> int:
        """Stop after an instruction writes (or reads) memory in [addr, addr+size). Returns an id."""
        lo = self._addr(where)
        hi = lo + size
        wid = self._next_watch_id
        self._next_watch_id += 1

        def hook(addr, n, value, kind):
            return StopReason(StopKind.WATCHPOINT, self.state.pc, addr=addr,
                              message=f"{kind} of {value:#x} ({n} bytes) at {addr:#010x}",
                              source=self._source_text(self.state.pc),
                              extra={"watchpoint": wid, "value": value, "size": n, "kind": kind})

        hooks = []
        if write:
            h = lambda a, n, v: hook(a, n, v, "write")  # noqa: E731
            self.bus.add_store_hook(lo, hi, h)
            hooks.append(h)
        if read:
            h = lambda a, n, v: hook(a, n, v, "read")  # noqa: E731
            self.bus.add_read_hook(lo, hi, h)
            hooks.append(h)
        self.watchpoints[wid] = (lo, hi, hooks)
        self._rebind_accessors()
        return wid

    def remove_watchpoint(self, wid: int) -> None:
        lo, hi, hooks = self.watchpoints.pop(wid)
        for h in hooks:
            self.bus.remove_hook(h)
        self._rebind_accessors()

    # ------------------------------------------------------------------ running
    def pause(self) -> None:
        """Ask a running ``run()`` (in another thread) to stop at the next slice boundary.

        This is the only call that is safe from another thread while ``run()`` executes;
        set breakpoints or write memory between runs (the compiled core caches them unlocked).
        """
        self._pause.set()
        request = getattr(self._backend, "request_pause", None)   # compiled loops poll a C flag
        if request is not None:
            request()

    def step(self, n: int = 1) -> StopReason:
        """Execute `n` instructions (a trapping instruction counts as one); stop reason."""
        return self.run(max_steps=n)

    def run(self, max_steps: int | None = None, *, until: Callable[["Machine"], bool] | None = None,
            timeout: float | None = None) -> StopReason:
        """Run until the program stops.

        Args:
            max_steps: stop with ``step limit`` after this many instructions (None: no limit).
            until: a predicate checked before every instruction; stop (as a breakpoint) when true.
            timeout: stop with ``paused`` after this many seconds of host time.
        Returns:
            The :class:`StopReason`, also kept in ``last_stop``. Ctrl-C (or a Jupyter kernel
            interrupt) while running stops with ``paused`` at an instruction boundary.
        """
        if self.program is None:
            raise VmlabError("no program loaded: call load() first")
        self._pause.clear()
        self._deadline = time.perf_counter() + timeout if timeout is not None else None
        budget = (1 << 62) if max_steps is None else max(0, int(max_steps))
        start_i, start_t = self.state.instret, time.perf_counter()
        old_handler = self._install_sigint()
        try:
            stop = self._run(budget, until)
        finally:
            self._restore_sigint(old_handler)
            self.bus.synced = False
        dt = time.perf_counter() - start_t
        di = self.state.instret - start_i
        self.stats.instructions += di
        self.stats.seconds += dt
        self.stats.last_instructions, self.stats.last_seconds = di, dt
        self.last_stop = stop
        self._notify(stop)
        return stop

    def _notify(self, stop) -> None:
        for fn in list(self.stop_listeners):
            fn(self, stop)

    def _run(self, budget: int, until) -> StopReason:
        if budget == 0:
            return self._stop_here(StopKind.STEP_LIMIT)
        careful = bool(self.predicates or until or self.history_size)
        if careful:
            return self._run_careful(budget, until)
        left = budget
        if self.state.pc in self.breakpoints:       # resuming from a breakpoint: step over it
            stop = self._reference().step_careful()
            if stop is not None:
                return stop
            left -= 1
            if left == 0:
                return self._stop_here(StopKind.STEP_LIMIT)
        stop = self._backend.run(left)
        return stop if stop is not None else self._stop_here(StopKind.STEP_LIMIT)

    def _run_careful(self, budget: int, until) -> StopReason:
        interp = self._reference()
        if self.history_size:
            self._rebind_accessors(history=True)
        try:
            for k in range(budget):
                if k and (self.state.pc in self.breakpoints):
                    return self._breakpoint_stop(self.state.pc)
                if k and until is not None and until(self):
                    return self._stop_here(StopKind.BREAKPOINT, message="until condition")
                for p in self.predicates:
                    if k and p(self):
                        return self._stop_here(StopKind.BREAKPOINT, message=getattr(p, "__name__", "predicate"))
                if self._pause.is_set():
                    self._pause.clear()
                    return self._stop_here(StopKind.PAUSED)
                if self._deadline is not None and k % 1000 == 0 and time.perf_counter() > self._deadline:
                    return self._stop_here(StopKind.PAUSED, message="timeout")
                if self.history_size:
                    self._record_history()
                stop = interp.step_careful()
                if stop is None and self.mode == "system":
                    stop = self._check_interrupts()
                if stop is not None:
                    return stop
            return self._stop_here(StopKind.STEP_LIMIT)
        finally:
            if self.history_size:
                self._rebind_accessors()

    # called by backends ---------------------------------------------------------------
    def _stop_here(self, kind: StopKind, **kw) -> StopReason:
        pc = self.state.pc
        return StopReason(kind, pc, source=self._source_text(pc), **kw)

    def _breakpoint_stop(self, pc: int) -> StopReason:
        name = self.program.symbol_at(pc) if self.program else None
        return StopReason(StopKind.BREAKPOINT, pc, addr=pc, message=name or "",
                          source=self._source_text(pc))

    def _exit_addr(self) -> int:
        """Where the entry function returns to in process mode: an address outside RAM (its
        fetch faults, and that fault is the exit), EXIT_ADDR unless RAM covers it."""
        base, end = self.bus.base, self.bus.base + self.bus.size
        if not base <= EXIT_ADDR < end:
            return EXIT_ADDR
        return (base - 4096) & M32 if base >= 4096 else end   # RAM ends below 2**32 then

    def _slice_budget(self, left: int) -> int:
        n = SLICE if left > SLICE else left
        if self.mode == "system" and self.state.csr.mie & MIP_MTIP:
            d = self.clint.instructions_until_timer()
            if d < n:
                n = max(d, 1)
        return n

    def _between_slices(self) -> StopReason | None:
        if self._pause.is_set():
            self._pause.clear()
            return self._stop_here(StopKind.PAUSED)
        if self._deadline is not None and time.perf_counter() > self._deadline:
            return self._stop_here(StopKind.PAUSED, message="timeout")
        if self.mode == "system":
            return self._check_interrupts()
        return None

    def _check_interrupts(self) -> StopReason | None:
        cause = pending_interrupt(self.state)
        if cause is not None:
            return self._deliver(cause, 0)
        return None

    def _after_careful_step(self) -> StopReason | None:
        """After a careful step: a hook's stop (tohost, watchpoint), a wfi halt, an interrupt."""
        bus = self.bus
        if bus.pending_stop is not None:
            stop, bus.pending_stop = bus.pending_stop, None
            return stop
        if self._wfi_halt:
            self._wfi_halt = False
            return self._stop_here(StopKind.HALTED)
        if self.mode == "system":
            return self._check_interrupts()
        return None

    def _wait_for_interrupt(self) -> None:
        """wfi: if nothing is pending, skip time to the timer interrupt, or halt."""
        csr = self.state.csr
        if csr.mip & csr.mie:
            return
        if self.mode == "system" and csr.mie & MIP_MTIP and self.clint.mtimecmp != (1 << 64) - 1:
            d = self.clint.mtimecmp - self.clint.mtime
            if d > 0:
                self.clint.offset += d
            return
        self._wfi_halt = True

    def _deliver(self, cause: int, tval: int) -> StopReason | None:
        """System mode: enter the guest's trap handler, unless it has none."""
        s = self.state
        target = s.csr.mtvec & ~3
        if s.csr.mtvec & 1 and cause >> 31:
            target += 4 * (cause & 0x7FFFFFFF)
        if not self.bus.in_ram(target, 4):
            return StopReason(StopKind.TRAP, s.pc, cause=cause, tval=tval,
                              message=f"no trap handler (mtvec = {s.csr.mtvec:#010x}); "
                                      + self._trap_detail(cause, tval),
                              source=self._source_text(s.pc))
        take_trap(s, cause, tval)
        return None

    def _trap_detail(self, cause: int, tval: int) -> str:
        pc = self.state.pc
        if cause == Cause.ILLEGAL_INSTRUCTION:
            try:
                w = int.from_bytes(self.bus.read_bytes(pc, 4), "little")
                return f"illegal instruction {w:#010x} ({disassemble(w, pc)})"
            except IndexError:
                return "illegal instruction"
        if cause in (Cause.INSTRUCTION_ACCESS_FAULT, Cause.INSTRUCTION_ADDRESS_MISALIGNED):
            return f"cannot execute at {tval:#010x}" + (
                "" if self.bus.in_ram(tval, 4) else
                f" (outside RAM [{self.bus.base:#x}, {self.bus.base + self.bus.size:#x}))")
        if cause in (Cause.LOAD_ACCESS_FAULT, Cause.STORE_ACCESS_FAULT):
            what = "load from" if cause == Cause.LOAD_ACCESS_FAULT else "store to"
            return f"{what} unmapped address {tval:#010x}"
        return describe(cause)

    def _take_trap(self, t: Trap) -> StopReason | None:
        """A synchronous trap at state.pc. Continue (None) or stop (StopReason)."""
        s = self.state
        cause = t.cause
        if self.mode == "system":
            return self._deliver(cause, t.tval)
        # process mode: the host serves ecall, everything else ends the run
        if cause in (Cause.ECALL_FROM_U, Cause.ECALL_FROM_M):
            try:
                stop = self.syscalls.handle()
            except BaseException as e:
                # backends take traps inside "except Trap": an error in a host handler (one a
                # student added, say) is not shown as raised "during handling of" the ecall
                e.__suppress_context__ = True
                raise
            if stop is None:
                s.pc = (s.pc + 4) & M32
                s.instret += 1
            return stop
        if cause == Cause.BREAKPOINT:
            pc = s.pc
            s.pc = (pc + 4) & M32
            s.instret += 1
            return StopReason(StopKind.BREAKPOINT, pc, addr=pc, message="ebreak",
                              source=self._source_text(pc))
        if cause == Cause.INSTRUCTION_ACCESS_FAULT and t.tval == self._exit_addr():
            return StopReason(StopKind.EXITED, s.pc, code=s.x[10] - (1 << 32) if s.x[10] >> 31 else s.x[10],
                              message="returned from the entry function")
        return StopReason(StopKind.TRAP, s.pc, cause=cause, tval=t.tval,
                          message=self._trap_detail(cause, t.tval), source=self._source_text(s.pc))

    # ------------------------------------------------------------------ Ctrl-C
    def _install_sigint(self):
        if threading.current_thread() is not threading.main_thread():
            return None
        try:
            return _set_signal(signal.SIGINT, lambda *_: self._pause.set())
        except (ValueError, TypeError):
            return None

    @staticmethod
    def _restore_sigint(old) -> None:
        if old is not None:
            try:
                _set_signal(signal.SIGINT, old)
            except (ValueError, TypeError):
                pass

    # ------------------------------------------------------------------ snapshots and history
    def snapshot(self) -> Snapshot:
        """Everything a run can change (registers, CSRs, RAM, console, heap, timer)."""
        return Snapshot(self.state.snapshot(), bytes(self.bus.ram), self.console.state(),
                        self.syscalls.save(), self.clint.snapshot(), self.stats.instructions)

    def restore(self, snap: Snapshot) -> None:
        self.state.restore(snap.state)
        self.bus.ram[:] = snap.ram
        self.invalidate_caches()
        self.console.restore_state(snap.console)
        self.syscalls.load(snap.syscalls)
        self.clint.restore(snap.clint)
        self._history.clear()
        self._notify(None)

    def _record_history(self) -> None:
        self._journal = []
        self._history.append((self.state.snapshot(), self.console.state(), self.syscalls.save(),
                              self.clint.snapshot(), self._journal))
        if len(self._history) > self.history_size:
            del self._history[0]

    def step_back(self, n: int = 1) -> int:
        """Undo up to `n` steps recorded since history was enabled; returns how many were undone."""
        done = 0
        while done < n and self._history:
            state, console, env, clint, journal = self._history.pop()
            for addr, old in reversed(journal):
                self.bus.write_bytes(addr, old)
            self.state.restore(state)
            self.console.restore_state(console)
            self.syscalls.load(env)
            self.clint.restore(clint)
            done += 1
        if done:
            self.last_stop = None        # the stop it reported no longer describes this state
        self._notify(None)
        return done

    @property
    def history_length(self) -> int:
        return len(self._history)

    # ------------------------------------------------------------------ display
    def summary(self) -> str:
        s = self.state
        try:
            w = int.from_bytes(self.bus.read_bytes(s.pc, 4), "little")
            nxt = disassemble(w, s.pc, self._symbols_lookup)
        except IndexError:
            nxt = "(outside RAM)"
        name = self.program.name if self.program else "no program"
        stop = str(self.last_stop).splitlines()[0] if self.last_stop else "not run yet"
        return (f"Machine[{self._backend.name}, {self.mode} mode, {self.priv}-mode] {name}: "
                f"pc={s.pc:#010x}  next: {nxt}  | {stop} | {s.instret:,} instructions")

    def __repr__(self) -> str:
        return f"<{self.summary()}>"

    def _repr_html_(self) -> str:
        import html
        s = self.state
        rows = self.disassemble(s.pc, 1)
        nxt = html.escape(rows[0][2]) if rows else "(outside RAM)"
        stop = html.escape(str(self.last_stop).splitlines()[0]) if self.last_stop else "not run yet"
        src = self._source_text(s.pc)
        return ("<div class='vmlab-machine' style='font-family:monospace'>"
                f"<b>Machine</b> backend=<code>{self._backend.name}</code> mode={self.mode} "
                f"priv={self.priv} program=<code>{html.escape(self.program.name if self.program else '-')}</code><br>"
                f"pc=<code>{s.pc:#010x}</code> next: <code>{nxt}</code>"
                + (f" <i>({html.escape(src)})</i>" if src else "")
                + f"<br>stop: {stop}; {s.instret:,} instructions retired</div>")

    # ------------------------------------------------------------------ source-level stepping
    def step_line(self, *, max_steps: int = 10_000_000) -> StopReason:
        """Run to the start of a different source line, into calls (gdb's ``step``); see
        :mod:`vmlab.source_level`. Returns ``step limit`` (message "line") or an earlier stop."""
        from .source_level import step_line
        return step_line(self, over=False, max_steps=max_steps)

    def next_line(self, *, max_steps: int = 10_000_000) -> StopReason:
        """Like :meth:`step_line`, but a call runs to its return (gdb's ``next``)."""
        from .source_level import step_line
        return step_line(self, over=True, max_steps=max_steps)

    def source(self, pc: int | None = None, context: int = 4):
        """The source lines around pc's line (default: the current pc), the line marked; None
        where there is no line information."""
        from .source_level import source_view
        return source_view(self, pc, context)


def _journaling_stores(m: Machine) -> dict:
    """Store functions that record old bytes for step_back (used while history is on)."""
    bus = m.bus

    def make(n):
        def st(a, v):
            a &= M32
            try:
                old = bus.read_bytes(a, n)
            except IndexError:
                old = None
            bus.store(a, n, v)
            if old is not None:
                m._journal.append((a, old))
        return st
    return {"_st1": make(1), "_st2": make(2), "_st4": make(4)}


def to_program(src) -> Program:
    """Program from a Program, ELF bytes, a path (.s/.S/.asm, .c, ELF) or assembly text."""
    if isinstance(src, Program):
        return src
    if isinstance(src, (bytes, bytearray, memoryview)):
        from .loader import load_elf
        return load_elf(bytes(src))
    if isinstance(src, (str, os.PathLike)):
        text = str(src)
        looks_like_path = isinstance(src, os.PathLike) or ("\n" not in text and len(text) < 4096
                                                            and (os.sep in text or "." in text) and " " not in text.strip())
        if looks_like_path:
            p = Path(text)
            if not p.exists():
                raise LoadError(f"{text}: no such file")
            suffix = p.suffix.lower()
            if suffix in (".s", ".asm"):
                from .asm import assemble
                return assemble(p.read_text(), name=str(p))
            if suffix == ".c":
                from .toolchain import compile_c
                return compile_c(p)
            from .loader import load_elf
            return load_elf(p)
        from .asm import assemble
        return assemble(text, name="<string>")
    raise LoadError(f"cannot load a {type(src).__name__}: give a Program, a path, ELF bytes or assembly text")
