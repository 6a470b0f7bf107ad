"""Code generation from the semantics snippets of the instruction table.

The snippet vocabulary (a small language in Python syntax, like Spike's macros):

==========================  ===========================================================
``X[r]``                    register r read as an unsigned 32-bit int (x0 reads 0)
``X[rd] = e``               register write of ``e`` modulo 2**32; writes to x0 vanish
``PC``, ``WORD``            this instruction's address and its 32-bit encoding
``imm rd rs1 rs2 ...``      operand fields (immediates are sign-extended Python ints)
``jump(t)``                 next pc = t mod 2**32; raises instruction-address-misaligned
                            when t is not a multiple of 4 (before any later statement)
``load(a, n, signed)``      n-byte little-endian load from address a mod 2**32
``store(a, n, v)``          n-byte store of v mod 2**(8n)
``s32(v)``                  v read as a signed 32-bit value; ``s64``/``u64`` only widen
``tdiv(a, b)  trem(a, b)``  division rounding toward zero, and its remainder
``csr_access(c, w)``        privilege check (and write check when w) then CSR value
``csr_write(c, v)``         CSR write, legalised (WARL)
``ecall() ebreak() mret() sret() wfi() fence_i() sfence_vma(a, b)``  privileged helpers
==========================  ===========================================================

:func:`python_factory` turns a snippet into the source of a *factory*: given one
instruction's address and operands, it returns a closure ``h()`` that executes the instruction
and returns the next pc (or, for the interpreter's run loop, the next pc's cache index).
Everything that depends only on the operands (branch targets, ``lui`` values, x0 destinations,
x0 sources, a zero immediate, misaligned constant targets) is settled once in the factory, so
the closure does only the work that depends on run-time values: ``li a0, 5`` stores a
constant, ``mv a0, a1`` copies, ``beqz a0, L`` compares with 0. The factory picks among the
closures with the conditions the emitter asked about, nothing else. The functions the closure
calls (``_ld4``, ``_csr_access`` ...) are globals of the namespace the code is executed in,
provided by the machine (see :mod:`vmlab.machine`).
"""
from __future__ import annotations

import ast
import itertools
import re

from .spec import ISA, Insn

MASK = 0xFFFFFFFF
STATIC_NAMES = {"PC", "WORD", "imm", "rd", "rs1", "rs2", "shamt", "csr", "zimm", "pred", "succ", "fm"}
PURE_FUNCS = {"s32", "s64", "u64"}


def _s32(v: int) -> int:
    v &= MASK
    return v - (1 << 32) if v >> 31 else v


# the pure functions' values, for evaluating operand-only snippet expressions while generating
PURE_EVAL = {"s32": _s32, "s64": lambda v: v, "u64": lambda v: v}
_NAMES: dict[str, frozenset] = {}


def snippet_names(ins) -> frozenset:
    """Every name the instruction's semantics snippet uses (``PC``, ``X``, ``rd`` ...)."""
    names = _NAMES.get(ins.name)
    if names is None:
        names = _NAMES[ins.name] = frozenset(
            n.id for n in ast.walk(ast.parse(ins.semantics)) if isinstance(n, ast.Name))
    return names


LOADS = {(1, True): "_ld1s", (1, False): "_ld1u", (2, True): "_ld2s", (2, False): "_ld2u",
         (4, True): "_ld4", (4, False): "_ld4"}
STORES = {1: "_st1", 2: "_st2", 4: "_st4"}
# helper name in the snippet -> (global name in generated code, append WORD as last argument)
HELPERS = {
    "csr_access": ("_csr_access", True), "csr_write": ("_csr_write", False),
    "ecall": ("_ecall", False), "ebreak": ("_ebreak", False), "mret": ("_mret", True),
    "sret": ("_sret", True), "wfi": ("_wfi", True), "fence_i": ("_fence_i", False),
    "sfence_vma": ("_sfence_vma", True), "tdiv": ("_tdiv", False), "trem": ("_trem", False),
}
MISALIGNED_FETCH = 0  # Cause.INSTRUCTION_ADDRESS_MISALIGNED
_IDENTITY_ZERO = (ast.Add, ast.Sub, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift)   # v op 0 == v
_COMMUTATIVE = (ast.Add, ast.BitOr, ast.BitXor)                                       # 0 op v == v


