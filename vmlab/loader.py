"""ELF loader: a statically linked RV32 executable becomes a :class:`~vmlab.program.Program`.

What is loaded is what a bare-metal boot loader (or QEMU's ``-kernel``) loads: every
``PT_LOAD`` program header becomes a :class:`~vmlab.program.Segment` at its physical address,
with the bytes of the file followed by zeros up to the segment's size in memory (``.bss``).
The entry point is ``e_entry``. Symbols come from ``.symtab``, source lines from DWARF
``.debug_line`` when the program was compiled with ``-g``.

The ELF header and program headers are read here with :mod:`struct`, so that a bad file gets
an error naming exactly what is wrong; sections, symbols and DWARF are read with pyelftools.
Every problem is reported as :class:`ElfError`; no pyelftools or struct exception escapes.
"""
from __future__ import annotations

import io
import os
import struct
import warnings
from dataclasses import dataclass
from typing import Union

from elftools.elf.elffile import ELFFile

from .program import Program, Segment, SourceLine

__all__ = ["load_elf", "ElfError", "ElfWarning"]

ELF_MAGIC = b"\x7fELF"
ELFCLASS32, ELFCLASS64 = 1, 2
ELFDATA2LSB, ELFDATA2MSB = 1, 2
ET_REL, ET_EXEC, ET_DYN, ET_CORE = 1, 2, 3, 4
EM_RISCV = 243
PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4
SHT_NULL, SHT_SYMTAB, SHT_NOBITS = 0, 2, 8
SHF_ALLOC = 0x2
SHN_UNDEF, SHN_XINDEX = 0, 0xFFFF
# RISC-V psABI, "ELF Object Files": e_flags
EF_RISCV_RVC = 0x1
EF_RISCV_FLOAT_ABI = 0x6
_FLOAT_ABI = {0x2: "single", 0x4: "double", 0x6: "quad"}

# More than any vmlab RAM holds: a segment this large is a corrupted header, and refusing it
# keeps a flipped bit from allocating gigabytes of zeros.
MAX_LOAD_BYTES = 64 << 20

# pyelftools decodes a line table at about 100 KB/s here: a C program's is a few KB, but an
# architecture test that fills 30 MiB with nops has one row per word (7.5 MiB, 2 minutes,
# 5 GB). Above this, the program loads without source lines and an ElfWarning says so.
MAX_DEBUG_LINE_BYTES = 1 << 20

_EHDR = struct.Struct("<16sHHIIIIIHHHHHH")   # Elf32_Ehdr, 52 bytes
_PHDR = struct.Struct("<IIIIIIII")           # Elf32_Phdr, 32 bytes
_SHDR = struct.Struct("<IIIIIIIIII")         # Elf32_Shdr, 40 bytes

_MACHINES = {
    0: "none", 2: "SPARC", 3: "x86 (i386)", 8: "MIPS", 20: "PowerPC", 21: "PowerPC64",
    22: "s390", 40: "ARM", 43: "SPARC V9", 50: "IA-64", 62: "x86-64", 183: "AArch64",
    243: "RISC-V", 258: "LoongArch",
}
_TYPES = {0: "ET_NONE", 1: "ET_REL", 2: "ET_EXEC", 3: "ET_DYN", 4: "ET_CORE"}


class ElfError(ValueError):
    """The file is not an RV32 executable vmlab can load; the message says what is wrong."""


class ElfWarning(UserWarning):
    """Something optional (debug information) could not be read; the program still loads."""


@dataclass(frozen=True)
class _Header:
    type: int
    machine: int
    entry: int
    phoff: int
    shoff: int
    flags: int
    phentsize: int
    phnum: int
    shentsize: int
    shnum: int
    shstrndx: int


