"""RV32M: integer multiplication and division (Unprivileged ISA, chapter "M" Extension).

Division never traps. "The quotient of division by zero has all bits set, and the remainder of
division by zero equals the dividend. Signed division overflow [-2**31 / -1] ... the quotient is
equal to the dividend, and the remainder is zero." tdiv/trem round toward zero, as the
specification's division does; with that rounding the overflow case falls out by itself:
2**31 modulo 2**32 is the dividend 0x80000000, and the remainder is 0.
s32/s64/u64 only widen (they tell a C generator which 64-bit type to multiply in).
"""
from .spec import insn

E = "M"
insn("mul",    "0000001 ..... ..... 000 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = X[rs1] * X[rs2]", ext=E)
insn("mulh",   "0000001 ..... ..... 001 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = (s32(X[rs1]) * s32(X[rs2])) >> 32", ext=E)
insn("mulhsu", "0000001 ..... ..... 010 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = (s32(X[rs1]) * s64(X[rs2])) >> 32", ext=E)
insn("mulhu",  "0000001 ..... ..... 011 ..... 0110011", "R", "{rd}, {rs1}, {rs2}", "X[rd] = (u64(X[rs1]) * X[rs2]) >> 32", ext=E)
insn("div",    "0000001 ..... ..... 100 ..... 0110011", "R", "{rd}, {rs1}, {rs2}",
     "X[rd] = 0xFFFFFFFF if X[rs2] == 0 else tdiv(s32(X[rs1]), s32(X[rs2]))", ext=E)
insn("divu",   "0000001 ..... ..... 101 ..... 0110011", "R", "{rd}, {rs1}, {rs2}",
     "X[rd] = 0xFFFFFFFF if X[rs2] == 0 else X[rs1] // X[rs2]", ext=E)
insn("rem",    "0000001 ..... ..... 110 ..... 0110011", "R", "{rd}, {rs1}, {rs2}",
     "X[rd] = X[rs1] if X[rs2] == 0 else trem(s32(X[rs1]), s32(X[rs2]))", ext=E)
insn("remu",   "0000001 ..... ..... 111 ..... 0110011", "R", "{rd}, {rs1}, {rs2}",
     "X[rd] = X[rs1] if X[rs2] == 0 else X[rs1] % X[rs2]", ext=E)
