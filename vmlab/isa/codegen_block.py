"""Inline Python for the block translator, generated from the instruction table's snippets.

The reference interpreter turns each snippet into a closure (:func:`vmlab.isa.codegen.python_factory`).
The translator wants the statements of one instruction, at one address, with its operands
known, to splice into a Python function that keeps guest registers in local variables. This
module drives the same :class:`~vmlab.isa.codegen.PyEmitter` with callbacks that map ``X[n]``
to locals (``a0``, ``sp`` ...) and evaluate every operand-only expression at translation time,
then runs a few passes over the Python it produced:

* constant folding, including registers whose value is known from earlier instructions of the
  block (x0; ``lui``/``auipc`` + ``addi`` pairs; ``li`` sequences; return addresses);
* cheaper wrap-around: ``r = (a + b) & 0xFFFFFFFF`` becomes ``r = a + b`` and
  ``if r > 0xFFFFFFFF: r -= 0x100000000`` when the operands' value ranges show that at most
  one wrap in one direction is possible (a compare costs less than a big-int AND in CPython);
* memory accesses inlined for plain RAM: naturally aligned loads and stores inside RAM read
  and write the RAM bytearray through memoryviews; everything else (devices, misaligned,
  outside RAM, stores into lines flagged CODE or HOOK) calls the bus's own accessor, which is
  exactly what the interpreter calls. These are the fast-path rules of
  :meth:`vmlab.bus.Bus.accessors`, written out inline.

Nothing here knows what an instruction means: all semantics come from the table. A control
transfer is left as a ``return <next pc>`` statement; the translator decides what an exit
does (chain to the next block, loop, dispatch inside a region).
"""
from __future__ import annotations

import ast
import copy
import dataclasses
from dataclasses import dataclass, field

from .codegen import HELPERS, PURE_EVAL, PyEmitter, _Gen, snippet_names
from .regs import ABI_NAMES
from .spec import Insn

M32 = 0xFFFFFFFF
WRAP = 1 << 32
REG_NAMES = ABI_NAMES                         # local variable of register n (x0 never gets one)
REG_INDEX = {name: i for i, name in enumerate(ABI_NAMES) if i}

# accessor name -> (bytes, signed); and the value range each accessor returns
LOAD_FUNCS = {"_ld4": (4, False), "_ld2u": (2, False), "_ld2s": (2, True),
              "_ld1u": (1, False), "_ld1s": (1, True)}
STORE_FUNCS = {"_st4": 4, "_st2": 2, "_st1": 1}
_LOAD_NAME = {v: k for k, v in LOAD_FUNCS.items()}
_STORE_NAME = {v: k for k, v in STORE_FUNCS.items()}
_CALL_RANGES = {"_ld4": (0, M32), "_ld2u": (0, 0xFFFF), "_ld2s": (-0x8000, 0x7FFF),
                "_ld1u": (0, 0xFF), "_ld1s": (-0x80, 0x7F),
                "_tdiv": (-(1 << 31), 1 << 31), "_trem": (-(1 << 31), 1 << 31)}
# the memory views the generated code reads RAM through: name, item size
VIEWS = {4: "_rw", 2: "_rh", 1: "_rb"}
_SUBSCRIPT_RANGES = {"_rw": (0, M32), "_rh": (0, 0xFFFF), "_rb": (0, 0xFF)}



@dataclass(frozen=True)
class RamModel:
    """What the generated code may assume about memory when inlining accesses.

    Args:
        base, size: the RAM range.
        inline: inline the RAM fast path at all (needs a little-endian host for the views).
        inline_loads: inline loads too (False while read hooks exist: the accessors check them).
    """
    base: int
    size: int
    inline: bool = True
    inline_loads: bool = True

    @property
    def pow2(self) -> bool:
        return self.size & (self.size - 1) == 0


@dataclass
class InsnCode:
    """One instruction's Python: statements plus what the translator needs to know about them."""
    pc: int
    word: int
    ins: Insn
    ops: dict
    stmts: list[ast.stmt]
    reads: set[int] = field(default_factory=set)       # registers read (as locals)
    writes: set[int] = field(default_factory=set)      # registers assigned
    consts: dict[int, int] = field(default_factory=dict)  # registers holding a known value afterwards
    static_exits: list[int] = field(default_factory=list)  # constant next-pc values it may return
    dynamic_exit: bool = False                         # it may return a computed next pc
    falls_through: bool = True                         # reaches the next instruction
    has_slow_store: bool = False                       # contains a store that may reach the bus
    mem: "MemAccess | None" = None                     # it is one plain load or store through a register
    rendered: dict = field(default_factory=dict, repr=False, compare=False)  # the translator's text cache
    skips: "list[InsnCode] | None" = None              # a branch over instructions: those, run in line

    def at(self, pc: int) -> "InsnCode":
        """The same code at another address (for snippets that do not use PC)."""
        c = copy.copy(self)
        c.pc = pc
        return c

    def renamed(self, pc: int, word: int, ops: dict, regs: dict[int, int]) -> "InsnCode":
        """The same code at `pc` for an instruction that names other registers: `regs` maps
        each register this code uses to the one it stands for (a one-to-one map)."""
        names = {REG_NAMES[a]: REG_NAMES[b] for a, b in regs.items()}

        def ren(n):
            if n.__class__ is ast.Name:
                new = names.get(n.id)
                if new is not None:
                    return ast.Name(new, n.ctx)
            return n

        mem = self.mem
        if mem is not None:
            mem = dataclasses.replace(mem, base=names.get(mem.base, mem.base),
                                      target=names.get(mem.target, mem.target),
                                      value=None if mem.value is None else _rebuild(mem.value, ren))
        return InsnCode(pc, word, self.ins, ops, [_rebuild_stmt(s, ren, ren) for s in self.stmts],
                        {regs[r] for r in self.reads}, {regs[r] for r in self.writes},
                        {regs[r]: v for r, v in self.consts.items()}, self.static_exits,
                        self.dynamic_exit, self.falls_through, self.has_slow_store, mem)


