"""C code generation from the instruction table: the compiled core's decoder and loop.

The `cython` backend (``_speedups/core.pyx``) includes ``_speedups/_handlers.pxi``, which this
module writes from the instruction table, so the compiled core has no hand-written copy of any
instruction's semantics. Regenerate it after changing ``vmlab/isa``::

    python -m vmlab.isa.codegen_cython            # rewrite _speedups/_handlers.pxi
    python -m vmlab.isa.codegen_cython --check    # exit status 1 if the file is stale

The generated file is a Cython ``cdef extern`` block around generated C (Cython has no
computed goto) plus the declarations core.pyx uses. The C holds:

* ``OP_*``, an ``enum`` with one opcode per compiled instruction;
* ``decode_word()``: the instruction word -> a small ``Decoded`` struct (opcode, register
  numbers, one immediate, a static jump target as an entry offset), with the fields extracted
  as :mod:`vmlab.isa.fields` describes them;
* ``vm_exec()``: the loop. One label per instruction, its statements translated from its
  semantics snippet, ending with a jump through ``labels[next entry's opcode]`` (direct
  threading: every case has its own indirect jump, so the branch predictor sees which
  instruction follows which). Compilers without computed goto get one ``switch`` instead.

How a snippet becomes C. The snippet vocabulary (see :mod:`vmlab.isa.codegen`) computes on
unbounded Python integers; C has fixed-width ones. The translator tracks the range of every
subexpression (interval arithmetic from the operand fields' ranges: ``X[r]`` is in
[0, 2**32), ``imm`` in its field's range, ``s32`` maps to [-2**31, 2**31)) and computes each
operation in a C type that holds all its operands and its exact result: ``int64_t`` when that
fits, otherwise ``uint64_t`` (so ``s32(a) * s32(b)`` is an exact ``int64_t`` product and
``u64(a) * b`` an exact ``uint64_t`` one). An operation whose exact result fits neither is
rejected. Results then behave exactly like the Python ones, including the comparisons and
right shifts that depend on every bit, and ``X[rd] = e`` keeps e modulo 2**32 by a
conversion to ``uint32_t``. ``tdiv``/``trem`` are C's ``/`` and ``%`` (they round toward
zero, C99 6.5.5), ``//`` and ``%`` are accepted only on non-negative operands, where C and
Python agree. Division by zero never reaches C: the snippets guard it with a conditional
expression, which C evaluates lazily too.

Superinstructions. ``FUSED_PAIRS`` lists pairs of instructions that often follow each other
(``addi`` then ``bne``, ``lw`` then ``lw`` ...), chosen by ``python -m vmlab.isa.fused_pairs``
on a training corpus without the bench workloads. Each pair gets one more case, the first
instruction's code and the second's with the dispatch between them left out, and the core's
decoder gives an entry the pair's opcode when the entry after it holds the second
instruction. The entry after keeps its own opcode, for jumps into it. Where the budget ends
right after the first of a pair, the loop runs that entry as its own instruction
(``vm_first_op``) while the stop is in place.

A branch over one instruction. A conditional branch whose target is the word after next,
over an instruction whose case only writes rd (``beqz a2, 1f; xor a0, a0, a1; 1:``), gets
that instruction's ``OP_OVER_*`` opcode from the core's decoder once both are decoded: one case
that computes the direction from three comparisons and ``vm_taken``, computes the skipped
instruction's result, and writes rd either that result or its old value, without a host branch
(if-conversion). A direction that depends on the data then costs no misprediction. The entry
keeps the branch's own opcode in rd, and gets it back when the skipped instruction or the one
after it changes (``Core.invalidate``) or a breakpoint goes on either; where the budget ends
inside, the case runs as the plain branch.

What stays in Python. Instructions marked ``system`` (CSR access, mret, wfi, fence.i ...)
and any snippet that uses something the C core does not provide (a privileged
helper, WORD) become ``OP_CAREFUL``: the core stops before them and the reference
interpreter executes them with the machine's state written back, as libriscv's translator
falls back to its interpreter instead of copying semantics. So are jumps whose static target
is misaligned or outside RAM (decided once, at decode time) and illegal words. ``ecall`` and
``ebreak`` are system instructions that change nothing but raise a trap (``TRAP_HELPERS``):
the core stops before them with that trap (``ST_TRAP``) and the machine takes it, as after
any other trap the core raises, without the reference interpreter decoding them again. A
program's exit and every system call go that way.

Contract with the core (``_speedups/hart.pxd``, in C): the ``vm_hart`` struct (``x[33]``,
``pc``, RAM and line-flag pointers, ``base``, ``size``, trap ``cause``/``tval``, ``ecall_cause``, the decode
cache), the ``vm_decoded`` struct, the ``ST_*`` status codes, ``X0_SLOT`` (register 32:
writes to x0 go there at no cost; it is never read), ``vm_mem`` and the inline helpers
``can_load``, ``can_store``, ``ld8`` ... ``st32`` and ``target_ok``. The loop's macros are
described in :class:`CaseTranslator`; ``ends_run()`` tells the core's decoder which opcodes
end a straight-line run (the instructions marked ``ends_block``, whose cases ENTER a new run).
"""
from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from .causes import Cause
from .codegen import PURE_EVAL, PURE_FUNCS as PURE, STATIC_NAMES, _is_call, _is_X, snippet_names
from .spec import ISA, Insn
from . import fields as F

HEADER = """\
# AUTO-GENERATED from vmlab/isa — DO NOT EDIT
# Regenerate with:  python -m vmlab.isa.codegen_cython
# (the decoder and the instruction handlers of the compiled core, vmlab/isa/codegen_cython.py)
"""

PXI_PATH = Path(__file__).resolve().parents[2] / "_speedups" / "_handlers.pxi"

I64_MIN, I64_MAX, U64_MAX = -(1 << 63), (1 << 63) - 1, (1 << 64) - 1
C_RANGES = {"uint32_t": (0, 0xFFFFFFFF), "int32_t": (-(1 << 31), (1 << 31) - 1),
            "int64_t": (I64_MIN, I64_MAX), "uint64_t": (0, U64_MAX)}
FIRST_OP = 4                       # OP_DECODE, OP_CAREFUL, OP_BREAK, OP_STOP come first
POLL = 4096                        # instructions between looks at the pause flag
LOADS = {1: "ld8", 2: "ld16", 4: "ld32"}
# Helpers that only raise a trap (no state to change first): the core raises it itself, as
# (cause, tval) in C. ecall's cause depends on the privilege level: the core is given it
# (vm_hart.ecall_cause, from vmlab.isa.causes.ECALL_CAUSE) with the registers.
TRAP_HELPERS = {"ecall": ("h->ecall_cause", "0"), "ebreak": (str(int(Cause.BREAKPOINT)), "PC")}
STORES = {1: ("st8", "uint8_t"), 2: ("st16", "uint16_t"), 4: ("st32", "uint32_t")}
IMM_SLOT = "imm"                   # the one non-register operand, an int32_t