class SnippetError(Exception):
    """A semantics snippet uses something outside the vocabulary."""


def copy_ast(n):
    """A copy of the AST `n` to transform in place: its nodes and lists copied, everything else
    (constants, names, the shared Load/Store contexts) shared. copy.deepcopy does the same
    through its general memo machinery at about five times the cost, and generating the
    interpreter's handlers copies every snippet expression once per variant."""
    if isinstance(n, list):
        return [copy_ast(x) for x in n]
    if not isinstance(n, ast.AST) or isinstance(n, ast.expr_context):
        return n
    new = n.__class__.__new__(n.__class__)
    d = new.__dict__
    for k, v in n.__dict__.items():
        d[k] = copy_ast(v) if isinstance(v, (ast.AST, list)) else v
    return new


def _is_static(node: ast.AST) -> bool:
    """True when the expression depends only on operands and constants (foldable at decode time)."""
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            if n.id not in STATIC_NAMES and n.id not in PURE_FUNCS:
                return False
        elif isinstance(n, ast.Call):
            if not (isinstance(n.func, ast.Name) and n.func.id in PURE_FUNCS):
                return False
        elif isinstance(n, ast.Subscript):
            return False
        elif not isinstance(n, (ast.expr_context, ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp,
                                ast.Compare, ast.IfExp, ast.operator, ast.unaryop, ast.boolop,
                                ast.cmpop, ast.Load)):
            return False
    return True


def _is_X(node: ast.AST) -> bool:
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "X"


def _is_call(node: ast.AST, name: str | None = None) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and (name is None or node.func.id == name))


def _has_effects(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id in PURE_FUNCS)
               for n in ast.walk(node))


class _Gen:
    """Generates one instruction's handler body for one variant of its static conditions."""

    def __init__(self, ins: Insn):
        self.ins = ins
        self.tree = ast.parse(ins.semantics)

    # ---- static conditions ------------------------------------------------------------
    def static_conditions(self) -> list[str]:
        """Source of each decode-time condition that selects a variant of the handler."""
        conds: list[str] = []
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Assign) and _is_X(n.targets[0]):
                c = f"{ast.unparse(n.targets[0].slice)} == 0"
                if c not in conds:
                    conds.append(c)
            elif isinstance(n, ast.If) and _is_static(n.test):
                c = ast.unparse(n.test)
                if c not in conds:
                    conds.append(c)
            elif _is_call(n, "jump") and _is_static(n.args[0]):
                c = f"(({ast.unparse(n.args[0])}) & 3) != 0"
                if c not in conds:
                    conds.append(c)
        return conds