class BlockEmitter:
    """Emits instructions of one straight-line block, tracking registers with known values."""

    def __init__(self, ram: RamModel | None, cache: dict | None = None):
        self.ram = ram
        self.known: dict[int, int] = {}
        self.cache = cache              # optional: (pc, word, known values read) -> InsnCode

    # -- one instruction ---------------------------------------------------------------------
    def emit(self, ins: Insn, pc: int, word: int, ops: dict) -> InsnCode:
        """The code of one instruction; updates the registers known to hold constants.

        With a cache, the result is reused for every instruction that differs only in which
        registers it names (``add a0, a0, a1`` and ``add s2, s2, t0``), in its pc when the
        snippet does not use PC, and in nothing else: the same instruction, the same immediate
        operands, the same pattern of equal registers and x0, the same known input values.
        The cached code is then renamed (one pass over a few nodes) instead of emitted again
        (several passes over the snippet).
        """
        cache = self.cache
        if cache is None:
            return self._emit(ins, pc, word, ops)
        known = self.known
        regs: list[int] = []             # the registers named, in order of first appearance
        parts = [ins.name, pc if _uses_pc(ins) else None, word if _uses_word(ins) else None]
        for f, v in ops.items():
            if f in _REG_FIELDS:
                if v == 0:
                    parts.append(-1)
                    continue
                if v not in regs:
                    regs.append(v)
                parts.append(regs.index(v))
                parts.append(known.get(v))
            else:
                parts.append(v)
        key = tuple(parts)
        hit = cache.get(key)
        if hit is None:
            code = self._emit(ins, pc, word, ops)
            cache[key] = (code, regs)
            return code
        code, names = hit
        if names != regs:
            code = code.renamed(pc, word, ops, dict(zip(names, regs)))
        elif code.pc != pc:
            code = code.at(pc)
        for i in code.writes:
            known.pop(i, None)
        known.update(code.consts)
        return code

    def _emit(self, ins: Insn, pc: int, word: int, ops: dict) -> InsnCode:
        env = {"PC": pc, "WORD": word, **PURE_EVAL, **ops}
        code = InsnCode(pc, word, ins, ops, [])
        conds = tuple(bool(eval(c, _NO_BUILTINS, env)) for c in _conditions_code(ins))
        template, consts = _template(ins, conds)
        values = [eval(c, _NO_BUILTINS, env) for c in consts]
        known = self.known
        reads = code.reads

        def subst(e):
            # placeholders of the template: __k<i> constant i, __r<i> register read, __w<i> write
            if e.__class__ is ast.Name and e.id.startswith("__"):
                kind, i = e.id[2], values[int(e.id[3:])]
                if kind == "k":
                    return ast.Constant(i)
                if kind == "r":
                    if i == 0:
                        return ast.Constant(0)
                    if i in known:
                        return ast.Constant(known[i])
                    reads.add(i)
                    return ast.Name(REG_NAMES[i], ast.Load())
                return ast.Name(REG_NAMES[i], ast.Store())
            return e

        body = [_rebuild_stmt(st, subst, subst) for st in template]
        if not ins.ends_block:
            # every non-control snippet ends with "return PC + 4" (or raises)
            if body and isinstance(body[-1], ast.Return):
                last = body.pop()
                assert isinstance(last.value, ast.Constant) and last.value.value == pc + 4, ast.dump(last)
        body = _aligned_jumps(_reachable(_propagate(body)))
        if not ins.ends_block:
            code.mem = _memory_access(body)
        out: list[ast.stmt] = []
        for st in body:
            out.extend(self._lower(st, code))
        code.stmts = out
        self._analyse(code)
        return code

    # -- passes -------------------------------------------------------------------------------
    def _lower(self, s: ast.stmt, code: InsnCode) -> list[ast.stmt]:
        """Mask lowering and memory inlining for one top-level statement."""
        s = _rebuild_stmt(s, _signed)
        pre: list[ast.stmt] = []
        if isinstance(s, ast.Assign) and len(s.targets) == 1:
            value = self._lower_loads(s.value, pre)
            t = s.targets[0]
            if isinstance(t, ast.Name) and t.id in REG_INDEX:
                return pre + _lower_mask(t.id, value)
            return pre + [ast.Assign(s.targets, value, lineno=0)]
        if isinstance(s, ast.Expr) and _call_name(s.value) in STORE_FUNCS:
            return self._lower_store(s.value, code)
        if isinstance(s, ast.If):
            return [ast.If(s.test, [x for b in s.body for x in self._lower(b, code)],
                           [x for b in s.orelse for x in self._lower(b, code)])]
        return [s]

    def _offset(self, addr: ast.expr) -> ast.expr:
        return _fold_expr(ast.BinOp(addr, ast.Sub(), ast.Constant(self.ram.base)))

    def _fast_test(self, width: int, o: ast.expr) -> ast.expr | None:
        """Expression true when offset `o` is a naturally aligned access inside RAM."""
        ram = self.ram
        if ram.pow2:
            # 0 <= o < size and o % width == 0, in one AND (negative o has high bits set)
            return ast.UnaryOp(ast.Not(), ast.BinOp(o, ast.BitAnd(),
                                                    ast.UnaryOp(ast.Invert(), ast.Constant(ram.size - width))))
        rng = ast.Compare(ast.Constant(0), [ast.LtE(), ast.LtE()], [o, ast.Constant(ram.size - width)])
        if width == 1:
            return rng
        return ast.BoolOp(ast.And(), [rng, ast.UnaryOp(ast.Not(), ast.BinOp(o, ast.BitAnd(), ast.Constant(width - 1)))])

    @staticmethod
    def _view_item(width: int, o: ast.expr) -> ast.expr:
        shift = {4: 2, 2: 1, 1: 0}[width]
        idx = o if shift == 0 else ast.BinOp(o, ast.RShift(), ast.Constant(shift))
        return ast.Subscript(ast.Name(VIEWS[width], ast.Load()), _fold_expr(idx), ast.Load())

    @staticmethod
    def _sign(width: int, v: ast.expr) -> ast.expr:
        bit = 1 << (8 * width - 1)
        return ast.BinOp(ast.BinOp(v, ast.BitXor(), ast.Constant(bit)), ast.Sub(), ast.Constant(bit))

    def _lower_loads(self, e: ast.expr, pre: list) -> ast.expr:
        ram = self.ram
        if ram is None or not ram.inline or not ram.inline_loads:
            return e
        if not _has_call(e, LOAD_FUNCS):
            return e
        return _rebuild(e, lambda n: self.inline_load(n, pre) if _call_name(n) in LOAD_FUNCS else n)

    def inline_load(self, c: ast.Call, pre: list) -> ast.expr:
        """The RAM fast path of one load call, its offset computed into ``_o`` first."""
        ram = self.ram
        width, signed = LOAD_FUNCS[_call_name(c)]
        addr = c.args[0]
        if isinstance(addr, ast.Constant):
            a = addr.value & M32
            o = a - ram.base
            if 0 <= o <= ram.size - width and o % width == 0:
                v = self._view_item(width, ast.Constant(o))
                return self._sign(width, v) if signed else v
            return ast.Call(c.func, [ast.Constant(a)], [])
        o = self._offset(addr)
        pre.append(ast.Assign([ast.Name("_o", ast.Store())], o, lineno=0))
        fast = self._view_item(width, ast.Name("_o", ast.Load()))
        if signed:
            fast = self._sign(width, fast)
        slow = ast.Call(c.func, [ast.BinOp(ast.Name("_o", ast.Load()), ast.Add(), ast.Constant(ram.base))], [])
        return ast.IfExp(self._fast_test(width, ast.Name("_o", ast.Load())), fast, slow)

    def _lower_store(self, c: ast.Call, code: InsnCode) -> list[ast.stmt]:
        ram = self.ram
        name = _call_name(c)
        width = STORE_FUNCS[name]
        addr, value = c.args
        if width < 4:
            value = _fold_expr(ast.BinOp(value, ast.BitAnd(), ast.Constant((1 << (8 * width)) - 1)))
        code.has_slow_store = True
        smc = ast.Expr(ast.Call(ast.Name("__smc__", ast.Load()), [], []))
        if ram is None or not ram.inline:
            return [ast.Expr(ast.Call(c.func, [addr, value], [])), smc]
        if isinstance(addr, ast.Constant):
            a = addr.value & M32
            o = a - ram.base
            slow = [ast.Expr(ast.Call(c.func, [ast.Constant(a), value], [])), smc]
            if not (0 <= o <= ram.size - width and o % width == 0):
                return slow
            line = ast.Subscript(ast.Name("_flags", ast.Load()), ast.Constant(o >> 6), ast.Load())
            fast = ast.Assign([_store_target(self._view_item(width, ast.Constant(o)))], value, lineno=0)
            return [ast.If(ast.UnaryOp(ast.Not(), line), [fast], slow)]
        o_name = ast.Name("_o", ast.Load())
        pre = ast.Assign([ast.Name("_o", ast.Store())], self._offset(addr), lineno=0)
        line = ast.Subscript(ast.Name("_flags", ast.Load()), ast.BinOp(o_name, ast.RShift(), ast.Constant(6)), ast.Load())
        test = ast.BoolOp(ast.And(), [self._fast_test(width, o_name), _unflagged(o_name, 0, [ast.UnaryOp(ast.Not(), line)])])
        fast = ast.Assign([_store_target(self._view_item(width, o_name))], value, lineno=0)
        slow = [ast.Expr(ast.Call(c.func, [ast.BinOp(o_name, ast.Add(), ast.Constant(ram.base)), value], [])), smc]
        return [pre, ast.If(test, [fast], slow)]

    def _analyse(self, code: InsnCode) -> None:
        """Registers written, known values afterwards, and where control goes."""
        known = self.known
        _scan(code.stmts, code)
        for i in code.writes:
            known.pop(i, None)
        for s in code.stmts:
            if (isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)
                    and s.targets[0].id in REG_INDEX and isinstance(s.value, ast.Constant)
                    and isinstance(s.value.value, int)):
                known[REG_INDEX[s.targets[0].id]] = s.value.value
                code.consts[REG_INDEX[s.targets[0].id]] = s.value.value
        last = code.stmts[-1] if code.stmts else None
        code.falls_through = not isinstance(last, (ast.Return, ast.Raise))


