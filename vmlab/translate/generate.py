"""Python source for a translation: one function holding one or more guest basic blocks.

The instructions' own statements come from :mod:`vmlab.isa.codegen_block` (that is, from the
instruction table). This module wraps them: loads the registers the code uses into locals,
turns each ``return <next pc>`` into an exit (chained link, loop, dispatch, or a lookup),
writes back the registers the code changed on every exit, counts the budget of instructions
left in the slice, and records which source line belongs to which guest instruction so that a
trap can be located precisely.

Three forms, chosen by the shape of the code:

``block``
    A straight basic block::

        def tb_80000100(n):
            if n < 4: return _partial(0x80000100, n)     # fewer steps left than the block has
            ...
            _x[10] = a0                                  # write back before leaving
            return _L0, n - 4                            # chained to the successor

``loop``
    A block that branches back to its own start: a ``for`` loop over the iterations the
    budget allows, so the loop runs inside one Python call.

``region``
    Several blocks (a loop with branches inside it, a function and the calls it makes): a
    ``while`` loop dispatching on ``b``, the index of the block to run next (a small int: in
    CPython comparing small ints is several times faster than comparing 32-bit addresses);
    control stays inside while the target is one of its blocks, registers stay in locals.
    An inner loop of the region runs as a nested ``while`` loop; one whose blocks each lead to
    the next (one path round, as in a list walk) as a ``for`` loop over whole rounds, counted
    when it is left.

The function is built by a factory ``_make(_B, _E, _L0, _L1, ...)``: ``_B`` is the
:class:`~vmlab.translate.records.Translation` record, ``_E`` its execution counters, and each
``_Lk`` a closure cell holding the function of a static successor: first a stub that looks the
target up, then, once the target is translated, that function itself (block chaining).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..isa.codegen_block import REG_NAMES, expr_text, render
from ..isa.disasm import disassemble
from ..trap import PRIV_NAMES
from .records import Shape

COMMENT_COLUMN = 60
# a loop with one path round runs as a for loop if it goes round at least this many times per
# entry (entering and leaving the for loop costs about as much as two rounds of dispatching)
MIN_ROUNDS = 3
MIDWAY = 0x7FFFFFFF            # budget such a loop's other blocks ask for: more than any slice
DISPATCH_SEGMENT = 4           # blocks (or inner loops) under one `if b <= last:` test of a region's chain


@dataclass
class Generated:
    code: str                                   # the source that is compiled (no comments)
    form: str                                   # "block", "loop" or "region"
    # source line -> (guest pc, budget correction, loop length, counts in the loop): see TranslateBackend._fault
    line_info: dict[int, tuple[int, int, int, tuple]]
    targets: list[int] = field(default_factory=list)   # static successors outside: _L0, _L1 ...
    comments: dict[int, object] = field(default_factory=dict)  # line index -> comment (str, or (word, pc))
    symbols: object = None

    @property
    def source(self) -> str:
        """The source with comments: the guest disassembly beside each instruction's first
        line. Made on demand (disassembling costs more than compiling); same line numbers."""
        lines = self.code.split("\n")
        for k, c in self.comments.items():
            if not isinstance(c, str):
                word, pc = c
                c = f"# {pc:08x}  {disassemble(word, pc, self.symbols)}"
            lines[k] += " " * max(2, COMMENT_COLUMN - len(lines[k])) + c
        return "\n".join(lines)


def choose_form(shapes: list[Shape]) -> str:
    if len(shapes) > 1:
        return "region"
    sh = shapes[0]
    return "loop" if sh.pc in sh.exits else "block"


def layout(shapes: list[Shape]) -> list[Shape]:
    """Order of the blocks in a region's dispatch chain (entry first in `shapes`).

    Reverse post-order from the entry: a block comes after the blocks that lead to it (except
    along back edges), so control mostly falls through to the next test in the chain, and
    blocks that leave the region sink to the end.
    """
    if len(shapes) < 2:
        return shapes
    by_pc = {sh.pc: sh for sh in shapes}
    seen: set[int] = set()
    post: list[Shape] = []

    def visit(sh: Shape) -> None:               # iterative DFS (regions are small, but no recursion limit)
        stack = [(sh, iter(sh.successors()))]
        seen.add(sh.pc)
        while stack:
            node, it = stack[-1]
            for t in it:
                if t in by_pc and t not in seen:
                    seen.add(t)
                    stack.append((by_pc[t], iter(by_pc[t].successors())))
                    break
            else:
                post.append(node)
                stack.pop()

    for sh in shapes:
        if sh.pc not in seen:
            visit(sh)
    order = post[::-1] if post[-1] is shapes[0] else [shapes[0]] + [s for s in post[::-1] if s is not shapes[0]]
    # the blocks of each inner loop next to each other, so that it can run as a nested loop
    loop_of = {}
    for h, body in inner_loops(order):
        for k in body:
            loop_of[k] = body
    out: list[Shape] = []
    placed: set[int] = set()
    for k, sh in enumerate(order):
        if k in placed:
            continue
        for j in sorted(loop_of.get(k, (k,))):
            out.append(order[j])
            placed.add(j)
    return out


def inner_loops(shapes: list[Shape]) -> list[tuple[int, set[int]]]:
    """The innermost natural loops of a region of two or more blocks, as (header index, set
    of block indices), disjoint; not loops that hold the entry (index 0) unless it is their
    header. A back edge is found by a depth-first search from the entry."""
    by = {sh.pc: k for k, sh in enumerate(shapes)}
    succ = [[by[t] for t in sh.successors() if t in by] for sh in shapes]
    pred: list[list[int]] = [[] for _ in shapes]
    for u, vs in enumerate(succ):
        for v in vs:
            pred[v].append(u)
    state = [0] * len(shapes)                  # 0 new, 1 on the DFS stack, 2 done
    back = []
    for root in range(len(shapes)):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            u, it = stack[-1]
            for v in it:
                if state[v] == 1:
                    back.append((u, v))
                elif state[v] == 0:
                    state[v] = 1
                    stack.append((v, iter(succ[v])))
                    break
            else:
                state[u] = 2
                stack.pop()
    bodies: dict[int, set[int]] = {}
    for u, h in back:
        body = bodies.setdefault(h, {h})
        todo = [u]
        while todo:
            x = todo.pop()
            if x not in body:
                body.add(x)
                todo.extend(pred[x])
    chosen: list[tuple[int, set[int]]] = []
    taken: set[int] = set()
    for h, body in sorted(bodies.items(), key=lambda kv: len(kv[1])):
        if len(body) < 2 or body & taken or (0 in body and h != 0):
            continue
        chosen.append((h, body))
        taken |= body
    return chosen


def generate(shapes: list[Shape], priv: int, symbols=None, entry: int | None = None,
             grow_every: int = 64, runs=None) -> Generated:
    """Source of ``_make`` for these blocks, laid out in this order; `entry` defaults to the
    first. Every `grow_every`-th entry (a power of two) the function calls ``_grow``.
    `runs(pc)`: how often the block at pc has run so far (None: unknown), to tell loops that
    go round many times per entry from those that do not."""
    g = _Generator(shapes, priv, symbols, shapes[0].pc if entry is None else entry, runs)
    g.grow_mask = grow_every - 1
    return g.run()


class _Generator:
    def __init__(self, shapes: list[Shape], priv: int, symbols, entry: int, runs=None):
        self.form = choose_form(shapes)
        self.shapes = shapes
        self.entry = entry
        self.dispatch = len(shapes) > 1          # a while loop dispatching on the block index b
        self.priv = priv
        self.symbols = symbols
        self.index = {sh.pc: k for k, sh in enumerate(self.shapes)}
        # inner loops whose blocks are next to each other run as a nested while loop:
        # block index -> (first, last) index of its loop
        self.loop: dict[int, tuple[int, int]] = {}
        # inner loops with one path round (each block leads to the next, the last back to the
        # header; any other exit leaves the loop) run as one `for` loop: first index -> its
        # blocks in the order they run, header first
        self.rounds: dict[int, list[int]] = {}
        if self.dispatch:
            for h, body in inner_loops(shapes):
                lo, hi = min(body), max(body)
                if hi - lo + 1 == len(body) and h == lo:
                    path = one_path(shapes, h, body, self.index)
                    if path is not None and _rounds_per_entry(shapes, path, runs) >= MIN_ROUNDS:
                        self.rounds[lo] = path
                        continue
                    for k in body:
                        self.loop[k] = (lo, hi)
        self.round_of = {k: path for path in self.rounds.values() for k in path}
        self.rnd: _Round | None = None           # set while emitting the body of such a loop
        # budget checks: only where control can arrive other than by a jump forward in the
        # chain (a jump back, the exit of a block that loops on itself; a computed
        # jump checks the `need` of the block it lands on before it goes there); such
        # a check asks for enough steps to reach the next check or leave (`need`); the blocks
        # in between only count. The function checks `need` of the block it is entered at.
        self.checked: set[int] = set()
        self.need: list[int] = []
        if self.dispatch:
            self._plan_budget()
        self.targets: list[int] = []
        self.lines: list[str] = []
        self.comments: dict[int, object] = {}
        self.info: list = []
        reads: set[int] = set()
        writes: set[int] = set()
        for sh in shapes:
            written: set[int] = set()
            for c in sh.codes:
                reads |= c.reads - written if self.form == "block" else c.reads
                written |= c.writes
            writes |= written
        self.writes = sorted(writes)
        # a block loads what it reads before writing; a loop or region loads everything it
        # touches, so that every exit can write back the same registers
        self.loads = sorted(reads) if self.form == "block" else sorted(reads | writes)
        # a loop or region holds a whole run of registers (the lowest to the highest it
        # touches) in locals: one slice loads them and one slice stores them back, a few
        # bytecodes instead of four per register on every entry and exit
        self.span = None
        if self.form != "block" and len(self.loads) > 2:
            self.span = (self.loads[0], self.loads[-1])
            self.loads = list(range(self.loads[0], self.loads[-1] + 1))

    def _plan_budget(self) -> None:
        shapes, index = self.shapes, self.index
        succ = [[index[t] for t in sh.exits if t in index] for sh in shapes]
        checked = self.checked
        for k, sh in enumerate(shapes):
            path = self.round_of.get(k)
            looping = sh.pc in sh.exits or path is not None
            if looping and (path is None or k == path[0]):
                checked.add(k)                 # its for loop checks the budget itself
            for j in succ[k]:
                if path is not None and j in path:
                    continue                   # round the loop: its for loop counts
                if j <= k or looping:          # a jump back, or out of a for loop: `continue`
                    checked.add(j)
        need = [0] * len(shapes)
        for k in range(len(shapes) - 1, -1, -1):
            ahead = [need[j] for j in succ[k] if j > k and j not in checked]
            need[k] = len(shapes[k].codes) + max(ahead, default=0)
        for path in self.rounds.values():
            for k in path[1:]:
                need[k] = MIDWAY             # entered midway: interpreted up to the header
            need[path[0]] = sum(len(shapes[k].codes) for k in path)
        self.need = need

    # -- helpers ------------------------------------------------------------------------------
    def emit(self, text: str, where=None, comment=None) -> None:
        if comment:
            self.comments[len(self.lines)] = comment
        self.lines.append(text)
        self.info.append(where)

    def link(self, t: int) -> str:
        if t not in self.targets:
            self.targets.append(t)
        return f"_L{self.targets.index(t)}"

    def wb(self, regs) -> list[str]:
        if self.span is not None and regs:
            lo, hi = self.span
            return [f"_x[{lo}:{hi + 1}] = {', '.join(REG_NAMES[i] for i in range(lo, hi + 1))}"]
        return ["; ".join(f"_x[{i}] = {REG_NAMES[i]}" for i in regs)] if regs else []

    def flush(self) -> list[str]:
        if self.form == "block":
            return []
        K = len(self.shapes)
        if K < 3:
            return ["; ".join(f"_E[{k}] += _c{k}" for k in range(K))]
        # all counters in one C-level pass (_E has one more item, the entries: map stops first)
        return [f"_E[:{K}] = map(_add, _E, ({', '.join(f'_c{k}' for k in range(K))}))"]

    # -- the function ------------------------------------------------------------------------
    def run(self) -> Generated:
        e = self.emit
        shapes = self.shapes
        total = sum(len(sh.codes) for sh in shapes)
        rng = ", ".join(f"{sh.pc:#x}..{sh.end:#x}" for sh in shapes)
        e(f"# {self.form} {rng}  priv={PRIV_NAMES.get(self.priv, self.priv)}  "
          f"({total} guest instructions; generated from vmlab/isa)")
        e("def _make(_B, _E__LINKS__):")
        name = f"tb_{self.entry:08x}"
        if self.dispatch:
            e("    _IN = {" + ", ".join(f"{sh.pc:#x}: {k}" for k, sh in enumerate(shapes)) + "}.get",
              comment="# block start -> index, for computed jumps")
            nd = ", ".join("0x7fffffff" if v == MIDWAY else str(v) for v in self.need)
            e(f"    _ND = ({nd}{',' if len(self.need) == 1 else ''})", comment="# steps each block needs to reach the next check")
        e(f"    def {name}(n{f', b={self.index[self.entry]}' if self.dispatch else ''}):")
        b = " " * 8
        K = len(shapes)
        pcs = "(" + ", ".join(f"{sh.pc:#x}" for sh in shapes) + ")"     # block index -> address
        grow = [f"{b}if not _E[{K}] & {self.grow_mask}:", f"{b}    _g = _grow(_B, {'b' if self.dispatch else 0})",
                f"{b}    if _g is not None: return _g(n)"]
        if self.form == "block":
            sh = shapes[0]
            e(f"{b}if n < {len(sh.codes)}: return _partial({sh.pc:#x}, n)",
              comment="# fewer steps left than the block has")
            e(f"{b}_E[{K}] += 1")
            e(grow[0], comment=f"# every {self.grow_mask + 1}th time: grow into a region?")
            e(grow[1]); e(grow[2])
            e(f"{b}_E[0] += 1", comment="# (after: a region it grew into counts this run)")
            self.load_registers(b)
            e(f"{b}try:")
            self.block(sh, 0, b + "    ")
        else:
            if self.dispatch:
                e(f"{b}if n < _ND[b]: return _partial({pcs}[b], n)",
                  comment="# fewer steps left than the way to the next check")
            e(f"{b}_E[{K}] += 1")
            e(grow[0], comment=f"# every {self.grow_mask + 1}th time: grow into a region?")
            e(grow[1]); e(grow[2])
            self.load_registers(b)
            e(b + " = ".join(f"_c{k}" for k in range(len(shapes))) + " = 0", comment="# executions of each block")
            if self.dispatch:
                e(f"{b}_nx = None", comment="# set on the way out: the function to run next")
                e(f"{b}try:")
                e(f"{b}    while True:")
                # the chain of tests is cut into segments: `if b <= last:` skips a whole
                # segment with one test (control only moves forward through the chain: a jump
                # back goes round the while loop again, so b >= a segment's first on arrival)
                items = []
                k = 0
                while k < len(shapes):
                    lo, hi = self.loop.get(k, (k, k))
                    if k in self.rounds:
                        hi = k + len(self.rounds[k]) - 1
                    items.append((lo, hi))
                    k = hi + 1
                segs = ([items[j:j + DISPATCH_SEGMENT] for j in range(0, len(items), DISPATCH_SEGMENT)]
                        if len(items) > DISPATCH_SEGMENT + 1 else [items])
                for seg in segs:
                    ind = b + "        "
                    if len(segs) > 1:
                        e(f"{ind}if b <= {seg[-1][1]}:", comment=f"# blocks {seg[0][0]}-{seg[-1][1]}")
                        ind += "    "
                    for lo, hi in seg:
                        if lo in self.rounds:
                            self.round_loop(lo, hi, ind)
                            continue
                        if lo not in self.loop:
                            e(f"{ind}if b == {lo}:", comment=f"# block {shapes[lo].pc:#x}")
                            self.block(shapes[lo], lo, ind + "    ")
                            continue
                        # an inner loop: its blocks dispatch among themselves without going
                        # through the whole chain; it is left by break, with b outside it
                        e(f"{ind}if {lo} <= b <= {hi}:", comment=f"# loop {shapes[lo].pc:#x}: blocks {lo}-{hi}")
                        e(f"{ind}    while True:")
                        for j in range(lo, hi + 1):
                            e(f"{ind}        if b == {j}:", comment=f"# block {shapes[j].pc:#x}")
                            self.block(shapes[j], j, ind + "            ")
                        e(f"{ind}        break", comment="# to a block after the loop")
                        e(f"{ind}    if _nx is not None or {lo} <= b <= {hi}: break", comment="# leaving, or out of budget inside the loop")
            else:
                e(f"{b}try:")
                self.block(shapes[0], 0, b + "    ")
        e(f"{b}except BaseException as _e:")
        e(f"{b}    _fault(_e, locals(), _B)", comment="# write back; find the faulting instruction")
        e(f"{b}    raise")
        if self.form != "block":
            sh = shapes[0]
            if not self.dispatch:                # the for loop ran out of budget
                L = len(sh.codes)
                e(f"{b}n -= {L} * _i; _c0 += _i")
            for ln in self.flush() + self.wb(self.writes):
                e(b + ln)
            if self.dispatch:
                e(f"{b}if _nx is not None: return _nx, n", comment="# every exit of the region comes here")
            at = f"{pcs}[b]" if self.dispatch else f"{sh.pc:#x}"
            e(f"{b}return _partial({at}, n)", comment="# out of budget: the rest interpreted")
        e(f"    return {name}")
        self.lines[1] = self.lines[1].replace("__LINKS__", "".join(f", _L{j}" for j in range(len(self.targets))))
        code = "\n".join(self.lines) + "\n"
        info = {k + 1: w for k, w in enumerate(self.info) if w is not None}
        return Generated(code, self.form, info, self.targets, self.comments, self.symbols)

    def load_registers(self, ind: str) -> None:
        regs = self.loads
        if self.span is not None:
            lo, hi = self.span
            self.emit(f"{ind}{', '.join(REG_NAMES[i] for i in regs)} = _x[{lo}:{hi + 1}]")
            return
        for k in range(0, len(regs), 8):
            self.emit(ind + "; ".join(f"{REG_NAMES[i]} = _x[{i}]" for i in regs[k:k + 8]))

    # -- one block ----------------------------------------------------------------------------
    def round_loop(self, lo: int, hi: int, ind: str) -> None:
        """An inner loop with one path round (blocks lo-hi): a ``for`` loop over whole rounds,
        its blocks one after the other with no dispatch and no counting inside; an exit counts
        what ran (the rounds before, this one up to the exit). A block after the header needs
        MIDWAY steps: entered there (a slice that ended in the loop, a computed jump), the function
        hands it to the interpreter at once, block by block up to the header."""
        e = self.emit
        shapes = self.shapes
        path = self.rounds[lo]
        h = path[0]
        L = sum(len(shapes[k].codes) for k in path)
        e(f"{ind}if {lo} <= b <= {hi}:", comment=f"# loop {shapes[h].pc:#x}: blocks {lo}-{hi}, one path round")
        ind += "    "
        e(f"{ind}if b != {h}: break", comment="# (entered midway: the rest of the round is interpreted)")
        e(f"{ind}_i = 0")
        e(f"{ind}for _i in range(1, n // {L} + 1):", comment="# as many rounds as the budget allows")
        before = 0
        for pos, k in enumerate(path):
            self.rnd = _Round(path, pos, L, before)
            self.block(shapes[k], k, ind + "    ")
            before += len(shapes[k].codes)
        self.rnd = None
        e(f"{ind}else:")                          # ran out of budget at the header
        e(f"{ind}    n -= {L} * _i; " + "; ".join(f"_c{k} += _i" for k in path))
        e(f"{ind}    break")
        e(f"{ind}if _nx is not None: break")      # left the loop (counted where it left)
        e(f"{ind}continue")

    def block(self, sh: Shape, kb: int, ind: str) -> None:
        """Code of block `sh` (index kb) at indentation `ind`, with its budget check."""
        e = self.emit
        L = len(sh.codes)
        looping = self.form != "block" and sh.pc in sh.exits
        if self.rnd is not None:
            body = ind                            # round a loop: its for loop counts
        elif looping:
            # a block that jumps back to itself: a for loop over the iterations the budget allows
            e(f"{ind}_i = 0")
            e(f"{ind}for _i in range(1, n // {L} + 1):", comment="# as many times as the budget allows")
            body = ind + "    "
        else:
            body = ind
            if self.form != "block":
                if kb in self.checked:
                    e(f"{ind}if n < {self.need[kb]}: break", comment="# fewer steps left than the way to the next check")
                e(f"{ind}n -= {L}; _c{kb} += 1")
        written: set[int] = set()
        k = 0
        while k < L:
            g = sh.groups.get(k)
            if g is None:
                c = sh.codes[k]
                written |= c.writes
                self.insn(sh, kb, looping, k, c.stmts, body, written)
                k += 1
                if c.skips:
                    # a branch over the next instructions: they run in its else
                    inner = range(k, k + len(c.skips))
                    if any(sh.codes[j].stmts for j in inner):
                        e(f"{body}else:")
                        for j in inner:
                            written |= sh.codes[j].writes
                            self.insn(sh, kb, looping, j, sh.codes[j].stmts, body + "    ", written)
                    k = inner.stop
                continue
            # one guard for the group's accesses; when it fails, each checks its own
            guard = g.guard
            for ln in render(guard[:-1]):
                e(body + ln)
            e(f"{body}if {expr_text(guard[-1].test, 1)}:", comment=f"# one check for {g.end - g.start} instructions")
            for ln in render(g.pre):
                e(body + "    " + ln)
            saved = set(written)
            for j in range(g.start, g.end):
                written |= sh.codes[j].writes
                self.insn(sh, kb, looping, j, g.fast[j], body + "    ", written)
            e(f"{body}else:")
            written = saved
            for j in range(g.start, g.end):
                written |= sh.codes[j].writes
                self.insn(sh, kb, looping, j, g.slow.get(j, sh.codes[j].stmts), body + "    ", written)
            k = g.end
        if looping and self.dispatch:
            e(f"{ind}else:")                       # ran out of budget inside the loop
            e(f"{ind}    n -= {L} * _i; _c{kb} += _i")
            e(f"{ind}    break")
            e(f"{ind}n -= {L} * _i; _c{kb} += _i")  # left the loop for another block, or the region
            e(f"{ind}if _nx is not None: break")
            e(f"{ind}continue")

    def insn(self, sh: Shape, kb: int, looping: bool, k: int, stmts, ind: str, written: set[int]) -> None:
        """One instruction's lines, its exits filled in, its disassembly as a comment."""
        L = len(sh.codes)
        c = sh.codes[k]
        rnd = self._round(kb, L, looping)
        if self.form == "block":
            where = (c.pc, -k, 0, ())
        elif rnd is not None:
            where = (c.pc, rnd.L - rnd.before - k, rnd.L, rnd.counts())
        else:
            where = (c.pc, L - k, 0, ())
        ret = sh.end if k == L - 1 and c.falls_through and not c.ins.ends_block else None
        # the rendered lines, with placeholders for the exits, depend only on the statements:
        # kept with the instruction's code, they serve every later translation of it
        key = (id(stmts), ret)
        hit = c.rendered.get(key)
        if hit is None or hit[0] is not stmts:
            body = list(stmts)
            if ret is not None:
                body.append(ast.Return(ast.Constant(ret)))
            specs: list = []
            hit = c.rendered[key] = (stmts, render(_replace_exits(_normalise_returns(body), specs)), specs)
        regs = sorted(written) if self.form == "block" else self.writes
        exits = [self.exit(sh, kb, looping, v, regs) if v is not None
                 else self.smc_exit(sh, kb, looping, c, k, regs) for v in hit[2]]
        text = _expand_exits(hit[1], exits)
        for j, ln in enumerate(text):
            self.emit(ind + ln, where, (c.word, c.pc) if j == 0 else None)

    def exit(self, sh: Shape, kb: int, looping: bool, value: ast.expr, regs) -> list[str]:
        L = len(sh.codes)
        if self.rnd is not None:
            return self.round_exit(sh, value)

        def leave() -> list[str]:
            """Write back and flush before returning (a region leaves through its epilogue)."""
            if self.form == "block":
                return self.wb(regs)
            return ([f"n -= {L} * _i; _c{kb} += _i"] if looping else []) + self.wb(regs) + self.flush()
        n = f"n - {L}" if self.form == "block" else "n"
        if isinstance(value, ast.Constant):
            t = value.value
            if t == sh.pc and looping:
                return ["continue"]
            if self.dispatch and t in self.index:
                k = self.index[t]
                if looping:
                    return [f"b = {k}", "break"]
                here = self.loop.get(self.index[sh.pc])
                if here is not None and not here[0] <= k <= here[1]:
                    return [f"b = {k}", "break"]          # leaves the inner loop
                if k > self.index[sh.pc]:
                    return [f"b = {k}"]                   # falls through to its test below
                return [f"b = {k}", "continue"]
            if self.dispatch:                             # to the common way out below the loop
                return [f"_nx = {self.link(t)}", "break"]
            return leave() + [f"return {self.link(t)}, {n}"]
        v = ast.unparse(value)
        look = _look(sh, v)
        inner = []
        if self.dispatch:
            # a computed jump may land anywhere: it stays inside if the budget allows
            left = f"n - {len(sh.codes)} * _i" if looping else "n"
            # (one call of the dict's bound get costs less than `in` and an index: one hash of
            # a two-digit int, not two)
            inner = [f"b = _IN({v})",
                     f"if b is not None and {left} >= _ND[b]: {'break' if looping else 'continue'}"]
            return inner + [f"_nx = {look}", "break"]
        if looping:
            inner = [f"if {v} == {sh.pc:#x}: continue"]
        return inner + leave() + [f"return {look}, {n}"]

    def _round(self, kb: int, L: int, looping: bool) -> "_Round | None":
        """The for loop code is being emitted in: a one-path loop's, or a block's own (a loop
        of one block); None outside any."""
        if self.rnd is not None:
            return self.rnd
        return _Round([kb], 0, L, 0) if looping else None

    def round_exit(self, sh: Shape, value: ast.expr) -> list[str]:
        """An exit of a block inside a one-path loop's for loop."""
        rnd = self.rnd
        path, pos = rnd.path, rnd.pos
        if isinstance(value, ast.Constant):
            k = self.index.get(value.value)
            if k in path and path.index(k) == (pos + 1) % len(path):
                return ["pass"] if k != path[0] else ["continue"]     # on round the loop
        done = rnd.before + len(sh.codes)          # this round's instructions up to here
        count = [f"n -= {rnd.L} * _i" + (f" - {rnd.L - done}" if done < rnd.L else "")]
        count += [f"_c{k} += _i" if d == 0 else f"_c{k} += _i - 1" for k, d in rnd.counts()]
        out = ["; ".join(count)]
        if isinstance(value, ast.Constant):
            t = value.value
            if t in self.index:
                return out + [f"b = {self.index[t]}", "break"]
            return out + [f"_nx = {self.link(t)}", "break"]
        v = ast.unparse(value)
        return out + [f"b = _IN({v})", "if b is not None and n >= _ND[b]: break", f"_nx = {_look(sh, v)}", "break"]

    def smc_exit(self, sh: Shape, kb: int, looping: bool, c, k: int, regs) -> list[str]:
        """After a store that reached the bus: if it dropped this translation, leave now."""
        L = len(sh.codes)
        rnd = self._round(kb, L, looping)
        counts: tuple = ()
        if self.form == "block":
            n = f"n - {k + 1}"
        elif rnd is not None:
            refund = rnd.L - rnd.before - k - 1      # instructions of this round not executed
            n = f"n - {rnd.L} * _i + {refund}" if refund else f"n - {rnd.L} * _i"
            counts = rnd.counts()
        else:
            refund = L - k - 1                       # instructions of this block not executed
            n = f"n + {refund}" if refund else "n"
        # rare: the helper writes back the registers (and counters) from locals()
        return [f"if _B.dead: return _leave(_B, locals(), {c.pc + 4:#x}, {n}, {counts})"]


