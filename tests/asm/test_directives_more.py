""".float/.double, .uleb128/.sleb128, .org, .comm/.lcomm, .incbin and .insn: values and errors.

The corpus files 65-68 check .float/.double, LEB128, .org and .lcomm byte for byte against
LLVM. What the corpus cannot hold is checked here, against LLVM where it can be:

- .incbin: the oracle runs clang in a temporary directory, and LLVM looks for the file there
  (and in -I directories), not beside the source; here the source and the file share a directory.
- .comm: LLVM's object file also holds a "COMMON" section with the same space, which ld.lld adds
  to .bss a second time, so .bss sizes differ; the symbols' addresses are compared instead.
- .insn: with the debug information zig's clang adds by default, LLVM fails on .insn
  ("Undefined temporary symbol"); here it runs with -g0.
"""
from __future__ import annotations

import struct
import subprocess

import pytest

from vmlab.asm import AssemblerError, assemble
from vmlab.asm.directives import UNSUPPORTED
from vmlab.asm.encodings import real_bytes, sleb128, uleb128

from .llvm import CC_FLAGS, build, elf_sections, elf_symbols, linker_script, zig

BASE = 0x80000000


def section(src: str, name: str = ".data", file: str = "<asm>") -> bytes:
    return next(s for s in assemble(src, file).segments if s.name == name).data


def errors(src: str, file: str = "lab.s") -> list:
    with pytest.raises(AssemblerError) as info:
        assemble(src, file)
    return info.value.errors


def error(src: str, file: str = "lab.s") -> tuple[int, int, str]:
    errs = errors(src, file)
    assert len(errs) == 1, errs
    return errs[0].line, errs[0].col, errs[0].message


# -- .float and .double ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["0.1", "-0.1", "1", "3.14159265358979", "1e10", "-2.5e-3",
                                  "123456789.125", "1.7976931348623157e308", "4.9e-324",
                                  "2.2250738585072014e-308", ".5", "5.", "1E3", "+7"])
def test_double_is_struct_of_the_correctly_rounded_float(text):
    assert section(f".data\n.double {text}") == struct.pack("<d", float(text))


@pytest.mark.parametrize("text", ["0.1", "-0.1", "1", "1.5", "3.14159265358979", "1e10",
                                  "3.4028235e38", "1.1754942e-38", "1e-45", "16777217", "-2.25"])
def test_float_matches_struct_away_from_ties(text):
    assert section(f".data\n.float {text}") == struct.pack("<f", float(text))


@pytest.mark.parametrize("src, expected", [
    (".float -0.0", "00000080"),
    (".double -0.0", "0000000000000080"),
    (".float inf, -inf, Infinity", "0000807f000080ff0000807f"),
    (".float nan, -NaN", "ffffff7fffffffff"),             # LLVM's nan: every fraction bit set
    (".double nan", "ffffffffffffff7f"),
    (".double 1e309, -1e400", "000000000000f07f000000000000f0ff"),
    (".double 1e-400", "0000000000000000"),
    (".float 3.5e38, 1e-50", "0000807f00000000"),         # beyond FLT_MAX: inf; below: 0
    (".float 7.006492321624085e-46, 7.006492321624086e-46", "0000000001000000"),
    (".float 0x1.8p1, 0x1p-149, -0x10p0, 0X.8P1", "00004040" "01000000" "000080c1" "0000803f"),
    (".double 0x1p-1074, 0x1.fffffffffffffp1023", "0100000000000000ffffffffffffef7f"),
    (".float 010", "00002041"),                           # ten, as in LLVM: not an octal integer
    # decimal -> double -> float would give 0x3f800000 for the first (two roundings)
    (".float 1.000000059604644776257986737988403547205962240695953369140625", "0100803f"),
    (".float 1.000000059604644774523263262011596452794037759304046630859375", "0000803f"),
    (".float 1.0000000596046447753906250, 1.000000178813934326171875", "0000803f0200803f"),
])
def test_float_and_double_bytes(src, expected):
    assert section(".data\n" + src).hex() == expected


def test_float_edge_values_against_struct():
    assert real_bytes("3.4028235677973366e38", 4) == bytes.fromhex("ffff7f7f")   # rounds to FLT_MAX
    assert real_bytes("3.4028235677973367e38", 4) == bytes.fromhex("0000807f")   # past the tie: inf
    assert real_bytes("1.5", 8) == struct.pack("<d", 1.5)
    assert real_bytes("1.5.", 4) is None and real_bytes("pi", 4) is None and real_bytes("1e", 8) is None


