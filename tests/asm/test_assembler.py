"""Unit tests of vmlab.asm: encodings (words checked against LLVM), directives, layout, Program fields."""
from __future__ import annotations

import pytest

from vmlab.asm import AssemblerError, assemble
from vmlab.asm.pseudo import li_sequence
from vmlab.program import SourceLine

BASE = 0x80000000


def words(src: str, section: str = ".text") -> list[int]:
    seg = next(s for s in assemble(src).segments if s.name == section)
    return [int.from_bytes(seg.data[k:k + 4], "little") for k in range(0, len(seg.data), 4)]


def data(src: str, section: str = ".data") -> bytes:
    return next(s for s in assemble(src).segments if s.name == section).data


# Expected words produced by clang -c -target riscv32 -mno-relax (LLVM 19, via ziglang).
LLVM_WORDS = [
    ("nop", [0x00000013]),
    ("ret", [0x00008067]),
    ("mv a0, a1", [0x00058513]),
    ("not a0, a1", [0xFFF5C513]),
    ("neg a0, a1", [0x40B00533]),
    ("seqz a0, a1", [0x0015B513]),
    ("snez a0, a1", [0x00B03533]),
    ("zext.b a0, a1", [0x0FF5F513]),
    ("sgt a0, a1, a2", [0x00B62533]),
    ("beqz a0, 8", [0x00050463]),
    ("bgt a0, a1, -8", [0xFEA5CCE3]),
    ("jal 16", [0x010000EF]),
    ("j -4", [0xFFDFF06F]),
    ("jalr a0", [0x000500E7]),
    ("jr ra", [0x00008067]),
    ("lw a0, 4(sp)", [0x00412503]),
    ("sw ra, 12(sp)", [0x00112623]),
    ("csrr a0, mstatus", [0x30002573]),
    ("csrw mtvec, t0", [0x30529073]),
    ("csrwi mstatus, 8", [0x30045073]),
    ("csrw mstatus, 8", [0x30045073]),
    ("rdcycle a0", [0xC0002573]),
    ("fence", [0x0FF0000F]),
    ("fence.i", [0x0000100F]),
    ("ecall", [0x00000073]),
    ("sfence.vma", [0x12000073]),
    ("unimp", [0xC0001073]),
    ("li a0, 0x12345678", [0x12345537, 0x67850513]),
    ("li a0, 0x800", [0x00100513, 0x00B51513]),
    ("li t0, 0x1800", [0x00300293, 0x00B29293]),
    ("li a0, 0x80000000", [0x80000537]),
    ("li a0, -2048", [0x80000513]),
    ("li a0, 0xfffff800", [0x80000513]),
    ("li a0, 0x7ffff800", [0x80000537, 0x80050513]),
    ("la a0, 0x1000", [0x00001537]),
    ("la a0, 1f\n1:", [0x00000517, 0x00850513]),
    ("lw a0, 1f\n1:", [0x00000517, 0x00852503]),
    ("sw a0, 1f, t0\n1:", [0x00000297, 0x00A2A423]),
    ("jump 1f, t2\n1:", [0x00000397, 0x00838067]),
    ("tail f\nf:", [0x00000317, 0x00830067]),
    ("call f\nf:", [0x00000097, 0x008080E7]),
    ("call t0, f\nf:", [0x00000297, 0x008282E7]),
    ("beq a0, a1, f\nnop\nf:", [0x00B50463, 0x00000013]),
    ("lui a0, %hi(0x12345800)\naddi a0, a0, %lo(0x12345800)", [0x12346537, 0x80050513]),
    ("nop\n1: auipc a0, %pcrel_hi(d)\naddi a0, a0, %pcrel_lo(1b)\nd: .word 5",
     [0x00000013, 0x00000517, 0x00850513, 0x00000005]),
    (".align 3\nnop\n.byte 1\n.align 3\nnop", [0x00000013, 0x00010001, 0x00000013]),
]


@pytest.mark.parametrize("src, expected", LLVM_WORDS, ids=[s for s, _ in LLVM_WORDS])
def test_words_match_llvm(src, expected):
    assert words(src) == expected