def _look(sh: Shape, v: str) -> str:
    """The lookup a computed jump to `v` at the end of `sh` leaves through: where a jump table's
    jump goes is noted (regions take its targets in); a return's is not."""
    last = sh.codes[-1]
    return f"_jumped({v}, {last.pc:#x})" if computed_jump(last.ins, last.ops) else f"_lookup({v})"


@dataclass
class _Round:
    """Where code is being emitted inside a one-path loop: its blocks (header first), the
    position of this block, the instructions of a whole round and those before this block."""
    path: list[int]
    pos: int
    L: int
    before: int

    def counts(self) -> tuple:
        """(block, d): block ran _i + d times once this block has run in round _i."""
        return tuple((k, 0 if j <= self.pos else -1) for j, k in enumerate(self.path))


def _rounds_per_entry(shapes: list[Shape], path: list[int], runs) -> float:
    """Estimated rounds of a one-path loop per entry: the header's runs over the runs that did
    not come round from the loop's end (at most as many as the fewest runs of another block)."""
    if runs is None:
        return float("inf")
    head = runs(shapes[path[0]].pc)
    back = min(runs(shapes[k].pc) for k in path[1:])
    return head / max(1, head - back)


def one_path(shapes: list[Shape], h: int, body: set[int], index: dict) -> list[int] | None:
    """The blocks of loop `body` in the order they run, header first, if each jumps or falls
    through to exactly one block of the loop (a call's return address does not count: the
    call leaves the loop) and following them goes once round all of them; else None."""
    nxt = {}
    for k in body:
        inside = {index[t] for t in shapes[k].exits if t in index and index[t] in body}
        if len(inside) != 1 or len(set(shapes[k].successors()) & {shapes[j].pc for j in body}) != 1:
            return None
        nxt[k] = inside.pop()
    path = [h]
    while nxt[path[-1]] != h:
        path.append(nxt[path[-1]])
        if len(path) > len(body):
            return None
    return path if len(path) == len(body) else None