# Superinstructions: pairs of instructions that often follow each other, each pair one case of
# the loop. Dispatching is most of what a simple instruction costs the loop, and a pair has one
# dispatch instead of two. The pairs are the 32 most frequent fusable adjacent pairs (inside
# straight-line runs, both compiled) of a training corpus that leaves out the `vmlab bench`
# workloads, so the bench measures pairs chosen on other programs: loop counters and their
# branches, address arithmetic and the access, spills and reloads, byte loops. Produced by
#     python -m vmlab.isa.fused_pairs --python
# (vmlab/isa/fused_pairs.py: the corpus, the counting and the weighting). The first of a pair
# never ends a run.
FUSED_PAIRS = [
    ("addi", "addi"), ("addi", "beq"), ("lw", "lw"), ("add", "lw"), ("slli", "add"),
    ("addi", "bne"), ("sw", "sw"), ("lbu", "bne"), ("lw", "addi"), ("lw", "slli"),
    ("lbu", "lbu"), ("addi", "jal"), ("sub", "add"), ("sb", "addi"), ("addi", "bgeu"),
    ("addi", "sw"), ("sw", "addi"), ("addi", "blt"), ("lbu", "addi"), ("add", "add"),
    ("slli", "slli"), ("lbu", "sub"), ("add", "addi"), ("andi", "bne"), ("add", "lbu"),
    ("add", "sb"), ("addi", "lw"), ("add", "andi"), ("slli", "lbu"), ("sub", "sub"),
    ("slli", "sub"), ("addi", "bltu"),
]


class NotCompilable(Exception):
    """The snippet needs something only Python provides: the instruction runs carefully."""


class SnippetError(Exception):
    """A snippet the C translation cannot represent exactly (a bug to fix in the table or here)."""


@dataclass
class Val:
    """A translated expression: C source, its C type, and the range of its exact value."""
    code: str
    ctype: str
    lo: int
    hi: int

    @property
    def const(self) -> bool:
        return self.ctype == "const"


def _ctype_for(*ranges: tuple[int, int]) -> str | None:
    lo = min(r[0] for r in ranges)
    hi = max(r[1] for r in ranges)
    if I64_MIN <= lo and hi <= I64_MAX:
        return "int64_t"
    if 0 <= lo and hi <= U64_MAX:
        return "uint64_t"
    return None


def _cast(v: Val, ctype: str) -> str:
    """C text of `v` converted to `ctype` (every composite Val's code is parenthesised)."""
    if v.const or v.ctype == ctype:
        return v.code
    return f"({ctype}){v.code}"


def _lit(n: int) -> Val:
    if -(1 << 31) <= n < (1 << 31):
        return Val(str(n), "const", n, n)
    if n > I64_MAX:
        return Val(f"((uint64_t){n:#x}ULL)", "const", n, n)
    return Val(f"((int64_t){n:#x}LL)" if n >= 0 else f"(-(int64_t){-n:#x}LL)", "const", n, n)


def _field_range(f: F.Field) -> tuple[int, int]:
    return f.lo, f.hi


def _is_static(n: ast.AST) -> bool:
    """Depends only on operand fields, PC and constants (known when the word is decoded)."""
    for k in ast.walk(n):
        if isinstance(k, ast.Name) and k.id not in STATIC_NAMES and k.id not in PURE:
            return False
        if isinstance(k, ast.Subscript):
            return False
        if isinstance(k, ast.Call) and not (isinstance(k.func, ast.Name) and k.func.id in PURE):
            return False
    return True


# ---- expressions ------------------------------------------------------------------------------

