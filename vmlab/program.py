"""Program: what the assembler and the ELF loader produce and a Machine loads.

Segments of bytes at addresses, a symbol table, an entry point and a map from instruction
address to source line (assembly or, with DWARF, C), so that stops and listings can show
where in the source a pc is.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceLine:
    file: str
    line: int
    text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text.strip()}" if self.text else f"{self.file}:{self.line}"


@dataclass
class Segment:
    name: str            # ".text", ".data", ".rodata", ".bss", or an ELF segment description
    addr: int
    data: bytes          # initial contents; a .bss segment holds zeros
    flags: str = "rwx"   # subset of "rwx"

    @property
    def end(self) -> int:
        return self.addr + len(self.data)


@dataclass
class Program:
    segments: list[Segment]
    symbols: dict[str, int] = field(default_factory=dict)
    entry: int = 0
    lines: dict[int, SourceLine] = field(default_factory=dict)
    name: str = "<program>"
    source: str | None = None          # the assembly text, when assembled from text
    global_symbols: set[str] = field(default_factory=set)
    dwarf: object = None               # pyelftools DWARFInfo of the ELF (vmlab.loader), when it has one
    files: dict[str, str] = field(default_factory=dict)   # source text by the file name in lines (compile_c)

    @property
    def text_range(self) -> tuple[int, int]:
        xs = [s for s in self.segments if "x" in s.flags] or self.segments
        return min(s.addr for s in xs), max(s.end for s in xs)

    def symbol_at(self, addr: int) -> str | None:
        for name, a in self.symbols.items():
            if a == addr:
                return name
        return None

    def line_at(self, addr: int) -> SourceLine | None:
        return self.lines.get(addr)

    @property
    def end(self) -> int:
        """First address after the highest segment (where the heap may start)."""
        return max((s.end for s in self.segments), default=0)
