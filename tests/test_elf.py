"""vmlab.loader.load_elf on ELF files built at test time, and on broken ones.

The test program's layout is fixed by its linker script (``_start`` at the RAM base, ``main``
at +0x100, ``tohost`` at +0x1000, ``table`` at +0x2000), so the expected addresses come
from the sources, not from the loader. Bad inputs must raise ElfError naming the problem.
"""
from __future__ import annotations

import re
import shutil
import struct
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from helpers_toolchain import RV64IM, cc
from vmlab.isa import decode
from vmlab.isa.disasm import disassemble
from vmlab.loader import ElfError, ElfWarning, load_elf
from vmlab.program import Program

RAM = 0x80000000

LINK_LD = """\
OUTPUT_ARCH(riscv)
ENTRY(_start)
MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 16M }
SECTIONS
{
  .text : {
    *(.text.start)
    . = ALIGN(0x100);
    *(.text.main)
    *(.text .text.*)
  } > RAM
  .rodata : { *(.rodata .rodata.* .srodata .srodata.*) } > RAM
  .tohost ALIGN(0x1000) : { *(.tohost) } > RAM
  .data ALIGN(0x1000) : { *(.data.table) *(.data .data.* .sdata .sdata.*) } > RAM
  .bss : { *(.bss .bss.* .sbss .sbss.* COMMON) } > RAM
  . = ALIGN(16);
  _end = .;
  __stack_top = ORIGIN(RAM) + LENGTH(RAM);
  /DISCARD/ : { *(.eh_frame*) *(.comment) }
}
"""

# .data is linked to run in RAM but stored in ROM after the code (the startup code would copy it).
LINK_LMA_LD = """\
OUTPUT_ARCH(riscv)
ENTRY(_start)
MEMORY { ROM (rx) : ORIGIN = 0x80000000, LENGTH = 1M
         RAM (rw) : ORIGIN = 0x80100000, LENGTH = 1M }
SECTIONS
{
  .text : { *(.text.start) *(.text .text.*) *(.rodata .rodata.* .srodata .srodata.*) } > ROM
  .tohost : { *(.tohost) } > RAM AT> ROM
  .data : { *(.data .data.* .sdata .sdata.*) } > RAM AT> ROM
  .bss : { *(.bss .bss.* .sbss .sbss.* COMMON) } > RAM
  __stack_top = ORIGIN(RAM) + LENGTH(RAM);
  /DISCARD/ : { *(.eh_frame*) *(.comment) }
}
"""

CRT0_S = """\
    .section .text.start, "ax"
    .globl _start
_start:
    la sp, __stack_top
    call main
    slli a0, a0, 1
    ori a0, a0, 1
    la t0, tohost
    sw a0, 0(t0)          # MARK: report result
1:  j 1b

    .section .tohost, "aw"
    .align 3
    .globl tohost
tohost: .dword 0
    .globl fromhost
fromhost: .dword 0
"""

PROG_C = """\
/* vmlab loader test program */
int table[4] = {11, 22, 33, 44};
char scratch[4096];

__attribute__((noinline)) static int sum(const int *p, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];                      /* MARK: loop body */
    return s;
}

int main(void)
{
    volatile char *v = scratch;
    v[100] = 7;
    int total = sum(table, 4);          /* MARK: call sum */
    return total + v[100];
}
"""

FLAGS = ("-ffunction-sections", "-fdata-sections")


def line_of(source: str, marker: str) -> int:
    return next(n for n, text in enumerate(source.splitlines(), 1) if marker in text)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("elf")
    (d / "link.ld").write_text(LINK_LD)
    (d / "link_lma.ld").write_text(LINK_LMA_LD)
    (d / "crt0.S").write_text(CRT0_S)
    (d / "prog.c").write_text(PROG_C)
    cc(d, "prog.elf", "crt0.S", "prog.c", extra=FLAGS)
    return d


