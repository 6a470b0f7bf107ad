"""What the translator keeps: decoded blocks, translated functions, links between them.

These are also what :attr:`TranslateBackend.blocks <vmlab.translate.backend.TranslateBackend.blocks>`
and :attr:`~vmlab.translate.backend.TranslateBackend.translations` show to labs and widgets.
"""
from __future__ import annotations

from ..isa.codegen_block import InsnCode
from ..trap import PRIV_NAMES


def segments(pcs) -> list[tuple[int, int]]:
    """[start, end) ranges of consecutive instruction addresses (a superblock has several)."""
    out: list[list[int]] = []
    for a in pcs:
        if out and out[-1][1] == a:
            out[-1][1] = a + 4
        else:
            out.append([a, a + 4])
    return [(a, b) for a, b in out]


class Shape:
    """One decoded guest basic block with each instruction's generated Python.

    ``exits`` are the static successors (branch targets, fall-through); ``dynamic`` says the
    block may also end in a computed jump; ``ret_addr`` is the return address a call at its
    end writes (the code there is likely to run next, when the callee returns).
    """
    __slots__ = ("pc", "codes", "end", "exits", "dynamic", "ret_addr", "dead", "line_keys", "limit", "groups")
    priv = None

    def __init__(self, pc: int, codes: list[InsnCode], limit: int, groups=()):
        self.pc = pc
        self.codes = codes
        self.limit = limit
        self.groups = {g.start: g for g in groups}     # memory accesses sharing one guard
        self.end = codes[-1].pc + 4
        last = codes[-1]
        self.exits = list(last.static_exits)
        if last.falls_through and not last.ins.ends_block:
            self.exits.append(self.end)          # cut by a size limit or before a stop
        self.dynamic = last.dynamic_exit
        self.ret_addr = self.end if last.ins.ends_block and self.end in last.consts.values() else None
        self.dead = False

    @property
    def ranges(self) -> list[tuple[int, int]]:
        # one word more: the instruction that stopped the block (a breakpoint, a system
        # instruction) decides where it ends, so a change there re-decodes it
        segs = segments(c.pc for c in self.codes)
        segs[-1] = (segs[-1][0], segs[-1][1] + 4)
        return segs

    def successors(self) -> list[int]:
        return self.exits + ([self.ret_addr] if self.ret_addr is not None and self.ret_addr not in self.exits else [])


class Link:
    """A static exit of a translation, chained to the successor's function once it is known."""
    __slots__ = ("src", "target", "cell", "stub", "dst")

    def __init__(self, src: "Translation", target: int):
        self.src, self.target = src, target
        self.cell = None             # the closure cell the generated code returns from
        self.stub = None             # what the cell holds while unchained: looks the target up
        self.dst = None              # the Translation it is chained to, or None

    def __repr__(self) -> str:
        return f"<Link {self.src.pc:#x} -> {self.target:#x}{' chained' if self.dst else ''}>"