def test_float_is_not_aligned_and_labels_see_it():
    prog = assemble(".data\n.byte 1\nf: .float 1.0\nd: .double 2.0\nend:")
    assert prog.symbols["f"] == prog.symbols["d"] - 4 == prog.symbols["end"] - 12
    assert prog.segments[0].data == b"\x01" + struct.pack("<fd", 1.0, 2.0)
    assert prog.segments[0].addr + 1 == prog.symbols["f"]


def test_float_statements_share_a_line_with_others():
    data = section('.data\nx: .float 1.5 # c\ny: .double 2.5; .word 3 ; .float 1e3 // c\n'
                   '.ascii ".float 1e3" ; .byte 4\n')
    assert data == struct.pack("<fdIf", 1.5, 2.5, 3, 1000.0) + b".float 1e3\x04"


def test_float_in_macros_and_other_sections():
    src = (".macro constant name, value\n\\name: .float \\value\n.endm\n"
           ".rodata\nconstant half, 0.5\nconstant big, 1.0e30\n.bss\n.float 0.0\n.double 0\n")
    prog = assemble(src)
    ro = next(s for s in prog.segments if s.name == ".rodata")
    assert ro.data == struct.pack("<ff", 0.5, 1e30) and prog.symbols["big"] == ro.addr + 4
    assert next(s for s in prog.segments if s.name == ".bss").data == bytes(12)


def test_a_label_may_still_be_called_float():
    assert assemble(".float: nop\nj .float").symbols[".float"] == BASE


@pytest.mark.parametrize("src, col, message", [
    (".float", 7, "expected a floating-point number"),
    (".float 1,", 10, "expected a floating-point number"),
    (".float 1,,2", 10, "expected a floating-point number"),
    (".double 1.5 2", 13, "unexpected '2' after the operands"),
    (".float 1.5x", 8, "invalid floating-point number '1.5x'"),
    (".float 1e", 8, "invalid floating-point number '1e'"),
    (".double  0x10", 10, "invalid floating-point number '0x10' (a hexadecimal one needs a binary "
                          "exponent: 0x1.8p3 is 1.5 * 2**3)"),
    (".float PI", 8, "invalid floating-point number 'PI' (.float and .double take literal numbers, "
                     "inf or nan; not symbols)"),
    (".float 'a'", 8, "invalid floating-point number ''a''"),
    ("x: .float 1, 2, three", 17, "invalid floating-point number 'three' (.float and .double take "
                                  "literal numbers, inf or nan; not symbols)"),
])
def test_float_errors(src, col, message):
    assert error(".data\n" + src) == (2, col, message)


def test_nonzero_float_in_bss_and_error_after_it_on_the_line():
    assert error(".bss\n.float 1.0") == (2, 1, "non-zero data in .bss (only zeros may go there)")
    assert error(".data\n.float 1.0; addi a0, a0, 5000") == (2, 26, "immediate 5000 out of range "
                                                             "for addi: must be in [-2048, 2047]")
    assert error('.data\n.float 1.0; .ascii "open') == (2, 20, "unterminated string")


# -- .uleb128 and .sleb128 ------------------------------------------------------------------------

@pytest.mark.parametrize("value, encoded", [
    (0, "00"), (1, "01"), (127, "7f"), (128, "8001"), (624485, "e58e26"),
    (0xFFFFFFFF, "ffffffff0f"), (-1, "ffffffffffffffffff01"),       # as a 64-bit unsigned value
])
def test_uleb128(value, encoded):
    assert uleb128(value).hex() == encoded
    assert section(f".data\n.uleb128 {value}").hex() == encoded


@pytest.mark.parametrize("value, encoded", [
    (0, "00"), (-1, "7f"), (63, "3f"), (64, "c000"), (-64, "40"), (-65, "bf7f"), (-128, "807f"),
    (-123456, "c0bb78"), (0x7FFFFFFFFFFFFFFF, "ffffffffffffffffff00"),
    (-0x8000000000000000, "80" * 9 + "7f"),
])
def test_sleb128(value, encoded):
    assert sleb128(value).hex() == encoded
    assert section(f".data\n.sleb128 {value}").hex() == encoded