def _propagate(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """Fold constants, and substitute snippet temporaries (``_t0``, ``v`` ...) that turn out
    constant: a ``jalr`` through a register with a known value becomes a static jump."""
    out: list[ast.stmt] = []
    temps: dict[str, int] = {}

    def fold(e):
        if e.__class__ is ast.Name and e.id in temps and e.ctx.__class__ is ast.Load:
            return ast.Constant(temps[e.id])
        return _fold_node(e)

    for s in stmts:
        for s2 in _fold_stmt(s, fold):
            if (s2.__class__ is ast.Assign and len(s2.targets) == 1 and isinstance(s2.targets[0], ast.Name)
                    and s2.targets[0].id not in REG_INDEX and _int(s2.value)):
                temps[s2.targets[0].id] = s2.value.value
                continue
            out.append(s2)
    return out


def _aligned_jumps(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """``t = r & 0xFFFFFFFE`` then ``if t & 3: raise ...`` (a jalr through register r):
    when r is already aligned, clearing bit 0 changes nothing, so test r first and do the
    big-int AND only on the slow path (``ret`` is the common case)."""
    out: list[ast.stmt] = []
    k = 0
    while k < len(stmts):
        s = stmts[k]
        nxt = stmts[k + 1] if k + 1 < len(stmts) else None
        if (isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.targets[0].id not in REG_INDEX
                and isinstance(s.value, ast.BinOp) and isinstance(s.value.op, ast.BitAnd)
                and _int(s.value.right) and s.value.right.value == M32 - 1
                and isinstance(s.value.left, ast.Name) and s.value.left.id in REG_INDEX
                and isinstance(nxt, ast.If) and not nxt.orelse and len(nxt.body) == 1
                and isinstance(nxt.body[0], ast.Raise) and isinstance(nxt.test, ast.BinOp)
                and isinstance(nxt.test.op, ast.BitAnd) and _int(nxt.test.right) and nxt.test.right.value == 3
                and isinstance(nxt.test.left, ast.Name) and nxt.test.left.id == s.targets[0].id):
            t = s.targets[0].id
            out.append(ast.Assign([ast.Name(t, ast.Store())], s.value.left, lineno=0))
            out.append(ast.If(nxt.test, [s, nxt], []))
            k += 2
            continue
        out.append(s)
        k += 1
    return out


_CONDITIONS: dict[str, list[str]] = {}
_CONDITIONS_CODE: dict[str, list] = {}
_COMPILED: dict[str, object] = {}
_NO_BUILTINS = {"__builtins__": {}}


def _compiled(src: str):
    """Operand-only expressions of the snippets, compiled once (there are few distinct ones)."""
    c = _COMPILED.get(src)
    if c is None:
        c = _COMPILED[src] = compile(src, "<snippet operand>", "eval")
    return c

_REG_FIELDS = {"rd", "rs1", "rs2"}          # fields naming registers: what known values a snippet may read


def _static_conditions(ins: Insn) -> list[str]:
    """The decode-time conditions that select a variant of the snippet (``rd == 0`` ...)."""
    c = _CONDITIONS.get(ins.name)
    if c is None:
        c = _CONDITIONS[ins.name] = _Gen(ins).static_conditions()
    return c


def _conditions_code(ins: Insn) -> list:
    c = _CONDITIONS_CODE.get(ins.name)
    if c is None:
        c = _CONDITIONS_CODE[ins.name] = [_compiled(src) for src in _static_conditions(ins)]
    return c


def _reachable(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """Drop ``pass`` and statements after an unconditional return or raise (folded branches)."""
    out = []
    for s in stmts:
        if isinstance(s, ast.Pass):
            continue
        if isinstance(s, ast.If):
            s.body = _reachable(s.body) or [ast.Pass()]
            s.orelse = _reachable(s.orelse)
        out.append(s)
        if isinstance(s, (ast.Return, ast.Raise)):
            break
    return out


@dataclass
class MemAccess:
    """A load ``target = load(base + offset)`` or a store ``store(base + offset, value)``."""
    store: bool
    width: int
    base: str                     # the register local holding the base address
    offset: int
    target: str | None = None     # load: destination register local
    signed: bool = False
    value: ast.expr | None = None  # store: the value (already truncated to the width)


def _address(e: ast.expr) -> tuple[str, int] | None:
    if isinstance(e, ast.Name) and e.id in REG_INDEX:
        return e.id, 0
    if (isinstance(e, ast.BinOp) and isinstance(e.op, (ast.Add, ast.Sub)) and isinstance(e.left, ast.Name)
            and e.left.id in REG_INDEX and _int(e.right)):
        return e.left.id, e.right.value if isinstance(e.op, ast.Add) else -e.right.value
    return None


def _memory_access(body: list[ast.stmt]) -> MemAccess | None:
    if len(body) != 1:
        return None
    s = body[0]
    if isinstance(s, ast.Expr) and _call_name(s.value) in STORE_FUNCS:
        a = _address(s.value.args[0])
        width = STORE_FUNCS[_call_name(s.value)]
        value = s.value.args[1]
        if a is None or not isinstance(value, (ast.Name, ast.Constant)):
            return None
        if width < 4:
            value = _fold_expr(ast.BinOp(value, ast.BitAnd(), ast.Constant((1 << (8 * width)) - 1)))
        return MemAccess(True, width, a[0], a[1], value=value)
    if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name) and s.targets[0].id in REG_INDEX:
        v = s.value
        if isinstance(v, ast.BinOp) and isinstance(v.op, ast.BitAnd) and _int(v.right) and v.right.value == M32:
            v = v.left
        name = _call_name(v)
        if name in LOAD_FUNCS:
            a = _address(v.args[0])
            if a is None:
                return None
            width, signed = LOAD_FUNCS[name]
            return MemAccess(False, width, a[0], a[1], target=s.targets[0].id, signed=signed)
    return None


@dataclass
class AccessGroup:
    """Consecutive instructions whose loads and stores go through one base register.

    One guard (in RAM, aligned, no store into a flagged line) covers all of them; behind it
    each access is a plain memoryview index. When the guard fails (rarely: an access outside
    RAM, misaligned, or into a line holding code), the instructions run one by one and the
    accesses go to the bus's load and store functions, which handle every case.
    """
    start: int                    # index of the first instruction in the block
    end: int                      # index after the last
    guard: list[ast.stmt]         # computes _o and ends with the test (an ast.If with empty bodies)
    pre: list[ast.stmt]           # behind the guard, before the instructions: word/halfword indexes
    fast: dict[int, list[ast.stmt]]   # instruction index -> its statements behind the guard
    slow: dict[int, list[ast.stmt]]   # member index -> its access through the bus, when the guard fails


MAX_GROUP = 12


def access_groups(codes: list[InsnCode], ram: RamModel | None) -> list[AccessGroup]:
    """Runs of two or more accesses through the same base register, in a straight block.

    Instructions between the accesses may be any that cannot leave or trap and do not write
    the base register; a load into the base register ends the run.
    """
    if ram is None or not ram.inline:
        return []
    groups = []
    k = 0
    n = len(codes)
    while k < n:
        c = codes[k]
        m = c.mem
        if m is None or (not m.store and not ram.inline_loads):
            k += 1
            continue
        base = m.base
        members = [k]
        j = k + 1
        stop = (not m.store) and m.target == base
        while not stop and j < n and j - k < MAX_GROUP:
            d = codes[j]
            dm = d.mem
            if dm is not None and dm.base == base and (dm.store or ram.inline_loads):
                members.append(j)
                if not dm.store and dm.target == base:
                    break
                j += 1
                continue
            if dm is not None or REG_INDEX[base] in d.writes or not _plain(d) or d.skips:
                break
            j += 1
        if len(members) < 2:
            k += 1
            continue
        g = _group(codes, members, ram)
        if g is None:
            k += 1
            continue
        groups.append(g)
        k = g.end
    return groups


def _unflagged(o: ast.expr, lo: int, line_tests: list[ast.expr]) -> ast.expr:
    """True when stores from offset o + lo up are in lines without flags: at or above
    ``_FH`` (the bus's flag_end: code and hooked lines lie below it) no line needs looking
    at, which is where stacks and heaps are; below it, each line's flags are tested."""
    start = _fold_expr(ast.BinOp(o, ast.Add(), ast.Constant(lo))) if lo else o
    above = ast.Compare(start, [ast.GtE()], [ast.Name("_FH", ast.Load())])
    lines = line_tests[0] if len(line_tests) == 1 else ast.BoolOp(ast.And(), line_tests)
    return ast.BoolOp(ast.Or(), [above, lines])


def _plain(c: InsnCode) -> bool:
    """Straight-line code that cannot leave the block or raise."""
    return not _has_stmt(c.stmts, (ast.Return, ast.Raise)) and not any(
        _has_call_stmt(s) for s in c.stmts)


def _group(codes: list[InsnCode], members: list[int], ram: RamModel) -> AccessGroup | None:
    accs = [codes[i].mem for i in members]
    lo = min(a.offset for a in accs)
    hi = max(a.offset + a.width for a in accs)
    align = max(a.width for a in accs)
    if any(a.offset % a.width for a in accs):
        return None
    stores = [a for a in accs if a.store]
    if stores and hi - lo > 64:
        return None
    base = accs[0].base
    o = ast.Name("_o", ast.Load())
    tests: list[ast.expr] = [ast.Compare(ast.Constant(-lo), [ast.LtE(), ast.LtE()], [o, ast.Constant(ram.size - hi)])]
    if align > 1:
        tests.append(ast.UnaryOp(ast.Not(), ast.BinOp(o, ast.BitAnd(), ast.Constant(align - 1))))
    if stores:
        lines = []
        for off in sorted({lo, hi - 1}):
            idx = _fold_expr(ast.BinOp(ast.BinOp(o, ast.Add(), ast.Constant(off)), ast.RShift(), ast.Constant(6)))
            lines.append(ast.UnaryOp(ast.Not(), ast.Subscript(ast.Name("_flags", ast.Load()), idx, ast.Load())))
        tests.append(_unflagged(o, lo, lines))
    guard: list[ast.stmt] = [ast.Assign([ast.Name("_o", ast.Store())],
                                        _fold_expr(ast.BinOp(ast.Name(base, ast.Load()), ast.Sub(), ast.Constant(ram.base))),
                                        lineno=0)]
    widths = {a.width for a in accs}
    pre: list[ast.stmt] = []
    index_name = {4: "_ow", 2: "_oh", 1: "_o"}
    for w, shift in ((4, 2), (2, 1)):
        if w in widths:
            pre.append(ast.Assign([ast.Name(index_name[w], ast.Store())], ast.BinOp(o, ast.RShift(), ast.Constant(shift)), lineno=0))
    fast: dict[int, list[ast.stmt]] = {}
    slow: dict[int, list[ast.stmt]] = {}
    for i in range(members[0], members[-1] + 1):
        c = codes[i]
        if c.mem is None or i not in members:
            fast[i] = list(c.stmts)           # statements are never mutated: sharing them is safe
            continue
        a = c.mem
        shift = {4: 2, 2: 1, 1: 0}[a.width]
        idx = _fold_expr(ast.BinOp(ast.Name(index_name[a.width], ast.Load()), ast.Add(), ast.Constant(a.offset >> shift)))
        item = ast.Subscript(ast.Name(VIEWS[a.width], ast.Load()), idx, ast.Load())
        addr = _fold_expr(ast.BinOp(ast.Name(base, ast.Load()), ast.Add(), ast.Constant(a.offset)))
        if a.store:
            stmts = [ast.Assign([_store_target(item)], a.value, lineno=0)]
            call = ast.Call(ast.Name(_STORE_NAME[a.width], ast.Load()), [addr, a.value], [])
            slow[i] = [ast.Expr(call), ast.Expr(ast.Call(ast.Name("__smc__", ast.Load()), [], []))]
        else:
            v = BlockEmitter._sign(a.width, item) if a.signed else item
            stmts = _lower_mask(a.target, ast.BinOp(v, ast.BitAnd(), ast.Constant(M32)) if a.signed else v)
            call = ast.Call(ast.Name(_LOAD_NAME[a.width, a.signed], ast.Load()), [addr], [])
            slow[i] = [ast.Assign([ast.Name(a.target, ast.Store())],
                                  ast.BinOp(call, ast.BitAnd(), ast.Constant(M32)) if a.signed else call, lineno=0)]
        fast[i] = stmts
    test = tests[0] if len(tests) == 1 else ast.BoolOp(ast.And(), tests)
    guard.append(ast.If(test, [], []))
    return AccessGroup(members[0], members[-1] + 1, guard, pre, fast, slow)


def _call_name(n) -> str | None:
    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
        return n.func.id
    return None


def _store_target(sub: ast.Subscript) -> ast.Subscript:
    return ast.Subscript(sub.value, sub.slice, ast.Store())


# ---- signed comparisons and shifts -----------------------------------------------------------
# The emitter compares signed values as (x ^ 0x80000000) < (y ^ 0x80000000), which maps signed
# order onto unsigned order. In CPython each XOR of a value >= 2**30 allocates a new int; plain
# comparisons do not. These rewrites give the same truth value with comparisons only.

SIGN = 1 << 31


def _flipped(x: ast.expr) -> ast.expr | None:
    """x for an expression ``x ^ 0x80000000`` where x is a local (safe to evaluate twice)."""
    if (isinstance(x, ast.BinOp) and isinstance(x.op, ast.BitXor) and _int(x.right)
            and x.right.value == SIGN and isinstance(x.left, ast.Name)):
        return x.left
    return None


def _cmp(a, op, b) -> ast.Compare:
    return ast.Compare(a, [op], [b])


_INVERSE = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq}


def _not(e: ast.expr) -> ast.expr:
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
        return e.operand
    if isinstance(e, ast.Compare) and len(e.ops) == 1:
        return ast.Compare(e.left, [_INVERSE[type(e.ops[0])]()], e.comparators)
    return ast.UnaryOp(ast.Not(), e)


def _slt(x: ast.expr, y: ast.expr) -> ast.expr:
    """s32(x) < s32(y) for u32 locals x, y."""
    h = ast.Constant(SIGN)
    return ast.IfExp(_cmp(x, ast.Lt(), h),
                     ast.Compare(x, [ast.Lt(), ast.Lt()], [y, h]),
                     ast.BoolOp(ast.Or(), [_cmp(y, ast.Lt(), h), _cmp(x, ast.Lt(), y)]))


def _sge(x: ast.expr, y: ast.expr) -> ast.expr:
    """s32(x) >= s32(y) for u32 locals x, y."""
    h = ast.Constant(SIGN)
    return ast.IfExp(_cmp(x, ast.Lt(), h),
                     ast.BoolOp(ast.Or(), [_cmp(x, ast.GtE(), y), _cmp(y, ast.GtE(), h)]),
                     ast.BoolOp(ast.And(), [_cmp(y, ast.GtE(), h), _cmp(x, ast.GtE(), y)]))


def _slt_const(x: ast.expr, c: int) -> ast.expr:
    """s32(x) < c for a u32 local x and any integer c."""
    if c <= -SIGN:
        return ast.Constant(False)
    if c >= SIGN:
        return ast.Constant(True)
    h = ast.Constant(SIGN)
    if c == 0:
        return _cmp(x, ast.GtE(), h)
    if c > 0:
        return _not(ast.Compare(ast.Constant(c), [ast.LtE(), ast.Lt()], [x, h]))
    return ast.Compare(h, [ast.LtE(), ast.Lt()], [x, ast.Constant(c + (1 << 32))])


def _signed(n: ast.expr) -> ast.expr:
    """Rewrite one node (its operands already rewritten): signed compares, s32(x) >> c."""
    t = n.__class__
    if t is ast.Compare:
        if len(n.ops) != 1 or type(n.ops[0]) not in (ast.Lt, ast.LtE, ast.Gt, ast.GtE):
            return n
        a, b, op = n.left, n.comparators[0], type(n.ops[0])
        xa, xb = _flipped(a), _flipped(b)
        if xa is not None and xb is not None:
            return {ast.Lt: lambda: _slt(xa, xb), ast.GtE: lambda: _sge(xa, xb),
                    ast.Gt: lambda: _slt(xb, xa), ast.LtE: lambda: _sge(xb, xa)}[op]()
        if xb is not None and _int(a):              # c op (x ^ H)  ->  (x ^ H) op' c
            xa, b, op = xb, a, {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE}[op]
        if xa is not None and _int(b):
            c = b.value - SIGN                       # (x ^ H) op b  <=>  s32(x) op b - H
            if op is ast.Lt:
                return _slt_const(xa, c)
            if op is ast.LtE:
                return _slt_const(xa, c + 1)
            if op is ast.Gt:
                return _not(_slt_const(xa, c + 1))
            return _not(_slt_const(xa, c))
        return n
    if t is ast.BinOp and isinstance(n.op, ast.RShift) and _int(n.right) and 0 < n.right.value < 32:
        # s32(x) >> c, as the emitter writes it: ((x ^ H) - H) >> c  ->  x >> c, minus
        # 2**(32-c) when x is negative: floor((x - 2**32) / 2**c) == (x >> c) - 2**(32-c)
        inner = n.left
        if (isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.Sub) and _int(inner.right)
                and inner.right.value == SIGN):
            x = _flipped(inner.left)
            if x is not None:
                k = n.right.value
                shifted = ast.BinOp(x, ast.RShift(), ast.Constant(k))
                neg = ast.BinOp(shifted, ast.Sub(), ast.Constant(1 << (32 - k)))
                return ast.IfExp(_cmp(x, ast.Lt(), ast.Constant(SIGN)), shifted, neg)
    return n


