"""The dynamic binary translator backend: profile, translate, cache, chain, invalidate.

What happens at a guest pc (the Digital FX!32 / Transmeta Crusoe recipe, in Python):

1. **Profile.** The first ``threshold`` times a basic block runs, it is *interpreted*: its
   instructions run through the reference interpreter's handlers (decoded once) and the block
   counts its executions. ``threshold=0`` translates at once.
2. **Translate.** A hot block becomes a Python function. The translator decodes the block (up
   to a branch or jump, a ``system`` instruction, a breakpoint, or a size limit) and, following
   static successors (branch targets, fall-through, the return address of a call), a *region*
   of blocks around it: a loop with the branches inside it, a function with the code its
   calls return to. Only neighbours that are hot themselves join (``join_threshold``
   executions, half the threshold by default): translating code that ran a few times costs
   more than it gives back (a compiled guest instruction costs about as much as interpreting
   it 500 times). A neighbour already in another region brings that whole region along (it
   is dropped), so regions never copy each other's blocks. Every ``grow_every``-th entry (and
   then ever more rarely while nothing changes) a region looks again for new hot neighbours.
   A plain jump (``j``) does not end a block: decoding goes on at its target (a superblock).
   Each instruction's Python comes from the instruction table (:mod:`vmlab.isa.codegen_block`),
   with guest registers in local variables, constants folded and RAM accesses inlined;
   :mod:`vmlab.translate.generate` wraps them into one function. It is compiled once and kept in the translation cache, keyed by (pc, privilege).
3. **Chain.** An exit to a known address returns the successor's function from a link (a
   closure cell) that is patched the first time the exit is taken; computed jumps (``jalr``,
   ``ret``) look the target up in the cache, or stay inside the region when it is one of its
   blocks.
4. **Invalidate.** Every translated instruction's 64-byte line is flagged CODE on the bus, so
   a store there takes the bus's slow path, which calls :meth:`TranslateBackend.invalidate`:
   the affected translations are dropped and every link into them is reset to its stub. A
   translation whose own code is overwritten while it runs leaves right after the store, so
   the next instruction is fetched again, as the interpreter would. ``fence.i`` drops all.

Precise state. Each function receives ``n``, the number of instructions it may still execute
in the current slice, and returns ``(next function, n left)``; a block that does not fit in
``n`` runs its first ``n`` instructions interpreted. On every exit it writes back the
registers it changed. When an instruction traps (access fault, misaligned jump) or needs
synchronised state (a device, a hooked line such as HTIF ``tohost``), the function's
``except`` clause writes back the registers it holds and finds the faulting instruction from
the traceback's line number (one guest instruction per source line; QEMU maps a host pc to a
guest pc for the same reason). The run loop then credits ``instret`` for the completed
instructions and takes the trap or runs that instruction carefully, exactly as
:class:`~vmlab.backends.interp.InterpBackend` does. ``system`` instructions (CSR access,
``ecall``, ``ebreak``, ``mret``, ``wfi``, ``fence.i``) are never translated: blocks end
before them and they run as careful steps of the reference interpreter.
"""
from __future__ import annotations

import ast
import copy
import itertools
import linecache
import operator
import time
from collections import deque

from ..bus import NeedSync
from ..isa import ISA
from ..isa.codegen_block import REG_NAMES, BlockEmitter, RamModel, access_groups
from ..trap import Trap
from ..backends.base import Backend
from .generate import computed_jump, generate, layout
from .records import BlockRecord, ColdBlock, Link, Shape, StubRecord, Translation

DEFAULT_THRESHOLD = 100        # interpreted executions of a block before it is translated
MAX_BLOCK_INSNS = 64           # a basic block is cut after this many instructions
MAX_REGION_BLOCKS = 32         # blocks in one translated region
MAX_REGION_INSNS = 600         # instructions in one translated region
MAX_SKIP = 6                   # a forward branch over at most this many instructions stays inside its block
GROW_COST = 8                  # a region grows when its new blocks ran this many times per instruction it would hold
SMC_BACKOFF = 8                # per time its code was overwritten, a block waits this many more executions ...
SMC_GIVE_UP = 6                # ... and after this many times it stays interpreted
ACCESSORS = ("_ld4", "_ld2u", "_ld2s", "_ld1u", "_ld1s", "_st4", "_st2", "_st1")
_REG_LOCALS = [(REG_NAMES[i], i) for i in range(1, 32)]


class _Careful(Exception):
    """Raised by a stub: run the instruction at state.pc as a careful step."""


class _Break(Exception):
    """Raised by a breakpoint stub."""

# Stubs raise a new instance each time: raising one shared instance again would extend its
# __traceback__ every time, keeping every frame (and every Machine) it passed through alive.


def _through(code):
    """A jump inside a superblock: its code without the exit (``j`` becomes nothing)."""
    c = copy.copy(code)
    stmts = list(code.stmts)
    assert stmts and isinstance(stmts[-1], ast.Return), stmts
    c.stmts = stmts[:-1]
    c.static_exits = []
    c.falls_through = True
    c.rendered = {}
    return c