class ExprTranslator:
    """Python snippet expressions -> C expressions with exact integer results.

    `names` maps each name the snippet may use to a Val (operand fields, PC, locals);
    `prelude` collects the statements a load needs before the expression that uses it.
    """

    def __init__(self, ins: Insn, names: dict[str, Val], temps: "Temps | None" = None):
        self.ins = ins
        self.names = names
        self.temps = temps
        self.prelude: list[str] = []

    def err(self, n: ast.AST, why: str) -> SnippetError:
        return SnippetError(f"{self.ins.name}: {ast.unparse(n)!r}: {why}")

    def binop(self, op: str, a: Val, b: Val, lo: int, hi: int, node: ast.AST) -> Val:
        if a.const and b.const:
            return _lit(lo)                                # folded: lo == hi
        t = _ctype_for((a.lo, a.hi), (b.lo, b.hi), (lo, hi))
        if t is None:
            raise self.err(node, "no 64-bit C type holds this exactly")
        return Val(f"({_cast(a, t)} {op} {_cast(b, t)})", t, lo, hi)

    def expr(self, n: ast.AST, conditional: bool = False) -> Val:
        if isinstance(n, ast.Constant):
            if isinstance(n.value, bool) or not isinstance(n.value, int):
                raise self.err(n, "only integer constants")
            return _lit(n.value)
        if isinstance(n, ast.Name):
            if n.id not in self.names:
                raise NotCompilable(f"{self.ins.name}: {n.id} is not available in the compiled core")
            return self.names[n.id]
        if _is_X(n):
            r = n.slice
            if not (isinstance(r, ast.Name) and r.id in ("rs1", "rs2")):
                raise NotCompilable(f"{self.ins.name}: reads X[{ast.unparse(r)}]")
            return Val(f"x[d->{r.id}]", "uint32_t", 0, 0xFFFFFFFF)
        if isinstance(n, ast.BinOp):
            return self.binary(n, conditional)
        if isinstance(n, ast.UnaryOp):
            v = self.expr(n.operand, conditional)
            if isinstance(n.op, (ast.USub, ast.Invert)):
                # -x and ~x (= -x - 1) both reverse the range
                op, d, what = ("-", 0, "negation") if isinstance(n.op, ast.USub) else ("~", 1, "~")
                lo, hi = -v.hi - d, -v.lo - d
                if v.const:
                    return _lit(lo)
                t = _ctype_for((v.lo, v.hi), (lo, hi)) or ""
                if t != "int64_t":
                    raise self.err(n, f"{what} outside int64_t")
                return Val(f"({op}{_cast(v, t)})", t, lo, hi)
            if isinstance(n.op, ast.Not):
                return Val(f"(!{v.code})", "bint", 0, 1)
        if isinstance(n, ast.Compare):
            if len(n.ops) != 1:
                raise self.err(n, "chained comparison")
            a = self.expr(n.left, conditional)
            b = self.expr(n.comparators[0], conditional)
            op = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                  ast.GtE: ">="}[type(n.ops[0])]
            t = _ctype_for((a.lo, a.hi), (b.lo, b.hi))
            if t is None:
                raise self.err(n, "operands have no common C type")
            for u, w in ((a, b), (b, a)):                  # same type, or a constant that fits: as is
                if u.ctype in C_RANGES and (w.ctype == u.ctype or (
                        w.const and C_RANGES[u.ctype][0] <= w.lo <= C_RANGES[u.ctype][1])):
                    t = u.ctype
            return Val(f"({_cast(a, t)} {op} {_cast(b, t)})", "bint", 0, 1)
        if isinstance(n, ast.BoolOp):
            vals = [self.expr(v, conditional or k > 0) for k, v in enumerate(n.values)]
            op = " && " if isinstance(n.op, ast.And) else " || "
            return Val("(" + op.join(v.code for v in vals) + ")", "bint", 0, 1)
        if isinstance(n, ast.IfExp):
            test = self.expr(n.test, conditional)
            a = self.expr(n.body, True)
            b = self.expr(n.orelse, True)
            lo, hi = min(a.lo, b.lo), max(a.hi, b.hi)
            t = _ctype_for((lo, hi))
            if t is None:
                raise self.err(n, "branches have no common C type")
            if a.ctype == b.ctype and a.ctype != "const":
                t = a.ctype
            return Val(f"({test.code} ? {_cast(a, t)} : {_cast(b, t)})", t, lo, hi)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            return self.call(n, conditional)
        raise NotCompilable(f"{self.ins.name}: {ast.unparse(n)!r} is not compiled")

    def binary(self, n: ast.BinOp, conditional: bool) -> Val:
        a = self.expr(n.left, conditional)
        b = self.expr(n.right, conditional)
        op = n.op
        if isinstance(op, (ast.Add, ast.Sub, ast.Mult)):
            sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}[type(op)]
            if isinstance(op, ast.Add):
                lo, hi = a.lo + b.lo, a.hi + b.hi
            elif isinstance(op, ast.Sub):
                lo, hi = a.lo - b.hi, a.hi - b.lo
            else:
                corners = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
                lo, hi = min(corners), max(corners)
            return self.binop(sym, a, b, lo, hi, n)
        if isinstance(op, (ast.LShift, ast.RShift)):
            if b.lo < 0 or b.hi > 63:
                raise self.err(n, "shift amount outside [0, 63]")
            if isinstance(op, ast.LShift):
                corners = [x << y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
            else:
                corners = [x >> y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
            lo, hi = min(corners), max(corners)
            if a.const and b.const:
                return _lit(lo)
            t = _ctype_for((a.lo, a.hi), (lo, hi))
            if t is None:
                raise self.err(n, "no 64-bit C type holds this shift exactly")
            if isinstance(op, ast.LShift) and a.lo < 0:
                # C leaves << of a negative value undefined; shift the bits unsigned instead
                return Val(f"((int64_t)((uint64_t){_cast(a, 'int64_t')} << {b.code}))", "int64_t", lo, hi)
            sym = "<<" if isinstance(op, ast.LShift) else ">>"    # >> of int64_t: arithmetic, like Python
            return Val(f"({_cast(a, t)} {sym} {b.code})", t, lo, hi)
        if isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor)):
            sym = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^"}[type(op)]
            if a.const and b.const:
                v = {"&": a.lo & b.lo, "|": a.lo | b.lo, "^": a.lo ^ b.lo}[sym]
                return _lit(v)
            bits = max(x.bit_length() for x in (a.lo, a.hi, b.lo, b.hi))
            lo, hi = -(1 << bits), (1 << bits) - 1         # two's complement: stays in the width
            if a.lo >= 0 and b.lo >= 0:
                lo = 0
                if sym == "&":
                    hi = min(a.hi, b.hi)
            elif sym == "&" and (a.lo >= 0 or b.lo >= 0):
                lo, hi = 0, a.hi if a.lo >= 0 else b.hi     # a non-negative operand bounds the result
            return self.binop(sym, a, b, lo, hi, n)
        if isinstance(op, (ast.FloorDiv, ast.Mod)):
            if a.lo < 0 or b.lo < 0:
                raise self.err(n, "// and % on possibly negative values round differently in C; "
                                  "use tdiv/trem")
            sym = "/" if isinstance(op, ast.FloorDiv) else "%"     # C and Python agree here
            return self.binop(sym, a, b, 0, a.hi, n)
        raise self.err(n, "operator not supported")

    def call(self, n: ast.Call, conditional: bool) -> Val:
        f = n.func.id
        args = n.args
        if f == "s32":
            v = self.expr(args[0], conditional)
            if v.lo < 0 or v.hi > 0xFFFFFFFF:
                raise self.err(n, "s32 of a value outside [0, 2**32)")
            return Val(f"((int64_t)(int32_t){v.code})", "int64_t", -(1 << 31), (1 << 31) - 1)
        if f in ("s64", "u64"):
            v = self.expr(args[0], conditional)
            t = "int64_t" if f == "s64" else "uint64_t"
            if _ctype_for((v.lo, v.hi)) is None or (f == "u64" and v.lo < 0):
                raise self.err(n, f"{f} of a value outside its range")
            return Val(f"(({t}){v.code})", t, v.lo, v.hi)
        if f in ("tdiv", "trem"):
            a, b = self.expr(args[0], conditional), self.expr(args[1], conditional)
            if _ctype_for((a.lo, a.hi), (b.lo, b.hi)) != "int64_t":
                raise self.err(n, "tdiv/trem outside int64_t")
            m = max(abs(a.lo), abs(a.hi))
            # C's / and % round toward zero (C99 6.5.5), which is what tdiv/trem mean.
            sym = "/" if f == "tdiv" else "%"
            return Val(f"({_cast(a, 'int64_t')} {sym} {_cast(b, 'int64_t')})", "int64_t", -m, m)
        if f == "load":
            if conditional:
                raise NotCompilable(f"{self.ins.name}: a load inside a conditional expression")
            size, signed = args[1].value, args[2].value
            a = self.expr(args[0], conditional)
            addr = self.temps.new("uint32_t")
            res = self.temps.new("int64_t" if signed else "uint32_t")
            self.prelude.append(f"{addr} = (uint32_t){a.code};")
            self.prelude.append(f"if (!can_load(&mem, {addr}, {size})) EXIT(ST_CAREFUL);")
            ld = f"{LOADS[size]}(&mem, {addr})"
            if signed:
                ld = f"(int64_t)(int{8 * size}_t){ld}"
                rng = (-(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1)
            else:
                rng = (0, (1 << (8 * size)) - 1)
            self.prelude.append(f"{res} = {ld};")
            return Val(res, "int64_t" if signed else "uint32_t", *rng)
        raise NotCompilable(f"{self.ins.name}: calls {f}()")


class Temps:
    """Typed temporaries of vm_exec(), declared once at its top."""

    def __init__(self) -> None:
        self.decl: dict[str, str] = {}
        self.count = 0

    def new(self, ctype: str) -> str:
        name = f"_t{self.count}"
        self.count += 1
        self.decl[name] = ctype
        return name


# ---- statements -------------------------------------------------------------------------------

class CaseTranslator:
    """One instruction's snippet -> the C statements after its label in vm_exec().

    The loop's macros (see LOOP_HEAD): ``PC`` is this instruction's address (computed from
    the entry pointer ``d``); ``NEXT()`` goes on to the following entry of the straight-line
    run; ``ENTER(p)`` starts the run at entry ``p``; ``EXIT(st)`` leaves before this
    instruction (nothing of it has happened); ``LEAVE_TO(a)`` leaves after it with pc = a.
    """

    def __init__(self, ins: Insn, temps: Temps):
        self.ins = ins
        self.temps = temps
        self.names: dict[str, Val] = {"PC": Val("PC", "uint32_t", 0, 0xFFFFFFFC)}
        for f in ins.fields:
            if f.kind == "reg":
                continue
            self.names[f.name] = Val(f"d->{IMM_SLOT}", "int32_t", *_field_range(f))
        self.lines: list[str] = []
        self.effects = False          # a register or memory write has been emitted
        self.jumps = False
        self.dynamic = False          # a jump whose target is known only when it runs
        self.static_target: str | None = None

    def translate(self) -> list[str]:
        tree = ast.parse(self.ins.semantics)
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        nonreg = [f.name for f in self.ins.fields if f.kind != "reg" and f.name in used]
        if len(nonreg) > 1:
            raise NotCompilable(f"{self.ins.name}: more than one immediate operand")
        targets = static_jump_targets(self.ins)
        if len({ast.dump(t) for t in targets}) > 1:
            raise NotCompilable(f"{self.ins.name}: more than one static jump target")
        self.dynamic = any(_is_call(n, "jump") and not _is_static(n.args[0]) for n in ast.walk(tree))
        conditional_jump = any(isinstance(s, ast.If) and any(_is_call(k, "jump") for k in ast.walk(s))
                               for s in tree.body)
        if conditional_jump:          # not taken: the next word
            self.lines.append("_npc = PC + 4;" if self.dynamic else "_nd = d + 1;")
        self.block(tree.body, "")
        if only_traps(self.ins):
            pass                      # it always leaves with its trap
        elif self.dynamic:
            self.lines.append("if ((uint32_t)(_npc - base) >= size)")
            self.lines.append("    LEAVE_TO(_npc);           /* retired; the next fetch is outside RAM */")
            self.lines.append("ENTER(ENTRY(_npc));")
        elif self.jumps:
            self.lines.append("ENTER(_nd);")
        elif self.ins.ends_block:
            self.lines.append("ENTER(d + 1);")
        else:
            self.lines.append("NEXT();")
        return self.lines

    def expr(self, n: ast.AST, ind: str) -> Val:
        tr = ExprTranslator(self.ins, self.names, self.temps)
        v = tr.expr(n)
        if tr.prelude and self.effects:
            raise SnippetError(f"{self.ins.name}: a load after a write cannot leave the core cleanly")
        self.lines.extend(ind + p for p in tr.prelude)
        return v

    def block(self, stmts: list[ast.stmt], ind: str) -> None:
        for s in stmts:
            self.stmt(s, ind)

    def stmt(self, s: ast.stmt, ind: str) -> None:
        L = self.lines.append
        if isinstance(s, ast.Pass):
            return
        if isinstance(s, ast.Assign) and len(s.targets) == 1:
            t = s.targets[0]
            v = self.expr(s.value, ind)
            if _is_X(t):
                if not (isinstance(t.slice, ast.Name) and t.slice.id == "rd"):
                    raise NotCompilable(f"{self.ins.name}: writes X[{ast.unparse(t.slice)}]")
                # X[rd] = e keeps e modulo 2**32; rd == 0 was redirected to X0_SLOT by the decoder
                L(f"{ind}x[d->rd] = (uint32_t){v.code};")
                self.effects = True
                return
            if isinstance(t, ast.Name):
                ct = "bint" if v.ctype == "bint" else (_ctype_for((v.lo, v.hi)) or "")
                name = self.temps.new(ct)
                L(f"{ind}{name} = {v.code};")
                self.names[t.id] = Val(name, ct, v.lo, v.hi)
                return
        if isinstance(s, ast.Expr) and _is_call(s.value):
            c = s.value
            if _is_call(c, "jump"):
                return self.jump(c.args[0], ind)
            if isinstance(c.func, ast.Name) and c.func.id in TRAP_HELPERS and not c.args:
                if self.effects:
                    raise SnippetError(f"{self.ins.name}: a trap after a write cannot leave the core cleanly")
                cause, tval = TRAP_HELPERS[c.func.id]
                L(f"{ind}h->cause = {cause};")
                L(f"{ind}h->tval = {tval};")
                L(f"{ind}EXIT(ST_TRAP);")
                return
            if _is_call(c, "store"):
                size = c.args[1].value
                a = self.expr(c.args[0], ind)
                v = self.expr(c.args[2], ind)
                if self.effects:
                    raise SnippetError(f"{self.ins.name}: a store after a write cannot leave the core cleanly")
                addr = self.temps.new("uint32_t")
                fn, ct = STORES[size]
                L(f"{ind}{addr} = (uint32_t){a.code};")
                L(f"{ind}if (!can_store(&mem, {addr}, {size}))    /* device, outside RAM, code or hooked */")
                L(f"{ind}    EXIT(ST_CAREFUL);")
                L(f"{ind}{fn}(&mem, {addr}, ({ct}){v.code});")
                self.effects = True
                return
            raise NotCompilable(f"{self.ins.name}: calls {ast.unparse(c.func)}()")
        if isinstance(s, ast.If):
            test = self.expr(s.test, ind)
            L(f"{ind}if {test.code if test.code.startswith('(') else '(' + test.code + ')'} {{")
            self.block(s.body, ind + "    ")
            if s.orelse:
                L(f"{ind}}} else {{")
                self.block(s.orelse, ind + "    ")
            L(f"{ind}}}")
            return
        raise NotCompilable(f"{self.ins.name}: statement {ast.unparse(s)!r} is not compiled")

    def jump(self, target: ast.expr, ind: str) -> None:
        L = self.lines.append
        self.jumps = True
        if _is_static(target):
            # decode_word() checked this target (aligned, inside RAM, else the insn is careful)
            # and keeps it as an entry offset
            if self.dynamic:
                v = self.expr(target, ind)
                L(f"{ind}_npc = (uint32_t){v.code};")
            else:
                L(f"{ind}_nd = d + d->tgt;")
            return
        v = self.expr(target, ind)
        if self.effects:
            raise SnippetError(f"{self.ins.name}: jump() after a write cannot trap cleanly")
        t = self.temps.new("uint32_t")
        L(f"{ind}{t} = (uint32_t){v.code};")
        L(f"{ind}if ({t} & 3) {{                  /* misaligned: trap before any write */")
        L(f"{ind}    h->cause = {int(Cause.INSTRUCTION_ADDRESS_MISALIGNED)};")
        L(f"{ind}    h->tval = {t};")
        L(f"{ind}    EXIT(ST_TRAP);")
        L(f"{ind}}}")
        L(f"{ind}_npc = {t};")


def only_traps(ins: Insn) -> bool:
    """The snippet is one call of a TRAP_HELPERS helper (ecall, ebreak): a system instruction
    the core can run, since it changes nothing before the trap."""
    body = ast.parse(ins.semantics).body
    return (len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Call)
            and isinstance(body[0].value.func, ast.Name) and body[0].value.func.id in TRAP_HELPERS
            and not body[0].value.args)