@dataclass(frozen=True)
class _LoadSegment:
    index: int
    offset: int
    vaddr: int
    paddr: int
    filesz: int
    memsz: int
    flags: int


Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def load_elf(source: Source, *, name: str | None = None) -> Program:
    """Load a statically linked RV32 ELF executable.

    Args:
        source: a path (``str`` or path-like) or the file's contents (``bytes``,
            ``bytearray``, ``memoryview``).
        name: the program's name; defaults to the file name (``"<elf>"`` for bytes).

    Returns:
        A Program with one segment per ``PT_LOAD`` header, the entry point, the symbols of
        ``.symtab`` and, when the ELF has DWARF line information, ``lines`` (instruction
        address -> source line) and ``dwarf`` (pyelftools' ``DWARFInfo``, kept for
        source-level stepping).

    Raises:
        ElfError: the input is not an ELF file, not 32-bit little-endian RISC-V, not a
            linked executable, uses the C extension or a hard-float ABI, or is truncated or
            corrupted. The message names the problem.
        OSError: the path cannot be read.
    """
    data, default_name = _read(source)
    hdr = _check_header(data)
    loads = _program_headers(data, hdr)
    _check_section_headers(data, hdr)
    elf = _pyelftools(data)
    sections = _alloc_sections(elf)
    segments = [_segment(data, s, sections) for s in loads]
    _check_entry(hdr.entry, loads)
    symbols, global_symbols = _symbols(elf)
    lines, dwarf = _lines(elf, loads, name or default_name)
    return Program(segments=segments, symbols=symbols, entry=hdr.entry, lines=lines,
                   name=name or default_name, global_symbols=global_symbols, dwarf=dwarf)


# -- input ---------------------------------------------------------------------------------


def _read(source: Source) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<elf>"
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            return f.read(), os.path.basename(os.fspath(source))
    raise TypeError(f"load_elf() needs a path or bytes, not {type(source).__name__}")


# -- ELF header ----------------------------------------------------------------------------


def _check_header(data: bytes) -> _Header:
    if not data:
        raise ElfError("not an ELF file (empty input)")
    if data[:4] != ELF_MAGIC:
        raise ElfError(f"not an ELF file (bad magic {data[:4]!r})")
    if len(data) < 20:
        raise ElfError(f"truncated: {len(data)} bytes, shorter than an ELF header")
    ei_class, ei_data = data[4], data[5]
    if ei_data == ELFDATA2MSB:
        raise ElfError("ELF is big-endian (ELFDATA2MSB); RISC-V programs are little-endian")
    if ei_data != ELFDATA2LSB:
        raise ElfError(f"corrupted: invalid data encoding {ei_data} in e_ident[EI_DATA]")
    # e_machine sits at the same offset in 32- and 64-bit headers: check it first, so that an
    # x86-64 program is called that rather than "64-bit".
    machine = struct.unpack_from("<H", data, 18)[0]
    if machine != EM_RISCV:
        what = _MACHINES.get(machine, "unknown")
        raise ElfError(f"machine is {what} (EM {machine}), not RISC-V")
    if ei_class == ELFCLASS64:
        raise ElfError("ELF is 64-bit (ELFCLASS64); vmlab runs RV32 programs")
    if ei_class != ELFCLASS32:
        raise ElfError(f"corrupted: invalid ELF class {ei_class} in e_ident[EI_CLASS]")
    if len(data) < _EHDR.size:
        raise ElfError(f"truncated: the ELF header needs {_EHDR.size} bytes, the file has {len(data)}")
    (_ident, e_type, _machine, _version, entry, phoff, shoff, flags, _ehsize, phentsize, phnum,
     shentsize, shnum, shstrndx) = _EHDR.unpack_from(data)
    if e_type == ET_REL:
        raise ElfError("relocatable object (ET_REL), not an executable; link it first")
    if e_type == ET_DYN:
        raise ElfError("shared object or position-independent executable (ET_DYN); "
                       "vmlab loads statically linked executables (link with -static, no -pie)")
    if e_type != ET_EXEC:
        raise ElfError(f"ELF type is {_TYPES.get(e_type, e_type)}, not an executable (ET_EXEC)")
    if flags & EF_RISCV_RVC:
        raise ElfError("ELF uses compressed instructions (EF_RISCV_RVC); vmlab implements "
                       "RV32IM without C: compile for generic_rv32+m (no +c) or -march=rv32im")
    if flags & EF_RISCV_FLOAT_ABI:
        abi = _FLOAT_ABI[flags & EF_RISCV_FLOAT_ABI]
        raise ElfError(f"ELF uses the {abi}-float ABI (EF_RISCV_FLOAT_ABI); vmlab has no F or D "
                       "extension: compile for the soft-float ABI (ilp32)")
    return _Header(e_type, machine, entry, phoff, shoff, flags, phentsize, phnum,
                   shentsize, shnum, shstrndx)