def computed_jump(ins, ops: dict) -> bool:
    """A ``jalr`` other than a return (``ret``): through a jump table, or a call through a
    pointer. Its usual targets are found by watching it."""
    return ins.name == "jalr" and not (ops["rd"] == 0 and ops["rs1"] == 1)


def _terminates(stmts: list[ast.stmt]) -> bool:
    """Does every path through `stmts` end in a return?"""
    if not stmts:
        return False
    s = stmts[-1]
    if isinstance(s, ast.Return):
        return True
    if isinstance(s, ast.If):
        return _terminates(s.body) and _terminates(s.orelse)
    return False


def _normalise_returns(stmts: list[ast.stmt]) -> list[ast.stmt]:
    """``if c: return A`` followed by more code becomes ``if c: return A`` / ``else: ...``, so
    that every exit is the last statement on its path (an exit may then fall through)."""
    out: list[ast.stmt] = []
    for k, s in enumerate(stmts):
        if isinstance(s, ast.If) and _terminates(s.body) and not s.orelse and k + 1 < len(stmts):
            out.append(ast.If(s.test, _normalise_returns(s.body), _normalise_returns(stmts[k + 1:])))
            return out
        out.append(s)
    return out


def _is_marker(s: ast.stmt, name: str) -> bool:
    return (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
            and isinstance(s.value.func, ast.Name) and s.value.func.id == name)