def static_jump_targets(ins: Insn) -> list[ast.expr]:
    """The jump() targets that are known when the word is decoded (branch and jal targets)."""
    tree = ast.parse(ins.semantics)
    return [n.args[0] for n in ast.walk(tree) if _is_call(n, "jump") and _is_static(n.args[0])]


# ---- the decoder ------------------------------------------------------------------------------

def field_code(f: F.Field) -> str:
    """C expression extracting field `f` from `word` (as Field.extract does)."""
    parts = []
    rest = f.bits - f.shift
    for lsb, w in f.pieces:
        rest -= w
        piece = f"((word >> {lsb}) & {hex((1 << w) - 1)})" if lsb else f"(word & {hex((1 << w) - 1)})"
        sh = rest + f.shift
        parts.append(f"({piece} << {sh})" if sh else piece)
    v = " | ".join(parts)
    if len(parts) > 1:
        v = f"({v})"
    if f.signed:
        top = 1 << (f.bits - 1)
        return f"((int64_t){v} ^ {hex(top)}) - {hex(top)}"
    return v


@dataclass
class Compiled:
    ins: Insn
    op: str | None               # OP_* name, or None when the instruction runs carefully
    body: list[str]
    why: str = ""


@dataclass
class Fused:
    """A superinstruction: `first` then `second`, the entry after it, in one case."""
    first: Compiled
    second: Compiled

    @property
    def op(self) -> str:
        return f"{self.first.op}_{self.second.op[3:]}"

    @property
    def name(self) -> str:
        return f"{self.first.ins.name}+{self.second.ins.name}"

    @property
    def body(self) -> list[str]:
        # The first's case ends with NEXT(); here d moves on without dispatching, so the
        # second's code (its PC, EXIT, ENTER) is about the entry after it as usual.
        assert self.first.body[-1] == "NEXT();", self.first.ins.name
        return self.first.body[:-1] + ["d++;", _c_comment(snippet_comment(self.second.ins))] + self.second.body