def test_leb128_of_symbols_and_label_differences():
    src = (".equ N, 300\n.data\na: .byte 1, 2, 3\nb: .uleb128 b - a, N, 2 * N\n.sleb128 a - b, -N\n"
           ".text\nf: nop\nnop\ng: ret\n.data\n.uleb128 g - f\n")
    assert section(src).hex() == "010203" + "03" + "ac02" + "d804" + "7d" + "d47d" + "08"


@pytest.mark.parametrize("src, line, col, message", [
    (".uleb128 end - start\nstart: .byte 1\nend:", 1, 14, "the value of .uleb128 must be known at "
     "this point (its size depends on it): define the labels and symbols it uses above it, labels "
     "in one section"),
    (".sleb128 N\n.equ N, 1", 1, 10, "the value of .sleb128 must be known at this point (its size "
     "depends on it): define the labels and symbols it uses above it, labels in one section"),
    ("x: .uleb128 x", 1, 13, ".uleb128 needs a constant, got an address (a difference of two "
                             "labels is a constant)"),
    (".uleb128", 1, 9, "expected an expression"),
    (".sleb128 1,", 1, 12, "expected an expression"),
    (".uleb128 1 / 0", 1, 12, "division by zero"),
])
def test_leb128_errors(src, line, col, message):
    assert error(".data\n" + src) == (line + 1, col, message)


def test_leb128_in_bss_takes_only_zeros():
    assert section(".bss\n.uleb128 0\n.sleb128 0", ".bss") == bytes(2)
    assert error(".bss\n.sleb128 -1")[2] == "non-zero data in .bss (only zeros may go there)"


# -- .org ----------------------------------------------------------------------------------------

def test_org_moves_forward_with_zeros_or_a_fill_byte():
    data = section(".data\n.byte 1\n.org 4\n.byte 2\n.org 8, 0xaa\n.byte 3\nd: .org d + 3, -1\n"
                   ".org ., 9\n.org 13\n")
    assert data.hex() == "01000000" "02aaaaaa" "03ffffff" "00"


def test_org_counts_from_the_start_of_each_input_section():
    prog = assemble(".text\nnop\n.org 12\nhere: ret\n.section .text.b\n.org 4\nthere: ret\n")
    text = prog.segments[0].data
    assert text[4:12] == bytes(8)                       # zeros, not nops, even in code
    assert prog.symbols["here"] == BASE + 12 and prog.symbols["there"] == BASE + 16 + 4


def test_org_in_bss():
    assert section(".bss\n.byte 0\n.org 12\nend:", ".bss") == bytes(12)
    assert error(".bss\n.org 4, 1")[2] == "non-zero data in .bss (only zeros may go there)"


@pytest.mark.parametrize("src, line, col, message", [
    (".byte 1, 2, 3\n.org 2", 2, 6, ".org 2 is behind the current offset 3 in section '.data' "
                                    "(.org cannot move backwards)"),
    (".org -1", 1, 6, ".org -1 is behind the current offset 0 in section '.data' (.org cannot "
                      "move backwards)"),
    (".org x\nx:", 1, 6, "value must be known at this point (it depends on a label or symbol "
                         "defined later)"),
    (".text\nt: nop\n.data\n.org t", 4, 6, ".org needs an offset in the current section '.data', got "
                                      "an address in '.text'"),
    (".org 4, 256", 1, 9, "fill value 256 out of range [-128, 255]"),
    (".org 4, 1, 2", 1, 10, "unexpected ',' after the operands"),
    (".org 0x10000000", 1, 6, ".org offset 268435456 out of range [0, 67108864]"),
])
def test_org_errors(src, line, col, message):
    assert error(".data\n" + src) == (line + 1, col, message)


# -- .comm and .lcomm -----------------------------------------------------------------------------

COMM_SRC = """\
    .text
_start:
    la    a0, buffer
    la    a1, table
    la    a2, counter
    ret
    .data
    .byte 1
    .comm buffer, 10, 8
    .comm table, 100
    .comm flag, 1
    .comm three, 3, 4
    .lcomm counter, 6
    .lcomm scratch, 5
    .byte 2
    .bss
    .byte 0
    .section .bss.more, "aw", @nobits
    .space 7
"""


def test_comm_goes_after_every_bss_section_and_lcomm_into_bss():
    prog = assemble(COMM_SRC)
    bss = next(s for s in prog.segments if s.name == ".bss")
    sym = {n: a - bss.addr for n, a in prog.symbols.items() if n != "_start"}
    # .bss: counter 0-5, scratch 6-10, the .byte 11; .bss.more 12-18; then the COMMON symbols
    assert sym == {"counter": 0, "scratch": 6, "buffer": 24, "table": 34, "flag": 134, "three": 136}
    assert len(bss.data) == 139 and not any(bss.data)
    assert next(s for s in prog.segments if s.name == ".data").data == b"\x01\x02"
    assert {"buffer", "table", "flag", "three"} <= prog.global_symbols
    assert "counter" not in prog.global_symbols


