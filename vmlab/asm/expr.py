"""Constant expressions: parse them, evaluate them against the symbol table.

Operators and their precedence are those of GNU as and LLVM (not C): ``* / % << >>`` bind
tightest, then ``| ^ &`` (all one level), then ``+ -``, then the comparisons ``== != <> < <=
> >=`` (true is -1, all ones, as in gas), then ``&&`` and then ``||`` (1 or 0); unary
``- ~ + !``; parentheses.
Arithmetic is on 64-bit two's complement integers like LLVM's: ``/`` and ``%`` truncate toward
zero and ``>>`` is a logical shift. ``.`` is the address of the current statement.

Relocation operators: ``%hi(e)`` and ``%lo(e)`` split a 32-bit value for ``lui``+``addi``
(with the carry: ``%hi(e) << 12`` plus ``%lo(e)`` sign-extended is ``e``); ``%pcrel_hi(e)`` is
``%hi`` of ``e`` minus the address of the instruction; ``%pcrel_lo(label)`` is the ``%lo``
half matching the ``auipc`` at ``label`` (which must use ``%pcrel_hi``).

A :class:`Value` remembers whether it is an address (derived from a label) or a plain number:
``label + 4`` is an address, ``end - start`` is a number. Branches use that distinction, as
LLVM does: a label is a target, a number is an offset.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..isa.regs import REG_NUMBERS
from .errors import AsmSyntaxError, NotYet
from .lexer import IDENT, LOCAL, NUM, OP, Cursor

MAX_DEPTH = 100           # nesting limit of an expression tree (deeper input is rejected)
RELOCS = ("hi", "lo", "pcrel_hi", "pcrel_lo")


def is_register_name(name: str) -> bool:
    """True for register names and for names shaped like one (a9, x32): both are not symbols."""
    low = name.lower()
    if low in REG_NUMBERS:
        return True
    return len(low) >= 2 and low[0] in "xast" and low[1:].isdigit() and low[1:].isascii()


# -- Syntax tree ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    value: int
    col: int
    depth: int = 1


@dataclass(frozen=True)
class Sym:
    name: str               # a symbol, or "." for the current address
    col: int
    depth: int = 1


@dataclass(frozen=True)
class LocalRef:
    number: int
    direction: str          # "f" (next definition) or "b" (previous one)
    col: int
    depth: int = 1


@dataclass(frozen=True)
class Unary:
    op: str
    arg: object
    col: int
    depth: int = 1


@dataclass(frozen=True)
class Binary:
    op: str
    left: object
    right: object
    col: int
    depth: int = 1


@dataclass(frozen=True)
class Reloc:
    kind: str               # one of RELOCS
    arg: object
    col: int
    depth: int = 1


Expr = Num | Sym | LocalRef | Unary | Binary | Reloc

_PRECEDENCE = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<>": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
               "+": 4, "-": 4, "|": 5, "^": 5, "&": 5, "*": 6, "/": 6, "%": 6, "<<": 6, ">>": 6}
_COMPARE = {"==": lambda x, y: x == y, "!=": lambda x, y: x != y, "<>": lambda x, y: x != y,
            "<": lambda x, y: x < y, "<=": lambda x, y: x <= y, ">": lambda x, y: x > y,
            ">=": lambda x, y: x >= y}


def parse_expr(cur: Cursor) -> Expr:
    """Parse one expression starting at the cursor; stop before a token that cannot continue it."""
    return _binary(cur, 0)


def _binary(cur: Cursor, min_prec: int) -> Expr:
    left = _unary(cur)
    while True:
        t = cur.peek()
        if t is None or t.kind != OP or t.text not in _PRECEDENCE:
            return left
        prec = _PRECEDENCE[t.text]
        if prec <= min_prec:
            return left
        cur.next()
        right = _binary(cur, prec)
        left = Binary(t.text, left, right, t.col, _depth(t.col, left, right))


def _depth(col: int, *kids) -> int:
    d = 1 + max(k.depth for k in kids)
    if d > MAX_DEPTH:
        raise AsmSyntaxError(col, "expression too deeply nested")
    return d


def _unary(cur: Cursor) -> Expr:
    t = cur.peek()
    if t is None:
        raise AsmSyntaxError(cur.end_col, "expected an expression")
    if t.kind == OP and t.text in ("-", "~", "+", "!"):
        # Unary operators bind tighter than any binary one; iterate to keep deep chains cheap.
        ops = []
        while (t := cur.peek()) is not None and t.kind == OP and t.text in ("-", "~", "+", "!"):
            ops.append(cur.next())
            if len(ops) > MAX_DEPTH:
                raise AsmSyntaxError(t.col, "expression too deeply nested")
        e = _unary(cur)
        for op in reversed(ops):
            e = Unary(op.text, e, op.col, _depth(op.col, e))
        return e
    cur.next()
    if t.kind == NUM:
        return Num(t.value, t.col)
    if t.kind == LOCAL:
        return LocalRef(t.value[0], t.value[1], t.col)
    if t.kind == IDENT:
        if is_register_name(t.text):
            raise AsmSyntaxError(t.col, f"expected an expression, got register '{t.text}'")
        return Sym(t.text, t.col)
    if t.is_op("("):
        if cur.depth >= MAX_DEPTH:
            raise AsmSyntaxError(t.col, "expression too deeply nested")
        cur.depth += 1
        e = _binary(cur, 0)
        cur.depth -= 1
        cur.expect(")")
        return e
    if t.is_op("%"):
        name = cur.peek()
        if name is None or name.kind != IDENT or name.col != t.col + 1:
            raise AsmSyntaxError(t.col, "expected a relocation operator (%hi, %lo, %pcrel_hi, %pcrel_lo)")
        kind = name.text.lower()
        if kind not in RELOCS:
            raise AsmSyntaxError(name.col, f"unknown relocation operator '%{name.text}' "
                                           "(expected %hi, %lo, %pcrel_hi or %pcrel_lo)")
        cur.next()
        cur.expect("(")
        e = _binary(cur, 0)
        cur.expect(")")
        return Reloc(kind, e, t.col, _depth(t.col, e))
    raise AsmSyntaxError(t.col, f"expected an expression, got '{t.text}'")


# -- Values and evaluation -----------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """An expression's value: a number, or an address in ``section`` when derived from a label.

    During the first pass an address is an offset from the start of its (input) section; in
    the second pass every address is absolute, but still tagged with its section.
    """
    n: int
    section: object = None

    @property
    def is_address(self) -> bool:
        return self.section is not None


class Env(Protocol):
    """What evaluation needs from the assembler."""
    final: bool             # second pass: every label has its absolute address

    def symbol(self, name: str, col: int) -> Value: ...
    def local(self, number: int, direction: str, col: int) -> Value: ...
    def here(self) -> Value: ...
    def pcrel_lo(self, label: Value, col: int) -> int: ...


def wrap64(n: int) -> int:
    """n as a signed 64-bit integer (LLVM evaluates assembler expressions in int64_t)."""
    return ((n + (1 << 63)) & ((1 << 64) - 1)) - (1 << 63)


def sext12(n: int) -> int:
    return ((n & 0xFFF) ^ 0x800) - 0x800


def hi20(n: int) -> int:
    """Upper 20 bits for lui/auipc, rounded so that adding sext12(n) gives back n."""
    return ((n + 0x800) >> 12) & 0xFFFFF


def evaluate(e: Expr, env: Env) -> Value:
    """Value of `e`. Raises NotYet (first pass only) or AsmSyntaxError."""
    if isinstance(e, Num):
        return Value(wrap64(e.value))
    if isinstance(e, Sym):
        return env.here() if e.name == "." else env.symbol(e.name, e.col)
    if isinstance(e, LocalRef):
        return env.local(e.number, e.direction, e.col)
    if isinstance(e, Unary):
        v = evaluate(e.arg, env)
        n = _number(v, env)
        if e.op == "+":
            return v
        if e.op == "!":
            return Value(0 if n else 1)
        return Value(wrap64(-n if e.op == "-" else ~n))
    if isinstance(e, Binary):
        return _binary_value(e, evaluate(e.left, env), evaluate(e.right, env), env)
    if isinstance(e, Reloc):
        return Value(_reloc(e, env))
    raise TypeError(e)


def _number(v: Value, env: Env) -> int:
    """The plain number of `v`; an address only has one once the layout is final."""
    if v.is_address and not env.final:
        raise NotYet
    return v.n


def _binary_value(e: Binary, a: Value, b: Value, env: Env) -> Value:
    op = e.op
    if op == "+" and not (a.is_address and b.is_address):
        return Value(wrap64(a.n + b.n), a.section or b.section)
    if op == "-":
        if a.is_address and b.is_address:
            if a.section is b.section or env.final:
                return Value(wrap64(a.n - b.n))
            raise NotYet                  # two sections: their distance is not known yet
        if a.is_address or not b.is_address:
            return Value(wrap64(a.n - b.n), a.section)
    if op == "+":
        raise AsmSyntaxError(e.col, "cannot add two addresses")
    x, y = _number(a, env), _number(b, env)
    if op == "*":
        return Value(wrap64(x * y))
    if op in "/%":
        if y == 0:
            raise AsmSyntaxError(e.col, "division by zero")
        q = abs(x) // abs(y) * (1 if (x < 0) == (y < 0) else -1)      # truncate toward zero
        return Value(wrap64(q if op == "/" else x - q * y))
    if op in ("<<", ">>"):
        if not 0 <= y <= 63:
            raise AsmSyntaxError(e.col, f"shift amount {y} out of range [0, 63]")
        if op == "<<":
            return Value(wrap64(x << y))
        return Value(wrap64((x & ((1 << 64) - 1)) >> y))
    if op == "&":
        return Value(x & y)
    if op == "|":
        return Value(x | y)
    if op == "^":
        return Value(x ^ y)
    if op in _COMPARE:
        return Value(-1 if _COMPARE[op](x, y) else 0)
    if op == "&&":
        return Value(1 if x and y else 0)
    if op == "||":
        return Value(1 if x or y else 0)
    if op == "-":   # number - address
        raise AsmSyntaxError(e.col, "cannot subtract an address from a number")
    raise TypeError(op)


def _reloc(e: Reloc, env: Env) -> int:
    v = evaluate(e.arg, env)
    if e.kind == "hi":
        return hi20(_number(v, env))
    if e.kind == "lo":
        return sext12(_number(v, env))
    if not env.final:
        raise NotYet
    if e.kind == "pcrel_hi":
        return hi20(v.n - env.here().n)
    if not v.is_address:
        raise AsmSyntaxError(e.col, "%pcrel_lo needs the label of an auipc, e.g. "
                                    "'1: auipc a0, %pcrel_hi(sym)' then '%pcrel_lo(1b)'")
    return env.pcrel_lo(v, e.col)