class Translation:
    """One compiled function: a basic block, a loop, or a region of blocks.

    Attributes:
        pc, priv: entry address and the privilege it was translated for (the cache key).
        form: ``"block"`` (straight line), ``"loop"`` (one block that jumps back to itself,
            run as a Python ``for`` loop) or ``"region"`` (several blocks, a ``while`` loop
            dispatching on a local ``pc``).
        blocks: (start, end, instructions) of each guest basic block in it, entry first.
        insns: guest instructions translated.
        counts: translated executions of each block; one more item counts entries into the
            function towards the next growth check (negative after a fruitless one).
        links: the static exits to code outside it; ``chained`` lists the chained ones.
        source: the generated Python, guest disassembly in trailing comments.
        seconds: time spent translating it (decode, generate, compile).
    """

    def __init__(self, pc: int, priv: int, shapes: list[Shape], form: str):
        self.pc = pc
        self.priv = priv
        self.form = form
        self.blocks = [(sh.pc, sh.end, len(sh.codes)) for sh in shapes]
        self._ranges = [r for sh in shapes for r in segments(c.pc for c in sh.codes)]
        self.insns = sum(len(sh.codes) for sh in shapes)
        self.counts = [0] * (len(shapes) + 1)     # executions of each block, then entries
        self.grow_wait = 64          # entries between checks for growth (doubles when none grew)
        self.successors = {sh.pc: sh.successors() for sh in shapes}
        self.dynamic = {sh.pc: sh.dynamic for sh in shapes}
        self.links: list[Link] = []
        self.incoming: set[Link] = set()
        self.dead = False
        self.generated = None        # vmlab.translate.generate.Generated
        self.filename = ""
        self.line_info: dict[int, tuple[int, int]] = {}
        self.fn = None
        self.entries: dict = {}      # block start -> function entering the region there
        self.seconds = 0.0
        self.line_keys: set[int] = set()

    @property
    def ranges(self) -> list[tuple[int, int]]:
        """The guest code it was made from, as [start, end) ranges."""
        return self._ranges

    @property
    def source(self) -> str:
        """The generated Python, with the guest disassembly as trailing comments."""
        return self.generated.source if self.generated is not None else ""

    @property
    def executions(self) -> int:
        """Times its entry block ran (translated)."""
        for (a, _, _), count in zip(self.blocks, self.counts):
            if a == self.pc:
                return count
        return 0

    @property
    def chained(self) -> list[int]:
        return [ln.target for ln in self.links if ln.dst is not None]

    def __repr__(self) -> str:
        rng = ", ".join(f"{a:#x}..{b:#x}" for a, b in self.ranges)
        return (f"<Translation {self.pc:#010x} {self.form} priv={PRIV_NAMES.get(self.priv, self.priv)} "
                f"[{rng}] {self.insns} insns, {self.executions} executions"
                f"{' (dropped)' if self.dead else ''}>")


class ColdBlock:
    """A basic block below the hot-code threshold: interpreted, counting its executions."""

    def __init__(self, pc: int, priv: int, insns: list):
        self.pc = pc
        self.priv = priv
        self.insns = insns                    # (pc, word, Insn, operands)
        self.end = insns[-1][0] + 4
        self._ranges = segments(a for a, *_ in insns)
        self.handlers = None                  # reference-interpreter closures, made on first use
        self.execs = 0
        self.dead = False
        self.runner = None                    # the cache's entry: counts, translates when hot, runs
        self.run = None                       # runs up to n of its instructions interpreted
        self.line_keys: set[int] = set()

    @property
    def ranges(self) -> list[tuple[int, int]]:
        return self._ranges


class StubRecord:
    """A cache entry that is not code (a system instruction, a breakpoint), invalidated like code."""

    def __init__(self, pc: int, priv: int, fn):
        self.pc, self.priv, self.fn = pc, priv, fn
        self.dead = False
        self.line_keys: set[int] = set()

    @property
    def ranges(self):
        return [(self.pc, self.pc + 4)]


class BlockRecord:
    """A row of :attr:`TranslateBackend.blocks`: one guest basic block and what became of it.

    Attributes:
        start, end: the block's address range [start, end).
        priv: the privilege it ran at.
        insns: guest instructions in it.
        executions: times it ran, interpreted and translated.
        interpreted: of those, interpreted (below the hot-code threshold).
        translated: it is compiled into at least one live translation.
        translations: entry addresses of the translations it is compiled into.
        successors: its static successors (branch targets, fall-through, return address).
        chained: the successors reached without a cache lookup (same region, or a chained link).
        jump_targets: where the computed jump ending the block (a jump table's ``jr``, a call
            through a pointer; not a return) was seen to go, most often first. Only jumps
            that left their translation or ran interpreted are seen; regions take these
            targets in as they take branch targets.
    """
    __slots__ = ("start", "end", "priv", "insns", "executions", "interpreted", "translated",
                 "translations", "successors", "chained", "jump_targets")

    def __init__(self, start, end, priv, insns):
        self.start, self.end, self.priv, self.insns = start, end, priv, insns
        self.executions = 0
        self.interpreted = 0
        self.translated = False
        self.translations: list[int] = []
        self.successors: list[int] = []
        self.chained: list[int] = []
        self.jump_targets: list[int] = []

    @property
    def pc(self) -> int:
        return self.start

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    def __repr__(self) -> str:
        kind = "translated" if self.translated else "interpreted"
        return (f"<Block {self.start:#010x}..{self.end:#010x} {self.insns} insns {kind}, "
                f"{self.executions} executions, successors {[hex(s) for s in self.successors]}, "
                f"chained {[hex(s) for s in self.chained]}>")