# ---- value ranges and wrap-around ------------------------------------------------------------

def value_range(e: ast.expr) -> tuple[int, int] | None:
    """Interval certainly containing the value of `e` (registers are u32), or None."""
    if isinstance(e, ast.Constant):
        return (e.value, e.value) if isinstance(e.value, int) and not isinstance(e.value, bool) else None
    if isinstance(e, ast.Name):
        return (0, M32) if e.id in REG_INDEX else None
    if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name):
        return _SUBSCRIPT_RANGES.get(e.value.id)
    if isinstance(e, ast.Call):
        return _CALL_RANGES.get(_call_name(e))
    if isinstance(e, ast.IfExp):
        a, b = value_range(e.body), value_range(e.orelse)
        return (min(a[0], b[0]), max(a[1], b[1])) if a and b else None
    if isinstance(e, ast.UnaryOp):
        a = value_range(e.operand)
        if a is None:
            return None
        if isinstance(e.op, ast.USub):
            return -a[1], -a[0]
        if isinstance(e.op, ast.Invert):
            return ~a[1], ~a[0]
        return None
    if not isinstance(e, ast.BinOp):
        return None
    a, b = value_range(e.left), value_range(e.right)
    op = e.op
    if a is None:
        return None
    if isinstance(op, ast.RShift):
        if b is not None and b[0] == b[1] and b[0] >= 0:
            return a[0] >> b[0], a[1] >> b[0]
        if b is not None and b[0] >= 0:
            return min(a[0], 0), max(a[1], 0)
        return None
    if b is None:
        return None
    if isinstance(op, ast.Add):
        return a[0] + b[0], a[1] + b[1]
    if isinstance(op, ast.Sub):
        return a[0] - b[1], a[1] - b[0]
    if isinstance(op, ast.Mult):
        ps = [x * y for x in a for y in b]
        return min(ps), max(ps)
    if isinstance(op, ast.LShift) and b[0] >= 0:
        if a[0] >= 0:
            return a[0] << b[0], a[1] << b[1]
        return None
    if isinstance(op, ast.BitAnd):
        if a[0] >= 0 and b[0] >= 0:
            return 0, min(a[1], b[1])
        if a[0] >= 0:
            return 0, a[1]
        if b[0] >= 0:
            return 0, b[1]
        return None
    if isinstance(op, (ast.BitOr, ast.BitXor)) and a[0] >= 0 and b[0] >= 0:
        return 0, (1 << max(a[1], b[1]).bit_length()) - 1
    if isinstance(op, ast.FloorDiv) and a[0] >= 0 and b[0] > 0:
        return 0, a[1] // b[0]
    if isinstance(op, ast.Mod) and a[0] >= 0 and b[0] > 0:
        return 0, min(a[1], b[1] - 1)
    return None