class PyEmitter:
    """Emits Python source for snippets, as closures (interpreter) or inline text (translator).

    `reg` renders a register read given the register expression's source; `const` is called
    for each static subexpression and returns the name (or literal) to use for it.
    """

    def __init__(self, ins: Insn, static_values: dict, reg_read, reg_write, const, conds: dict,
                 inline_mem: bool = False, next_index: bool = False, signed_by_compare: bool = False):
        self.ins = ins
        self.inline_mem = inline_mem     # RAM fast path written inline (see _inline_load)
        self.next_index = next_index     # return the next pc as a cache index (see _next)
        # s32(v) and signed comparisons through a comparison with 2**31 and assignment
        # expressions, rather than xor/subtract with 2**31: CPython 3.11 does arithmetic and
        # bitwise operations on ints below 2**30 in place but allocates for 2**31, so the
        # common small operands get away with no allocation.
        self.signed_by_compare = signed_by_compare
        self.static_values = static_values      # known at generation time (translator) or None
        self.reg_read = reg_read
        self.reg_write = reg_write
        self.const = const
        self.conds = conds
        self.lines: list[str] = []
        self.needs_npc = False
        self.final_target: str | None = None
        self.tmp = itertools.count()
        self.dead = False          # an unconditional raise was emitted at top level

    # -- decode-time folding ---------------------------------------------------------------
    # Both folds ask ``conds`` about operand values (``rs1 == 0``, ``imm == 0``). The
    # interpreter's factories decide them (one closure per outcome); a plain dict that does
    # not hold the question answers None, and nothing is folded.
    def fold(self, e: ast.expr) -> ast.expr:
        """`e` with reads of a register known to be x0 replaced by 0 ("x0 is hardwired
        with all bits equal to 0"), s32/s64/u64 of a constant evaluated, and a conditional
        expression on constants replaced by the branch taken."""
        conds = self.conds

        class Fold(ast.NodeTransformer):
            def visit_Subscript(self, n):
                if _is_X(n) and isinstance(n.slice, ast.Name) and conds.get(f"{n.slice.id} == 0"):
                    return ast.Constant(0)
                return self.generic_visit(n)

            def visit_IfExp(self, n):
                n = self.generic_visit(n)
                v = _constant_value(n.test)
                if v is None:
                    return n
                return n.body if v else n.orelse

            def visit_Call(self, n):
                n = self.generic_visit(n)
                if _is_call(n) and n.func.id in PURE_FUNCS and isinstance(n.args[0], ast.Constant):
                    v = n.args[0].value
                    return ast.Constant(PURE_EVAL[n.func.id](v))
                return n

        return Fold().visit(copy_ast(e))

    def identity(self, e: ast.expr) -> ast.expr:
        """``v + 0`` (and -, |, ^, <<, >>; ``0 + v`` ...) is just v: ``mv`` is ``addi rd, rs1, 0``
        or ``add rd, x0, rs2``. The 0 is a folded x0 or an operand that is 0."""
        def zero(n):
            if isinstance(n, ast.Constant):
                return n.value == 0
            return isinstance(n, ast.Name) and n.id in STATIC_NAMES and self.conds.get(f"{n.id} == 0")

        if isinstance(e, ast.BinOp) and isinstance(e.op, _IDENTITY_ZERO):
            if not _is_static(e.left) and zero(e.right):
                return e.left
            if isinstance(e.op, _COMMUTATIVE) and not _is_static(e.right) and zero(e.left):
                return e.right
        return e

    def static_test(self, test: ast.expr) -> bool:
        """The outcome of an operand-only condition: evaluated now when it is all constants."""
        v = _constant_value(test)
        return self.conds[ast.unparse(test)] if v is None else bool(v)

    # -- expressions -----------------------------------------------------------------------
    def expr(self, n: ast.AST) -> str:
        if _is_static(n) and not isinstance(n, ast.Constant):
            return self.const(ast.unparse(n))
        if isinstance(n, ast.Constant):
            return repr(n.value)
        if isinstance(n, ast.Name):
            if n.id in STATIC_NAMES:
                return self.const(n.id)
            return n.id                                   # a snippet-local variable
        if _is_X(n):
            return self.reg_read(self.expr(n.slice), n.slice)
        if isinstance(n, ast.BinOp):
            return f"({self.expr(n.left)} {_op(n.op)} {self.expr(n.right)})"
        if isinstance(n, ast.UnaryOp):
            return f"({_op(n.op)}{self.expr(n.operand)})"
        if isinstance(n, ast.BoolOp):
            return "(" + f" {_op(n.op)} ".join(self.expr(v) for v in n.values) + ")"
        if isinstance(n, ast.Compare):
            return self.compare(n)
        if isinstance(n, ast.IfExp):
            return f"({self.expr(n.body)} if {self.expr(n.test)} else {self.expr(n.orelse)})"
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            f, args = n.func.id, n.args
            if f == "s32":
                if self.signed_by_compare:
                    v = f"_s{next(self.tmp)}"
                    return f"({v} if ({v} := {self.expr(args[0])}) < 0x80000000 else {v} - 0x100000000)"
                return f"(({self.expr(args[0])} ^ 0x80000000) - 0x80000000)"
            if f in ("s64", "u64"):
                return self.expr(args[0])
            if f == "load":
                size, signed = args[1].value, args[2].value
                return f"{LOADS[size, signed]}({self.expr(args[0])})"
            if f in HELPERS:
                g, word = HELPERS[f]
                a = [self.expr(x) for x in args] + ([self.const("WORD")] if word else [])
                return f"{g}({', '.join(a)})"
        raise SnippetError(f"{self.ins.name}: {ast.unparse(n)!r} is outside the snippet vocabulary")

    def compare(self, n: ast.Compare) -> str:
        if len(n.ops) != 1:
            raise SnippetError(f"{self.ins.name}: chained comparison")
        a, b = n.left, n.comparators[0]
        if self.signed_by_compare and _is_call(a, "s32") and _is_call(b, "s32") \
                and not _is_static(a) and not _is_static(b):
            # Two values with the same sign bit compare as signed the way they compare as
            # unsigned; with different signs the negative one is the larger unsigned value.
            i = next(self.tmp)
            va, vb, op = f"_a{i}", f"_b{i}", _op(n.ops[0])
            return (f"(({va} {op} {vb}) if (({va} := {self.expr(a.args[0])}) ^ ({vb} := {self.expr(b.args[0])}))"
                    f" < 0x80000000 else ({vb} {op} {va}))")
        # Signed compare without converting: x ^ 2**31 maps signed order onto unsigned order.
        if not self.signed_by_compare and _is_call(a, "s32") and (_is_call(b, "s32") or _is_static(b)):
            left = f"({self.expr(a.args[0])} ^ 0x80000000)"
            if _is_call(b, "s32") and not _is_static(b):
                right = f"({self.expr(b.args[0])} ^ 0x80000000)"
            else:
                right = self.const(f"({ast.unparse(b)}) + 0x80000000")
            return f"{left} {_op(n.ops[0])} {right}"
        return f"{self.expr(a)} {_op(n.ops[0])} {self.expr(b)}"

    # -- statements ------------------------------------------------------------------------
    def block(self, stmts: list[ast.stmt], indent: str, tail: bool) -> None:
        for k, s in enumerate(stmts):
            if self.dead:
                return
            self.stmt(s, indent, tail and k == len(stmts) - 1, top=(indent == self.base_indent))

    def stmt(self, s: ast.stmt, ind: str, tail: bool, top: bool) -> None:
        L = self.lines.append
        if isinstance(s, ast.Pass):
            return
        if isinstance(s, ast.Assign) and len(s.targets) == 1:
            t = s.targets[0]
            if _is_X(t):
                e = s.value
                to_x0 = self.conds.get(f"{ast.unparse(t.slice)} == 0")
                e = self.fold(e)
                if to_x0:
                    if _has_effects(e):
                        L(f"{ind}{self.expr(e)}")
                    return
                e = self.identity(e)
                if self.inline_mem and _is_call(e, "load"):
                    return self._inline_load(t, e, ind)
                if _is_static(e):
                    L(f"{ind}{self.reg_write(self.expr(t.slice), self.const(f'({ast.unparse(e)}) & 0xFFFFFFFF'), t.slice)}")
                else:
                    v = self.expr(e)
                    if not _fits_u32(e):
                        v = f"{v} & 0xFFFFFFFF"
                    L(f"{ind}{self.reg_write(self.expr(t.slice), v, t.slice)}")
                return
            if isinstance(t, ast.Name):
                L(f"{ind}{t.id} = {self.expr(self.fold(s.value))}")
                return
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call):
            c = self.fold(s.value)
            if _is_call(c, "jump"):
                return self.jump(c.args[0], ind, tail, top)
            if _is_call(c, "store") and self.inline_mem:
                return self._inline_store(c, ind)
            if _is_call(c, "store"):
                size = c.args[1].value
                L(f"{ind}{STORES[size]}({self.expr(c.args[0])}, {self.expr(c.args[2])})")
                return
            L(f"{ind}{self.expr(c)}")
            return
        if isinstance(s, ast.If):
            test = self.fold(s.test)
            if _is_static(test):
                taken = self.static_test(test)
                self.block(s.body if taken else s.orelse, ind, tail)
                return
            L(f"{ind}if {self.expr(test)}:")
            n = len(self.lines)
            self.block(s.body, ind + "    ", tail)
            if len(self.lines) == n:
                self.lines.append(ind + "    pass")
            if s.orelse:
                L(f"{ind}else:")
                self.block(s.orelse, ind + "    ", tail)
            return
        raise SnippetError(f"{self.ins.name}: statement {ast.unparse(s)!r} is outside the snippet vocabulary")

    # -- the RAM fast path, inline -----------------------------------------------------------
    # With a RAM of 2**k bytes at RAM_BASE, an offset o = addr - RAM_BASE is a valid, aligned
    # n-byte access exactly when o & (-2**k | (n-1)) == 0 (a negative o has all high bits set).
    # The masks _LM1/_LM2/_LM4 (loads) and _SM1/_SM2/_SM4 (stores) are namespace globals; the
    # machine sets them to -1 to force every access through the bus (hooks, history).
    # RAM, RH and RW are byte, halfword and word views of RAM for loads, SB, SH and SW the same
    # for stores; FL the bus's line flags. A mask of -1 still lets offset 0 through (0 & -1 is
    # 0): the machine then replaces the views by ThroughBus objects that send it to the bus.
    def _offset(self, addr: ast.expr) -> str:
        if _is_static(addr):
            return self.const(f"({ast.unparse(addr)}) - RAM_BASE")
        if isinstance(addr, ast.BinOp) and isinstance(addr.op, ast.Add) and _is_X(addr.left) \
                and _is_static(addr.right):
            return f"{self.expr(addr.left)} + {self.const(f'({ast.unparse(addr.right)}) - RAM_BASE')}"
        return f"{self.expr(addr)} - RAM_BASE"

    def _inline_load(self, t: ast.Subscript, e: ast.Call, ind: str) -> None:
        L = self.lines.append
        size, signed = e.args[1].value, e.args[2].value
        view = {1: "RAM[_o]", 2: "RH[_o >> 1]", 4: "RW[_o >> 2]"}[size]
        if signed and size < 4:
            view = f"SEXT{8 * size}[{view}]"
        slow = f"{LOADS[size, signed]}(_o + RAM_BASE)"
        if signed and size < 4:
            slow += " & 0xFFFFFFFF"
        L(f"{ind}_o = {self._offset(e.args[0])}")
        if self.conds.get(f"{ast.unparse(t.slice)} == 0"):
            L(f"{ind}if _o & _LM{size}:")
            L(f"{ind}    {slow}")
            return
        r = self.expr(t.slice)
        L(f"{ind}if _o & _LM{size}:")
        L(f"{ind}    {self.reg_write(r, slow, t.slice)}")
        L(f"{ind}else:")
        L(f"{ind}    {self.reg_write(r, view, t.slice)}")

    def _inline_store(self, c: ast.Call, ind: str) -> None:
        L = self.lines.append
        size = c.args[1].value
        v = self.expr(c.args[2])
        if not _fits_u32(c.args[2]) or size < 4:
            v = f"{v} & {(1 << (8 * size)) - 1:#x}"
        view = {1: "SB[_o]", 2: "SH[_o >> 1]", 4: "SW[_o >> 2]"}[size]
        L(f"{ind}_o = {self._offset(c.args[0])}")
        L(f"{ind}if _o & _SM{size} or FL[_o >> 6]:")
        L(f"{ind}    {STORES[size]}(_o + RAM_BASE, {self.expr(c.args[2])})")
        L(f"{ind}else:")
        L(f"{ind}    {view} = {v}")

    # -- the next pc ------------------------------------------------------------------------
    # Handlers return the next pc, or with next_index its index in the interpreter's cache:
    # ((pc - RAM_BASE) mod 2**32) // 4, computed by the namespace function _index for
    # decode-time targets. Every pc a handler returns is a multiple of 4 (jump() traps
    # otherwise), so the index names the pc exactly; a pc outside RAM has an index past the
    # end of RAM's words.
    def _next(self, src: str) -> str:
        """Name of the decode-time constant for next pc `src` (an operand-only expression)."""
        if self.next_index:
            return self.const(f"_index({src})")
        return self.const(f"({src}) & 0xFFFFFFFF")

    def jump(self, target: ast.expr, ind: str, tail: bool, top: bool) -> None:
        L = self.lines.append
        if _is_static(target):
            src = ast.unparse(target)
            if self.conds.get(f"(({src}) & 3) != 0"):
                L(f"{ind}raise Trap({MISALIGNED_FETCH}, {self.const(f'({src}) & 0xFFFFFFFF')})")
                self.dead = self.dead or top
                return
            t = self._next(src)
        else:
            v = f"_t{next(self.tmp)}"
            if self.next_index:
                t = self._index_of(target, v, ind)
            else:
                if isinstance(target, ast.BinOp) and isinstance(target.op, ast.BitAnd) and _is_static(target.right):
                    # jalr: (X[rs1] + imm) & ~1, then mod 2**32: one AND with a folded mask
                    L(f"{ind}{v} = {self.expr(target.left)} & {self.const(f'({ast.unparse(target.right)}) & 0xFFFFFFFF')}")
                else:
                    L(f"{ind}{v} = {self.expr(target)} & 0xFFFFFFFF")
                L(f"{ind}if {v} & 3:")
                L(f"{ind}    raise Trap({MISALIGNED_FETCH}, {v})")
                t = v
        if tail:
            L(f"{ind}return {t}")
        elif top:
            self.final_target = t
        else:
            self.needs_npc = True
            L(f"{ind}_npc = {t}")

    def _index_of(self, target: ast.expr, v: str, ind: str) -> str:
        """Lines that leave in `v` the offset of a run-time jump target from RAM_BASE (raising
        instruction-address-misaligned); returns the expression of its cache index."""
        L = self.lines.append
        e, mask = target, None
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.BitAnd) and _is_static(e.right):
            e, mask = e.left, e.right                 # jalr: (X[rs1] + imm) & ~1
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add) and _is_static(e.right):
            L(f"{ind}{v} = {self.expr(e.left)} + {self.const(f'({ast.unparse(e.right)}) - RAM_BASE')}")
        else:
            L(f"{ind}{v} = {self.expr(e)} - RAM_BASE")
        wrap = self.const(f"({ast.unparse(mask)}) & 0xFFFFFFFF") if mask is not None else "0xFFFFFFFF"
        m = None if mask is None else _constant_value(mask)
        if mask is None or (m is not None and (m & MASK) | 3 == MASK):
            # The offset is 4 * index already when it is in [0, 2**30) with its low bits clear
            # (bit 0 does not count when the AND clears it: >> 2 drops it). Testing that is an
            # AND with a small negative constant, which CPython does without allocating; only
            # the rest (below RAM, far above, wrapping, misaligned) pays for the reduction.
            low = 3 if mask is None else 3 & m
            L(f"{ind}if {v} & {-(1 << 30) | low:#x}:")
            L(f"{ind}    {v} &= {wrap}")
            L(f"{ind}    if {v} & 3:")
            L(f"{ind}        raise Trap({MISALIGNED_FETCH}, ({v} + RAM_BASE) & 0xFFFFFFFF)")
        else:
            L(f"{ind}{v} &= {wrap}")
            L(f"{ind}if {v} & 3:")
            L(f"{ind}    raise Trap({MISALIGNED_FETCH}, ({v} + RAM_BASE) & 0xFFFFFFFF)")
        return f"{v} >> 2"

    def body(self, indent: str) -> list[str]:
        """Statements for the whole snippet; the last line returns the next pc."""
        self.base_indent = indent
        tree = ast.parse(self.ins.semantics)
        self.block(tree.body, indent, tail=True)
        last = self.lines[-1].strip() if self.lines else ""
        if self.dead:
            return self.lines
        if self.final_target is not None:
            self.lines.append(f"{indent}return {self.final_target}")
        elif self.needs_npc:
            self.lines.insert(0, f"{indent}_npc = {self._next('PC + 4')}")
            self.lines.append(f"{indent}return _npc")
        elif not (last.startswith("return ") or last.startswith("raise ")) or self.lines[-1].startswith(indent + " "):
            self.lines.append(f"{indent}return {self._next('PC + 4')}")
        return self.lines