def test_comm_symbols_are_where_lld_puts_them(tmp_path):
    src = tmp_path / "comm.s"
    src.write_text(COMM_SRC)
    prog = assemble(COMM_SRC, str(src))
    result = build(zig(), src, linker_script(prog), tmp_path)
    assert result.elf is not None, result.log
    labels, globs = elf_symbols(result.elf)
    assert labels == prog.symbols and globs <= prog.global_symbols
    theirs = elf_sections(result.elf)
    ours = {s.name: (s.addr, s.data) for s in prog.segments}
    assert theirs[".text"] == ours[".text"] and theirs[".data"] == ours[".data"]
    # ...and LLVM's .bss only adds, past the last symbol, the "COMMON" section of its object file
    assert theirs[".bss"][0] == ours[".bss"][0] and len(theirs[".bss"][1]) > len(ours[".bss"][1])


def test_lcomm_takes_an_alignment_like_comm():
    prog = assemble(".bss\n.byte 0\n.lcomm a, 4, 8\n.lcomm b, 2, 2\n.lcomm c, 1")
    bss = prog.segments[0]
    assert (prog.symbols["a"] - bss.addr, prog.symbols["b"] - bss.addr, prog.symbols["c"] - bss.addr) == (8, 12, 14)


@pytest.mark.parametrize("src, line, col, message", [
    (".comm x, 4\n.comm x, 8", 2, 7, "duplicate label 'x' (first defined on line 1)"),
    ("x: nop\n.lcomm x, 4", 2, 8, "duplicate label 'x' (first defined on line 1)"),
    (".equ x, 3\n.comm x, 4", 2, 7, "'x' is already defined as a constant (line 1)"),
    (".comm x, 4\nx: nop", 2, 1, "duplicate label 'x' (first defined on line 1)"),
    (".comm 5, 4", 1, 7, "expected a symbol name"),
    (".comm a0, 4", 1, 7, "expected a symbol name"),
    (".comm x", 1, 8, "expected ',', got end of statement"),
    (".comm x, -1", 1, 10, "size -1 out of range [0, 67108864]"),
    (".comm x, 4, 3", 1, 13, "alignment 3 must be a power of 2 up to 16777216"),
    (".lcomm x, 4, 0", 1, 14, "alignment 0 must be a power of 2 up to 16777216"),
    (".comm x, y\ny = 3", 1, 10, "value must be known at this point (it depends on a label or "
                                 "symbol defined later)"),
    (".comm x, 4, 4, 4", 1, 14, "unexpected ',' after the operands"),
])
def test_comm_errors(src, line, col, message):
    assert error(src) == (line, col, message)


# -- .incbin -------------------------------------------------------------------------------------

DATA = bytes(range(10))


def test_incbin_whole_skip_and_count(tmp_path):
    (tmp_path / "d.bin").write_bytes(DATA)
    main = tmp_path / "main.s"
    main.write_text('.data\n.incbin "d.bin"\n.incbin "d.bin", 3\n.incbin "d.bin", 2, 4\n'
                    '.incbin "d.bin", 10\n.incbin "d.bin", 1, 0\nend:\n')
    data = section(main.read_text(), file=str(main))
    assert data == DATA + DATA[3:] + DATA[2:6]


def test_incbin_same_bytes_as_llvm(tmp_path):
    # LLVM finds the file from its working directory, which build() sets to tmp_path.
    (tmp_path / "d.bin").write_bytes(DATA)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.bin").write_bytes(b"\xff\xfe\xfd")
    src = tmp_path / "inc.s"
    src.write_text('.text\n_start: ret\n.incbin "d.bin", 8\n.balign 4\nnop\n.data\nx: .incbin "d.bin"\n'
                   '.incbin "sub/e.bin", 1, 1\ny: .incbin "d.bin", 2, 3\n.rodata\n.incbin "sub/e.bin"\n')
    prog = assemble(src.read_text(), str(src))
    result = build(zig(), src, linker_script(prog), tmp_path)
    assert result.elf is not None, result.log
    assert elf_sections(result.elf) == {s.name: (s.addr, s.data) for s in prog.segments}
    assert elf_symbols(result.elf)[0] == prog.symbols