@pytest.fixture(scope="module")
def elf_bytes(build) -> bytes:
    return (build / "prog.elf").read_bytes()


@pytest.fixture(scope="module")
def prog(build) -> Program:
    return load_elf(build / "prog.elf")


def segment_at(p: Program, addr: int):
    return next(s for s in p.segments if s.addr <= addr < s.end)


def read(p: Program, addr: int, n: int) -> bytes:
    s = segment_at(p, addr)
    return s.data[addr - s.addr:addr - s.addr + n]


# -- a good program ------------------------------------------------------------------------


def test_entry_name_and_symbols(prog, build):
    assert prog.name == "prog.elf"
    assert prog.entry == RAM == prog.symbols["_start"]
    assert prog.symbols["main"] == RAM + 0x100
    assert prog.symbols["tohost"] == RAM + 0x1000
    assert prog.symbols["fromhost"] == RAM + 0x1008
    assert prog.symbols["table"] == RAM + 0x2000
    assert prog.symbols["__stack_top"] == RAM + (16 << 20)            # an absolute symbol
    assert RAM + 0x100 < prog.symbols["sum"] < RAM + 0x1000            # a static function
    assert {"_start", "main", "tohost", "fromhost", "table", "scratch", "_end"} <= prog.global_symbols
    assert "sum" not in prog.global_symbols
    # No file/section symbols, local labels or $x/$d mapping symbols.
    assert not [n for n in prog.symbols if n.startswith((".", "$")) or n in ("prog.c", "crt0.S")]


def test_segments(prog):
    text = segment_at(prog, prog.entry)
    assert text.addr == RAM and "x" in text.flags and "w" not in text.flags
    assert ".text" in text.name
    data = segment_at(prog, prog.symbols["table"])
    assert data.flags == "rw"
    assert read(prog, prog.symbols["table"], 16) == struct.pack("<4i", 11, 22, 33, 44)
    # .bss: inside the segment (memsz > filesz), zero-filled.
    scratch = prog.symbols["scratch"]
    assert segment_at(prog, scratch) is data and scratch + 4096 <= data.end
    assert read(prog, scratch, 4096) == bytes(4096)
    assert read(prog, prog.symbols["tohost"], 16) == bytes(16)
    assert prog.end >= scratch + 4096
    addrs = sorted((s.addr, s.end) for s in prog.segments)
    assert all(a_end <= b for (_, a_end), (b, _) in zip(addrs, addrs[1:]))


def test_code_is_rv32im_and_starts_as_written(prog):
    # crt0.S: la sp, __stack_top = auipc sp + addi sp; call main = auipc ra + jalr ra.
    words = [int.from_bytes(read(prog, prog.entry + 4 * i, 4), "little") for i in range(4)]
    assert [disassemble(w, aliases=False).split()[0] for w in words] == ["auipc", "addi", "auipc", "jalr"]
    assert disassemble(words[3], pc=prog.entry + 12, symbols=prog.symbols).endswith("(ra)")
    for addr in prog.lines:                   # every instruction with a source line decodes
        word = int.from_bytes(read(prog, addr, 4), "little")
        assert decode(word) is not None, f"{addr:#x}: {word:#010x}"