def _wrap_once(e: ast.expr) -> ast.expr:
    """``e & 0xFFFFFFFF`` without the AND when e's range allows (an exact rewrite)."""
    r = value_range(e)
    if r is not None:
        if 0 <= r[0] and r[1] <= M32:
            return e
        if -WRAP <= r[0] and r[1] < 0:
            return _fold_expr(ast.BinOp(e, ast.Add(), ast.Constant(WRAP)))
    return ast.BinOp(e, ast.BitAnd(), ast.Constant(M32))


def _lower_mask(name: str, value: ast.expr) -> list[ast.stmt]:
    """``name = value`` where value may be ``e & 0xFFFFFFFF``: cheapest exact equivalent."""
    tgt = ast.Name(name, ast.Store())
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitAnd)
            and isinstance(value.right, ast.Constant) and value.right.value == M32):
        return [ast.Assign([tgt], value, lineno=0)]
    e = value.left
    if isinstance(e, ast.IfExp):
        # (c ? a : b) & M == c ? (a & M) : (b & M); each branch may then need no mask at all
        e = ast.IfExp(e.test, _wrap_once(e.body), _wrap_once(e.orelse))
        if value_range(e.body) is not None and value_range(e.orelse) is not None:
            r = value_range(e)
            if r is not None and 0 <= r[0] and r[1] <= M32:
                return [ast.Assign([tgt], e, lineno=0)]
        value = ast.BinOp(e, ast.BitAnd(), ast.Constant(M32))
    r = value_range(e)
    if r is not None:
        lo, hi = r
        if 0 <= lo and hi <= M32:
            return [ast.Assign([tgt], e, lineno=0)]
        ld = ast.Name(name, ast.Load())
        if 0 <= lo and hi < 2 * WRAP:
            fix = ast.If(ast.Compare(ld, [ast.Gt()], [ast.Constant(M32)]),
                         [ast.AugAssign(ast.Name(name, ast.Store()), ast.Sub(), ast.Constant(WRAP))], [])
            return [ast.Assign([tgt], e, lineno=0), fix]
        if -WRAP <= lo and hi <= M32:
            fix = ast.If(ast.Compare(ld, [ast.Lt()], [ast.Constant(0)]),
                         [ast.AugAssign(ast.Name(name, ast.Store()), ast.Add(), ast.Constant(WRAP))], [])
            return [ast.Assign([tgt], e, lineno=0), fix]
    return [ast.Assign([tgt], value, lineno=0)]