# ---- a branch over one instruction (if-conversion, see the module docstring) -------------------

# The direction of every branch of the table is a function of k = (a == b) | (a < b signed) << 1
# | (a < b unsigned) << 2: vm_taken[op] has bit k set when it is taken (checked on samples of
# each class when generating).
# (a, b) samples of each class k = eq | lt << 1 | ltu << 2 (the other k cannot happen)
_COMPARE_CLASSES = {
    0: [(2, 1), (0x7FFFFFFF, 0), (0xFFFFFFFF, 0x80000000), (5, 0)],
    1: [(0, 0), (5, 5), (0xFFFFFFFF, 0xFFFFFFFF), (0x80000000, 0x80000000)],
    2: [(0xFFFFFFFF, 1), (0x80000000, 0), (0x80000000, 0x7FFFFFFF)],
    4: [(1, 0xFFFFFFFF), (0, 0x80000000), (0x7FFFFFFF, 0x80000000)],
    6: [(1, 2), (0, 5), (0x80000000, 0x80000001), (0xFFFFFFFE, 0xFFFFFFFF)],
}


def _is_branch(tree: ast.Module) -> bool:
    """The snippet is `if <test>: jump(<static target>)` and nothing else."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.If) or tree.body[0].orelse:
        return False
    body = tree.body[0].body
    return (len(body) == 1 and isinstance(body[0], ast.Expr) and _is_call(body[0].value, "jump")
            and _is_static(body[0].value.args[0]))


def taken_mask(ins: Insn) -> int | None:
    """The branch's vm_taken bits, or None if it is not a branch on X[rs1] and X[rs2] alone."""
    tree = ast.parse(ins.semantics)
    if not _is_branch(tree):
        return None
    test = tree.body[0].test
    for n in ast.walk(test):
        if isinstance(n, ast.Name) and n.id not in ("X", "rs1", "rs2", *PURE_EVAL):
            return None
        if isinstance(n, ast.Subscript) and not (_is_X(n) and isinstance(n.slice, ast.Name)):
            return None
    code = compile(ast.Expression(test), ins.name, "eval")
    mask = 0
    for k, samples in _COMPARE_CLASSES.items():
        taken = {bool(eval(code, {**PURE_EVAL, "X": {1: a, 2: b}, "rs1": 1, "rs2": 2}))
                 for a, b in samples}
        if len(taken) > 1:
            return None                   # depends on more than the three comparisons
        mask |= taken.pop() << k
    return mask


def over_candidate(c: Compiled) -> bool:
    """A compiled instruction whose case only writes rd (it cannot trap or leave the loop)."""
    return (c.op is not None and not c.ins.ends_block and len(c.body) == 2
            and c.body[0].startswith("x[d->rd] = ") and c.body[1] == "NEXT();")