@pytest.mark.parametrize("value, seq", [
    (0, [("addi", 0)]),
    (2047, [("addi", 2047)]),
    (-2048, [("addi", -2048)]),
    (0x1000, [("lui", 1)]),
    (0x12345000, [("lui", 0x12345)]),
    (0x12345678, [("lui", 0x12345), ("addi", 0x678)]),
    (0x12345FFF, [("lui", 0x12346), ("addi", -1)]),        # the %hi carry
    (0x800, [("addi", 1), ("slli", 11)]),                   # small number shifted: LLVM's choice
    (-6144, [("addi", -3), ("slli", 11)]),
    (0xFE0, [("lui", 1), ("addi", -32)]),                   # 127 does not fit 6 bits
    (0xFFFFFFFF, [("addi", -1)]),                           # 32-bit values wrap to signed
    (0x80000000, [("lui", 0x80000)]),
    (0x7FFFFFFF, [("lui", 0x80000), ("addi", -1)]),
])
def test_li_sequence(value, seq):
    assert li_sequence(value) == seq


def test_branch_numbers_are_offsets_and_labels_are_targets():
    assert words("beq a0, a1, 8") == words("beq a0, a1, f\nnop\nf:")[:1]
    assert words("nop\nback: beq a0, a1, back") == [0x13, 0x00B50063]
    assert words(".equ OFF, 8\nbeq a0, a1, OFF") == [0x00B50463]     # a constant: an offset
    assert words("bnez a0, f\n.space 4088\nf:")[0] == 0x7E051EE3      # +4094 is the limit...
    assert words("f: .space 4096\nbeqz a0, f")[-1] == 0x80050063      # ...and -4096


def test_local_labels_nearest_definition():
    src = "1: j 1f\n   j 1b\n1: j 1b\n   j 2f\n2: j 1b"
    # a label on the instruction's own line counts as "before" it (as in gas and LLVM)
    assert words(src) == [0x0080006F, 0xFFDFF06F, 0x0000006F, 0x0040006F, 0xFF9FF06F]


def test_forward_references_everywhere():
    prog = assemble("""
        la   a0, table
        li   a1, end - table
        j    done
    done:
        ret
        .data
    table: .word done, end
    end:
    """)
    text, dat = prog.segments
    assert int.from_bytes(dat.data[:4], "little") == prog.symbols["done"]
    assert int.from_bytes(dat.data[4:], "little") == prog.symbols["end"] == dat.addr + 8
    assert words("li a1, e - s\ns: .word 1, 2\ne:") [0] == 0x00800593   # forward: one addi


def test_hi_lo_of_labels():
    prog = assemble("lui a0, %hi(v)\naddi a0, a0, %lo(v)\n.data\n.space 0x900\nv: .word 1")
    v = prog.symbols["v"]
    lui, addi = words("lui a0, %hi(v)\naddi a0, a0, %lo(v)\n.data\n.space 0x900\nv: .word 1")[:2]
    assert ((lui >> 12) << 12) + ((addi >> 20) ^ 0x800) - 0x800 == v


# -- Program fields ---------------------------------------------------------------------------------

def test_program_layout_symbols_entry_lines():
    src = (".data\nd: .byte 1\n.text\n.globl _start\n_start: li a0, 0x12345678\n"
           "  ecall\n.section .rodata\nr: .asciz \"hi\"\n.bss\n.p2align 4\nb: .space 8\n.equ K, 3\n")
    prog = assemble(src, "prog.s")
    assert [(s.name, s.addr, len(s.data), s.flags) for s in prog.segments] == [
        (".text", BASE, 12, "rx"),
        (".rodata", BASE + 12, 3, "r"),
        (".data", BASE + 16, 1, "rw"),             # aligned to 4 after .rodata's 3 bytes
        (".bss", BASE + 32, 8, "rw"),              # aligned to its .p2align 4
    ]
    assert prog.segments[3].data == bytes(8)
    assert prog.symbols == {"d": BASE + 16, "_start": BASE, "r": BASE + 12, "b": BASE + 32}
    assert "K" not in prog.symbols                 # a constant, not an address
    assert prog.global_symbols == {"_start"}
    assert prog.entry == BASE
    assert prog.name == "prog.s" and prog.source == src
    line = SourceLine("prog.s", 5, "_start: li a0, 0x12345678")
    assert prog.lines[BASE] == line and prog.lines[BASE + 4] == line   # both words of li
    assert prog.lines[BASE + 8] == SourceLine("prog.s", 6, "  ecall")
    assert prog.lines[BASE + 12].line == 8
    assert prog.lines[BASE + 16].line == 2