# ---- constant folding ------------------------------------------------------------------------

_BINOPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b,
           ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
           ast.BitAnd: lambda a, b: a & b, ast.BitOr: lambda a, b: a | b, ast.BitXor: lambda a, b: a ^ b}
_CMPOPS = {ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
           ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}


def _int(n) -> bool:
    return isinstance(n, ast.Constant) and type(n.value) is int


def _fold_node(n: ast.expr) -> ast.expr:
    """Fold one node whose operands are already folded: evaluate what is constant, drop
    identities, keep ``x + c`` with one constant."""
    t = n.__class__
    if t is ast.BinOp:
        a, b, op = n.left, n.right, type(n.op)
        if _int(a) and _int(b) and op in _BINOPS:
            try:
                v = _BINOPS[op](a.value, b.value)
            except (ZeroDivisionError, ValueError):
                return n
            if abs(v) < 1 << 70:
                return ast.Constant(v)
        if op in (ast.Add, ast.Sub) and _int(b):
            # re-associate (x + c1) - c2 -> x + (c1 - c2); x + 0 -> x; x + -c -> x - c
            c = b.value if op is ast.Add else -b.value
            if isinstance(a, ast.BinOp) and type(a.op) in (ast.Add, ast.Sub) and _int(a.right):
                c += a.right.value if isinstance(a.op, ast.Add) else -a.right.value
                a = a.left
            if c == 0:
                return a
            return ast.BinOp(a, ast.Add() if c > 0 else ast.Sub(), ast.Constant(abs(c)))
        if op is ast.Add and _int(a) and not _int(b):
            return _fold_node(ast.BinOp(b, ast.Add(), a))
        if _int(b) and b.value == 0 and op in (ast.BitOr, ast.BitXor, ast.LShift, ast.RShift):
            return a
        if _int(a) and a.value == 0 and op in (ast.BitOr, ast.BitXor):
            return b
        if op is ast.BitAnd and _int(b) and isinstance(a, ast.BinOp) and isinstance(a.op, ast.BitAnd) and _int(a.right):
            return ast.BinOp(a.left, ast.BitAnd(), ast.Constant(a.right.value & b.value))
        return n
    if t is ast.UnaryOp:
        if _int(n.operand):
            if isinstance(n.op, ast.USub):
                return ast.Constant(-n.operand.value)
            if isinstance(n.op, ast.Invert):
                return ast.Constant(~n.operand.value)
        if isinstance(n.op, ast.Not) and isinstance(n.operand, ast.Constant):
            return ast.Constant(not n.operand.value)
        return n
    if t is ast.Compare:
        if len(n.ops) == 1 and _int(n.left) and _int(n.comparators[0]) and type(n.ops[0]) in _CMPOPS:
            return ast.Constant(_CMPOPS[type(n.ops[0])](n.left.value, n.comparators[0].value))
        return n
    if t is ast.IfExp and isinstance(n.test, ast.Constant):
        return n.body if n.test.value else n.orelse
    return n