@dataclass
class Over:
    """The case for a conditional branch over one instruction, `skipped`."""
    skipped: Compiled

    @property
    def op(self) -> str:
        return f"OP_OVER_{self.skipped.op[3:]}"

    @property
    def name(self) -> str:
        return f"(branch over)+{self.skipped.ins.name}"

    @property
    def body(self) -> list[str]:
        write = self.skipped.body[0][len("x[d->rd] = "):]
        return [
            "_a = x[d->rs1];",
            "_b = x[d->rs2];",
            "_skip = (vm_taken[d->rd] >> ((_a == _b) | ((int32_t)_a < (int32_t)_b) << 1 | (_a < _b) << 2)) & 1;",
            "_r = (d + 2)->run + 1 - _skip;          /* as ENTER(d + 1), or ENTER(d + 2) when taken */",
            "if (VM_UNLIKELY((int32_t)_r > left))",
            "    ENTER(_skip ? d + 2 : d + 1);      /* the budget ends in there: the plain branch */",
            "left -= (int32_t)_r;",
            "d++;",
            _c_comment(snippet_comment(self.skipped.ins)),
            f"_r = {write[:-1]};",
            "_skip = 0u - _skip;                     /* all ones when taken: keep rd */",
            "x[d->rd] = (x[d->rd] & _skip) | (_r & ~_skip);   /* no host branch, and the address does not wait */",
            "d++;",
            "DISPATCH();",
        ]


def over_table(compiled: list[Compiled]) -> list[Over]:
    return [Over(c) for c in compiled if over_candidate(c)]


def fuse_table(compiled: list[Compiled]) -> list[Fused]:
    by_name = {c.ins.name: c for c in compiled}
    out = []
    for a, b in FUSED_PAIRS:
        first, second = by_name[a], by_name[b]
        if first.op is None or second.op is None or first.ins.ends_block:
            raise SnippetError(f"cannot fuse {a} and {b}: both must be compiled, and {a} must not end a run")
        out.append(Fused(first, second))
    return out


def compile_table() -> tuple[list[Compiled], Temps]:
    temps = Temps()
    out = []
    for ins in ISA.insns:
        if ins.system and not only_traps(ins):
            out.append(Compiled(ins, None, [], "system: needs the machine's state written back"))
            continue
        try:
            body = CaseTranslator(ins, temps).translate()
        except NotCompilable as e:
            out.append(Compiled(ins, None, [], str(e).split(": ", 1)[-1]))
            continue
        out.append(Compiled(ins, f"OP_{ins.ident.upper()}", body))
    return out, temps


def snippet_comment(ins: Insn) -> str:
    """How each case quotes the snippet it was generated from (one line)."""
    return f"{ins.name}: " + "; ".join(ins.semantics.splitlines())


def _c_comment(text: str) -> str:
    return "/* " + text.replace("*/", "* /") + " */"


def _decoder(compiled: list[Compiled]) -> list[str]:
    field_vars: dict[str, str] = {}
    for c in compiled:
        for f in c.ins.fields:
            field_vars[f.name] = "int64_t" if f.signed else "uint32_t"
    L = ["/* Fill d for the instruction word at pc: opcode and operands, once per address. */",
         "static void decode_word(uint32_t pc, uint32_t word, vm_decoded* d, uint32_t base, uint32_t size)",
         "{"]
    for name, ct in sorted(field_vars.items()):
        L.append(f"    {ct} {name};")
    L.append("    uint32_t target;")
    for name in sorted(field_vars):
        L.append(f"    (void){name};")
    L.append("    (void)target;")
    L.append("    d->rd = X0_SLOT;")
    L.append("    d->rs1 = 0;")
    L.append("    d->rs2 = 0;")
    L.append("    d->imm = 0;")
    L.append("    d->tgt = 0;")
    by_major: dict[int, list[Compiled]] = {}
    for c in compiled:
        by_major.setdefault(c.ins.match & 0x7F, []).append(c)
    L.append("    switch (word & 0x7F) {")
    for major in sorted(by_major):
        L.append(f"    case {hex(major)}:")
        for c in by_major[major]:
            ins = c.ins
            L.append(f"        if ((word & {ins.mask:#010x}u) == {ins.match:#010x}u) {{    /* {ins.name} */")
            if c.op is None:
                L.append(f"            d->op = OP_CAREFUL;        {_c_comment(c.why)}")
                L.append("            return;")
                L.append("        }")
                continue
            for f in ins.fields:
                if f.kind == "reg" or f.name in snippet_names(ins):
                    L.append(f"            {f.name} = {field_code(f)};")
            L.append(f"            d->op = {c.op};")
            for f in ins.fields:
                if f.kind == "reg":
                    if f.name == "rd":
                        L.append("            d->rd = rd != 0 ? (uint8_t)rd : X0_SLOT;")
                    else:
                        L.append(f"            d->{f.name} = (uint8_t){f.name};")
                elif f.name in snippet_names(ins):
                    L.append(f"            d->{IMM_SLOT} = (int32_t){f.name};")
            for t in static_jump_targets(ins)[:1]:
                names = {"PC": Val("pc", "uint32_t", 0, 0xFFFFFFFC)}
                for f in ins.fields:
                    names[f.name] = Val(f.name, field_vars[f.name], *_field_range(f))
                v = ExprTranslator(ins, names).expr(t)
                L.append(f"            target = (uint32_t){v.code};")
                L.append("            if (!target_ok(target, base, size))")
                L.append("                d->op = OP_CAREFUL;    /* the taken jump traps or leaves RAM */")
                L.append("            else")
                L.append("                d->tgt = (int32_t)(target - pc) / 4;   /* entries away */")
            L.append("            return;")
            L.append("        }")
        L.append("        break;")
    L.append("    }")
    L.append("    d->op = OP_CAREFUL;                  /* illegal: the interpreter raises the trap */")
    L.append("}")
    return L


def _fusion(ops: list[Compiled], fused: list[Fused], overs: list[Over]) -> list[str]:
    L = ["/* The superinstruction for the entry of opcode a followed by one of opcode b, or a. */",
         "static inline int vm_fuse(int a, int b)",
         "{",
         "    switch (a) {"]
    by_first: dict[str, list[Fused]] = {}
    for f in fused:
        by_first.setdefault(f.first.op, []).append(f)
    for first, fs in by_first.items():
        L.append(f"    case {first}:")
        for f in fs:
            L.append(f"        if (b == {f.second.op}) return {f.op};")
        L.append("        break;")
    L.append("    }")
    L.append("    return a;")
    L.append("}")
    L.append("")
    L.append("/* The opcode of an entry's own instruction (a superinstruction's first one). */")
    L.append("static const uint8_t vm_first_op[] = {")
    firsts = (["OP_DECODE", "OP_CAREFUL", "OP_BREAK", "OP_STOP"] + [c.op for c in ops]
              + [f.first.op for f in fused] + [o.op for o in overs])
    for k in range(0, len(firsts), 6):
        L.append("    " + ", ".join(firsts[k:k + 6]) + ",")
    L.append("};")
    L.append("")
    masks = {c.op: taken_mask(c.ins) for c in ops}
    L.append("/* A branch that may become OP_OVER_*: its entry has bit (a == b) | (a < b signed) << 1")
    L.append("   | (a < b unsigned) << 2 set when it is taken; every other opcode has 0. */")
    L.append("static const uint8_t vm_taken[] = {")
    row = (["0", "0", "0", "0"] + [hex(masks[c.op]) if masks[c.op] is not None else "0" for c in ops]
           + ["0"] * (len(fused) + len(overs)))         # one for every opcode
    for k in range(0, len(row), 12):
        L.append("    " + ", ".join(row[k:k + 12]) + ",")
    L.append("};")
    L.append("")
    L.append("/* The OP_OVER_* opcode for a branch over one instruction of opcode op, or 0. */")
    L.append("static inline int vm_over(int op)")
    L.append("{")
    L.append("    switch (op) {")
    for o in overs:
        L.append(f"    case {o.skipped.op}: return {o.op};")
    L.append("    }")
    L.append("    return 0;")
    L.append("}")
    L.append("")
    L.append("/* Is op one of the OP_OVER_* (whose entry keeps the branch's own opcode in rd)? */")
    L.append("static inline int vm_is_over(int op)")
    L.append("{")
    L.append(f"    return op >= {overs[0].op} && op <= {overs[-1].op};" if overs else "    return 0;")
    L.append("}")
    return L