def _placeholder(k: int) -> ast.stmt:
    return ast.Expr(ast.Call(ast.Name("__exit__", ast.Load()), [ast.Constant(k)], []))


def _replace_exits(stmts, specs: list) -> list[ast.stmt]:
    """Replace ``return X`` and the stores' ``__smc__()`` markers with numbered placeholders;
    `specs` receives X (None for a marker) for each, to be made into text by the context."""
    out = []
    for s in stmts:
        if isinstance(s, ast.Return):
            specs.append(s.value)
            out.append(_placeholder(len(specs) - 1))
        elif _is_marker(s, "__smc__"):
            specs.append(None)
            out.append(_placeholder(len(specs) - 1))
        elif isinstance(s, ast.If):
            out.append(ast.If(s.test, _replace_exits(s.body, specs), _replace_exits(s.orelse, specs)))
        else:
            out.append(s)
    return out


def _expand_exits(lines: list[str], exits: list[list[str]]) -> list[str]:
    out = []
    for ln in lines:
        p = ln.find("__exit__(")
        if p < 0:
            out.append(ln)
            continue
        q = ln.index(")", p)
        code = exits[int(ln[p + 9:q])]
        head = ln[:p]
        if code == ["pass"] and not head.strip() and out and out[-1].strip() == "else:":
            out.pop()                          # "else: pass" says nothing
            continue
        if head.strip():                       # "if cond: __exit__(k)" on one line
            if len(code) == 1:
                out.append(head + code[0])
                continue
            out.append(head.rstrip())
            ind = " " * (len(head) - len(head.lstrip())) + "    "
            out.extend(ind + c for c in code)
            continue
        out.extend(head + c for c in code)
    return out
