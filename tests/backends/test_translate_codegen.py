"""The translator's per-instruction code (vmlab.isa.codegen_block) against the interpreter's
handlers, instruction by instruction: same next pc, registers, memory and traps.

Each example takes one instruction of the table with random operands, random (edge-biased)
register values and a random subset of its source registers treated as *known* at
translation time (constant folding), runs the reference handler and the inlined statements on
two identical buses, and compares. The inlined statements include every rewrite the emitter
makes: folded constants, cheaper wrap-around, signed comparisons, arithmetic shifts, aligned
jumps, RAM fast paths and grouped guards are exercised elsewhere (lockstep tests).
"""
from __future__ import annotations

import ast

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings, strategies as st  # noqa: E402

from vmlab.bus import Bus  # noqa: E402
from vmlab.isa import ISA  # noqa: E402
from vmlab.isa.codegen import Factories  # noqa: E402
from vmlab.isa.codegen_block import REG_NAMES, BlockEmitter, RamModel, render  # noqa: E402
from vmlab.trap import Trap  # noqa: E402

BASE, SIZE = 0x8000_0000, 1 << 16
PC = BASE + 0x100
INSNS = [i for i in ISA.insns if not i.system]
EDGES = [0, 1, 2, 3, 4, 5, 31, 32, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000,
         0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFF8000, BASE + 0x800, BASE + 0x801, BASE + 0x802,
         BASE + SIZE - 4, BASE + SIZE - 2, BASE + SIZE + 8, BASE - 4, 0x1000]


class _Done(Exception):
    pass


def _tdiv(a, b):
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def _trem(a, b):
    return a - b * _tdiv(a, b)


def _machine():
    bus = Bus(BASE, SIZE)
    bus.ram[:] = bytes((i * 37 + 11) & 0xFF for i in range(SIZE))
    x = [0] * 32
    ns = {"x": x, "Trap": Trap, "_tdiv": _tdiv, "_trem": _trem}
    ns.update(bus.accessors())
    if hasattr(bus, "inline_globals"):           # the interpreter's own inline RAM path
        ns.update(bus.inline_globals())
    mv = memoryview(bus.ram)
    ns.update({"_rw": mv.cast("I"), "_rh": mv.cast("H"), "_rb": bus.ram, "_flags": bus.flags, "_FH": bus.flag_end})
    return bus, x, ns


def _reference(ins, word, ops, regs):
    bus, x, ns = _machine()
    x[:] = regs
    h = Factories(ns)[ins.name](PC, word, **ops)
    try:
        out = ("next", h())
    except Trap as t:
        out = ("trap", t.cause, t.tval)
    return out, list(x), bytes(bus.ram)


class _Returns(ast.NodeTransformer):
    def visit_Return(self, n):
        return [ast.Assign([ast.Name("_N", ast.Store())], n.value, lineno=0),
                ast.Raise(ast.Call(ast.Name("_Done", ast.Load()), [], []), None)]

    def visit_Expr(self, n):        # the store's "did it overwrite this block?" marker
        if isinstance(n.value, ast.Call) and getattr(n.value.func, "id", "") == "__smc__":
            return ast.Pass()
        return n


def _translated(ins, word, ops, regs, known, ram):
    bus, x, ns = _machine()
    em = BlockEmitter(ram)
    em.known = dict(known)
    code = em.emit(ins, PC, word, ops)
    stmts = []
    for s in code.stmts:
        r = _Returns().visit(s)
        stmts.extend(r if isinstance(r, list) else [r])
    body = "\n".join("        " + ln for ln in render(stmts))
    names = [REG_NAMES[i] for i in range(1, 32)]
    src = ("def _t(_X):\n"
           + "".join(f"    {n} = _X[{i}]\n" for i, n in enumerate(names, 1))
           + f"    _N = {PC + 4}\n"
           + "    try:\n" + (body or "        pass") + "\n    except _Done:\n        pass\n"
           + "".join(f"    _X[{i}] = {n}\n" for i, n in enumerate(names, 1))
           + "    return _N\n")
    ns["_Done"] = _Done
    exec(compile(src, "<translated>", "exec"), ns)
    x[:] = regs
    try:
        out = ("next", ns["_t"](x))
    except Trap as t:
        out = ("trap", t.cause, t.tval)
    return out, list(x), bytes(bus.ram), src


@st.composite
def cases(draw):
    ins = draw(st.sampled_from(INSNS))
    ops = {}
    for f in ins.fields:
        if f.kind == "reg":
            ops[f.name] = draw(st.sampled_from([0, 1, 2, 10, 11, 12, 31]))
        elif f.kind == "pcrel":
            ops[f.name] = draw(st.sampled_from([-8, 4, 8, 2044, -4096, 6, -2])) if f.shift else 4
        else:
            edge = [f.lo, f.hi, 0, 1] + ([-1, -2, -4] if f.signed else [2, 4])
            v = draw(st.one_of(st.sampled_from(edge), st.integers(f.lo, f.hi)))
            ops[f.name] = max(f.lo, min(f.hi, v))
    word = ins.encode(**ops)
    ops = ins.decode_operands(word)
    regs = [0] + [draw(st.one_of(st.sampled_from(EDGES), st.integers(0, 0xFFFFFFFF))) for _ in range(31)]
    srcs = sorted({ops[k] for k in ("rs1", "rs2") if k in ops and ops[k]})
    known = {r: regs[r] for r in srcs if draw(st.booleans())}
    inline = draw(st.booleans())
    return ins, word, ops, regs, known, inline


@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(cases())
def test_inlined_instruction_matches_handler(case):
    ins, word, ops, regs, known, inline = case
    ram = RamModel(BASE, SIZE, inline=inline, inline_loads=inline)
    want = _reference(ins, word, ops, regs)
    got = _translated(ins, word, ops, regs, known, ram)
    assert got[:3] == want, (f"{ins.name} {ops} known={known}\n"
                             f"reference {want[0]}, translated {got[0]}\n{got[3]}")


def test_every_instruction_is_sampled():
    assert {i.name for i in INSNS} == {i.name for i in ISA.insns if not i.system}


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(cases(), st.permutations(range(1, 32)), st.sampled_from([PC, PC + 64]))
def test_cached_code_renamed_equals_fresh_code(case, perm, other_pc):
    """The emitter's cache hands out one instruction's code for another that names other
    registers (and sits at another pc): renamed, it must be exactly what emitting it afresh
    gives, down to the registers read, written and known afterwards."""
    ins, word, ops, regs, known, inline = case
    ram = RamModel(BASE, SIZE, inline=inline, inline_loads=inline)
    to = dict(zip(range(1, 32), perm))
    to[0] = 0
    ops2 = {k: to[v] if k in ("rd", "rs1", "rs2") else v for k, v in ops.items()}
    word2 = ins.encode(**ops2)
    cache: dict = {}
    first = BlockEmitter(ram, cache)
    first.known = {to[r]: v for r, v in known.items()}
    first.emit(ins, other_pc, word2, ins.decode_operands(word2))

    def emitted(cache):
        em = BlockEmitter(ram, cache)
        em.known = dict(known)
        code = em.emit(ins, PC, word, ops)
        mem = code.mem and (code.mem.store, code.mem.width, code.mem.base, code.mem.offset, code.mem.target,
                            code.mem.signed, code.mem.value and ast.dump(code.mem.value))
        return (render(code.stmts), code.pc, code.word, code.reads, code.writes, code.consts,
                code.static_exits, code.dynamic_exit, code.falls_through, code.has_slow_store, mem, em.known)

    assert emitted(cache) == emitted(None)