def _ends_run(compiled: list[Compiled], overs: list[Over]) -> list[str]:
    enders = [c.op for c in compiled if c.op is not None and c.ins.ends_block]
    L = ["/* Does a straight-line run end here (control transfer, or the loop stops before it)? */",
         "static inline int ends_run(int op)",
         "{",
         "    return op == OP_CAREFUL || op == OP_BREAK"]
    for k in range(0, len(enders), 4):
        L.append("        || " + " || ".join(f"op == {e}" for e in enders[k:k + 4]))
    if overs:
        L.append(f"        || (op >= {overs[0].op} && op <= {overs[-1].op})")
    L[-1] += ";"
    L.append("}")
    return L


# The loop around the generated cases. Instructions are counted per straight-line run, not one
# by one: each decoded entry knows how many instructions follow it to the end of its run (a
# branch or jump, or an instruction the loop stops before), and ENTER takes that count from the
# budget when a run starts. When a run would overshoot, the entry where the budget ends becomes
# OP_STOP while the run executes (and the entry before it its own instruction alone, so that no
# superinstruction runs past the stop). The budget is cut into windows of VM_POLL instructions; the
# pause flag is read between windows. Leaving before an entry gives back what the run did not
# retire: the entry's own count (less the stop entry's, when the run was cut short).
LOOP_HEAD = """\
/* Run at most n instructions from h->pc; *done = how many retired; ST_* says why it returned.
   h->pc is written back; registers live in h->x throughout. */
static VM_LOOP_ATTRS int vm_exec(vm_hart* h, Py_ssize_t n, const volatile int* pause,
                                 vm_decode_fn decode_run, void* ctx, Py_ssize_t* done)
{
    uint32_t* const x = h->x;
    const uint32_t base = h->base, size = h->size;
    const vm_mem mem = vm_mem_of(h);
    const uintptr_t bias = (uintptr_t)h->cache - ((uintptr_t)base << 2);
    vm_decoded* d = (vm_decoded*)(bias + ((uintptr_t)h->pc << 2));
    vm_decoded* stop = NULL;      /* the entry made OP_STOP, in a run cut short by the budget */
    vm_decoded* split = NULL;     /* the entry before it, made its own instruction alone */
    vm_decoded* _nd;
    uint8_t saved = 0, split_op = 0;
    Py_ssize_t total = 0;         /* instructions of the finished windows */
    int32_t window = (int32_t)(n < VM_POLL ? n : VM_POLL);
    int32_t left = window;        /* budget left in this window */
    uint32_t _r, _npc, _a, _b, _skip;
    int st;
"""

LOOP_MACROS = """\
    /* the address of the instruction at entry d, and the entry of address a */
#define PC ((uint32_t)(((uintptr_t)d - bias) >> 2))
#define ENTRY(a) ((vm_decoded*)(bias + ((uintptr_t)(a) << 2)))
#if VM_THREADED
#define DISPATCH() goto *labels[d->op]
#else
#define DISPATCH() goto dispatch
#endif
#define NEXT() do { d++; DISPATCH(); } while (0)
#define ENTER(p) do { d = (p); left -= (int32_t)d->run; if (VM_UNLIKELY(left < 0)) goto overshoot; DISPATCH(); } while (0)
#define EXIT(s) do { st = (s); goto leave_before; } while (0)
#define LEAVE_TO(a) do { h->pc = (a); goto leave_after; } while (0)
"""

LOOP_SLOW = """\
overshoot:                          /* ENTER took more than the window had left */
    left += (int32_t)d->run;
slow:                               /* d starts a run that is not decoded or does not fit */
    _r = d->run;
    if (_r - 1 < (uint32_t)left) {
        left -= (int32_t)_r;
        DISPATCH();
    }
    if (left == 0) {                /* end of a window: the budget, then the pause flag */
        total += window;
        window = 0;
        if (total >= n) {
            st = ST_DONE;
            h->pc = PC;
            goto out;
        }
        if (*pause) {
            st = ST_PAUSED;
            h->pc = PC;
            goto out;
        }
        window = (int32_t)(n - total < VM_POLL ? n - total : VM_POLL);
        left = window;
        goto slow;
    }
    if (_r == 0) {                  /* not decoded (an entry has run 0 exactly when it is OP_DECODE) */
        decode_run(ctx, PC);
        goto slow;
    }
    stop = d + left;                /* inside this run, which is decoded to its end */
    saved = stop->op;
    stop->op = OP_STOP;
    split = stop - 1;               /* a superinstruction there would run past the stop */
    split_op = split->op;
    split->op = vm_first_op[split_op];
    left = 0;
    DISPATCH();

L_STOP:                             /* the window ends before this entry */
    stop->op = saved;
    split->op = split_op;
    stop = NULL;
    goto slow;

L_DECODE:                           /* a run starts here (ENTER took its run, 0): decode it.
                                       Never inside a run: a decoded entry that does not end
                                       its run is followed by a decoded one (core.pyx) */
    goto slow;

L_CAREFUL:
    EXIT(ST_CAREFUL);

L_BREAK:
    EXIT(ST_BREAK);

leave_before:                       /* the instruction at d did not run: give back the rest */
    left += (int32_t)d->run;
    if (stop) {
        left -= (int32_t)stop->run;
        stop->op = saved;
        split->op = split_op;
    }
    h->pc = PC;
    goto out;

leave_after:                        /* a jump retired; the next fetch needs Python */
    st = (left == 0 && total + window >= n) ? ST_DONE : ST_CAREFUL;

out:
    *done = total + window - left;
    return st;
#undef PC
#undef ENTRY
#undef DISPATCH
#undef NEXT
#undef ENTER
#undef EXIT
#undef LEAVE_TO
}"""