def _branch_over(code) -> int:
    """How many instructions this conditional branch jumps over when taken, if it is a
    forward branch over 1 to MAX_SKIP of them (``beqz a2, 1f; xor a0, a0, a1; 1:``); else 0."""
    st = code.stmts
    pc = code.pc
    if not (len(st) == 2 and st[0].__class__ is ast.If and not st[0].orelse and len(st[0].body) == 1
            and isinstance(st[0].body[0], ast.Return) and isinstance(st[0].body[0].value, ast.Constant)
            and isinstance(st[1], ast.Return) and isinstance(st[1].value, ast.Constant)
            and st[1].value.value == pc + 4):
        return 0
    k = (st[0].body[0].value.value - pc) // 4 - 1
    return k if 1 <= k <= MAX_SKIP else 0


def _skipping(branch, skipped: list):
    """A forward branch over instructions that do not transfer control (if-conversion): the
    block goes on through them, and the generated code runs them in the ``else`` of the
    branch's ``if``; when the branch is taken, the steps counted for them are given back
    (``n += k``). Registers they write count as read by the branch: when they do not run,
    those keep the values they had (so a translation loads them)."""
    c = copy.copy(branch)
    refund = ast.AugAssign(ast.Name("n", ast.Store()), ast.Add(), ast.Constant(len(skipped)))
    c.stmts = [ast.If(branch.stmts[0].test, [refund], [])]
    c.reads = set(branch.reads)
    for d in skipped:
        c.reads |= d.writes
    c.writes = set()
    c.consts = {}
    c.static_exits = []
    c.dynamic_exit = False
    c.falls_through = True
    c.rendered = {}
    c.skips = skipped
    return c


def _conditional(code):
    """An instruction a branch may jump over: its code stays, outside any access group."""
    if code.mem is None:
        return code
    c = copy.copy(code)
    c.mem = None
    return c