def _op(op: ast.AST) -> str:
    return {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%",
            ast.LShift: "<<", ast.RShift: ">>", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
            ast.Invert: "~", ast.USub: "-", ast.Not: "not ", ast.And: "and", ast.Or: "or",
            ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
            }[type(op)]


def _constant_value(e: ast.AST) -> int | None:
    """The value of an expression of constants (``~1``), or None when it names an operand."""
    if any(isinstance(n, ast.Name) for n in ast.walk(e)):
        return None
    return eval(ast.unparse(e), {"__builtins__": {}})


def _fits_u32(e: ast.AST) -> bool:
    """Is the value of `e` certainly in [0, 2**32)? Then the write needs no mask."""
    if _is_X(e):
        return True
    if isinstance(e, ast.Constant):
        return isinstance(e.value, int) and 0 <= e.value <= MASK
    if isinstance(e, ast.IfExp):
        return _fits_u32(e.body) and _fits_u32(e.orelse)
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "load":
        return not e.args[2].value
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "csr_access":
        return True
    if isinstance(e, ast.BinOp):
        if isinstance(e.op, (ast.BitOr, ast.BitXor)):
            return _fits_u32(e.left) and _fits_u32(e.right)
        if isinstance(e.op, ast.BitAnd):
            return _fits_u32(e.left) or _fits_u32(e.right)   # a non-negative operand bounds the result
        if isinstance(e.op, (ast.RShift, ast.FloorDiv, ast.Mod)):
            return _fits_u32(e.left)
    if isinstance(e, ast.Name):
        return e.id in ("old", "v")
    return False