def test_incbin_is_relative_to_the_file_that_names_it(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "font.bin").write_bytes(b"\x12\x34")
    (tmp_path / "lib" / "font.s").write_text('font: .incbin "font.bin"\n')
    main = tmp_path / "main.s"
    main.write_text('.data\n.include "lib/font.s"\n.incbin "lib/font.bin", 1\n')
    assert section(main.read_text(), file=str(main)) == b"\x12\x34\x34"


def test_incbin_errors(tmp_path):
    (tmp_path / "d.bin").write_bytes(DATA)
    main = tmp_path / "main.s"
    src = ('.data\n.incbin "missing.bin"\n.incbin "d.bin", 11\n.incbin "d.bin", 2, 9\n'
           '.incbin "d.bin", -1\n.incbin d.bin\n.incbin "d.bin", n\nn = 1\n.bss\n.incbin "d.bin"\n')
    main.write_text(src)
    got = [(e.line, e.col, e.message) for e in errors(src, str(main))]
    assert got[0][:2] == (2, 9)
    assert got[0][2].startswith("cannot read 'missing.bin': No such file or directory (looked in ")
    assert str(tmp_path) in got[0][2]
    assert got[1:] == [
        (3, 18, "skip 11 is past the end of 'd.bin' (10 bytes)"),
        (4, 21, "count 9 goes past the end of 'd.bin' (10 bytes, 8 after skipping 2)"),
        (5, 18, "skip -1 out of range [0, 67108864]"),
        (6, 9, 'expected a file name in double quotes: .incbin "file.bin"'),
        (7, 18, "value must be known at this point (it depends on a label or symbol defined later)"),
        (10, 1, "non-zero data in .bss (only zeros may go there)"),
    ]


def test_incbin_of_a_directory_is_an_error(tmp_path):
    main = tmp_path / "main.s"
    main.write_text('.incbin "."\n')
    line, col, message = error(main.read_text(), str(main))
    assert (line, col) == (1, 9) and message.startswith("cannot read '.': Is a directory")


# -- .insn (r and i formats) ---------------------------------------------------------------------

INSN_WORDS = [      # checked against clang -g0 (LLVM's .insn fails with debug information on)
    (".insn r 0x33, 0, 0, a0, a1, a2", 0x00C58533),              # add a0, a1, a2
    (".insn r OP, 0, 32, a0, a1, a2", 0x40C58533),               # sub
    (".insn r op, 1, 1, a0, a1, a2", 0x02C59533),                # mulh
    (".insn r CUSTOM_0, 7, 127, x31, x0, x5", 0xFE507F8B),
    (".insn r 0x34, 0, 0, a0, a1, a2", 0x00C58534),
    (".insn i 0x13, 0, a0, a1, -5", 0xFFB58513),                 # addi a0, a1, -5
    (".insn i OP_IMM, 0, a0, a1, 2047", 0x7FF58513),
    (".insn i LOAD, 2, a0, 8(a1)", 0x0085A503),                  # lw a0, 8(a1)
    (".insn i JALR, 0, ra, 0(t0)", 0x000280E7),                  # jalr ra, 0(t0)
    (".insn i 0x13, 0, a0, (a1)", 0x00058513),
]


@pytest.mark.parametrize("src, word", INSN_WORDS, ids=[s for s, _ in INSN_WORDS])
def test_insn_words(src, word):
    assert section(src, ".text") == word.to_bytes(4, "little")


def test_insn_same_words_as_llvm(tmp_path):
    src = tmp_path / "insn.s"
    names = ("LOAD LOAD_FP CUSTOM_0 MISC_MEM OP_IMM AUIPC OP_IMM_32 STORE STORE_FP CUSTOM_1 AMO OP "
             "LUI OP_32 MADD MSUB NMSUB NMADD OP_FP OP_V CUSTOM_2 BRANCH JALR JAL SYSTEM OP_VE CUSTOM_3")
    text = "".join(s + "\n" for s, _ in INSN_WORDS)
    text += "".join(f".insn r {n}, 5, 77, t1, s2, a7\n" for n in names.split())
    text += ".equ K, -2048\n.insn i 0x13, 0, a0, a1, K\n.insn i 0x13, 0, a0, a1, %lo(0x12345fff)\n"
    src.write_text(text)
    obj = tmp_path / "insn.o"
    cc = subprocess.run([zig(), "cc", *CC_FLAGS, "-g0", str(src), "-o", str(obj)],
                        capture_output=True, text=True, cwd=tmp_path)
    assert cc.returncode == 0, cc.stderr
    from elftools.elf.elffile import ELFFile
    with open(obj, "rb") as f:
        theirs = ELFFile(f).get_section_by_name(".text").data()
    assert section(text, ".text") == theirs