def test_lines(prog, build):
    prog_c, crt0 = str(build / "prog.c"), str(build / "crt0.S")
    assert {sl.file for sl in prog.lines.values()} == {prog_c, crt0}
    text = segment_at(prog, prog.entry)
    assert all(a % 4 == 0 and text.addr <= a < text.end for a in prog.lines)

    first = prog.lines[prog.entry]
    assert (first.file, first.line, first.text.strip()) == (crt0, 4, "la sp, __stack_top")
    report = line_of(CRT0_S, "MARK: report result")
    assert [a for a, sl in prog.lines.items() if sl.file == crt0 and sl.line == report] == [RAM + 0x20]

    main_line = line_of(PROG_C, "int main(void)")
    assert prog.lines[prog.symbols["main"]].file == prog_c
    assert prog.lines[prog.symbols["main"]].line in (main_line, main_line + 1)
    source = PROG_C.splitlines()
    for marker, function in (("MARK: loop body", "sum"), ("MARK: call sum", "main")):
        n = line_of(PROG_C, marker)
        hits = [a for a, sl in prog.lines.items() if sl.file == prog_c and sl.line == n]
        assert hits, marker
        lo = prog.symbols[function]
        assert any(lo <= a < lo + 0x100 for a in hits)
        assert prog.lines[hits[0]].text == source[n - 1]
        assert str(prog.lines[hits[0]]) == f"{prog_c}:{n}: {source[n - 1].strip()}"
    assert prog.dwarf is not None and prog.dwarf.has_debug_info


def test_lines_without_readable_source(build, tmp_path):
    # The source files are gone: lines keep file and number, text is "".
    for name in ("crt0.S", "prog.c", "link.ld"):
        shutil.copy(build / name, tmp_path / name)
    cc(tmp_path, "moved.elf", "crt0.S", "prog.c", extra=FLAGS)
    (tmp_path / "prog.c").unlink()
    p = load_elf(str(tmp_path / "moved.elf"))
    c_lines = [sl for sl in p.lines.values() if sl.file.endswith("prog.c")]
    assert c_lines and all(sl.text == "" for sl in c_lines)
    assert any(sl.text for sl in p.lines.values() if sl.file.endswith("crt0.S"))


def test_dwarf5_gives_the_same_lines(build, prog):
    # DWARF 5 numbers files and directories from 0, DWARF 4 from 1.
    p = load_elf(cc(build, "dwarf5.elf", "crt0.S", "prog.c", debug="-gdwarf-5", extra=FLAGS))
    assert next(p.dwarf.iter_CUs())["version"] == 5 and next(prog.dwarf.iter_CUs())["version"] == 4
    assert p.lines == prog.lines


def test_a_line_table_too_large_to_read_is_skipped_with_a_warning(prog, elf_bytes, monkeypatch):
    """A 7.5 MiB .debug_line (an architecture test filling 30 MiB with nops) took pyelftools
    two minutes: above MAX_DEBUG_LINE_BYTES the program loads without lines, and says so."""
    import vmlab.loader as loader
    monkeypatch.setattr(loader, "MAX_DEBUG_LINE_BYTES", 64)
    with pytest.warns(ElfWarning, match=r"DWARF line table is .* too large to read here"):
        p = load_elf(elf_bytes)
    assert p.lines == {} and prog.lines
    assert [(s.addr, s.data) for s in p.segments] == [(s.addr, s.data) for s in prog.segments]
    assert p.symbols == prog.symbols


def test_without_dwarf(build):
    path = cc(build, "nodebug.elf", "crt0.S", "prog.c", debug="-g0", extra=FLAGS)
    p = load_elf(path)
    assert p.lines == {} and p.dwarf is None
    assert p.symbols["main"] == RAM + 0x100


def test_bytes_and_pathlike_give_the_same_program(prog, elf_bytes, build):
    for source in (elf_bytes, bytearray(elf_bytes), memoryview(elf_bytes), str(build / "prog.elf")):
        p = load_elf(source)
        assert [(s.addr, s.data, s.flags) for s in p.segments] == \
               [(s.addr, s.data, s.flags) for s in prog.segments]
        assert p.symbols == prog.symbols and p.entry == prog.entry and p.lines == prog.lines
    assert load_elf(elf_bytes).name == "<elf>"
    assert load_elf(elf_bytes, name="fib").name == "fib"
    with pytest.raises(TypeError):
        load_elf(12345)