def _vm_exec(compiled: list[Compiled], fused: list[Fused], overs: list[Over], temps: Temps) -> list[str]:
    ops = [c for c in compiled if c.op is not None]
    labels = (["L_DECODE", "L_CAREFUL", "L_BREAK", "L_STOP"] + [f"L_{c.op[3:]}" for c in ops]
              + [f"L_{f.op[3:]}" for f in fused] + [f"L_{o.op[3:]}" for o in overs])
    L = LOOP_HEAD.splitlines()
    for name, ct in temps.decl.items():
        L.append(f"    {'int' if ct == 'bint' else ct} {name};")
    L.append("#if VM_THREADED")
    L.append("    static const void* const labels[] = {")
    for k in range(0, len(labels), 6):
        L.append("        " + ", ".join(f"&&{lb}" for lb in labels[k:k + 6]) + ",")
    L.append("    };")
    L.append("#endif")
    L.extend(LOOP_MACROS.splitlines())
    L.append("    (void)_nd; (void)_npc; (void)_a; (void)_b; (void)_skip;")
    L.append("    goto slow;                      /* h->pc starts a run */")
    L.append("")
    L.append("#if !VM_THREADED")
    L.append("dispatch:")
    L.append("    switch (d->op) {")
    for k, lb in enumerate(labels):
        L.append(f"    case {k}: goto {lb};")
    L.append("    default: goto L_CAREFUL;")
    L.append("    }")
    L.append("#endif")
    L.append("")
    for c in ops:
        L.append(f"L_{c.op[3:]}:")
        L.append(f"    {_c_comment(snippet_comment(c.ins))}")
        L.extend("    " + ln for ln in c.body)
        L.append("")
    for f in fused:
        L.append(f"L_{f.op[3:]}:")
        L.append(f"    {_c_comment(snippet_comment(f.first.ins))}")
        L.extend("    " + ln for ln in f.body)
        L.append("")
    for o in overs:
        L.append(f"L_{o.op[3:]}:")
        L.append(f"    /* a branch over one {o.skipped.ins.name} (the branch's opcode is in rd) */")
        L.extend("    " + ln for ln in o.body)
        L.append("")
    L.extend(LOOP_SLOW.splitlines())
    return L


def handlers_pxi() -> str:
    """The text of _speedups/_handlers.pxi."""
    compiled, temps = compile_table()
    ops = [c for c in compiled if c.op is not None]
    fused = fuse_table(compiled)
    overs = over_table(compiled)
    if FIRST_OP + len(ops) + len(fused) + len(overs) > 256:
        raise SnippetError("more opcodes than an entry's uint8_t op holds")
    careful = [c for c in compiled if c.op is None]
    L = [HEADER.rstrip("\n"), ""]
    L.append("# Compiled to C: " + " ".join(c.ins.name for c in ops))
    L.append("# Run by the reference interpreter (OP_CAREFUL):")
    for c in careful:
        L.append(f"#   {c.ins.name}: {c.why}")
    L.append("")
    L.append("OP_NAMES = (" + ", ".join(repr(n) for n in ["(decode)", "(careful)", "(breakpoint)", "(stop)"]
                                    + [c.ins.name for c in ops] + [f.name for f in fused]
                                    + [o.name for o in overs]) + ",)")
    L.append("CAREFUL_INSNS = (" + ", ".join(repr(c.ins.name) for c in careful) + ",)")
    L.append("")
    C = []
    C.append("#if (defined(__GNUC__) || defined(__clang__)) && !defined(VM_NO_THREADING)")
    C.append("#define VM_THREADED 1           /* each case jumps to the next through labels[] */")
    C.append("#else")
    C.append("#define VM_THREADED 0           /* one switch (compilers without computed goto) */")
    C.append("#endif")
    C.append("")
    C.append("enum {")
    C.append("    OP_DECODE = 0,    /* not decoded yet (a zeroed cache entry) */")
    C.append("    OP_CAREFUL = 1,   /* leave the loop; the reference interpreter executes it */")
    C.append("    OP_BREAK = 2,     /* a breakpoint: stop before executing */")
    C.append("    OP_STOP = 3,      /* put in place by the loop where its budget ends, then taken away */")
    for k, c in enumerate(ops):
        C.append(f"    {c.op} = {FIRST_OP + k},")
    for k, f in enumerate(fused):
        C.append(f"    {f.op} = {FIRST_OP + len(ops) + k},")
    for k, o in enumerate(overs):
        C.append(f"    {o.op} = {FIRST_OP + len(ops) + len(fused) + k},")
    C.append(f"    VM_POLL = {POLL}     /* instructions between looks at the pause flag */")
    C.append("};")
    C.append("")
    C.extend(_decoder(compiled))
    C.append("")
    C.extend(_ends_run(compiled, overs))
    C.append("")
    C.extend(_fusion(ops, fused, overs))
    C.append("")
    C.extend(_vm_exec(compiled, fused, overs, temps))
    for ln in C:
        if '"""' in ln or "\\" in ln:
            raise SnippetError(f"generated C cannot sit in a Cython verbatim block: {ln!r}")
    L.append("cdef extern from *:")
    L.append('    """')
    L.extend(("    " + ln) if ln else "" for ln in C)
    L.append('    """')
    L.append("    enum:")
    L.append("        OP_DECODE")
    L.append("        OP_CAREFUL")
    L.append("        OP_BREAK")
    L.append("        OP_STOP")
    L.append("    void decode_word(uint32_t pc, uint32_t word, Decoded* d, uint32_t base,")
    L.append("                     uint32_t size) noexcept nogil")
    L.append("    bint ends_run(int op) noexcept nogil")
    L.append("    int vm_fuse(int a, int b) noexcept nogil")
    L.append("    const uint8_t* vm_first_op")
    L.append("    const uint8_t* vm_taken")
    L.append("    int vm_over(int op) noexcept nogil")
    L.append("    bint vm_is_over(int op) noexcept nogil")
    L.append("    int vm_exec(Hart* h, Py_ssize_t n, const volatile int* pause, vm_decode_fn decode_run,")
    L.append("                void* ctx, Py_ssize_t* done) noexcept nogil")
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m vmlab.isa.codegen_cython",
                                description="Generate _speedups/_handlers.pxi from the instruction table.")
    p.add_argument("--check", action="store_true", help="only check that the file is up to date")
    p.add_argument("-o", "--output", type=Path, default=PXI_PATH)
    args = p.parse_args(argv)
    text = handlers_pxi()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run python -m vmlab.isa.codegen_cython", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
