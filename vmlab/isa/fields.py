"""Operand fields of RV32 instruction words: where each operand's bits live, both directions.

A field is a list of ``(lsb, width)`` pieces listed most-significant first, the way the
specification draws immediates (``imm[12|10:5]`` ... ``imm[4:1|11]``), plus an implicit
left shift (B/J immediates are multiples of 2) and a sign flag. ``extract`` reads the operand
out of a word (decoder, disassembler); ``insert`` places it (assembler). Scrambled immediates
are written once here and nowhere else.
"""
from __future__ import annotations


class FieldRangeError(ValueError):
    """An operand value does not fit its field (too large, or not a multiple of the step)."""


class Field:
    def __init__(self, name: str, *pieces: tuple[int, int], shift: int = 0,
                 signed: bool = False, kind: str = "imm"):
        self.name = name
        self.pieces = pieces
        self.shift = shift
        self.signed = signed
        self.kind = kind          # "reg", "imm", "pcrel", "csr", "fence", "shamt"
        self.bits = sum(w for _, w in pieces) + shift
        mask = 0
        for lsb, w in pieces:
            mask |= ((1 << w) - 1) << lsb
        self.mask = mask          # the bits of the instruction word this field occupies

    @property
    def lo(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def hi(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    def extract(self, word: int) -> int:
        v = 0
        for lsb, w in self.pieces:
            v = (v << w) | ((word >> lsb) & ((1 << w) - 1))
        v <<= self.shift
        if self.signed and v >> (self.bits - 1):
            v -= 1 << self.bits
        return v

    def check(self, value: int) -> None:
        if not self.lo <= value <= self.hi:
            raise FieldRangeError(
                f"{self.name} value {value} out of range [{self.lo}, {self.hi}]")
        if value & ((1 << self.shift) - 1):
            raise FieldRangeError(
                f"{self.name} value {value} must be a multiple of {1 << self.shift}")

    def insert(self, value: int) -> int:
        self.check(value)
        v = (value & ((1 << self.bits) - 1)) >> self.shift
        word = 0
        for lsb, w in reversed(self.pieces):
            word |= (v & ((1 << w) - 1)) << lsb
            v >>= w
        return word

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.pieces}, shift={self.shift}, signed={self.signed})"


RD = Field("rd", (7, 5), kind="reg")
RS1 = Field("rs1", (15, 5), kind="reg")
RS2 = Field("rs2", (20, 5), kind="reg")
SHAMT = Field("shamt", (20, 5), kind="shamt")
CSR = Field("csr", (20, 12), kind="csr")
ZIMM = Field("zimm", (15, 5))                                   # CSR immediate forms, unsigned
IMM_I = Field("imm", (20, 12), signed=True)
IMM_S = Field("imm", (25, 7), (7, 5), signed=True)
IMM_B = Field("imm", (31, 1), (7, 1), (25, 6), (8, 4), shift=1, signed=True, kind="pcrel")
IMM_U = Field("imm", (12, 20))                                  # the upper 20 bits, as written in `lui rd, 0x12345`
IMM_J = Field("imm", (31, 1), (12, 8), (20, 1), (21, 10), shift=1, signed=True, kind="pcrel")
PRED = Field("pred", (24, 4), kind="fence")
SUCC = Field("succ", (20, 4), kind="fence")
FM = Field("fm", (28, 4))

# The pattern letters of spec.py name these fields.
BY_NAME = {f.name: f for f in (RD, RS1, RS2, SHAMT, CSR, ZIMM, PRED, SUCC, FM)}