def test_load_address_is_p_paddr(build):
    path = cc(build, "lma.elf", "crt0.S", "prog.c", linker_script="link_lma.ld", extra=FLAGS)
    p = load_elf(path)
    data = next(s for s in p.segments if "runs at 0x80100000" in s.name)
    assert data.addr < 0x80100000                                    # stored in ROM ...
    assert p.symbols["table"] >= 0x80100000                          # ... runs in RAM
    assert struct.pack("<4i", 11, 22, 33, 44) in data.data


# -- bad inputs ----------------------------------------------------------------------------


def patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, value)
    return bytes(b)


def test_empty_and_random_bytes():
    with pytest.raises(ElfError, match=r"^not an ELF file \(empty input\)$"):
        load_elf(b"")
    with pytest.raises(ElfError, match=r"^not an ELF file \(bad magic b'\\x7fELG'\)$"):
        load_elf(b"\x7fELG" + bytes(100))
    with pytest.raises(ElfError, match=r"^not an ELF file \(bad magic b'\\x13\\x05\\x10\\x00'\)$"):
        load_elf(bytes.fromhex("13051000") * 64)      # a flat binary: li a0, 1 ...


def test_host_executable():
    host = Path("/bin/true")
    machine = struct.unpack_from("<H", host.read_bytes(), 18)[0]
    expected = (r"^machine is x86-64 \(EM 62\), not RISC-V$" if machine == 62 else
                r"^machine is .+ \(EM \d+\), not RISC-V$|^ELF is 64-bit")   # another host
    with pytest.raises(ElfError, match=expected):
        load_elf(host)


def test_riscv64(build):
    path = cc(build, "prog64.elf", "crt0.S", "prog.c", target=RV64IM, extra=FLAGS)
    with pytest.raises(ElfError, match=r"^ELF is 64-bit \(ELFCLASS64\); vmlab runs RV32 programs$"):
        load_elf(path)


def test_relocatable_object(build):
    path = cc(build, "prog.o", "prog.c", compile_only=True)
    with pytest.raises(ElfError, match=r"^relocatable object \(ET_REL\), not an executable; link it first$"):
        load_elf(path)


def test_compressed_instructions(build):
    path = cc(build, "progc.elf", "crt0.S", "prog.c", extra=FLAGS,
              target=("-target", "riscv32-freestanding-none", "-mcpu=generic_rv32+m+c"))
    with pytest.raises(ElfError, match=r"^ELF uses compressed instructions \(EF_RISCV_RVC\)"):
        load_elf(path)


@pytest.mark.parametrize("offset, fmt, value, message", [
    (4, "B", 3, r"^corrupted: invalid ELF class 3"),
    (5, "B", 2, r"^ELF is big-endian \(ELFDATA2MSB\)"),
    (5, "B", 0, r"^corrupted: invalid data encoding 0"),
    (16, "<H", 3, r"^shared object or position-independent executable \(ET_DYN\)"),
    (16, "<H", 4, r"^ELF type is ET_CORE, not an executable"),
    (18, "<H", 40, r"^machine is ARM \(EM 40\), not RISC-V$"),
    (24, "<I", 0x12345678, r"^entry point 0x12345678 is not inside an executable segment$"),
    (28, "<I", 0x7FFFFFF0, r"^program header table offset 0x7ffffff0 is past the end of the file "
                           r"\(\d+ bytes\): truncated file or corrupted e_phoff$"),
    (36, "<I", 0x4, r"^ELF uses the double-float ABI \(EF_RISCV_FLOAT_ABI\)"),
    (42, "<H", 56, r"^corrupted: program header size is 56, expected 32$"),
    (44, "<H", 0, r"^no program headers: nothing to load$"),
    (46, "<H", 64, r"^corrupted: section header size is 64, expected 40$"),
    (50, "<H", 999, r"^corrupted: section name table index 999 is not one of the \d+ sections$"),
])
def test_corrupted_header_fields(elf_bytes, offset, fmt, value, message):
    with pytest.raises(ElfError, match=message):
        load_elf(patched(elf_bytes, offset, fmt, value))