# -- program headers -> segments -----------------------------------------------------------


def _program_headers(data: bytes, hdr: _Header) -> list[_LoadSegment]:
    if hdr.phnum == 0:
        raise ElfError("no program headers: nothing to load")
    if hdr.phentsize != _PHDR.size:
        raise ElfError(f"corrupted: program header size is {hdr.phentsize}, expected {_PHDR.size}")
    if hdr.phoff >= len(data):
        raise ElfError(f"program header table offset {hdr.phoff:#x} is past the end of the file "
                       f"({len(data)} bytes): truncated file or corrupted e_phoff")
    loads = []
    for i in range(hdr.phnum):
        at = hdr.phoff + i * _PHDR.size
        if at + _PHDR.size > len(data):
            raise ElfError(f"truncated: program header {i} extends past end of file")
        p_type, offset, vaddr, paddr, filesz, memsz, flags, _align = _PHDR.unpack_from(data, at)
        if p_type != PT_LOAD or memsz == 0:
            continue
        what = f"segment {i} (PT_LOAD at {paddr:#x})"
        if filesz > memsz:
            raise ElfError(f"corrupted: {what} has more bytes in the file ({filesz}) than in memory ({memsz})")
        if offset + filesz > len(data):
            raise ElfError(f"truncated: {what} extends past end of file "
                           f"(bytes {offset:#x}..{offset + filesz:#x}, file has {len(data):#x})")
        if memsz > MAX_LOAD_BYTES:
            raise ElfError(f"corrupted: {what} is {memsz:#x} bytes in memory, more than vmlab loads "
                           f"({MAX_LOAD_BYTES >> 20} MiB)")
        if paddr + memsz > 1 << 32 or vaddr + memsz > 1 << 32:
            raise ElfError(f"corrupted: {what} of {memsz:#x} bytes runs past the 32-bit address space")
        loads.append(_LoadSegment(i, offset, vaddr, paddr, filesz, memsz, flags))
    if not loads:
        raise ElfError("no loadable (PT_LOAD) segments: nothing to load")
    if sum(s.memsz for s in loads) > MAX_LOAD_BYTES:
        raise ElfError(f"corrupted: the segments add up to more than vmlab loads ({MAX_LOAD_BYTES >> 20} MiB)")
    ordered = sorted(loads, key=lambda s: s.paddr)
    for a, b in zip(ordered, ordered[1:]):
        if a.paddr + a.memsz > b.paddr:
            raise ElfError(f"corrupted: segments {a.index} and {b.index} overlap "
                           f"({a.paddr:#x}+{a.memsz:#x} and {b.paddr:#x})")
    return loads


def _segment(data: bytes, s: _LoadSegment, sections: list[tuple[int, int, str]]) -> Segment:
    """One PT_LOAD as a Segment, placed at its physical address (p_paddr).

    p_paddr is the load address (LMA), p_vaddr the address the code runs at (VMA). They
    differ when a linker script says ``> RAM AT> ROM``: the bytes are stored in ROM and the
    startup code copies them to RAM, so, as a boot loader would, vmlab puts them at p_paddr.
    For ordinary bare-metal and statically linked programs the two are equal.
    """
    body = data[s.offset:s.offset + s.filesz] + bytes(s.memsz - s.filesz)
    flags = "".join(ch for ch, bit in (("r", PF_R), ("w", PF_W), ("x", PF_X)) if s.flags & bit)
    names = [n for addr, size, n in sections if s.vaddr <= addr < s.vaddr + s.memsz]
    name = " ".join(names) or f"LOAD{s.index}"
    if s.paddr != s.vaddr:
        name += f" (runs at {s.vaddr:#x})"
    return Segment(name, s.paddr, body, flags)