def _fold_expr(e: ast.expr) -> ast.expr:
    return _rebuild(e, _fold_node)


def _fold_stmt(s: ast.stmt, fn=_fold_node) -> list[ast.stmt]:
    """A statement folded with `fn`; an ``if`` with a constant test becomes its taken branch."""
    if s.__class__ is ast.If:
        test = _rebuild(s.test, fn)
        if isinstance(test, ast.Constant):
            return [x for b in (s.body if test.value else s.orelse) for x in _fold_stmt(b, fn)]
        return [ast.If(test, [x for b in s.body for x in _fold_stmt(b, fn)] or [ast.Pass()],
                       [x for b in s.orelse for x in _fold_stmt(b, fn)])]
    return [_rebuild_stmt(s, fn)]


# ---- AST plumbing: rebuild instead of mutate (templates and cached code are shared) ----------

def _rebuild(e: ast.expr, fn) -> ast.expr:
    """A copy of expression `e` made bottom-up, `fn` applied to every node once its operands
    are done. Never modifies `e`."""
    t = e.__class__
    if t is ast.Name or t is ast.Constant:
        return fn(e)
    if t is ast.BinOp:
        return fn(ast.BinOp(_rebuild(e.left, fn), e.op, _rebuild(e.right, fn)))
    if t is ast.UnaryOp:
        return fn(ast.UnaryOp(e.op, _rebuild(e.operand, fn)))
    if t is ast.Compare:
        return fn(ast.Compare(_rebuild(e.left, fn), e.ops, [_rebuild(c, fn) for c in e.comparators]))
    if t is ast.IfExp:
        return fn(ast.IfExp(_rebuild(e.test, fn), _rebuild(e.body, fn), _rebuild(e.orelse, fn)))
    if t is ast.BoolOp:
        return fn(ast.BoolOp(e.op, [_rebuild(v, fn) for v in e.values]))
    if t is ast.Call:
        return fn(ast.Call(e.func, [_rebuild(a, fn) for a in e.args], []))
    if t is ast.Subscript:
        return fn(ast.Subscript(_rebuild(e.value, fn), _rebuild(e.slice, fn), e.ctx))
    raise TypeError(f"unexpected expression in generated code: {ast.dump(e)}")


def _rebuild_stmt(s: ast.stmt, fn, target=None) -> ast.stmt:
    """A copy of statement `s` with `fn` applied to its expressions (and `target` to the
    Name an assignment stores to)."""
    t = s.__class__
    if t is ast.Assign:
        tg = [target(x) if target and x.__class__ is ast.Name else
              (_rebuild(x, fn) if x.__class__ is not ast.Name else x) for x in s.targets]
        return ast.Assign(tg, _rebuild(s.value, fn), lineno=0)
    if t is ast.AugAssign:
        tg = target(s.target) if target and s.target.__class__ is ast.Name else s.target
        return ast.AugAssign(tg, s.op, _rebuild(s.value, fn))
    if t is ast.Expr:
        return ast.Expr(_rebuild(s.value, fn))
    if t is ast.Return:
        return ast.Return(_rebuild(s.value, fn) if s.value is not None else None)
    if t is ast.Raise:
        return ast.Raise(_rebuild(s.exc, fn), None)
    if t is ast.If:
        return ast.If(_rebuild(s.test, fn), [_rebuild_stmt(b, fn, target) for b in s.body],
                      [_rebuild_stmt(b, fn, target) for b in s.orelse])
    if t is ast.Pass:
        return s
    raise TypeError(f"unexpected statement in generated code: {ast.dump(s)}")


def _scan(stmts: list[ast.stmt], code: InsnCode) -> None:
    """Registers assigned and exits taken by these statements."""
    for s in stmts:
        t = s.__class__
        if t is ast.Assign:
            for x in s.targets:
                if x.__class__ is ast.Name and x.id in REG_INDEX:
                    code.writes.add(REG_INDEX[x.id])
        elif t is ast.AugAssign:
            if s.target.__class__ is ast.Name and s.target.id in REG_INDEX:
                code.writes.add(REG_INDEX[s.target.id])
        elif t is ast.Return:
            v = s.value
            if isinstance(v, ast.Constant):
                if v.value not in code.static_exits:
                    code.static_exits.append(v.value)
            else:
                code.dynamic_exit = True
        elif t is ast.If:
            _scan(s.body, code)
            _scan(s.orelse, code)


def _has_call(e: ast.expr, names) -> bool:
    found = []
    _rebuild(e, lambda n: found.append(n) or n if n.__class__ is ast.Call and _call_name(n) in names else n)
    return bool(found)


def _has_call_stmt(s: ast.stmt) -> bool:
    found = []
    _rebuild_stmt(s, lambda n: found.append(n) or n if n.__class__ is ast.Call else n)
    return bool(found)


def _has_stmt(stmts: list[ast.stmt], kinds) -> bool:
    for s in stmts:
        if isinstance(s, kinds):
            return True
        if s.__class__ is ast.If and (_has_stmt(s.body, kinds) or _has_stmt(s.orelse, kinds)):
            return True
    return False


# ---- templates: the emitter's output for an instruction, operands left as placeholders -------

_TEMPLATES: dict[tuple, tuple] = {}


def _template(ins: Insn, conds: tuple) -> tuple[list[ast.stmt], list]:
    """PyEmitter's statements for `ins` under one variant of its static conditions, parsed
    once; operand values are placeholders: ``__k<i>`` the i-th operand expression (its
    compiled code is the i-th entry of the returned list), ``__r<i>`` a register read and
    ``__w<i>`` a register write whose number is that expression."""
    key = (ins.name, conds)
    t = _TEMPLATES.get(key)
    if t is None:
        sources: list[str] = []

        def const(src: str) -> str:
            if src not in sources:
                sources.append(src)
            return f"__k{sources.index(src)}"

        def reg_read(r: str, node) -> str:
            return f"__r{r[3:]}"

        def reg_write(r: str, v: str, node) -> str:
            return f"__w{r[3:]} = {v}"

        cv = dict(zip(_static_conditions(ins), conds))
        lines = PyEmitter(ins, None, reg_read, reg_write, const, cv).body("")
        body = ast.parse("\n".join(lines)).body
        t = _TEMPLATES[key] = (body, [_compiled(src) for src in sources])
    return t


