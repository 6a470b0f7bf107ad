"""The instruction record and its registry: each instruction is defined once.

An instruction is registered with :func:`insn`: its name, its encoding pattern, its format
(which operand fields it has), its assembly syntax and its semantics, a short Python snippet
in the vocabulary documented in :mod:`vmlab.isa.codegen`. Decoder, disassembler, assembler
encoder and every backend's handlers are derived from these records.

Pattern: 32 characters (spaces ignored), most significant bit first, as the specification
draws the format. ``0``/``1`` are fixed bits, ``.`` bits belong to an operand field of the
format, ``-`` bits are ignored by the decoder (reserved fields the specification says
implementations ignore, e.g. the rs1/rd fields of ``fence``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import fields as F

FORMATS: dict[str, tuple[F.Field, ...]] = {
    "R": (F.RD, F.RS1, F.RS2),
    "I": (F.RD, F.RS1, F.IMM_I),
    "SH": (F.RD, F.RS1, F.SHAMT),
    "S": (F.RS1, F.RS2, F.IMM_S),
    "B": (F.RS1, F.RS2, F.IMM_B),
    "U": (F.RD, F.IMM_U),
    "J": (F.RD, F.IMM_J),
    "CSR": (F.RD, F.RS1, F.CSR),
    "CSRI": (F.RD, F.ZIMM, F.CSR),
    "FENCE": (F.FM, F.PRED, F.SUCC),
    "SFENCE": (F.RS1, F.RS2),
    "SYS": (),
}


class TableError(Exception):
    """The instruction table itself is inconsistent (a bug in vmlab/isa, not in a program)."""


@dataclass(eq=False)
class Insn:
    name: str
    pattern: str
    fmt: str
    syntax: str
    semantics: str
    extension: str
    ends_block: bool = False     # control flow or state the rest of a block depends on
    system: bool = False         # must run with the machine's state fully synchronised (CSR, traps, privilege)
    privileged: bool = False     # raises illegal-instruction below M-mode (the hypervisor emulates these)
    match: int = 0
    mask: int = 0
    fields: tuple[F.Field, ...] = ()
    doc: str = ""

    @property
    def ident(self) -> str:
        """Python identifier for this instruction (``fence.i`` -> ``fence_i``)."""
        return self.name.replace(".", "_")

    @property
    def operand_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def decode_operands(self, word: int) -> dict[str, int]:
        return {f.name: f.extract(word) for f in self.fields}

    def encode(self, **ops: int) -> int:
        """Instruction word for these operand values (FieldRangeError if one does not fit)."""
        unknown = set(ops) - set(self.operand_names)
        if unknown:
            raise TypeError(f"{self.name} has no operand(s) {', '.join(sorted(unknown))}; "
                            f"its operands are {', '.join(self.operand_names) or 'none'}")
        word = self.match
        for f in self.fields:
            word |= f.insert(ops.get(f.name, 0))
        return word

    def __repr__(self) -> str:
        return f"<Insn {self.name}>"


@dataclass(eq=False)
class Alias:
    """A pseudo-instruction that is exactly one base instruction with some operands fixed.

    ``fixed`` maps operand names to the values the alias implies; ``syntax`` names the
    remaining operands. ``disasm`` says whether the disassembler prefers this spelling (as
    objdump does for ``li``, ``mv``, ``ret`` ...); assembler-only aliases such as ``bgt``
    (operands swapped) have ``disasm=False``.
    """
    name: str
    base: Insn
    fixed: dict[str, int]
    syntax: str
    disasm: bool = True


class Registry:
    def __init__(self) -> None:
        self.insns: list[Insn] = []
        self.by_name: dict[str, Insn] = {}
        self.aliases: list[Alias] = []
        self._by_opcode: dict[int, list[Insn]] | None = None

    def add(self, i: Insn) -> Insn:
        if i.name in self.by_name:
            raise TableError(f"{i.name} defined twice")
        bits = i.pattern.replace(" ", "")
        if len(bits) != 32 or set(bits) - set("01.-"):
            raise TableError(f"{i.name}: pattern must be 32 of 0 1 . -, got {i.pattern!r}")
        if i.fmt not in FORMATS:
            raise TableError(f"{i.name}: unknown format {i.fmt}")
        match = mask = dots = 0
        for n, ch in enumerate(bits):
            bit = 1 << (31 - n)
            if ch in "01":
                mask |= bit
                if ch == "1":
                    match |= bit
            elif ch == ".":
                dots |= bit
        i.match, i.mask, i.fields = match, mask, FORMATS[i.fmt]
        covered = 0
        for f in i.fields:
            if covered & f.mask:
                raise TableError(f"{i.name}: field {f.name} overlaps another field")
            covered |= f.mask
        if covered != dots:
            raise TableError(f"{i.name}: '.' bits {dots:#010x} != fields of format {i.fmt} {covered:#010x}")
        for other in self.insns:
            # Two patterns overlap when some word matches both (Spike's check-opcode-overlap).
            common = other.mask & i.mask
            if (other.match & common) == (i.match & common):
                raise TableError(f"{i.name} overlaps {other.name}")
        self.insns.append(i)
        self.by_name[i.name] = i
        self._by_opcode = None
        return i

    def decode(self, word: int) -> Insn | None:
        """The instruction whose pattern matches `word`, or None (an illegal instruction)."""
        table = self._by_opcode
        if table is None:
            table = self._by_opcode = {}
            for ins in self.insns:
                table.setdefault(ins.match & 0x7F, []).append(ins)
        for ins in table.get(word & 0x7F, ()):
            if word & ins.mask == ins.match:
                return ins
        return None


ISA = Registry()


def insn(name: str, pattern: str, fmt: str, syntax: str, semantics: str, *, ext: str,
         ends_block: bool = False, system: bool = False, privileged: bool = False,
         doc: str = "") -> Insn:
    """Register one instruction in the ISA table."""
    return ISA.add(Insn(name, pattern, fmt, syntax, semantics.strip(), ext,
                        ends_block=ends_block or system, system=system,
                        privileged=privileged, doc=doc))


def alias(name: str, base: str, fixed: dict[str, int], syntax: str, disasm: bool = True) -> Alias:
    a = Alias(name, ISA.by_name[base], fixed, syntax, disasm)
    ISA.aliases.append(a)
    return a