def _check_entry(entry: int, loads: list[_LoadSegment]) -> None:
    for s in loads:
        if s.flags & PF_X and s.vaddr <= entry < s.vaddr + s.memsz:
            return
    raise ElfError(f"entry point {entry:#x} is not inside an executable segment")


# -- sections (validated here, read by pyelftools) -----------------------------------------


def _check_section_headers(data: bytes, hdr: _Header) -> None:
    if hdr.shoff == 0 or hdr.shnum == 0:
        if hdr.shoff and hdr.shnum == 0:
            raise ElfError("corrupted: section header table with 0 sections "
                           "(extended section numbering is not supported)")
        return                                        # no sections: nothing more to check
    if hdr.shentsize != _SHDR.size:
        raise ElfError(f"corrupted: section header size is {hdr.shentsize}, expected {_SHDR.size}")
    if hdr.shoff >= len(data):
        raise ElfError(f"section header table offset {hdr.shoff:#x} is past the end of the file "
                       f"({len(data)} bytes): truncated file or corrupted e_shoff")
    if hdr.shstrndx == SHN_XINDEX or hdr.shstrndx >= hdr.shnum:
        raise ElfError(f"corrupted: section name table index {hdr.shstrndx} is not one of "
                       f"the {hdr.shnum} sections")
    for i in range(hdr.shnum):
        at = hdr.shoff + i * _SHDR.size
        if at + _SHDR.size > len(data):
            raise ElfError(f"truncated: section header {i} extends past end of file")
        _name, sh_type, _flags, _addr, offset, size, *_ = _SHDR.unpack_from(data, at)
        if sh_type not in (SHT_NULL, SHT_NOBITS) and offset + size > len(data):
            raise ElfError(f"truncated: section {i} (bytes {offset:#x}..{offset + size:#x}) "
                           f"extends past end of file ({len(data):#x} bytes)")


class _Corrupted:
    """Turn any exception pyelftools raises while reading `what` into an ElfError."""

    def __init__(self, what: str):
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is not None and not isinstance(exc, ElfError) and isinstance(exc, Exception):
            raise ElfError(f"corrupted {self.what}: {_describe(exc)}") from exc
        return False


