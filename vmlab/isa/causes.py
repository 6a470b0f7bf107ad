"""Trap causes (Privileged ISA, table "Machine cause register (mcause) values after trap")."""
from enum import IntEnum

INTERRUPT_BIT = 1 << 31


class Cause(IntEnum):
    INSTRUCTION_ADDRESS_MISALIGNED = 0
    INSTRUCTION_ACCESS_FAULT = 1
    ILLEGAL_INSTRUCTION = 2
    BREAKPOINT = 3
    LOAD_ADDRESS_MISALIGNED = 4
    LOAD_ACCESS_FAULT = 5
    STORE_ADDRESS_MISALIGNED = 6
    STORE_ACCESS_FAULT = 7
    ECALL_FROM_U = 8
    ECALL_FROM_S = 9
    ECALL_FROM_M = 11
    INSTRUCTION_PAGE_FAULT = 12
    LOAD_PAGE_FAULT = 13
    STORE_PAGE_FAULT = 15
    # Interrupts: mcause = INTERRUPT_BIT | code
    SUPERVISOR_SOFTWARE_INTERRUPT = INTERRUPT_BIT | 1
    MACHINE_SOFTWARE_INTERRUPT = INTERRUPT_BIT | 3
    SUPERVISOR_TIMER_INTERRUPT = INTERRUPT_BIT | 5
    MACHINE_TIMER_INTERRUPT = INTERRUPT_BIT | 7
    SUPERVISOR_EXTERNAL_INTERRUPT = INTERRUPT_BIT | 9
    MACHINE_EXTERNAL_INTERRUPT = INTERRUPT_BIT | 11

    @property
    def is_interrupt(self) -> bool:
        return bool(self.value & INTERRUPT_BIT)

    @property
    def description(self) -> str:
        return self.name.lower().replace("_", " ")


# ecall's cause by the privilege level it runs at (U, S, -, M): 8 + the level, as the
# specification numbers them. The one place this mapping lives (interpreter and compiled core).
ECALL_CAUSE = (Cause.ECALL_FROM_U, Cause.ECALL_FROM_S, None, Cause.ECALL_FROM_M)


def describe(cause: int) -> str:
    try:
        return Cause(cause).description
    except ValueError:
        return f"cause {cause:#x}"