# ---- the interpreter's factories -----------------------------------------------------------

class _Undecided(Exception):
    """The emitter asked about an operand (``rd == 0`` ...) that this variant has not decided."""


class _Decisions(dict):
    """The static conditions decided for one variant of a handler; asking for any other raises
    _Undecided, so that python_factory can split the variant in two."""

    def __missing__(self, cond: str):
        for a, b in ((" != ", " == "), (" == ", " != ")):     # rs1 != 0 once rs1 == 0 is decided
            if a in cond and cond.replace(a, b) in self:
                return not self[cond.replace(a, b)]
        raise _Undecided(cond)

    def get(self, cond: str, default=None):
        return self[cond]


def _variants(emit, decided: dict):
    """The handler bodies for every outcome of the conditions the emitter asks about, as a
    decision tree: a list of lines (one variant), or (condition, tree if true, tree if false).
    Only the conditions that change the code are asked, in the order the snippet needs them."""
    try:
        return emit(_Decisions(decided))
    except _Undecided as u:
        cond = u.args[0]
        yes = _variants(emit, {**decided, cond: True})
        no = _variants(emit, {**decided, cond: False})
        return yes if yes == no else (cond, yes, no)


def python_factory(ins: Insn, inline_mem: bool = True, next_index: bool = False) -> str:
    """Source of ``make_<ident>(PC, WORD, <operands>)`` returning the handler closure.

    The handler returns the next pc or, with `next_index`, that pc's index in the
    interpreter's cache (see :meth:`PyEmitter._next`).
    """
    params = ["PC", "WORD", *ins.operand_names]
    out = [f"def {_factory_name(ins, next_index)}({', '.join(params)}):",
           f"    # {ins.name}: {ins.semantics!r}"]
    consts: dict[str, str] = {}

    def const(src: str) -> str:
        if src in params:
            return src
        if src not in consts:
            consts[src] = f"_k{len(consts)}"
        return consts[src]

    def emit(conds):
        em = PyEmitter(ins, None, lambda r, node: f"x[{r}]", lambda r, v, node: f"x[{r}] = {v}",
                       const, conds, inline_mem, next_index, signed_by_compare=True)
        return em.body("        ")

    tree = _variants(emit, {})
    body: list[str] = []

    def render(t, ind: str) -> None:
        if isinstance(t, tuple):
            cond, yes, no = t
            body.append(f"{ind}if {cond}:")
            render(yes, ind + "    ")
            render(no, ind)
            return
        body.append(f"{ind}def h():")
        body.extend(ind[4:] + ln for ln in t)
        body.append(f"{ind}return h")

    render(tree, "    ")
    used = set(re.findall(r"\b_k\d+\b", "\n".join(body)))
    out.extend(f"    {name} = {src}" for src, name in consts.items() if name in used)
    return "\n".join(out + body) + "\n"