def test_corrupted_program_headers(elf_bytes):
    size = len(elf_bytes)
    with pytest.raises(ElfError, match=r"^truncated: program header 1 extends past end of file$"):
        load_elf(patched(elf_bytes, 28, "<I", size - 40))           # e_phoff near the end
    phdr0 = 52
    with pytest.raises(ElfError, match=r"^truncated: segment 0 \(PT_LOAD at 0x80000000\) extends past end"):
        load_elf(patched(elf_bytes, phdr0 + 4, "<I", size - 8))     # p_offset near the end
    with pytest.raises(ElfError, match=r"^corrupted: segment 0 \(PT_LOAD at 0x80000000\) has more bytes in the file"):
        load_elf(patched(elf_bytes, phdr0 + 16, "<I", 0x10000))     # p_filesz > p_memsz
    with pytest.raises(ElfError, match=r"^corrupted: segment 0 .* more than vmlab loads \(64 MiB\)$"):
        load_elf(patched(elf_bytes, phdr0 + 20, "<I", 0x7FFFFFFF))  # p_memsz huge
    with pytest.raises(ElfError, match=r"^corrupted: segment 0 .* runs past the 32-bit address space$"):
        load_elf(patched(elf_bytes, phdr0 + 12, "<I", 0xFFFFFFF0))  # p_paddr at the top
    with pytest.raises(ElfError, match=r"^corrupted: segments \d and \d overlap"):
        load_elf(patched(elf_bytes, phdr0 + 32 + 12, "<I", RAM + 4))  # 2nd segment onto the 1st


def test_corrupted_section_headers(elf_bytes):
    shoff = struct.unpack_from("<I", elf_bytes, 32)[0]
    with pytest.raises(ElfError, match=r"^section header table offset 0x[0-9a-f]+ is past the end of the "
                                       r"file \(\d+ bytes\): truncated file or corrupted e_shoff$"):
        load_elf(patched(elf_bytes, 32, "<I", len(elf_bytes) + 8))  # e_shoff
    with pytest.raises(ElfError, match=r"^truncated: section 1 \(bytes 0x[0-9a-f]+\.\.0x[0-9a-f]+\) extends past end"):
        load_elf(patched(elf_bytes, shoff + 40 + 16, "<I", len(elf_bytes)))   # sh_offset of section 1


@pytest.mark.parametrize("cut", [1, 3, 4, 19, 20, 51, 52, 60, 0x1000 + 0x10, -200, -41, -1])
def test_truncated(elf_bytes, cut):
    data = elf_bytes[:cut]
    with pytest.raises(ElfError) as e:
        load_elf(data)
    msg = str(e.value)
    if len(data) < 4:
        assert msg == f"not an ELF file (bad magic {data!r})"
    else:
        assert msg.startswith("truncated: ") or msg.endswith("truncated file or corrupted e_phoff")
    if cut == 60:
        assert msg == "truncated: program header 0 extends past end of file"
    if cut == 0x1000 + 0x10:
        assert msg.startswith("truncated: segment 0 (PT_LOAD at 0x80000000) extends past end of file")
    if cut == -1:
        assert re.match(r"truncated: section header \d+ extends past end of file", msg)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_corruption_gives_elferror_or_a_program(elf_bytes, data):
    b = bytearray(elf_bytes)
    shoff = struct.unpack_from("<I", elf_bytes, 32)[0]
    regions = [(0, 52 + 4 * 32), (shoff, len(b)), (0, len(b))]     # headers are where it matters
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        lo, hi = data.draw(st.sampled_from(regions), label="region")
        b[data.draw(st.integers(lo, hi - 1), label="at")] = data.draw(st.integers(0, 255), label="byte")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ElfWarning)
        try:
            p = load_elf(bytes(b))
        except ElfError:
            return
    assert isinstance(p, Program) and p.segments
    assert all(0 <= s.addr and s.end <= 1 << 32 for s in p.segments)