def _uses_word(ins: Insn) -> bool:
    """Does the snippet's code contain the instruction word (a helper that is given it)?"""
    return any(n == "WORD" or HELPERS.get(n, (None, False))[1] for n in snippet_names(ins))


def _uses_pc(ins: Insn) -> bool:
    """Does the snippet use PC (then its code depends on where it is)?"""
    return "PC" in snippet_names(ins)


# ---- rendering --------------------------------------------------------------------------------
# A small unparser for the node types the emitter produces: precedence-aware (few parentheses),
# large integers in hex (addresses read better), an ``if`` with one simple statement on one line.

_PREC_OR, _PREC_AND, _PREC_NOT, _PREC_CMP = 1, 2, 3, 4
_BIN_PREC = {ast.BitOr: 5, ast.BitXor: 6, ast.BitAnd: 7, ast.LShift: 8, ast.RShift: 8,
             ast.Add: 9, ast.Sub: 9, ast.Mult: 10, ast.FloorDiv: 10, ast.Mod: 10}
_BIN_TEXT = {ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.LShift: "<<", ast.RShift: ">>",
             ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%"}
_CMP_TEXT = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
             ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}


def _lit(v) -> str:
    if type(v) is int and abs(v) >= 4096:
        return hex(v)
    return repr(v)


def expr_text(e: ast.expr, prec: int = 0) -> str:
    """Source of an expression; parenthesised when its precedence is below `prec`."""
    if isinstance(e, ast.Constant):
        t = _lit(e.value)
        return f"({t})" if t.startswith("-") and prec > 11 else t
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.BinOp):
        p = _BIN_PREC[type(e.op)]
        t = f"{_operand(e.left, p, p)} {_BIN_TEXT[type(e.op)]} {_operand(e.right, p, p + 1)}"
        return f"({t})" if p < prec else t
    if isinstance(e, ast.UnaryOp):
        if isinstance(e.op, ast.Not):
            t = f"not {_operand(e.operand, 0, _PREC_NOT)}"
            return f"({t})" if _PREC_NOT < prec else t
        sym = {ast.USub: "-", ast.Invert: "~", ast.UAdd: "+"}[type(e.op)]
        t = f"{sym}{expr_text(e.operand, 11)}"
        return f"({t})" if 11 < prec else t
    if isinstance(e, ast.Compare):
        parts = [_operand(e.left, 0, _PREC_CMP + 1)]
        for op, c in zip(e.ops, e.comparators):
            parts.append(f"{_CMP_TEXT[type(op)]} {_operand(c, 0, _PREC_CMP + 1)}")
        t = " ".join(parts)
        return f"({t})" if _PREC_CMP < prec else t
    if isinstance(e, ast.BoolOp):
        p = _PREC_OR if isinstance(e.op, ast.Or) else _PREC_AND
        t = f" {'or' if p == _PREC_OR else 'and'} ".join(expr_text(v, p + 1) for v in e.values)
        return f"({t})" if p < prec else t
    if isinstance(e, ast.IfExp):
        t = f"{expr_text(e.body, 1)} if {expr_text(e.test, 1)} else {expr_text(e.orelse, 0)}"
        return f"({t})" if prec > 0 else t
    if isinstance(e, ast.Subscript):
        return f"{expr_text(e.value, 12)}[{expr_text(e.slice)}]"
    if isinstance(e, ast.Call):
        return f"{expr_text(e.func, 12)}({', '.join(expr_text(a) for a in e.args)})"
    if isinstance(e, (ast.Set, ast.Tuple)):
        inner = ", ".join(expr_text(x) for x in e.elts)
        return "{" + inner + "}" if isinstance(e, ast.Set) else f"({inner})"
    return ast.unparse(e)


def _operand(e: ast.expr, parent: int, prec: int) -> str:
    """An operand; a binary operation of another group than its parent's gets parentheses
    (``(a + b) & m``, ``not (o & 3)``) even where Python's precedence would not need them."""
    if isinstance(e, ast.BinOp) and _BIN_PREC[type(e.op)] != parent and not (
            parent == 0 and _BIN_PREC[type(e.op)] == 9):
        return f"({expr_text(e)})"
    return expr_text(e, prec)


def stmt_text(s: ast.stmt) -> str:
    """Source of a simple statement."""
    if isinstance(s, ast.Assign):
        return f"{' = '.join(expr_text(t) for t in s.targets)} = {expr_text(s.value)}"
    if isinstance(s, ast.AugAssign):
        return f"{expr_text(s.target)} {_BIN_TEXT[type(s.op)]}= {expr_text(s.value)}"
    if isinstance(s, ast.Expr):
        return expr_text(s.value)
    if isinstance(s, ast.Return):
        return "return" if s.value is None else f"return {expr_text(s.value)}"
    if isinstance(s, ast.Raise):
        return f"raise {expr_text(s.exc)}"
    if isinstance(s, ast.Pass):
        return "pass"
    if isinstance(s, ast.Continue):
        return "continue"
    if isinstance(s, ast.Break):
        return "break"
    return ast.unparse(s)


def _simple(s: ast.stmt) -> bool:
    return isinstance(s, (ast.Assign, ast.AugAssign, ast.Expr, ast.Return, ast.Raise, ast.Pass,
                          ast.Continue, ast.Break))


def render(stmts: list[ast.stmt], indent: str = "") -> list[str]:
    """Source lines for statements; an ``if`` with one simple statement stays on one line."""
    out: list[str] = []
    for s in stmts:
        _render(s, indent, out)
    return out


def _render(s: ast.stmt, ind: str, out: list[str]) -> None:
    if isinstance(s, ast.If):
        if len(s.body) == 1 and _simple(s.body[0]) and not s.orelse:
            out.append(f"{ind}if {expr_text(s.test, 1)}: {stmt_text(s.body[0])}")
            return
        out.append(f"{ind}if {expr_text(s.test, 1)}:")
        for b in s.body:
            _render(b, ind + "    ", out)
        if s.orelse:
            if len(s.orelse) == 1 and isinstance(s.orelse[0], ast.If):
                sub: list[str] = []
                _render(s.orelse[0], ind, sub)
                sub[0] = ind + "el" + sub[0][len(ind):]
                out.extend(sub)
            else:
                out.append(f"{ind}else:")
                for b in s.orelse:
                    _render(b, ind + "    ", out)
        return
    if _simple(s):
        out.append(ind + stmt_text(s))
        return
    out.extend(ind + ln for ln in ast.unparse(s).splitlines())