class TranslateBackend(Backend):
    """Dynamic binary translator to Python with a code cache, block chaining and regions.

    Args:
        machine: the Machine to execute.
        threshold: interpreted executions of a block before it is translated (0: at once).

    These attributes may be changed at any time and apply to translations made afterwards:
    ``threshold``; ``regions`` (False: translate single blocks only, chaining them);
    ``region_policy`` (``"warm"``: grow regions only along successors that have run at least
    ``join_threshold`` times (default: half the threshold); ``"reachable"``: along every
    static successor); ``group_accesses`` (one guard for consecutive loads and stores through
    the same register); ``grow_every`` (a translation checks every this many entries whether
    to grow into a region; a power of two); ``grow_cost`` (a region grows only when its new
    blocks ran this many times per instruction it would hold); ``superblocks`` (False: a
    ``j`` ends its block); ``skip_branches`` (False: a conditional branch ends its block;
    True: a forward branch over up to MAX_SKIP instructions that do not transfer control
    becomes an ``if`` around them, see :func:`_skipping`); ``max_block_insns``, ``max_region_blocks``,
    ``max_region_insns``; ``passes``: optimisation passes, functions
    called with each newly decoded block's list of :class:`~vmlab.isa.codegen_block.InsnCode`
    (one per guest instruction, in order) before code is generated from it; a pass may change
    an instruction's ``stmts`` (``[]`` removes its code: it still counts as executed). Blocks
    already decoded keep their code: set passes before running (lab 04 writes one).

    Inspection: :attr:`blocks`, :attr:`translations`, :meth:`source`, :attr:`stats`.
    """
    name = "translate"

    def __init__(self, machine, threshold: int | None = None):
        super().__init__(machine)
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        self.regions = True
        self.region_policy = "warm"
        self.group_accesses = True
        self.grow_every = 64
        self.join_threshold = None
        self.passes: list = []
        self.superblocks = True
        self.skip_branches = True
        self.grow_cost = GROW_COST
        self.max_block_insns = MAX_BLOCK_INSNS
        self.max_region_blocks = MAX_REGION_BLOCKS
        self.max_region_insns = MAX_REGION_INSNS
        bus = machine.bus
        self._interp = machine._reference()
        self._cache: dict[int, dict] = {}           # priv -> {pc: function to call}
        self._cold: dict[int, dict] = {}            # priv -> {pc: ColdBlock}
        self._trans: dict[int, dict] = {}           # priv -> {pc: Translation}
        self._owners: dict[int, dict] = {}          # priv -> {block start: region containing it}
        self._smc: dict[int, int] = {}              # block start -> times a store overwrote its code
        self._shapes: dict[int, Shape] = {}         # pc -> decoded and emitted block (any priv)
        self._jumps: dict[int, dict[int, int]] = {}  # computed jump's pc -> {target: times seen}
        self._past: list[tuple] = []                # (priv, blocks, counts, ranges) of translations a bigger one replaced
        self._emitted: dict = {}                    # (instruction, operand pattern, known inputs) -> InsnCode
        self._words: dict[int, tuple | None] = {}   # word -> (Insn, operands); None: illegal or system
        self._ns: dict[int, dict] = {}              # priv -> globals of the generated code
        self._lines: dict[int, set] = {}            # 64-byte line -> records covering it
        self._left = None                           # set on a fault: budget left after the completed instructions
        self._serial = itertools.count()
        self._views = None
        if bus._native_le:
            mv = memoryview(bus.ram)
            self._views = {"_rw": mv.cast("I"), "_rh": mv.cast("H"), "_rb": bus.ram}
        self._ram = self._ram_model()
        self._reset_stats()
        bus.code_listeners.append(self._code_written)
        bus.flag_end_listeners.append(self._flag_end_moved)

    # ------------------------------------------------------------------ statistics
    def _reset_stats(self) -> None:
        self.n_translations = 0
        self.n_blocks_translated = 0
        self.n_insns_translated = 0
        self.hits = 0
        self.misses = 0
        self.invalidations = 0
        self.n_replaced = 0
        self.insns_interpreted = 0
        self.insns_executed = 0          # by this backend's run loop (translated + interpreted)
        self.careful_steps = 0
        self.seconds_translating = 0.0
        self.seconds_running = 0.0

    @property
    def stats(self) -> dict:
        """Counters since the backend was created (a plain dict, for tables and widgets)."""
        return {
            "translations": self.n_translations,
            "blocks translated": self.n_blocks_translated,
            "guest instructions translated": self.n_insns_translated,
            "average block length": (self.n_insns_translated / self.n_blocks_translated
                                     if self.n_blocks_translated else 0.0),
            "cache hits": self.hits,
            "cache misses": self.misses,
            "invalidations": self.invalidations,
            "grown into regions": self.n_replaced,
            "live translations": sum(len(d) for d in self._trans.values()),
            "instructions translated": self.insns_executed - self.insns_interpreted,
            "instructions interpreted": self.insns_interpreted,
            "careful steps": self.careful_steps,
            "seconds translating": self.seconds_translating,
            "seconds executing": max(0.0, self.seconds_running - self.seconds_translating),
        }

    # ------------------------------------------------------------------ inspection
    @property
    def translations(self) -> list[Translation]:
        """The live translated functions, by entry address."""
        return sorted((t for d in self._trans.values() for t in d.values()), key=lambda t: (t.pc, t.priv))

    @property
    def blocks(self) -> list[BlockRecord]:
        """Every guest basic block seen and not dropped, by address: pc range, instructions,
        executions (interpreted and translated), successors and which of them are chained,
        and where a computed jump at its end was seen to go.

        A block compiled into several translations (regions may overlap) appears once, with
        the executions of all of them added up.
        """
        rows: dict[tuple[int, int], BlockRecord] = {}

        def row(start, end, priv, insns):
            r = rows.get((start, priv))
            if r is None:
                r = rows[start, priv] = BlockRecord(start, end, priv, insns)
            return r

        for priv, d in self._cold.items():
            for c in d.values():
                r = row(c.pc, c.end, priv, len(c.insns))
                r.interpreted += c.execs
                r.executions += c.execs
        for t in self.translations:
            starts = {a for a, _, _ in t.blocks}
            linked = set(t.chained)
            for (a, b, k), count in zip(t.blocks, t.counts):
                r = row(a, b, t.priv, k)
                r.translated = True
                r.executions += count
                r.translations.append(t.pc)
                for s in t.successors[a]:
                    if s not in r.successors:
                        r.successors.append(s)
                    if (s in starts or s in linked) and s not in r.chained:
                        r.chained.append(s)
        for priv, blocks, counts, _ in self._past:
            for (a, _, _), count in zip(blocks, counts):
                r = rows.get((a, priv))
                if r is not None:
                    r.executions += count
        for r in rows.values():
            r.jump_targets = self._targets_seen(r.end - 4)
        return sorted(rows.values(), key=lambda r: (r.start, r.priv))

    def source(self, pc: int | None = None) -> str:
        """The generated Python for the code at `pc` (default: the current pc), with the guest
        disassembly as trailing comments. Code not translated yet is translated for display
        only (not cached)."""
        m = self.m
        if pc is None:
            pc = m.state.pc
        priv = m.state.priv
        privs = [priv] + [p for p in self._trans if p != priv]
        for p in privs:
            t = self._trans.get(p, {}).get(pc)
            if t is not None:
                return t.source
        for p in privs:
            for t in self._trans.get(p, {}).values():
                if any(a <= pc < b for a, b in t.ranges):
                    return t.source
        shapes = self._form_region(pc, priv)
        if not shapes:
            rows = m.disassemble(pc, 1)
            what = rows[0][2] if rows else "(outside RAM)"
            return f"# {pc:#010x}  {what}\n# not translated: runs as a careful step of the interpreter\n"
        return generate(layout(shapes), priv, m._symbols_lookup, entry=pc).source

    # ------------------------------------------------------------------ setup
    def _ram_model(self) -> RamModel:
        bus = self.m.bus
        return RamModel(bus.base, bus.size, inline=self._views is not None,
                        inline_loads=not bus.read_hooks)

    def _namespace(self, priv: int) -> dict:
        """Globals of the code translated for `priv` (created on first use)."""
        ns = self._ns.get(priv)
        if ns is not None:
            return ns
        m = self.m
        cache = self._cache.setdefault(priv, {})
        self._cold.setdefault(priv, {})
        self._trans.setdefault(priv, {})
        get = cache.get
        backend = self
        miss = self._miss_fn(priv)

        def _lookup(pc):
            f = get(pc)
            if f is None:
                return miss(pc)
            backend.hits += 1
            return f

        def _partial(pc, n):
            return backend._partial(pc, n, priv)

        jumps = self._jumps

        def _jumped(pc, src):
            # a computed jump at src (not a return) left its translation for pc: remember
            # where it went, so that a region holding it can take its usual targets in
            seen = jumps.get(src)
            if seen is None:
                seen = jumps[src] = {}
            seen[pc] = seen.get(pc, 0) + 1
            return _lookup(pc)

        ns = {"__builtins__": __builtins__, "_x": m.state.x, "_flags": m.bus.flags,
              "_FH": m.bus.flag_end, "Trap": Trap,
              "_fault": self._fault, "_lookup": _lookup, "_jumped": _jumped, "_partial": _partial,
              "_leave": self._leave, "_grow": self._grow,
              "_tdiv": m.ns["_tdiv"], "_trem": m.ns["_trem"], "_add": operator.add}
        if self._views:
            ns.update(self._views)
        for k in ACCESSORS:
            ns[k] = m.ns[k]
        self._ns[priv] = ns
        return ns

    def _flag_end_moved(self, end: int) -> None:
        for ns in self._ns.values():
            ns["_FH"] = end

    def _prepare(self) -> None:
        """Pick up what changed between runs: bus accessors rebound, read hooks added."""
        mns = self.m.ns
        for ns in self._ns.values():
            for k in ACCESSORS:
                if ns[k] is not mns[k]:
                    ns[k] = mns[k]
        ram = self._ram_model()
        if ram != self._ram:
            self.invalidate_all()         # loads were inlined (or not) for the old hooks
            self._ram = ram

    # ------------------------------------------------------------------ the run loop
    def run(self, budget: int):
        """Execute at most `budget` instructions; a StopReason, or None when the budget ran out.

        The shape mirrors :meth:`InterpBackend.run`: slices from ``machine._slice_budget``,
        ``machine._between_slices`` after each, a trapping instruction counts as one step.
        """
        m = self.m
        s = m.state
        interp = self._interp
        self._prepare()
        t_start = time.perf_counter()
        left = budget
        try:
            while left > 0:
                n = n0 = m._slice_budget(left)
                cache = self._cache.get(s.priv)
                if cache is None:
                    self._namespace(s.priv)
                    cache = self._cache[s.priv]
                f = cache.get(s.pc)
                if f is None:
                    f = self._ns[s.priv]["_lookup"](s.pc)
                else:
                    self.hits += 1
                try:
                    while n > 0:
                        f, n = f(n)
                except _Careful:
                    done = n0 - n
                except _Break:
                    done = n0 - n
                    s.instret += done
                    self.insns_executed += done
                    return m._breakpoint_stop(s.pc)
                except NeedSync as e:
                    e.__traceback__ = None    # the bus raises one shared instance: drop the frames
                    done = self._take_left(n0)
                except Trap as t:
                    done = self._take_left(n0)
                    s.instret += done
                    self.insns_executed += done
                    left -= done + 1          # a trapping instruction counts as a step
                    stop = m._take_trap(t)
                    if stop is not None:
                        return stop
                    continue
                else:
                    s.instret += n0
                    self.insns_executed += n0
                    s.pc = f.pc
                    left -= n0
                    stop = m._between_slices()
                    if stop is not None:
                        return stop
                    continue
                # a system instruction, or an access that needs synchronised state
                s.instret += done
                self.insns_executed += done
                left -= done + 1
                self.careful_steps += 1
                stop = interp.step_careful()
                if stop is not None:
                    return stop
            return None
        finally:
            self.seconds_running += time.perf_counter() - t_start

    def _take_left(self, n0: int) -> int:
        left, self._left = self._left, None
        if left is None:
            raise RuntimeError("translate backend: a trap escaped generated code without its position")
        return n0 - left

    def _fault(self, e: BaseException, loc: dict, rec: Translation) -> None:
        """Called by generated code when an instruction raises: write back, note the position."""
        info = rec.line_info.get(e.__traceback__.tb_lineno)
        if info is None:                       # not an instruction's line: an internal error
            return
        pc, back, loop_len, kb = info
        self._spill(rec, loc)
        self.m.state.pc = pc
        n = loc["n"]
        if loop_len:
            # inside a for loop: n is not yet charged for its rounds, nor the counters;
            # kb: (block, d) for each block that ran _i + d times
            i = loc["_i"]
            for k, d in kb:
                rec.counts[k] += i + d
            n -= loop_len * i
        self._left = n + back

    def _leave(self, rec: Translation, loc: dict, pc: int, n: int, counts: tuple):
        """Generated code after a store dropped its own translation: write back and leave.
        `counts`: inside a for loop, (block, d) for each block that ran _i + d times."""
        self._spill(rec, loc)
        for k, d in counts:
            rec.counts[k] += loc["_i"] + d
        return self._ns[rec.priv]["_lookup"](pc), n

    def _spill(self, rec: Translation, loc: dict) -> None:
        """From a translation's locals, leaving it midway: the guest registers it holds back to
        the register file, and its block counters into the record."""
        x = self.m.state.x
        for name, i in _REG_LOCALS:
            v = loc.get(name)
            if v is not None:
                x[i] = v
        if rec.form != "block":
            for k in range(len(rec.blocks)):
                rec.counts[k] += loc[f"_c{k}"]

    # ------------------------------------------------------------------ lookup, misses, stubs
    def _miss_fn(self, priv: int):
        cache = self._cache[priv]
        cold = self._cold[priv]
        owners = self._owners.setdefault(priv, {})
        backend = self
        bps = self.m.breakpoints

        def miss(pc):
            # a new pc: a cold block that counts its executions (its runner translates it
            # once it is hot), or a stub for what is never translated
            backend.misses += 1
            if pc in bps:
                return backend._stub(pc, priv, _Break)
            owner = owners.get(pc)
            if owner is not None:                   # a block of a translated region: enter it there
                return backend._enter(owner, pc)
            c = cold.get(pc)
            if c is None:
                c = backend._make_cold(pc, priv)
                if c is None:
                    return backend._stub(pc, priv, _Careful)
            cache[pc] = c.runner
            return c.runner
        return miss

    def _stub(self, pc: int, priv: int, exc: type):
        """A cache entry that leaves the run loop: a breakpoint, or a careful step (a system
        or illegal instruction, a pc that cannot be fetched)."""
        s = self.m.state

        def stub(n):
            s.pc = pc
            raise exc()
        stub.pc = pc
        stub.rec = None
        self._cache[priv][pc] = stub
        self._register(StubRecord(pc, priv, stub))
        return stub

    def _resume(self, pc: int, priv: int):
        """Where a slice ended in the middle of a block: looked up when the next slice runs."""
        lookup = self._ns[priv]["_lookup"]

        def resume(n):
            return lookup(pc), n
        resume.pc = pc
        resume.rec = None
        return resume

    def _enter(self, rec: Translation, pc: int):
        """The function that runs region `rec` from its block at pc (cached like a translation)."""
        f = rec.entries.get(pc)
        if f is None:
            if pc == rec.pc:
                f = rec.fn
            else:
                fn = rec.fn
                index = next(k for k, (a, _, _) in enumerate(rec.blocks) if a == pc)

                def f(n):
                    return fn(n, index)
                f.pc = pc
                f.rec = rec
            rec.entries[pc] = f
        self._cache[rec.priv][pc] = f
        return f

    def _link_stub(self, ln: Link, priv: int):
        lookup = self._ns[priv]["_lookup"]
        target = ln.target

        def stub(n):
            g = lookup(target)
            dst = g.rec
            if dst is not None and not dst.dead and not ln.src.dead and ln.cell is not None:
                ln.cell.cell_contents = g          # chained: the next exit returns g directly
                ln.dst = dst
                dst.incoming.add(ln)
            return g(n)
        stub.pc = target
        stub.rec = None
        return stub

    # ------------------------------------------------------------------ cold blocks
    def _decode(self, pc: int, skips: bool = False) -> list:
        """Instructions of the block at pc: (pc, word, Insn, operands); [] if none.

        A plain jump (``j``: ``jal x0``) to code that can be decoded does not end the block:
        decoding goes on at its target (a *superblock*), so the jumps that join C code's
        branches back together cost no block boundary. The jump still counts as executed.
        With `skips`, a conditional branch over at most MAX_SKIP instructions does not end it
        either (:meth:`_shape` decides whether they can stay in the block).
        """
        bus = self.m.bus
        bps = self.m.breakpoints
        words = self._words
        out = []
        if pc & 3:
            return out
        a = pc
        seen = set()
        while len(out) < self.max_block_insns:
            if out and a in bps:
                break
            o = a - bus.base
            if not 0 <= o <= bus.size - 4:
                break
            word = int.from_bytes(bus.ram[o:o + 4], "little")
            d = words.get(word, False)
            if d is False:
                ins = ISA.decode(word)
                d = words[word] = None if ins is None or ins.system else (ins, ins.decode_operands(word))
            if d is None:
                break
            ins, ops = d
            out.append((a, word, ins, ops))
            seen.add(a)
            if ins.ends_block:
                if skips and ins.fmt == "B" and 8 <= ops["imm"] <= 4 * MAX_SKIP + 4:
                    a += 4
                    continue
                if self.superblocks and ins.name == "jal" and ops["rd"] == 0:
                    t = (a + ops["imm"]) & 0xFFFFFFFF
                    if (not t & 3 and t not in seen and t not in bps and t not in self._smc
                            and 0 <= t - bus.base <= bus.size - 4):
                        a = t
                        continue
                break
            a += 4
        return out

    def _make_cold(self, pc: int, priv: int) -> ColdBlock | None:
        insns = self._decode(pc)
        if not insns:
            return None
        c = ColdBlock(pc, priv, insns)
        for a, *_ in insns:
            self.m.bus.mark_code(a)
        backend = self
        ns = self._namespace(priv)
        lookup = after = ns["_lookup"]          # after: the lookup once the whole block ran
        a, _, ins, ops = insns[-1]
        if computed_jump(ins, ops):      # a jump table's, say: note where it goes
            jumped = ns["_jumped"]

            def after(pc):
                return jumped(pc, a)

        def run(n):
            # up to n of the block's instructions, with the reference interpreter's handlers
            k = 0
            nxt = pc
            hs = c.handlers or backend._handlers(c)
            try:
                for h in (hs if n > size else hs[:n]):
                    nxt = h()
                    k += 1
                    if c.dead:           # it overwrote its own code: fetch again
                        break
            except BaseException:
                backend.m.state.pc = c.insns[k][0]          # (a superblock is not contiguous)
                backend._left = n - k
                backend.insns_interpreted += k
                raise
            backend.insns_interpreted += k
            if k == size:                # an execution: the whole block ran (not a slice's end)
                c.execs += 1
            if k == n:                   # the slice ends here: look the next pc up in the next one
                return backend._resume(nxt, priv), 0
            return (after if k == size else lookup)(nxt), n - k

        def runner(n):
            # hot, and the budget covers the block (single steps would translate every pc)
            if c.execs >= need and n >= size and not c.dead:
                fn = backend._translate(pc, priv)
                if fn is not None:
                    return fn(n)
            return run(n)
        size = len(insns)
        rewrites = self._smc.get(pc, 0)
        need = self.threshold + SMC_BACKOFF * rewrites if rewrites < SMC_GIVE_UP else 1 << 62
        runner.pc = pc
        runner.rec = None
        c.runner = runner
        c.run = run
        self._cold[priv][pc] = c
        self._register(c)
        return c

    def _handlers(self, c: ColdBlock) -> list:
        """The reference interpreter's handlers for a cold block's instructions (decoded
        already: its factories directly, not make_handler, which would decode them again)."""
        factories = self._interp.factories
        hs = c.handlers = [factories[ins.name](a, w, **ops) for a, w, ins, ops in c.insns]
        return hs

    def _partial(self, pc: int, n: int, priv: int):
        """Fewer steps left in the slice than the block at pc has: run them interpreted."""
        c = self._cold[priv].get(pc) or self._make_cold(pc, priv)
        if c is None:
            return self._ns[priv]["_lookup"](pc), n
        return c.run(n)

    # ------------------------------------------------------------------ translation
    def _shape(self, pc: int) -> Shape | None:
        sh = self._shapes.get(pc)
        if sh is not None and sh.limit == self.max_block_insns:
            return sh
        insns = self._decode(pc, skips=self.skip_branches)
        if not insns:
            return None
        if len(self._emitted) > 50_000:
            self._emitted.clear()
            self._words.clear()
        em = BlockEmitter(self._ram, self._emitted)
        codes = []
        skip = None                  # a branch over instructions: its index, how many, those so far
        for a, w, ins, ops in insns:
            c = em.emit(ins, a, w, ops)
            if skip is not None and len(skip[2]) == skip[1]:
                # all it jumps over followed, and code after the join: they join its block
                codes[skip[0]] = _skipping(codes[skip[0]], skip[2])
                skip = None
            last = codes[-1] if codes else None
            if skip is None and last is not None and last.ins.ends_block:
                if last.ins.name == "jal":
                    codes[-1] = _through(last)    # a jump the block goes through: no exit here
                else:
                    k = _branch_over(last)
                    if not k:
                        break                     # the block ends at the branch
                    skip = (len(codes) - 1, k, [])
            if skip is not None:
                at, k, got = skip
                if c.ins.ends_block or c.pc != codes[at].pc + 4 * len(got) + 4:
                    break                         # control flow among them: the block ends at the branch
                for r in c.writes:                # it may not run: what it wrote is not known after it
                    em.known.pop(r, None)
                c = _conditional(c)
                got.append(c)
                codes.append(c)
                continue
            codes.append(c)
        if skip is not None:
            # cut among them or at the join (a fall-through exit must not sit in the else):
            # the branch ends the block
            del codes[skip[0] + 1:]
        if self.passes:
            # passes may change what they are given: copies, since the emitter shares its
            # results between blocks
            codes = [copy.copy(c) for c in codes]
            for optimise in self.passes:
                optimise(codes)
        sh = Shape(pc, codes, self.max_block_insns, access_groups(codes, self._ram) if self.group_accesses else ())
        old = self._shapes.get(pc)
        if old is not None:
            self._kill(old)
        self._shapes[pc] = sh
        self._register(sh)
        return sh

    def _runs(self, pc: int, priv: int) -> int:
        """Times the block at pc has run so far (interpreted, or translated on its own or in
        a region)."""
        n = 0
        c = self._cold[priv].get(pc)
        if c is not None:
            n += c.execs
        for rec in (self._trans[priv].get(pc), self._owners.get(priv, {}).get(pc)):
            if rec is not None and not rec.dead:
                for (a, _, _), k in zip(rec.blocks, rec.counts):
                    if a == pc:
                        n += k
                break
        return n

    def _join(self) -> int:
        j = self.join_threshold
        return max(1, self.threshold // 2 if j is None else j)

    def _warm(self, pc: int, priv: int) -> bool:
        """Is the block at pc hot enough to join a region: translated (on its own or in a
        region), or run interpreted at least `join_threshold` times (at least once)?
        Code that ran a few times (set-up, error paths) stays out of regions: translating it
        costs more than it would ever give back."""
        c = self._cold[priv].get(pc)
        return ((c is not None and c.execs >= self._join()) or pc in self._trans[priv]
                or pc in self._owners.get(priv, ()))

    def _form_region(self, pc: int, priv: int, keep=()) -> list[Shape]:
        """The blocks to translate together, starting at pc (empty: nothing to translate).
        `keep`: blocks of the translation being grown, taken first so that a region only ever
        grows (never trades blocks)."""
        self._namespace(priv)
        bps = self.m.breakpoints
        if pc in bps:
            return []
        first = self._shape(pc)
        if first is None:
            return []
        if not self.regions or self._inside_translation(pc, priv):
            # a region from the middle of translated code would duplicate it: one block
            # (an entry made by a slice that ended there) that chains back into it is enough
            return [first]
        shapes = {pc: first}
        queue = deque([pc])
        total = len(first.codes)

        def take(a: int, sh: Shape | None = None) -> bool:
            nonlocal total
            sh = sh or self._shape(a)
            if sh is None:
                return False
            shapes[a] = sh
            total += len(sh.codes)
            queue.append(a)
            return True

        for a in keep:
            if a not in shapes and not take(a):
                return [first]
        warm_only = self.region_policy == "warm"
        owners = self._owners.get(priv, {})
        while queue:
            sh = shapes[queue.popleft()]
            for t in sh.successors() + (self._targets_seen(sh.codes[-1].pc) if sh.dynamic else []):
                if t in shapes or t in bps or t in self._smc:
                    continue
                if len(shapes) >= self.max_region_blocks or total >= self.max_region_insns:
                    break
                o = owners.get(t)
                if o is not None and not o.dead:
                    # in another region already: take that region in whole if it fits (it is
                    # then dropped), else chain to it; never copy a part of it
                    more = [a for a, _, _ in o.blocks if a not in shapes]
                    if (len(shapes) + len(more) <= self.max_region_blocks
                            and total + sum(k for a, _, k in o.blocks if a in more) <= self.max_region_insns):
                        for a in more:
                            if not take(a):
                                break
                    continue
                if warm_only and not self._warm(t, priv):
                    continue
                nsh = self._shape(t)
                if nsh is not None and total + len(nsh.codes) <= self.max_region_insns:
                    take(t, nsh)
        return list(shapes.values())

    def _targets_seen(self, pc: int) -> list[int]:
        """Where the computed jump at pc has gone so far, most often first (a region takes a
        jump table's targets in as it takes a branch's)."""
        seen = self._jumps.get(pc)
        return sorted(seen, key=seen.__getitem__, reverse=True) if seen else []

    def _inside_translation(self, pc: int, priv: int) -> bool:
        for rec in self._lines.get(pc >> 6, ()):
            if isinstance(rec, Translation) and rec.priv == priv and not rec.dead:
                if any(a < pc < b for a, b in rec.ranges):
                    return True
        return False

    def _translate(self, pc: int, priv: int):
        """Translate the hot block at pc with its hot neighbours and install it; None if there
        is nothing to translate there. It grows later if more code around it gets hot."""
        owner = self._owners.get(priv, {}).get(pc)
        if owner is not None and not owner.dead:
            return self._enter(owner, pc)
        t0 = time.perf_counter()
        shapes = self._form_region(pc, priv)
        if not shapes:
            return None
        return self._install(pc, priv, shapes, t0)

    def _grow(self, rec: Translation, b: int):
        """Called by a translation every `grow_every`-th time it is entered (at its block b):
        if the blocks around it that have run are not all in it, translate them together (a
        loop with its branches, a function with the code its calls return to) and return the
        new function entered at the same block; else None (go on with this one)."""
        if not self.regions or rec.dead:
            return None
        t0 = time.perf_counter()
        at = rec.blocks[b][0]
        mine = [a for a, _, _ in rec.blocks]
        shapes = self._form_region(rec.pc, rec.priv, keep=mine)
        pcs = {sh.pc for sh in shapes}
        new = pcs - set(mine)
        if (not new or at not in pcs
                or sum(self._runs(a, rec.priv) for a in new) < self.grow_cost * sum(len(sh.codes) for sh in shapes)):
            # nothing new around it, or too little: growing recompiles the whole region, which
            # pays only if the new blocks run often (each of their runs now costs a trip out of
            # this translation and back); look again after twice as many entries as last time
            rec.grow_wait = min(rec.grow_wait * 2, 1 << 20)
            rec.counts[-1] = -rec.grow_wait
            self.seconds_translating += time.perf_counter() - t0
            return None
        fn = self._install(rec.pc, rec.priv, shapes, t0)
        return fn if at == rec.pc else self._enter(fn.rec, at)

    def _install(self, pc: int, priv: int, shapes: list[Shape], t0: float):
        """Generate, compile and cache the function for these blocks (entry at pc)."""
        shapes = layout(shapes)
        g = generate(shapes, priv, self.m._symbols_lookup, entry=pc, grow_every=self.grow_every,
                     runs=lambda a: self._runs(a, priv))
        rec = Translation(pc, priv, shapes, g.form)
        rec.grow_wait = self.grow_every
        rec.generated = g
        rec.line_info = g.line_info
        rec.filename = f"<vmlab translation {pc:#010x} #{next(self._serial)}>"
        code = compile(g.code, rec.filename, "exec")
        # tracebacks and debuggers show the generated source
        linecache.cache[rec.filename] = (len(g.code), None, g.code.splitlines(True), rec.filename)
        loc: dict = {}
        exec(code, self._namespace(priv), loc)
        links = [Link(rec, t) for t in g.targets]
        for ln in links:
            ln.stub = self._link_stub(ln, priv)
        fn = loc["_make"](rec, rec.counts, *[ln.stub for ln in links])
        fn.pc = pc
        fn.rec = rec
        cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or ()))
        for j, ln in enumerate(links):
            ln.cell = cells.get(f"_L{j}")
        rec.links = [ln for ln in links if ln.cell is not None]
        rec.fn = fn
        for sh in shapes:
            for c in sh.codes:
                self.m.bus.mark_code(c.pc)
        old = self._trans[priv].get(pc)
        if old is not None:
            self._kill(old, replaced=True)
        if g.form == "region":
            # the region takes over its blocks: translations it covers completely go
            # (lookups and chains then enter the region at that block)
            mine = {a for a, _, _ in rec.blocks}
            owners = self._owners.setdefault(priv, {})
            for a in mine:
                other = self._trans[priv].get(a) or owners.get(a)
                if other is not None and not other.dead and {b for b, _, _ in other.blocks} <= mine:
                    self._kill(other, replaced=True)
            for a in mine:
                owners[a] = rec
        self._trans[priv][pc] = rec
        self._cache[priv][pc] = fn
        self._register(rec)
        self.n_translations += 1
        self.n_blocks_translated += len(shapes)
        self.n_insns_translated += rec.insns
        rec.seconds = time.perf_counter() - t0
        self.seconds_translating += rec.seconds
        return fn

    # ------------------------------------------------------------------ invalidation
    def _register(self, rec) -> None:
        keys = set()
        for a, b in rec.ranges:
            keys.update(range(a >> 6, ((b - 1) >> 6) + 1))
        rec.line_keys = keys
        for k in keys:
            self._lines.setdefault(k, set()).add(rec)

    def _kill(self, rec, replaced: bool = False) -> None:
        """Drop a record; `replaced`: a bigger translation took over (not an invalidation)."""
        if rec.dead:
            return
        rec.dead = True
        for k in rec.line_keys:
            recs = self._lines.get(k)
            if recs is not None:
                recs.discard(rec)
                if not recs:
                    del self._lines[k]
        if isinstance(rec, Shape):
            if self._shapes.get(rec.pc) is rec:
                del self._shapes[rec.pc]
            return
        priv = rec.priv
        cache = self._cache.get(priv, {})
        if isinstance(rec, Translation):
            if cache.get(rec.pc) is rec.fn:
                del cache[rec.pc]
            for a, f in rec.entries.items():
                if cache.get(a) is f:
                    del cache[a]
            owners = self._owners.get(priv, {})
            for a, _, _ in rec.blocks:
                if owners.get(a) is rec:
                    del owners[a]
            if self._trans[priv].get(rec.pc) is rec:
                del self._trans[priv][rec.pc]
            for ln in rec.incoming:              # unchain: links into it go back to their stubs
                if not ln.src.dead:
                    ln.cell.cell_contents = ln.stub
                ln.dst = None
            rec.incoming.clear()
            for ln in rec.links:
                if ln.dst is not None:
                    ln.dst.incoming.discard(ln)
                    ln.dst = None
            linecache.cache.pop(rec.filename, None)
            if replaced:
                self.n_replaced += 1
                # its executions still count (the list itself: the function may be on the
                # stack, about to add its last ones)
                self._past.append((priv, rec.blocks, rec.counts, rec.ranges))
            else:
                self.invalidations += 1
        elif isinstance(rec, ColdBlock):
            if cache.get(rec.pc) is rec.runner:
                del cache[rec.pc]
            if self._cold[priv].get(rec.pc) is rec:
                del self._cold[priv][rec.pc]
        elif cache.get(rec.pc) is rec.fn:
            del cache[rec.pc]

    def invalidate(self, addr: int, size: int) -> None:
        """Memory [addr, addr+size) changed (a store, a host write, a breakpoint set or
        cleared there): drop what was decoded or translated from it, and chains into it."""
        self._drop(addr, size, False)

    def _code_written(self, addr: int, size: int) -> None:
        """The bus's code listener: a store (or host write) into a line flagged CODE."""
        self._drop(addr, size, True)

    def _drop(self, addr: int, size: int, written: bool) -> None:
        hi = addr + size
        hit = []
        for k in range(addr >> 6, ((hi - 1) >> 6) + 1):
            for rec in self._lines.get(k, ()):
                if any(a < hi and addr < b for a, b in rec.ranges):
                    hit.append(rec)
        if written:
            # remember which blocks get rewritten: they are translated later, or not at all,
            # and kept out of other blocks' regions, so a rewrite drops as little as possible
            starts = {a for rec in hit if isinstance(rec, (Translation, ColdBlock))
                      for a, b in rec.ranges if a < hi and addr < b}
            for a in starts:
                self._smc[a] = self._smc.get(a, 0) + 1
        for rec in hit:
            self._kill(rec)
        self._past = [p for p in self._past if not any(a < hi and addr < b for a, b in p[3])]

    def invalidate_all(self) -> None:
        """Drop every translation and decoded block (fence.i, program load, restore)."""
        for d in self._trans.values():
            for rec in d.values():
                rec.dead = True
                linecache.cache.pop(rec.filename, None)
                self.invalidations += 1
            d.clear()
        for d in self._cold.values():
            for rec in d.values():
                rec.dead = True
            d.clear()
        for d in self._owners.values():
            d.clear()
        for recs in self._lines.values():
            for rec in recs:
                rec.dead = True
        self._lines.clear()
        self._shapes.clear()
        self._jumps.clear()
        self._past.clear()
        self._emitted.clear()
        for cache in self._cache.values():
            cache.clear()

    def detach(self) -> None:
        self.invalidate_all()
        if self._code_written in self.m.bus.code_listeners:
            self.m.bus.code_listeners.remove(self._code_written)
        if self._flag_end_moved in self.m.bus.flag_end_listeners:
            self.m.bus.flag_end_listeners.remove(self._flag_end_moved)
