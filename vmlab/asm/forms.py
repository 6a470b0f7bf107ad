"""Instruction forms: every way a mnemonic may be written, derived from the instruction table.

A :class:`Form` pairs a mnemonic with an operand syntax (the format strings of
:mod:`vmlab.isa`: ``"{rd}, {imm}({rs1})"``) and says what the operands mean. One mnemonic can
have several forms (``jal label`` / ``jal rd, label``; ``csrw csr, rs`` / ``csrw csr, imm``;
``lw rd, imm(rs1)`` / ``lw rd, symbol``); the assembler tries them in order and keeps the
first that parses. Three sources, in this order:

1. the base instructions of ``ISA`` and the aliases of ``ISA.aliases`` (one word each);
2. multi-instruction pseudo-instructions (``li``, ``la``, ``call`` ...), expanded by
   :mod:`vmlab.asm.pseudo`; their operand kinds are given here.

:func:`parse_operands` walks a form's syntax string against the tokens of a statement.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field

from ..isa import ISA, Insn
from ..isa.csrs import CSR_NUMBERS
from ..isa.fields import Field
from ..isa.regs import REG_NUMBERS
from .errors import AsmSyntaxError
from .expr import Num, is_register_name, parse_expr
from .lexer import IDENT, NUM, OP, Cursor

_FMT = string.Formatter()

# Aliases of the table that a multi-instruction pseudo-instruction replaces (li takes any
# 32-bit constant; the table's ``li`` is its one-word case, kept for the disassembler).
REPLACED_BY_PSEUDO = {"li"}

# Operand kinds of the pseudo-instructions' operand names.
PSEUDO_KINDS = {"rd": "reg", "rs2": "reg", "rt": "reg", "imm": "imm", "sym": "imm"}

# Multi-instruction pseudo-instructions: (mnemonic, syntax); the expansion lives in pseudo.py.
LOADS = ("lb", "lh", "lw", "lbu", "lhu")
STORES = ("sb", "sh", "sw")
PSEUDOS = [
    ("li", "{rd}, {imm}"),
    ("la", "{rd}, {sym}"),
    ("lla", "{rd}, {sym}"),
    ("call", "{sym}"),
    ("call", "{rd}, {sym}"),
    ("tail", "{sym}"),
    ("jump", "{sym}, {rt}"),
    *[(op, "{rd}, {sym}") for op in LOADS],
    *[(op, "{rs2}, {sym}, {rt}") for op in STORES],
]


@dataclass(eq=False)
class Form:
    mnemonic: str
    syntax: str
    kinds: dict[str, str]                 # operand name -> reg imm pcrel csr fence shamt
    insn: Insn | None = None              # one-word forms: the base instruction
    fixed: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The syntax as (literal text before, operand name or None) pairs, parsed once.
        self.pieces = [(lit, name) for lit, name, _spec, _conv in _FMT.parse(self.syntax)]
        self.operand_count = 0 if not self.syntax.strip() else self.syntax.count(",") + 1
        self.field: dict[str, Field] = {f.name: f for f in self.insn.fields} if self.insn else {}

    @property
    def pseudo(self) -> bool:
        return self.insn is None

    def usage(self) -> str:
        """``add rd, rs1, rs2``: the form as a human writes it."""
        return f"{self.mnemonic} {self.syntax.replace('{', '').replace('}', '')}".strip()


def _one_word(name: str, base: Insn, fixed: dict[str, int], syntax: str) -> Form:
    return Form(name, syntax, {f.name: f.kind for f in base.fields}, base, dict(fixed))


def _build() -> dict[str, list[Form]]:
    forms: dict[str, list[Form]] = {}
    for ins in ISA.insns:
        forms.setdefault(ins.name, []).append(_one_word(ins.name, ins, {}, ins.syntax))
    for a in ISA.aliases:
        if a.name not in REPLACED_BY_PSEUDO:
            forms.setdefault(a.name, []).append(_one_word(a.name, a.base, a.fixed, a.syntax))
    for name, syntax in PSEUDOS:
        forms.setdefault(name, []).append(Form(name, syntax, PSEUDO_KINDS))
    return forms


FORMS = _build()


# -- Operand parsing ------------------------------------------------------------------------------

def fence_bits(text: str) -> int | None:
    """pred/succ set of a fence operand ("iorw" letters, in that order) or None if malformed."""
    bits, order = 0, "iorw"
    pos = 0
    for ch in text.lower():
        k = order.find(ch, pos)
        if k < 0:
            return None
        bits |= 8 >> k
        pos = k + 1
    return bits


def _register(cur: Cursor) -> int:
    t = cur.peek()
    if t is None:
        raise AsmSyntaxError(cur.end_col, "expected a register")
    if t.kind == IDENT and t.text.lower() in REG_NUMBERS:
        cur.next()
        return REG_NUMBERS[t.text.lower()]
    if t.kind == IDENT and is_register_name(t.text):
        raise AsmSyntaxError(t.col, f"unknown register '{t.text}'")
    raise AsmSyntaxError(t.col, f"expected a register, got '{t.text}'")


def _operand(kind: str, cur: Cursor, before_paren: bool):
    """One operand of the given kind: an int (register, fence set, CSR name) or an Expr."""
    t = cur.peek()
    if kind == "reg":
        return _register(cur)
    if kind == "fence":
        if t is not None and t.kind == IDENT and fence_bits(t.text) is not None:
            cur.next()
            return fence_bits(t.text)
        if t is not None and t.kind == NUM and t.value == 0:
            cur.next()
            return 0
        raise AsmSyntaxError(cur.col, "fence operand must be letters from 'iorw', in that order, or 0")
    if kind == "csr" and t is not None and t.kind == IDENT and t.text.lower() in CSR_NUMBERS:
        cur.next()
        return CSR_NUMBERS[t.text.lower()]
    if before_paren and t is not None and t.is_op("("):
        # "lw a0, (a1)": the offset may be left out.
        reg, close = cur.peek(1), cur.peek(2)
        if reg is not None and reg.kind == IDENT and reg.text.lower() in REG_NUMBERS \
                and close is not None and close.is_op(")"):
            return Num(0, t.col)
    return parse_expr(cur)


def parse_operands(form: Form, cur: Cursor) -> dict[str, object]:
    """Operands of `form` from the cursor to the end of the statement, or AsmSyntaxError.

    The cursor's position when the error is raised says how far the form matched; the caller
    uses it to pick the most relevant error among several forms.
    """
    ops: dict[str, object] = {}
    pieces = form.pieces
    for k, (literal, name) in enumerate(pieces):
        for ch in literal:
            if not ch.isspace():
                cur.expect(ch)
        if name is not None:
            next_literal = pieces[k + 1][0] if k + 1 < len(pieces) else ""
            ops[name] = _operand(form.kinds[name], cur, next_literal.startswith("("))
    cur.expect_end()
    return ops


def count_operands(cur: Cursor) -> int:
    """Operands from the cursor to the end of the statement: commas outside parentheses."""
    toks = cur.toks[cur.i:]
    if not toks:
        return 0
    depth, count = 0, 1
    for t in toks:
        if t.kind == OP:
            depth += (t.text == "(") - (t.text == ")")
            count += t.text == "," and depth == 0
    return count


def parse_first(forms: list[Form], cur: Cursor) -> tuple[Form, dict[str, object]]:
    """The first of `forms` whose syntax the operands parse with, and its operands; else the
    error of the form that matched furthest (the most relevant one). `cur` is not moved."""
    best: tuple[int, AsmSyntaxError] | None = None
    for form in forms:
        c = Cursor(cur.toks, cur.end_col)
        c.i = cur.i
        try:
            return form, parse_operands(form, c)
        except AsmSyntaxError as e:
            if best is None or c.i > best[0]:
                best = (c.i, e)
    raise best[1]
