"""Why a run stopped. Stops are values: guest faults never become Python exceptions."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .isa.causes import describe


class StopKind(str, Enum):
    EXITED = "exited"            # the program exited (syscall, tohost, return from the entry function)
    BREAKPOINT = "breakpoint"    # a breakpoint (address, symbol or predicate) or an ebreak in process mode
    WATCHPOINT = "watchpoint"    # a watched address range was read or written
    STEP_LIMIT = "step limit"    # max_steps instructions ran
    TRAP = "trap"                # a trap the machine could not deliver (process mode, or no handler)
    PAUSED = "paused"            # pause() from another thread, Ctrl-C, or a timeout
    HALTED = "halted"            # wfi with no interrupt that could ever wake the hart
    INPUT = "waiting for input"  # a read system call found no input; feed the console and run again
    ERROR = "error"              # the environment refused a request (unknown system call ...)


@dataclass(frozen=True)
class StopReason:
    kind: StopKind
    pc: int
    code: int | None = None          # exit code
    cause: int | None = None         # trap cause
    tval: int | None = None
    addr: int | None = None          # breakpoint or watchpoint address
    message: str = ""
    source: str | None = None        # source line of pc, when known
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def exited(self) -> bool:
        return self.kind is StopKind.EXITED

    def __str__(self) -> str:
        k = self.kind
        if k is StopKind.EXITED:
            s = f"exited with code {self.code}"
        elif k is StopKind.BREAKPOINT:
            s = f"breakpoint at {self.pc:#010x}"
        elif k is StopKind.WATCHPOINT:
            s = f"watchpoint: {self.message} (pc {self.pc:#010x})"
        elif k is StopKind.STEP_LIMIT:
            s = f"step limit reached at pc {self.pc:#010x}"
        elif k is StopKind.TRAP:
            s = f"trap: {describe(self.cause)} at pc {self.pc:#010x}"
            if self.tval is not None:
                s += f" (tval {self.tval:#010x})"
            if self.message:
                s += f": {self.message}"
        elif k is StopKind.PAUSED:
            s = f"paused at pc {self.pc:#010x}" + (f" ({self.message})" if self.message else "")
        elif k is StopKind.HALTED:
            s = f"halted (wfi) at pc {self.pc:#010x}"
        else:
            s = f"{k.value} at pc {self.pc:#010x}" + (f": {self.message}" if self.message else "")
        if self.source and k is not StopKind.EXITED:
            s += f"\n  at {self.source}"
        return s

    def __repr__(self) -> str:
        return f"<StopReason {self}>"