def _factory_name(ins: Insn, next_index: bool) -> str:
    return f"make_{ins.ident}_indexed" if next_index else f"make_{ins.ident}"


INDEX_FUNCTION = ("def _index(pc):\n"
                  "    \"\"\"The cache index of pc: its word's offset from RAM_BASE, mod 2**32.\"\"\"\n"
                  "    return ((pc - RAM_BASE) & 0xFFFFFFFF) >> 2\n")


def interpreter_module(next_index: bool = False) -> str:
    """Source of every factory, plus the FACTORIES table mapping Insn name to factory: the
    whole generated interpreter in one text, to read (machines execute the same factories one
    by one, through :class:`Factories`).

    With `next_index`, the handlers return cache indexes (the interpreter's run loop): the
    factories are ``make_<insn>_indexed``, the table INDEXED_FACTORIES, and the module
    defines ``_index(pc)``. Otherwise the handlers return pcs (careful steps, the
    translator's interpreted blocks). Both can be executed in the same namespace.
    """
    parts = [f"# AUTO-GENERATED from vmlab/isa by vmlab.isa.codegen.interpreter_module"
             f"({'next_index=True' if next_index else ''}) — DO NOT EDIT\n"]
    if next_index:
        parts.append(INDEX_FUNCTION)
    for ins in ISA.insns:
        parts.append(python_factory(ins, next_index=next_index))
    table = "INDEXED_FACTORIES" if next_index else "FACTORIES"
    parts.append(table + " = {" + ", ".join(f"{i.name!r}: {_factory_name(i, next_index)}"
                                             for i in ISA.insns) + "}\n")
    return "\n".join(parts)