def test_entry_point_rules():
    assert assemble("nop\nmain: nop").entry == BASE + 4
    assert assemble("nop\nmain: nop\n_start: nop").entry == BASE + 8
    assert assemble(".data\n.word 1\n.text\nnop").entry == BASE
    assert assemble("nop", base=0x1000).entry == 0x1000


def test_base_address_and_empty_sections():
    prog = assemble("nop\n.data\n.bss\n", base=0x2000)
    assert [(s.name, s.addr) for s in prog.segments] == [(".text", 0x2000)]
    assert assemble("").segments == []
    with pytest.raises(ValueError):
        assemble("nop", base=0x1002)


def test_data_lines_map_every_element():
    prog = assemble(".data\n.word 1, 2\n.ascii \"ab\"\n.space 4")
    d = prog.segments[0].addr
    assert sorted(a - d for a in prog.lines) == [0, 4, 8, 10]


def test_input_sections_are_grouped_in_order_of_first_appearance():
    prog = assemble(".section .text.b, \"ax\"\nb: nop\n.text\na: nop\n.section .text.b\nc: nop\n"
                    ".section .sdata\ns: .byte 1\n.data\nd: .byte 2\n.section .sbss\nz: .byte 0\n")
    sym = prog.symbols
    assert sym["a"] == BASE                        # .text always comes first
    assert (sym["b"], sym["c"]) == (BASE + 4, BASE + 8)
    assert [s.name for s in prog.segments] == [".text", ".data", ".bss"]
    assert (sym["s"], sym["d"]) == (BASE + 12, BASE + 13)
    assert sym["z"] == BASE + 16


def test_section_stack_and_previous():
    prog = assemble("a: nop\n.pushsection .data\nd: .word 1\n.popsection\nb: nop\n"
                    ".data\n.previous\nc: nop")
    assert (prog.symbols["b"], prog.symbols["c"]) == (BASE + 4, BASE + 8)


# -- Directives -------------------------------------------------------------------------------------

def test_data_directives():
    assert data(".data\n.byte 1, -1, 255\n.half -2, 0x1234\n.word 0xdeadbeef\n.dword -2") == bytes.fromhex(
        "01ffff" "feff3412" "efbeadde" "feffffffffffffff")
    assert data(".data\n.short 1\n.2byte 2\n.long 3\n.int 4\n.4byte 5\n.quad 6\n.8byte 7") == bytes.fromhex(
        "0100" "0200" "03000000" "04000000" "05000000" "0600000000000000" "0700000000000000")


def test_strings_and_escapes():
    assert data('.data\n.ascii "a\\n\\t\\\\\\"\\x41\\101\\0\\b\\f\\r\\\'"') == b'a\n\t\\"AA\0\b\f\r\''
    assert data('.data\n.asciz "ab", "c"\n.string "d"') == b"ab\0c\0d\0"
    assert data('.data\n.ascii "h\u00e9"') == "h\u00e9".encode()


def test_space_zero_fill():
    assert data(".data\n.space 3\n.zero 2, 7\n.skip 1, 0xff") == bytes(3) + b"\7\7\xff"
    assert data(".data\n.fill 2, 2, 0x1234\n.fill 1, 8, -1\n.fill 2") == bytes.fromhex(
        "34123412" "ffffffff00000000" "0000")


