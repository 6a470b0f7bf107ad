"""Integer register names: x0..x31 and the standard calling-convention (ABI) names."""

ABI_NAMES = (
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
)

REG_NUMBERS = {name: i for i, name in enumerate(ABI_NAMES)}
REG_NUMBERS.update({f"x{i}": i for i in range(32)})
REG_NUMBERS["fp"] = 8


def reg_number(name: str) -> int:
    """Number of register `name` (``a0``, ``x10``, ``fp``); KeyError if it is not a register."""
    return REG_NUMBERS[name.lower()]


def reg_name(n: int) -> str:
    return ABI_NAMES[n]