def _describe(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text and not isinstance(exc, ValueError) else (text or type(exc).__name__)


def _pyelftools(data: bytes) -> ELFFile:
    with _Corrupted("ELF file"):
        return ELFFile(io.BytesIO(data))


def _alloc_sections(elf: ELFFile) -> list[tuple[int, int, str]]:
    """(address, size, name) of the sections that occupy memory, in address order."""
    with _Corrupted("section headers"):
        found = [(s["sh_addr"], s["sh_size"], s.name) for s in elf.iter_sections()
                 if s["sh_flags"] & SHF_ALLOC and s["sh_size"] and s.name]
    return sorted(found)


# -- symbols -------------------------------------------------------------------------------


def _symbols(elf: ELFFile) -> tuple[dict[str, int], set[str]]:
    """Named functions, objects and labels of .symtab, and which of them are global.

    Left out: section and file symbols, undefined symbols, assembler-local labels (``.L*``)
    and the psABI's mapping symbols (``$x``, ``$d``, ``$x<isa>``), which mark code and data
    rather than name anything. When a name is defined twice (static functions of the same
    name in two files), the global definition wins, otherwise the first. Global means
    STB_GLOBAL binding; weak symbols are listed but not global.
    """
    symbols: dict[str, int] = {}
    global_symbols: set[str] = set()
    with _Corrupted("symbol table (.symtab)"):
        tables = [s for s in elf.iter_sections() if s["sh_type"] == "SHT_SYMTAB"]
        for table in tables:
            for sym in table.iter_symbols():
                name = sym.name
                if (not name or name.startswith((".L", "$"))
                        or sym["st_info"]["type"] not in ("STT_NOTYPE", "STT_FUNC", "STT_OBJECT")
                        or sym["st_shndx"] in ("SHN_UNDEF", SHN_UNDEF)):
                    continue
                is_global = sym["st_info"]["bind"] == "STB_GLOBAL"
                if name not in symbols or (is_global and name not in global_symbols):
                    symbols[name] = sym["st_value"]
                if is_global:
                    global_symbols.add(name)
    return symbols, global_symbols


# -- DWARF line table ----------------------------------------------------------------------


def _lines(elf: ELFFile, loads: list[_LoadSegment], name: str) -> tuple[dict[int, SourceLine], object]:
    """Instruction address -> SourceLine from .debug_line, and the DWARFInfo (or None).

    Debug information is optional: when it cannot be read the program still loads, without
    lines, and an ElfWarning says why.
    """
    try:
        section = elf.get_section_by_name(".debug_line") if elf.has_dwarf_info() else None
        if section is None:
            return {}, None
        dwarf = elf.get_dwarf_info()
        if section["sh_size"] > MAX_DEBUG_LINE_BYTES:
            warnings.warn(f"{name}: the DWARF line table is {section['sh_size'] / (1 << 20):.1f} MiB, too large "
                          f"to read here (over {MAX_DEBUG_LINE_BYTES >> 20} MiB): loaded without source lines",
                          ElfWarning, stacklevel=3)
            return {}, dwarf
        code = [(s.vaddr, s.vaddr + s.memsz) for s in loads if s.flags & PF_X]
        lines: dict[int, SourceLine] = {}
        texts = _SourceCache()
        for cu in dwarf.iter_CUs():
            program = dwarf.line_program_for_CU(cu)
            if program is None:
                continue
            files = _file_names(program, cu)
            rows = [e.state for e in program.get_entries() if e.state is not None]
            # A row describes the instructions from its address up to the next row's address;
            # of several rows at one address the last one counts (as addr2line reads it).
            for row, nxt in zip(rows, rows[1:]):
                if row.end_sequence or row.line == 0 or nxt.address <= row.address:
                    continue
                path = files(row.file)
                line = None
                for lo, hi in code:
                    start = max(row.address, lo)
                    start += -start % 4
                    end = min(nxt.address, hi)
                    if start < end:              # one SourceLine for the words of the row
                        line = line or SourceLine(path, row.line, texts.line(path, row.line))
                        lines.update(dict.fromkeys(range(start, end, 4), line))
        return lines, dwarf
    except Exception as exc:                # debug info is optional; never fatal
        warnings.warn(f"{name}: DWARF line information unreadable, no source lines ({_describe(exc)})",
                      ElfWarning, stacklevel=3)
        return {}, None


def _decode(b) -> str:
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)


def _file_names(program, cu):
    """A function from a line-table file number to the source file's path.

    DWARF 5 numbers files and directories from 0 (entry 0 is the compilation unit's own);
    DWARF 2-4 number files from 1 and use directory 0 for the compilation directory.
    """
    top = cu.get_top_DIE().attributes.get("DW_AT_comp_dir")
    comp_dir = _decode(top.value) if top is not None else ""
    version = program["version"]
    dirs = [_decode(d) for d in program["include_directory"]]
    entries = program["file_entry"]
    cache: dict[int, str] = {}

    def path(index: int) -> str:
        if index not in cache:
            i = index if version >= 5 else index - 1
            if not 0 <= i < len(entries):
                cache[index] = f"<file {index}>"
                return cache[index]
            entry = entries[i]
            d = entry.dir_index if version >= 5 else entry.dir_index - 1
            directory = dirs[d] if 0 <= d < len(dirs) else comp_dir
            full = os.path.join(comp_dir, directory, _decode(entry.name))
            cache[index] = os.path.normpath(full)
        return cache[index]

    return path


class _SourceCache:
    """Lines of source files, read once each; a file that cannot be read gives ""."""

    def __init__(self) -> None:
        self.files: dict[str, list[str] | None] = {}

    def line(self, path: str, n: int) -> str:
        if path not in self.files:
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    self.files[path] = f.read().splitlines()
            except (OSError, ValueError):
                self.files[path] = None
        text = self.files[path]
        return text[n - 1] if text is not None and 0 < n <= len(text) else ""

