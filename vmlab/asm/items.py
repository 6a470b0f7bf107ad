"""What the first pass produces: input sections and the items placed in them.

An *input section* collects everything written under one ``.section`` name (``.text``,
``.text.startup``, ``.sdata`` ...); each belongs to one of the four output sections of a
Program. An *item* is one statement's contribution at an offset in an input section: bytes
known at once, data values and instructions encoded in the second pass, or an assignment
replayed there so that ``.set`` redefinitions take effect in order.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import AsmSyntaxError
from .expr import Expr
from .forms import Form

OUTPUTS = ("text", "rodata", "data", "bss")          # output sections, in memory order
FLAGS = {"text": "rx", "rodata": "r", "data": "rw", "bss": "rw"}
MAX_SIZE = 64 << 20                                   # total bytes of all sections
MAX_ALIGN = 1 << 24
MAX_NESTING = 50                                      # symbol definitions evaluated inside each other


class Poisoned(AsmSyntaxError):
    """A value depends on a definition whose error is already reported: report nothing more."""

    def __init__(self) -> None:
        super().__init__(1, "(already reported)")


@dataclass(eq=False)


class Section:
    """An input section: what one ``.section`` name collects, before layout."""
    name: str
    kind: str            # the output section: one of OUTPUTS
    size: int = 0
    align: int = 1
    addr: int = 0        # assigned by the layout


@dataclass(eq=False)


class Item:
    """One statement's contribution to a section, placed during the first pass."""
    section: Section
    offset: int
    line: int
    pos: int             # numeric labels defined before this statement (for 1b / 1f)
    size: int = 0
    where = None         # a macros.Where for a line from an expansion or an included file

    @property
    def address(self) -> int:
        return self.section.addr + self.offset


@dataclass(eq=False)


class Bytes(Item):
    data: bytes = b""
    mapped: bool = True  # record a line-table entry (False for alignment padding)


@dataclass(eq=False)


class Data(Item):
    width: int = 4
    exprs: list = field(default_factory=list)


@dataclass(eq=False)


class Instr(Item):
    form: Form = None
    ops: dict = field(default_factory=dict)
    plan: object = None  # pseudo-instructions: decided in the first pass


@dataclass(eq=False)


class Assign(Item):
    name: str = ""
    expr: Expr = None
    col: int = 1