def test_insn_immediates_are_encoded_in_the_second_pass():
    prog = assemble(".insn i 0x13, 0, a0, a0, %lo(msg)\n.insn i 0x13, 0, a1, a1, end - start\n"
                    "start: nop\nend:\n.data\nmsg: .word 0")
    lo = ((prog.symbols["msg"] & 0xFFF) ^ 0x800) - 0x800
    text = prog.segments[0].data
    assert int.from_bytes(text[:4], "little") == 0x00050513 | (lo & 0xFFF) << 20
    assert int.from_bytes(text[4:8], "little") == 0x00458593
    assert prog.lines[BASE].text.startswith(".insn i")


@pytest.mark.parametrize("src, col, message", [
    (".insn r 0x33, 0, 0, a0, a1", 1, "'.insn r' takes 6 operands (.insn r opcode, func3, func7, "
                                      "rd, rs1, rs2), got 5"),
    (".insn i 0x13, 0, a0, a1, 1, 2", 1, "'.insn i' takes 5 operands (.insn i opcode, func3, rd, "
                                         "rs1, imm (or rd, imm(rs1))), got 6"),
    (".insn", 6, "expected an instruction format after .insn: vmlab takes '.insn r opcode, func3, "
                 "func7, rd, rs1, rs2' and '.insn i opcode, func3, rd, rs1, imm (or rd, imm(rs1))'"),
    (".insn s 0x23, 2, a0, 0(a1)", 7, "unsupported .insn format 's': vmlab takes '.insn r opcode, "
     "func3, func7, rd, rs1, rs2' and '.insn i opcode, func3, rd, rs1, imm (or rd, imm(rs1))'"),
    (".insn 0x13", 7, "unsupported .insn format '0x13': vmlab takes '.insn r opcode, func3, "
     "func7, rd, rs1, rs2' and '.insn i opcode, func3, rd, rs1, imm (or rd, imm(rs1))'"),
    (".insn r 128, 0, 0, a0, a1, a2", 9, "opcode 128 out of range [0, 127]"),
    (".insn r OPP, 0, 0, a0, a1, a2", 9, "unknown opcode 'OPP' (did you mean 'OP'?): give a number "
                                         "in [0, 127] or a name such as OP, OP_IMM, LOAD, STORE, "
                                         "SYSTEM, CUSTOM_0"),
    (".insn i 0x13, 8, a0, a1, 1", 15, "func3 8 out of range [0, 7]"),
    (".insn r 0x33, 0, 128, a0, a1, a2", 18, "func7 128 out of range [0, 127]"),
    (".insn r 0x33, 0, 0, a0, a1, 5", 29, "expected a register, got '5'"),
    (".insn i 0x13, 0, a0, a1, 2048", 26, "immediate 2048 out of range for .insn i: must be in "
                                          "[-2048, 2047]"),
    (".insn i 0x13, 0, a0, a1, x\nx:", 26, "an address cannot be used as the immediate of .insn i "
                                           "(use %lo(...), or la to load an address)"),
    (".insn i 0x13, 0, a0, 5(a9)", 24, "unknown register 'a9'"),
])
def test_insn_errors(src, col, message):
    assert error(src) == (1, col, message)


def test_insn_errors_keep_the_layout_and_bss_has_no_instructions():
    errs = errors(".insn r 0x33, 9, 0, a0, a1, a2\n.org 3")     # the bad .insn still takes 4 bytes
    assert [(e.line, e.message) for e in errs] == [
        (1, "func3 9 out of range [0, 7]"),
        (2, ".org 3 is behind the current offset 4 in section '.text' (.org cannot move backwards)")]
    assert error(".bss\n.insn r 0x33, 0, 0, a0, a1, a2") == (2, 1, "instructions are not allowed in .bss")


def test_only_reloc_is_left_unsupported():
    assert UNSUPPORTED == {".reloc"}
    assert error(".reloc 0, R_RISCV_NONE") == (1, 1, "directive '.reloc' is not supported by "
                                                     "vmlab's assembler")