_CODE: dict = {}               # compiled once per process: (insn name, next_index) -> factory code


def factory_code(ins: Insn, next_index: bool = False):
    """One instruction's factory, compiled (once per process): what :class:`Factories`
    executes the first time a machine meets that instruction."""
    key = (ins.name, next_index)
    code = _CODE.get(key)
    if code is None:
        code = _CODE[key] = compile(python_factory(ins, next_index=next_index),
                                    f"<vmlab generated handler {_factory_name(ins, next_index)}>", "exec")
    return code


class Factories(dict):
    """Insn name -> factory, the same as interpreter_module's FACTORIES (INDEXED_FACTORIES with
    `next_index`) executed in namespace `ns`, but each factory is generated when it is first
    looked up (the interpreter looks up those of a program's instructions when the program is
    loaded: InterpBackend.prepare): a program holds a few dozen of the 118 instructions, and
    generating all of them cost every process about 0.3 s before its first instruction."""

    def __init__(self, ns: dict, next_index: bool = False):
        super().__init__()
        self.ns = ns
        self.next_index = next_index
        if next_index:                     # what the indexed handlers call
            exec(INDEX_FUNCTION, ns)

    def __missing__(self, name: str):
        ins = ISA.by_name[name]
        exec(factory_code(ins, self.next_index), self.ns)
        f = self[name] = self.ns[_factory_name(ins, self.next_index)]
        return f