def test_alignment():
    # In code: LLVM's padding (a zero byte, c.nop, then nops); elsewhere zeros or the fill byte.
    assert words("nop\n.byte 1\n.balign 16\nnop") == [0x13, 0x00010001, 0x13, 0x13, 0x13]
    assert data(".data\n.byte 1\n.align 2\n.byte 2\n.balign 8, 0xee\n.byte 3") == bytes.fromhex(
        "01000000" "02eeeeee" "03")
    # max skip: pad only when it takes at most that many bytes
    assert data(".data\n.byte 1\n.p2align 3,,3\n.byte 2\n.p2align 2,,3\n.byte 3") == bytes.fromhex("0102000003")
    prog = assemble("nop\n.data\n.byte 1\n.p2align 6\n.byte 2")
    assert prog.segments[1].addr == BASE + 64     # the section takes its largest alignment


def test_constants():
    src = (".equ A, 5\n.set B, A * 2\nC = B + 1\n.set B, B + 100\n"
           "addi a0, zero, A\naddi a0, zero, B\naddi a0, zero, C\naddi a0, zero, LATER\n.equ LATER, 7")
    assert [w >> 20 for w in words(src)] == [5, 110, 11, 7]
    assert assemble(".equ X, 1\nnop").symbols == {}


def test_eqv_as_rars_and_gnu_as_write_it():
    # RARS programs name their system calls with .eqv; GNU as accepts it too (defined once)
    src = ".eqv PRINT_INT, 1\n.eqv EXIT, PRINT_INT + 9\nli a7, PRINT_INT\nli a7, EXIT"
    assert [w >> 20 for w in words(src)] == [1, 10]


@pytest.mark.parametrize("expr, value", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9),
    ("4 + 6 & 3", 6),                  # GNU precedence: & binds tighter than +
    ("7 | 8 ^ 3", 12),                 # | ^ & share one level, left to right
    ("1 << 4 + 1", 17),
    ("-16 / 3", -5), ("-16 % 3", -1), ("16 / -3", -5), ("16 % -3", 1),   # truncation
    ("-16 >> 60", 15),                 # logical shift on 64 bits
    ("~0", -1), ("-(-5)", 5), ("+7", 7), ("- - 3", 3),
    ("0x1F", 31), ("0b101", 5), ("017", 15), ("0o17", 15), ("'a'", 97), ("'\\n'", 10),
    ("'\\0'", 0), ("'\\''", 39), ("%lo(0xfff)", -1), ("%hi(0xfff)", 1),
])
def test_expressions(expr, value):
    assert int.from_bytes(data(f".data\n.dword {expr}"), "little", signed=True) == value


def test_location_counter():
    prog = assemble(".data\na: .word .\n.word ., .\n.word . - a")
    d = prog.segments[0]
    vals = [int.from_bytes(d.data[k:k + 4], "little") for k in range(0, 16, 4)]
    assert vals == [d.addr, d.addr + 4, d.addr + 8, 12]
    assert words("j .") == [0x0000006F]


def test_comments_separators_and_crlf():
    src = "addi a0, a0, 1 # c\r\naddi a0, a0, 2 // c\r\n/* x\r\n y */ addi a0, a0, 3 ; nop ; nop\r\n"
    assert words(src) == [0x00150513, 0x00250513, 0x00350513, 0x13, 0x13]
    prog = assemble(src)
    assert prog.lines[BASE].text == "addi a0, a0, 1 # c"


def test_registers_and_case():
    assert words("add x10, x11, x12\nadd a0, a1, a2\nADD A0, A1, A2\nmv fp, s0\nmv x8, s0") == [
        0x00C58533] * 3 + [0x00040413] * 2
    assert words("csrr a0, MSTATUS\ncsrr a0, 0x300") == [0x30002573] * 2


def test_ignored_directives_and_end():
    src = (".file \"x\"\n.option norvc\n.attribute arch, \"rv32i\"\n.type f, @function\nf: nop\n"
           ".size f, .-f\n.ident \"x\"\n.end\nthis is not assembled")
    assert words(src) == [0x13]


def test_globl_and_weak():
    prog = assemble(".globl a, b\n.global c\n.weak d\na: nop")
    assert prog.global_symbols == {"a", "b", "c", "d"}


def test_every_error_is_an_assembler_error():
    with pytest.raises(AssemblerError) as info:
        assemble("nop\nbogus a0\n")
    assert isinstance(info.value, Exception)
    assert [(d.line, d.col) for d in info.value.errors] == [(2, 1)]
