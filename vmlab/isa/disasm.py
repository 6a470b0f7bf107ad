"""Disassembler: instruction words to GNU-style text, derived from the instruction table.

ABI register names, CSR names, and objdump's preferred aliases in objdump's order (li, mv, j,
ret, jr 8(a0), nop, beqz, csrr, rdcycle, unimp ...; see aliases.py). tests/isa/test_capstone.py
compares the output with Capstone and lists every remaining spelling difference.
Branch and jump targets are printed as absolute addresses when the instruction's address is
known (with ``<symbol>`` or ``<symbol+off>`` when a symbol table is given), as signed offsets
otherwise, which is also what the assembler accepts back.
"""
from __future__ import annotations

import bisect
import string
from dataclasses import dataclass
from typing import Mapping

from .spec import ISA, Alias, Insn
from .regs import ABI_NAMES
from .csrs import csr_name

_FMT = string.Formatter()

# "iorw" letters of fence pred/succ, bit 3 = I ... bit 0 = W
def fence_set(bits: int) -> str:
    s = "".join(ch for ch, b in zip("iorw", (8, 4, 2, 1)) if bits & b)
    return s or "0"


@dataclass(frozen=True)
class Decoded:
    """One decoded word: the table entry, the alias the disassembler chose, the operands."""
    word: int
    insn: Insn | None
    alias: Alias | None
    ops: dict

    @property
    def mnemonic(self) -> str:
        if self.insn is None:
            return ".word"
        return self.alias.name if self.alias else self.insn.name

    @property
    def syntax(self) -> str:
        return self.alias.syntax if self.alias else (self.insn.syntax if self.insn else "")


def _alias_for(ins: Insn, ops: dict) -> Alias | None:
    for a in _ALIAS_INDEX.get(ins.name, ()):
        if all(ops.get(k) == v for k, v in a.fixed.items()):
            return a
    return None


_ALIAS_INDEX: dict[str, list[Alias]] = {}
for _a in ISA.aliases:
    if _a.disasm:
        _ALIAS_INDEX.setdefault(_a.base.name, []).append(_a)


def decode_word(word: int, aliases: bool = True) -> Decoded:
    ins = ISA.decode(word)
    if ins is None:
        return Decoded(word, None, None, {})
    ops = ins.decode_operands(word)
    return Decoded(word, ins, _alias_for(ins, ops) if aliases else None, ops)


class SymbolLookup:
    """Address -> ``name`` or ``name+off`` using the nearest symbol at or below it."""

    def __init__(self, symbols: Mapping[str, int]):
        pairs = sorted((a, n) for n, a in symbols.items() if not n.startswith(".L"))
        self.addrs = [a for a, _ in pairs]
        self.names = [n for _, n in pairs]

    def __call__(self, addr: int, exact: bool = False) -> str | None:
        i = bisect.bisect_right(self.addrs, addr) - 1
        if i < 0:
            return None
        off = addr - self.addrs[i]
        if off == 0:
            return self.names[i]
        if exact or off > 0x10000:
            return None
        return f"{self.names[i]}+{off:#x}"


def format_operand(fieldname: str, value: int, ins: Insn, pc: int | None,
                   symbols: SymbolLookup | None) -> str:
    kind = next((f.kind for f in ins.fields if f.name == fieldname), "imm")
    if kind == "reg":
        return ABI_NAMES[value]
    if kind == "csr":
        return csr_name(value)
    if kind == "fence":
        return fence_set(value)
    if kind == "pcrel":
        if pc is None:
            return str(value)
        target = (pc + value) & 0xFFFFFFFF
        name = symbols(target) if symbols else None
        return f"{target:#x} <{name}>" if name else f"{target:#x}"
    if ins.name in ("lui", "auipc"):
        return f"{value:#x}"
    return str(value)


def disassemble(word: int, pc: int | None = None, symbols: Mapping[str, int] | SymbolLookup | None = None,
                aliases: bool = True) -> str:
    """Text of one instruction word, e.g. ``addi a0, a0, 1`` or ``beqz a0, 0x80000010 <done>``.

    A word that is not an instruction of the table gives ``.word 0x........``.
    """
    if symbols is not None and not isinstance(symbols, SymbolLookup):
        symbols = SymbolLookup(symbols)
    d = decode_word(word, aliases)
    if d.insn is None:
        return f".word {word:#010x}"
    text = d.mnemonic
    syntax = d.syntax
    if syntax:
        parts = []
        for literal, name, _spec, _conv in _FMT.parse(syntax):
            parts.append(literal)
            if name is not None:
                parts.append(format_operand(name, d.ops[name], d.insn, pc, symbols))
        text += " " + "".join(parts)
    return text
